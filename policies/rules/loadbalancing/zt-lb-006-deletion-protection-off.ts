import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { LB_TYPES } from "./_lb";

export const ztLb006 = defineRule({
  id: "ZT-LB-006",
  title: "Load balancer deletion protection is off",
  severity: "low",
  domain: "loadbalancing",
  rationale:
    "Deleting the load balancer removes the enforcement point (TLS policy, WAF, authentication actions) in front " +
    "of the service, and DNS names that still point at the released hostname can be misrouted. Protection makes " +
    "that change a deliberate, two-step decision.",
  remediation: "Set enable_deletion_protection = true on the aws_lb.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CM-3", "SC-5"],
    checkov: ["CKV_AWS_150"],
    cdkNag: ["HIPAA.Security-ELBDeletionProtectionEnabled"],
    securityHub: ["ELB.6"],
  },
  resourceTypes: LB_TYPES,
  check(r) {
    const v = r.get("enable_deletion_protection");
    if (v.kind === "unknown") return unknown("enable_deletion_protection is computed at apply time");
    if (r.bool("enable_deletion_protection") === true) return pass();
    return fail(`enable_deletion_protection is ${v.kind === "known" ? String(v.value) : "unset (false)"}`);
  },
});
