import { manifestOrigin } from "../../engine/manifests";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { asRecord } from "./_workloads";

/** The fields of a Secret that hold values: `data`, `string_data` (manifests) and `binary_data`. */
const VALUE_FIELDS = ["data", "string_data", "binary_data"] as const;

/** Secret types whose values the cluster fills in itself. */
const CLUSTER_FILLED = new Set(["kubernetes.io/service-account-token"]);

export const ztK8s022 = defineRule({
  id: "ZT-K8S-022",
  title: "Secret value written in the configuration (Terraform state or the GitOps repository)",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "A Secret whose data is written in a manifest lives wherever the manifest does: in every clone of the GitOps " +
    "repository and its history, or in the Terraform state and plan files in clear text. Anyone who can read those " +
    "holds the credential, far outside the namespace's RBAC, and it can never be revoked by deleting a commit.",
  remediation:
    "Keep secret values out of manifests: have the workload read them from AWS Secrets Manager with its own identity " +
    "(EKS Pod Identity), or sync them into the cluster with the Secrets Store CSI driver or External Secrets. With the " +
    "typed kubernetes_secret_v1, use the write-only data_wo / binary_data_wo attributes, which stay out of the state.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["IA-5(7)", "SC-28", "SC-12"],
    cis: ["5.4.2"],
  },
  resourceTypes: ["kubernetes_secret", "kubernetes_secret_v1"],
  check(r) {
    const type = r.str("type");
    if (type !== undefined && CLUSTER_FILLED.has(type)) return pass();
    const where = manifestOrigin(r)?.carrier === "yaml" ? "the YAML file (and the repository's history)" : "the Terraform state";
    const keys: string[] = [];
    for (let i = 0; i < VALUE_FIELDS.length; i++) {
      const field = VALUE_FIELDS[i];
      const v = r.configuredValue(field);
      if (v.kind === "unknown") {
        // A computed map still ends up in the state; only a YAML file never holds one.
        if (r.configured(field)) return fail(`${field} is computed and written to ${where}`, `Data::${field}`);
        return unknown(`${field} is computed at apply time`);
      }
      const map = v.kind === "known" ? asRecord(v.value) : undefined;
      if (map !== undefined) for (const key of Object.keys(map)) keys.push(key);
    }
    if (keys.length === 0) return pass();
    return fail(`holds the values of ${keys.map((k) => `"${k}"`).join(", ")} in ${where}`, "Data");
  },
});
