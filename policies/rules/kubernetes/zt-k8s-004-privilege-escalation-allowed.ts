import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, eachContainer } from "./_workloads";

export const ztK8s004 = defineRule({
  id: "ZT-K8S-004",
  title: "Container does not set allowPrivilegeEscalation to false",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "Unless allow_privilege_escalation is explicitly false, Kubernetes (and the Terraform provider's default) lets " +
    "a process gain more privileges than its parent through setuid binaries or file capabilities, turning a " +
    "foothold into root inside the container.",
  remediation: "Set security_context.allow_privilege_escalation = false on every container and init container.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-6", "AC-6(10)"],
    cis: ["5.2.6"],
    checkov: ["CKV_K8S_20"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r) {
    return eachContainer(r, (c) => {
      const v = c.view.get("security_context.allow_privilege_escalation");
      if (v.kind === "unknown") return unknown(`allow_privilege_escalation of ${c.label} is computed at apply time`, c.item);
      if (v.kind === "known" && (v.value === false || v.value === "false")) return pass(c.item);
      if (v.kind === "absent") return fail(`${c.label} does not set allow_privilege_escalation (defaults to true)`, c.item);
      return fail(`${c.label} sets allow_privilege_escalation = ${String(v.value)}`, c.item);
    });
  },
});
