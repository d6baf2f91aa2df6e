import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, eachContainer, effectiveSetting } from "./_workloads";

const CONFINED = new Set(["RuntimeDefault", "Localhost"]);

export const ztK8s012 = defineRule({
  id: "ZT-K8S-012",
  title: "Container runs without a RuntimeDefault or Localhost seccomp profile",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "Without a seccomp profile a container runs Unconfined and can call every system call of the shared kernel, " +
    "including the rarely used ones behind most container escapes. A syscall filter shrinks the attack surface " +
    "between the workload and the node.",
  remediation:
    'Set security_context.seccomp_profile.type = "RuntimeDefault" (or "Localhost" with localhost_profile) in the ' +
    "pod-level security_context, or on every container.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["CM-7", "SC-39"],
    cis: ["5.7.2"],
    checkov: ["CKV_K8S_31", "CKV_K8S_32"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    return eachContainer(r, model, (c, pod) => {
      const { val, from } = effectiveSetting(c, pod, "seccomp_profile.type");
      if (val.kind === "unknown") return unknown(`seccomp profile of ${c.label} is computed at apply time`, c.item);
      if (val.kind === "absent") return fail(`${c.label} has no seccomp profile at container or pod level (runs Unconfined)`, c.item);
      const type = String(val.value);
      if (CONFINED.has(type)) return pass(c.item);
      return fail(`${c.label} uses seccomp profile "${type}" (set at ${from} level)`, c.item);
    });
  },
});
