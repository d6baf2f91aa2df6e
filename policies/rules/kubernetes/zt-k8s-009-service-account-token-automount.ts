import { manifestOrigin } from "../../engine/manifests";
import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { SERVICE_ACCOUNT_TYPES, WORKLOAD_TYPES, namespaceOf, ofTypesIn, podSpec, podSpecUnknown } from "./_workloads";

/**
 * A manifest's pod spec that leaves automountServiceAccountToken out: Kubernetes then follows the pod's ServiceAccount
 * (`serviceAccountName`, else `default`), which mounts the token unless it says false. The typed provider instead sends
 * its own default, true.
 */
function inheritedFromAccount(r: Resource, spec: View, model: Model): Outcome {
  const name = spec.get("service_account_name");
  const ns = namespaceOf(r, model);
  if (name.kind === "unknown" || ns === undefined) return unknown("the pod's ServiceAccount or namespace is computed at apply time");
  const account = name.kind === "known" ? String(name.value) : "default";
  const accounts = ofTypesIn(model, SERVICE_ACCOUNT_TYPES, r).filter((sa) => sa.str("metadata.name") === account && namespaceOf(sa, model) === ns);
  const v = accounts.length > 0 ? accounts[0].get("automount_service_account_token") : undefined;
  if (v?.kind === "unknown") return unknown(`automount_service_account_token of ServiceAccount "${account}" is computed at apply time`);
  if (v?.kind === "known" && (v.value === false || v.value === "false")) return pass();
  const why = accounts.length === 0 ? "which this configuration does not hold" : "which does not set it to false";
  return fail(`pod spec does not set automountServiceAccountToken, so ServiceAccount "${account}" in "${ns}" decides, ${why}: the token is mounted`);
}

export const ztK8s009 = defineRule({
  id: "ZT-K8S-009",
  title: "Service account token is mounted automatically",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "An automatically mounted service account token is a bearer credential for the Kubernetes API sitting in " +
    "every container's filesystem, usable by anyone who gets code execution. Workloads should receive API " +
    "credentials only when they need them, as short-lived projected tokens.",
  remediation:
    "Set automount_service_account_token = false on the pod spec (the Terraform provider defaults it to true, " +
    "which overrides the service account's setting) and on every kubernetes_service_account_v1; mount a " +
    "projected token volume only in pods that call the API. A manifest's pod spec that leaves " +
    "automountServiceAccountToken out follows its ServiceAccount, which must then set it to false.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["IA-5", "AC-6", "CM-7"],
    cis: ["5.1.5", "5.1.6"],
    checkov: ["CKV_K8S_38", "CKV_K8S_41", "CKV_K8S_50"],
  },
  resourceTypes: [...WORKLOAD_TYPES, ...SERVICE_ACCOUNT_TYPES],
  check(r, model) {
    const isAccount = SERVICE_ACCOUNT_TYPES.includes(r.type);
    const spec = isAccount ? r : podSpec(r);
    if (!spec) return podSpecUnknown(r) ? unknown("the pod spec is computed at apply time") : na("no pod spec");
    const what = isAccount ? "service account" : "pod spec";
    const v = spec.get("automount_service_account_token");
    if (v.kind === "unknown") return unknown(`automount_service_account_token of the ${what} is computed at apply time`);
    if (v.kind === "known" && (v.value === false || v.value === "false")) return pass();
    if (v.kind === "absent" && !isAccount && manifestOrigin(r) !== undefined) return inheritedFromAccount(r, spec, model);
    if (v.kind === "absent") return fail(`${what} does not set automount_service_account_token (the provider default is true)`);
    return fail(`${what} sets automount_service_account_token = ${String(v.value)}`);
  },
});
