import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { NAMESPACE_TYPES, isExpr } from "../kubernetes/_workloads";
import { ROOT_NAMESPACE, hasWorkloadSelector, istioResources, manifestNamespace, meshNamespace, modeOf, specOf } from "./_istio";

export const ztMesh002 = defineRule({
  id: "ZT-MESH-002",
  title: "Mesh namespace is not covered by a STRICT mTLS PeerAuthentication",
  severity: "high",
  domain: "mesh",
  rationale:
    "Istio's default is PERMISSIVE: sidecars accept both mTLS and plaintext. Unless a namespace-wide or mesh-wide " +
    "PeerAuthentication sets STRICT, any pod (or anything that reaches the pod network) can talk to mesh " +
    "workloads without presenting a workload identity.",
  remediation:
    'Create a PeerAuthentication named "default" with spec.mtls.mode = "STRICT" and no selector in istio-system ' +
    "(mesh-wide) or in the namespace, and do not override it with a PERMISSIVE namespace-wide policy.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-8", "SC-8(1)", "IA-3"],
  },
  resourceTypes: NAMESPACE_TYPES,
  check(r, model) {
    const mesh = meshNamespace(r, model);
    if ("status" in mesh) return mesh;
    const { key } = mesh;
    if (key === ROOT_NAMESPACE) return na("Istio root namespace");
    let undecided: string | undefined;
    let rootStrict = false;
    let localStrict = false;
    // Manifests in this namespace or the root namespace, and those whose namespace is unknown until apply.
    const policies = istioResources(model, r, "PeerAuthentication").in(key, ROOT_NAMESPACE);
    for (let i = 0; i < policies.length; i++) {
      const pa = policies[i];
      const spec = specOf(pa);
      const ns = manifestNamespace(pa, model);
      if (spec === undefined || ns === undefined) {
        undecided ??= pa.address;
        continue;
      }
      if (hasWorkloadSelector(spec)) continue;
      const m = modeOf(spec.mtls);
      if (m !== undefined && isExpr(m)) undecided ??= pa.address;
      else if (ns === key && (m === "PERMISSIVE" || m === "DISABLE"))
        return fail(`namespace-wide ${pa.address} sets mtls.mode ${m}, overriding any mesh-wide STRICT policy`);
      else if (m === "STRICT") {
        if (ns === key) localStrict = true;
        else rootStrict = true;
      }
    }
    if (localStrict || rootStrict) return pass();
    if (undecided) return unknown(`${undecided} may set STRICT mTLS for this namespace (values computed at apply time)`);
    return fail(`no selector-less PeerAuthentication with mtls.mode STRICT in "${key}" or ${ROOT_NAMESPACE}`);
  },
});
