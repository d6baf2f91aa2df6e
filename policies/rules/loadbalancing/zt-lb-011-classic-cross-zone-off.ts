import { defineRule } from "../../engine/outcome";
import { CLASSIC_TYPES, requireTrue } from "./_elb";

export const ztLb011 = defineRule({
  id: "ZT-LB-011",
  title: "Classic Load Balancer does not balance across Availability Zones",
  severity: "low",
  domain: "loadbalancing",
  rationale:
    "Without cross-zone load balancing each load balancer node sends traffic only to the instances of its own " +
    "Availability Zone: taking the hosts of one zone out (to isolate or replace them) overloads or blacks out that " +
    "zone's share of clients. AWS Security Hub control ELB.9 (Classic Load Balancers should have cross-zone load " +
    "balancing enabled). The provider default is true.",
  remediation: "Remove cross_zone_load_balancing from the aws_elb or set it to true.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CP-10", "SC-5"],
    checkov: ["CKV_AWS_138"],
    securityHub: ["ELB.9"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb) {
    return requireTrue(elb, "cross_zone_load_balancing", true, "each zone's clients reach only that zone's instances");
  },
});
