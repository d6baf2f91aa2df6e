import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { SERVICE_ACCOUNT_TYPES, WORKLOAD_TYPES, namespaceOf } from "./_workloads";

const OTHER_NAMESPACED = [
  "kubernetes_service",
  "kubernetes_service_v1",
  "kubernetes_secret",
  "kubernetes_secret_v1",
  "kubernetes_config_map",
  "kubernetes_config_map_v1",
  "kubernetes_role",
  "kubernetes_role_v1",
  "kubernetes_role_binding",
  "kubernetes_role_binding_v1",
  "kubernetes_ingress",
  "kubernetes_ingress_v1",
];

export const ztK8s013 = defineRule({
  id: "ZT-K8S-013",
  title: "Resource is placed in the default namespace",
  severity: "low",
  domain: "kubernetes",
  rationale:
    "The default namespace is shared by everything that forgets to choose one, so its RBAC, network and Pod " +
    "Security policy is rarely tight. Namespaces are the administrative boundary that per-workload policy is " +
    "attached to; each workload belongs in one built for it.",
  remediation:
    "Set metadata.namespace to a dedicated namespace, preferably by reference to a kubernetes_namespace_v1 " +
    "resource (metadata.namespace = ns.metadata.name).",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["SC-7", "AC-4"],
    cis: ["5.7.1", "5.7.4"],
    checkov: ["CKV_K8S_21"],
  },
  resourceTypes: [
    ...WORKLOAD_TYPES,
    ...SERVICE_ACCOUNT_TYPES.filter((t) => !t.includes("default_service_account")),
    ...OTHER_NAMESPACED,
  ],
  check(r, model) {
    const ns = namespaceOf(r, model);
    if (ns === undefined) return unknown("metadata.namespace is computed at apply time");
    if (ns === "default")
      return fail(r.has("metadata.namespace") ? 'metadata.namespace is "default"' : "metadata.namespace is not set (defaults to \"default\")");
    return pass();
  },
});
