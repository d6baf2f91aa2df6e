import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, podSpec, podSpecUnknown } from "./_workloads";

export const ztK8s023 = defineRule({
  id: "ZT-K8S-023",
  title: "Workload runs as its namespace's default ServiceAccount",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "Every pod that names no ServiceAccount runs as the namespace's default one, so all of them share one identity: " +
    "an RBAC grant, an EKS Pod Identity association or a mesh principal given to one is given to all, and no " +
    "policy can tell the workloads apart. Zero trust needs one identity per workload.",
  remediation:
    "Give each workload its own ServiceAccount (automountServiceAccountToken false) and set serviceAccountName " +
    "(service_account_name in the typed provider) on its pod spec; grant nothing to the default account.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["IA-2", "IA-9", "AC-6"],
    cis: ["5.1.5"],
    checkov: ["CKV_K8S_41"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r) {
    const spec = podSpec(r);
    if (!spec) return podSpecUnknown(r) ? unknown("the pod spec is computed at apply time") : na("no pod spec");
    const v = spec.get("service_account_name");
    if (v.kind === "unknown") return unknown("service_account_name is computed at apply time");
    if (v.kind === "absent") return fail("the pod spec names no ServiceAccount: it runs as the namespace's default account");
    if (String(v.value) === "default") return fail('the pod spec names the namespace\'s "default" ServiceAccount');
    return pass();
  },
});
