import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { NAMESPACE_TYPES, isExpr, namespaceLabels } from "./_workloads";

const ENFORCE = "pod-security.kubernetes.io/enforce";

export const ztK8s001 = defineRule({
  id: "ZT-K8S-001",
  title: "Namespace does not enforce the restricted Pod Security Standard",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "Pod Security Admission is the cluster's built-in policy enforcement point for workload privileges. Without " +
    "the restricted level enforced, any identity allowed to create pods in the namespace can start privileged or " +
    "root containers and escape the trust boundary the namespace is meant to be.",
  remediation:
    `Label the namespace with "${ENFORCE}": "restricted" (metadata.labels on kubernetes_namespace_v1, or a ` +
    "kubernetes_labels resource of kind Namespace); optionally add the matching audit and warn labels.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["CM-7", "AC-6", "CM-6"],
    cis: ["5.2.1"],
  },
  resourceTypes: NAMESPACE_TYPES,
  check(r, model) {
    const { labels, unknown: labelsUnknown } = namespaceLabels(r, model);
    const level = labels[ENFORCE];
    if (level === undefined) {
      if (labelsUnknown) return unknown(`labels are computed at apply time; cannot see ${ENFORCE}`);
      return fail(`no ${ENFORCE} label: pods are admitted without Pod Security enforcement`);
    }
    if (isExpr(level)) return unknown(`${ENFORCE} is computed at apply time`);
    if (level === "restricted") return pass();
    return fail(`${ENFORCE} is "${String(level)}", not "restricted"`);
  },
});
