import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, asRecord, namespaceOf, networkPoliciesIn, podLabels, selectorIsEmpty, selectorMatches } from "./_workloads";

export const ztK8s014 = defineRule({
  id: "ZT-K8S-014",
  title: "Workload pods are not selected by any NetworkPolicy",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "A pod that no NetworkPolicy selects is non-isolated: it accepts connections from, and opens connections to, " +
    "every pod and address the cluster network can reach. Every workload needs at least one policy that makes " +
    "its traffic subject to explicit allow rules.",
  remediation:
    "Add a kubernetes_network_policy_v1 in the workload's namespace whose pod_selector matches the pod template " +
    "labels (or an empty pod_selector default-deny policy for the whole namespace).",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "AC-4"],
    cis: ["5.3.2"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    const ns = namespaceOf(r, model);
    const labelsVal = podLabels(r);
    const labels = labelsVal.kind === "known" ? asRecord(labelsVal.value) ?? {} : undefined;
    let undecided: string | undefined;
    // Policies that may be in the workload's namespace (all of them when that namespace is unknown).
    const policies = networkPoliciesIn(model, r).in(ns);
    for (let i = 0; i < policies.length; i++) {
      const np = policies[i];
      const sameNs = ns === undefined || np.namespace === undefined ? undefined : ns === np.namespace;
      const selects =
        selectorIsEmpty(np.selector) === true ? true : labels === undefined ? undefined : selectorMatches(np.selector, labels);
      if (selects === false) continue;
      if (selects === true && sameNs === true) return pass();
      undecided ??= np.res.address;
    }
    if (undecided) return unknown(`whether ${undecided} selects these pods depends on values computed at apply time`);
    if (ns === undefined) return fail("no NetworkPolicy selects these pods (namespace computed at apply time, and no policy could match it)");
    return fail(`no NetworkPolicy in namespace "${ns}" selects these pods`);
  },
});

