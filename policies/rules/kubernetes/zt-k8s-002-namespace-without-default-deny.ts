import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { NAMESPACE_TYPES, isDefaultDeny, namespaceKeyOf, networkPoliciesIn } from "./_workloads";

export const ztK8s002 = defineRule({
  id: "ZT-K8S-002",
  title: "Namespace has no default-deny NetworkPolicy for ingress and egress",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "Kubernetes pods accept traffic from, and send traffic to, every pod in the cluster until a NetworkPolicy " +
    "selects them. A default-deny policy per direction makes the namespace deny-by-default so that each allowed " +
    "flow has to be granted explicitly, limiting lateral movement from a compromised pod.",
  remediation:
    "Add a kubernetes_network_policy_v1 in the namespace with an empty pod_selector (spec.pod_selector {}), " +
    'policy_types ["Ingress", "Egress"] and no ingress or egress rules, then allow the needed flows with ' +
    "narrower policies.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
    cis: ["5.3.2"],
  },
  resourceTypes: NAMESPACE_TYPES,
  check(r, model) {
    const key = namespaceKeyOf(r);
    // Policies in this namespace, and those whose namespace is unknown until apply.
    const policies = networkPoliciesIn(model, r).in(key);
    const out: Outcome[] = [];
    const directions = ["Ingress", "Egress"] as const;
    for (let i = 0; i < directions.length; i++) {
      const direction = directions[i];
      const item = `PolicyType::${direction}`;
      let undecided: string | undefined;
      let found = false;
      for (let j = 0; j < policies.length; j++) {
        const np = policies[j];
        const deny = isDefaultDeny(np, direction);
        if (deny === true && np.namespace === key) {
          found = true;
          break;
        }
        if (deny !== false) undecided ??= np.res.address;
      }
      if (found) out.push(pass(item));
      else if (undecided)
        out.push(unknown(`${undecided} may be a default-deny ${direction} policy for this namespace (values unknown until apply)`, item));
      else out.push(fail(`no NetworkPolicy with an empty pod_selector denies all ${direction} traffic in namespace "${key}"`, item));
    }
    return out;
  },
});
