import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, eachContainer, effectiveSetting } from "./_workloads";

export const ztK8s005 = defineRule({
  id: "ZT-K8S-005",
  title: "Container may run as root",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "A process running as UID 0 inside a container is root on the host's kernel: any container breakout, " +
    "mounted host path or kernel flaw is exploited with full privileges. run_as_non_root makes the kubelet " +
    "refuse to start the container as root, whatever the image says.",
  remediation:
    "Set security_context.run_as_non_root = true (pod-level security_context applies to every container unless " +
    "a container overrides it) and a non-zero run_as_user; never set run_as_user = 0.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-6", "AC-6(2)"],
    cis: ["5.2.7"],
    checkov: ["CKV_K8S_23"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    return eachContainer(r, model, (c, pod) => {
      const user = effectiveSetting(c, pod, "run_as_user");
      const nonRoot = effectiveSetting(c, pod, "run_as_non_root");
      if (user.val.kind === "known" && Number(user.val.value) === 0 && String(user.val.value).trim() !== "")
        return fail(`${c.label} runs as UID 0 (run_as_user = 0 set at ${user.from} level)`, c.item);
      if (nonRoot.val.kind === "unknown") return unknown(`run_as_non_root of ${c.label} is computed at apply time`, c.item);
      const v = nonRoot.val.kind === "known" ? nonRoot.val.value : undefined;
      if (v === true || v === "true") return pass(c.item);
      if (v === false || v === "false") return fail(`${c.label} sets run_as_non_root = false at ${nonRoot.from} level`, c.item);
      const uid = user.val.kind !== "absent" ? "; run_as_user alone is not checked by the kubelet" : "";
      return fail(`${c.label} does not set run_as_non_root = true at container or pod level${uid}`, c.item);
    });
  },
});
