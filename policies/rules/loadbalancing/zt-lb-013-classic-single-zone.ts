import { defineRule } from "../../engine/outcome";
import { CLASSIC_TYPES } from "./_elb";
import { listSpread, spreadOutcome } from "./_zones";

export const ztLb013 = defineRule({
  id: "ZT-LB-013",
  title: "Classic Load Balancer spans fewer than two Availability Zones",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "A load balancer in one Availability Zone is a single point of failure: the loss of the zone, or the isolation of " +
    "its hosts during an incident, takes the service down. AWS Security Hub control ELB.10 (Classic Load Balancer " +
    "should span multiple Availability Zones), with its default of two zones. A Classic Load Balancer takes one subnet " +
    "per zone, so its subnets count its zones.",
  remediation: "Give the aws_elb at least two availability_zones, or subnets in at least two Availability Zones.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CP-2(2)", "CP-10", "SC-5", "SC-36"],
    securityHub: ["ELB.10"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb) {
    const bySubnets = listSpread(elb, "subnets");
    return spreadOutcome(bySubnets.kind !== "absent" ? bySubnets : listSpread(elb, "availability_zones"), "availability_zones or subnets");
  },
});

