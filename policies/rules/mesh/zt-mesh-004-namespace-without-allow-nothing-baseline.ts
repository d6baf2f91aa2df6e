import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { NAMESPACE_TYPES, isExpr } from "../kubernetes/_workloads";
import { ROOT_NAMESPACE, hasWorkloadSelector, istioResources, manifestNamespace, meshNamespace, modeOf, specOf } from "./_istio";

/** True when an AuthorizationPolicy spec is a selector-less ALLOW with no rules (allow nothing). */
function isAllowNothing(spec: Record<string, unknown>): boolean | undefined {
  const action = modeOf(spec, "action") ?? "ALLOW";
  if (isExpr(action) || isExpr(spec.rules)) return undefined;
  if (action !== "ALLOW" || hasWorkloadSelector(spec)) return false;
  const rules = spec.rules;
  return rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
}

export const ztMesh004 = defineRule({
  id: "ZT-MESH-004",
  title: "Mesh namespace has no allow-nothing AuthorizationPolicy baseline",
  severity: "high",
  domain: "mesh",
  rationale:
    "Istio allows every request to a workload that no AuthorizationPolicy selects. An allow-nothing policy " +
    "(spec {}) for the namespace, or mesh-wide in istio-system, makes access deny-by-default so that each caller " +
    "needs an explicit ALLOW rule.",
  remediation:
    'Create an AuthorizationPolicy named "allow-nothing" with spec {} (no selector, no rules) in the namespace or ' +
    "in istio-system, then add narrow ALLOW policies per workload.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "AC-6", "SC-7(5)"],
  },
  resourceTypes: NAMESPACE_TYPES,
  check(r, model) {
    const mesh = meshNamespace(r, model);
    if ("status" in mesh) return mesh;
    const { key } = mesh;
    let undecided: string | undefined;
    // Manifests in this namespace or the root namespace, and those whose namespace is unknown until apply.
    const policies = istioResources(model, r, "AuthorizationPolicy").in(key, ROOT_NAMESPACE);
    for (let i = 0; i < policies.length; i++) {
      const ap = policies[i];
      const ns = manifestNamespace(ap, model);
      const spec = specOf(ap);
      const baseline = spec === undefined ? undefined : isAllowNothing(spec);
      if (baseline === false) continue;
      if (baseline === true && ns !== undefined) return pass();
      undecided ??= ap.address;
    }
    if (undecided) return unknown(`${undecided} may be an allow-nothing baseline for this namespace (values computed at apply time)`);
    return fail(`no selector-less allow-nothing AuthorizationPolicy in "${key}" or ${ROOT_NAMESPACE}: unselected workloads accept every request`);
  },
});
