import { defineRule } from "../../engine/outcome";
import { CLASSIC_TYPES, requireTrue } from "./_elb";

export const ztLb010 = defineRule({
  id: "ZT-LB-010",
  title: "Classic Load Balancer does not drain connections",
  severity: "low",
  domain: "loadbalancing",
  rationale:
    "Without connection draining, a Classic Load Balancer cuts the open requests of an instance the moment it is " +
    "deregistered or fails its health check: replacing a compromised or unpatched host then drops clients mid-request, " +
    "which pushes teams to postpone the replacement. Zero trust assumes hosts are replaced often. AWS Security Hub " +
    "control ELB.7 (Classic Load Balancers should have connection draining enabled). The provider default is false.",
  remediation: "Set connection_draining = true (and connection_draining_timeout, 300 seconds by default) on the aws_elb.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CP-10", "SC-5"],
    securityHub: ["ELB.7"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb) {
    return requireTrue(elb, "connection_draining", false, "requests in flight are cut when an instance leaves");
  },
});
