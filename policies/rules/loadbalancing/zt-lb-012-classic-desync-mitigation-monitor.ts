import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { CLASSIC_TYPES } from "./_elb";

export const ztLb012 = defineRule({
  id: "ZT-LB-012",
  title: "Classic Load Balancer only monitors HTTP desync attacks",
  severity: "low",
  domain: "loadbalancing",
  rationale:
    "In monitor mode the load balancer forwards ambiguous requests that enable HTTP request smuggling, letting an " +
    "attacker slip requests past the controls in front of the instances. Defensive (the default) or strictest mode " +
    "blocks them at the enforcement point. AWS Security Hub control ELB.14 (Classic Load Balancer should be configured " +
    "with defensive or strictest desync mitigation mode); ZT-LB-007 judges the Application Load Balancers.",
  remediation: "Remove desync_mitigation_mode from the aws_elb or set it to \"defensive\" or \"strictest\".",
  references: {
    nist800207: ["Tenet 4"],
    nist80053: ["SI-10", "SC-7"],
    securityHub: ["ELB.14"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb) {
    const v = elb.configuredValue("desync_mitigation_mode");
    if (v.kind === "unknown") return unknown("desync_mitigation_mode is computed at apply time");
    const mode = v.kind === "known" ? String(v.value).toLowerCase() : "defensive";
    return mode === "defensive" || mode === "strictest" ? pass() : fail(`desync_mitigation_mode is "${mode}"`, `DesyncMode::${mode}`);
  },
});
