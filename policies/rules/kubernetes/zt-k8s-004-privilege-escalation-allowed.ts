import { defineRule } from "../../engine/outcome";
import { WORKLOAD_TYPES, requireContainerFlag } from "./_workloads";

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
  check(r, model) {
    return requireContainerFlag(r, model, "allow_privilege_escalation", false);
  },
});
