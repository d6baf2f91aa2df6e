import { defineRule } from "../../engine/outcome";
import { LB_TYPES } from "./_lb";
import { blockSpread, listSpread, spreadOutcome } from "./_zones";

export const ztLb014 = defineRule({
  id: "ZT-LB-014",
  title: "Application, Network or Gateway Load Balancer spans fewer than two Availability Zones",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "A load balancer in one Availability Zone is a single point of failure: the loss of the zone, or the isolation of " +
    "its hosts during an incident, takes the service down, and so does the enforcement point (TLS, WAF, authentication) " +
    "it carries. AWS Security Hub control ELB.13 (Application, Network and Gateway Load Balancers should span multiple " +
    "Availability Zones), with its default of two zones. Elastic Load Balancing takes one subnet per zone, so the " +
    "subnets (or subnet_mapping blocks) count the zones.",
  remediation: "Give the aws_lb subnets (or subnet_mapping blocks) in at least two Availability Zones.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CP-2(2)", "CP-10", "SC-5", "SC-36"],
    securityHub: ["ELB.13"],
  },
  resourceTypes: LB_TYPES,
  check(lb) {
    const bySubnets = listSpread(lb, "subnets");
    return spreadOutcome(bySubnets.kind !== "absent" ? bySubnets : blockSpread(lb, "subnet_mapping", "subnet_id"), "subnets or subnet_mapping");
  },
});
