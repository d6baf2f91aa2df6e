import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztSec009 = defineRule({
  id: "ZT-SEC-009",
  title: "Secret is deleted immediately, without a recovery window",
  severity: "low",
  domain: "secrets",
  rationale:
    "`recovery_window_in_days = 0` deletes the secret at once, with no way to restore it if the deletion was a mistake or an attack; zero trust assumes breach and keeps destructive changes recoverable.",
  remediation: "Leave `recovery_window_in_days` unset (AWS default 30) or set it between 7 and 30.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CP-9", "SI-12"],
  },
  resourceTypes: ["aws_secretsmanager_secret"],
  check(resource) {
    const v = resource.get("recovery_window_in_days");
    if (v.kind === "absent") return pass();
    if (v.kind === "unknown") return unknown("recovery_window_in_days is not known until apply");
    return resource.num("recovery_window_in_days") === 0 ? fail("recovery_window_in_days is 0: the secret is deleted without recovery") : pass();
  },
});
