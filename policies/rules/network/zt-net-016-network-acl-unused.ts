import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { fromOutside } from "./_values";

/**
 * Whether an `aws_network_acl` governs a subnet: through its own `subnet_ids`, or an `aws_network_acl_association`
 * whose `network_acl_id` references it.
 */
function usage(acl: Resource, model: Model): Outcome {
  if (model.referrers(acl, "aws_network_acl_association", "network_acl_id").length > 0) return pass();
  const subnets = acl.getConfigured("subnet_ids");
  if (subnets.kind === "known") {
    if (Array.isArray(subnets.value) && subnets.value.length > 0) return pass();
    return fail("the network ACL is associated with no subnet: subnet_ids is empty and no aws_network_acl_association references it", "Subnets");
  }
  if (subnets.kind === "unknown") {
    // Subnet ids of this configuration's subnets are unknown until apply, but there are some; a variable may be empty.
    if (!fromOutside(subnets.refs)) return pass();
    return unknown("subnet_ids comes from outside the configuration; it may be empty", "Subnets");
  }
  return fail("the network ACL is associated with no subnet: it sets no subnet_ids and no aws_network_acl_association references it", "Subnets");
}

export const ztNet016 = defineRule({
  id: "ZT-NET-016",
  title: "Network ACL is associated with no subnet",
  severity: "low",
  domain: "network",
  rationale:
    "A network ACL that governs no subnet filters nothing, yet it reads like a boundary: reviewers and auditors take its deny entries for protection that no traffic meets, and whoever later associates it with a subnet applies rules nobody has reviewed for that subnet. Zero trust keeps the inventory of enforcement points exact, so every ACL in the configuration is one that some subnet is governed by. The default network ACL is left to ZT-NET-005, as AWS Security Hub control EC2.16 leaves it out.",
  remediation:
    "Associate the network ACL with the subnets it is written for (subnet_ids, or an aws_network_acl_association per subnet, as the ZT Blueprint SegmentedNetwork does for each tier), or remove it.",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["CM-8(1)", "SC-7"],
    checkov: ["CKV2_AWS_1"],
    securityHub: ["EC2.16"],
  },
  resourceTypes: ["aws_network_acl"],
  check: usage,
});
