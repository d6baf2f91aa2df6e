import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { LB_TYPES, internetFacing, lbType } from "./_lb";

export const ztLb004 = defineRule({
  id: "ZT-LB-004",
  title: "Internet-facing application load balancer is not protected by a WAF web ACL",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "An internet-facing ALB is the policy enforcement point in front of its applications. Without a web ACL, " +
    "injection payloads, credential stuffing and abusive bots reach the targets unfiltered; zero trust evaluates " +
    "every request at the edge with rules that can change as threats do.",
  remediation:
    "Associate an AWS WAFv2 web ACL (scope REGIONAL) with the load balancer: aws_wafv2_web_acl_association with " +
    "resource_arn = the load balancer's arn. Internal load balancers are not checked.",
  references: {
    nist800207: ["Tenet 4", "Tenet 5"],
    nist80053: ["SC-7", "SI-3", "SI-4"],
    checkov: ["CKV2_AWS_28"],
    cdkNag: ["PCI.DSS.321-ALBWAFEnabled"],
  },
  resourceTypes: LB_TYPES,
  check(r, model) {
    const type = lbType(r);
    if (type === undefined) return unknown("load_balancer_type is computed at apply time");
    if (type !== "application") return na(`${type} load balancers cannot be associated with AWS WAF`);
    const external = internetFacing(r);
    if (external === false) return na("internal load balancer");
    const assoc = [
      ...model.referrers(r, "aws_wafv2_web_acl_association", "resource_arn"),
      ...model.referrers(r, "aws_wafregional_web_acl_association", "resource_arn"),
    ];
    if (assoc.length > 0) return pass();
    if (external === undefined) return unknown("internal is computed at apply time and no web ACL is associated");
    return fail("internet-facing ALB has no aws_wafv2_web_acl_association referencing it");
  },
});
