import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { LB_TYPES, lbType } from "./_lb";

export const ztLb007 = defineRule({
  id: "ZT-LB-007",
  title: "Application load balancer only monitors HTTP desync attacks",
  severity: "low",
  domain: "loadbalancing",
  rationale:
    "In monitor mode the load balancer forwards ambiguous requests that enable HTTP request smuggling, letting " +
    "an attacker slip requests past the controls in front of the targets. Defensive (the default) or strictest " +
    "mode blocks them at the enforcement point.",
  remediation: "Remove desync_mitigation_mode or set it to \"defensive\" or \"strictest\".",
  references: {
    nist800207: ["Tenet 4"],
    nist80053: ["SI-10", "SC-7"],
    checkov: ["CKV_AWS_328"],
    securityHub: ["ELB.12"],
  },
  resourceTypes: LB_TYPES,
  check(r) {
    const type = lbType(r);
    if (type === undefined) return unknown("load_balancer_type is computed at apply time");
    if (type !== "application") return na(`${type} load balancer does not parse HTTP requests`);
    const v = r.get("desync_mitigation_mode");
    if (v.kind === "unknown") return unknown("desync_mitigation_mode is computed at apply time");
    const mode = v.kind === "known" ? String(v.value).toLowerCase() : "defensive";
    return mode === "defensive" || mode === "strictest" ? pass() : fail(`desync_mitigation_mode is "${mode}"`, `DesyncMode::${mode}`);
  },
});
