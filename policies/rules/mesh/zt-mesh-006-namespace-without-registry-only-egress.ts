import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { NAMESPACE_TYPES, isExpr } from "../kubernetes/_workloads";
import { ROOT_NAMESPACE, hasWorkloadSelector, istioResources, manifestNamespace, meshNamespace, modeOf, specOf } from "./_istio";

export const ztMesh006 = defineRule({
  id: "ZT-MESH-006",
  title: "Mesh namespace has no REGISTRY_ONLY default Sidecar",
  severity: "medium",
  domain: "mesh",
  rationale:
    "Sidecar-injected workloads use the mesh's outbound traffic policy unless a default Sidecar (no workload " +
    "selector) in their namespace, or in istio-system, says otherwise; Istio ships with ALLOW_ANY. Without a " +
    "REGISTRY_ONLY default, egress from the namespace to arbitrary hosts is allowed.",
  remediation:
    'Create a Sidecar named "default" without workloadSelector and with spec.outboundTrafficPolicy.mode = ' +
    '"REGISTRY_ONLY" in istio-system (mesh-wide) or in the namespace.',
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
  },
  resourceTypes: NAMESPACE_TYPES,
  check(r, model) {
    const mesh = meshNamespace(r, model);
    if ("status" in mesh) return mesh;
    if (mesh.mode === "ambient") return na("ambient namespaces do not use Sidecar resources");
    const { key } = mesh;
    let undecided: string | undefined;
    let local: { address: string; mode: string | undefined } | undefined;
    let root: { address: string; mode: string | undefined } | undefined;
    // Manifests in this namespace or the root namespace, and those whose namespace is unknown until apply.
    const sidecars = istioResources(model, r, "Sidecar").in(key, ROOT_NAMESPACE);
    for (let i = 0; i < sidecars.length; i++) {
      const sc = sidecars[i];
      const ns = manifestNamespace(sc, model);
      const spec = specOf(sc);
      if (spec === undefined || ns === undefined) {
        undecided ??= sc.address;
        continue;
      }
      if (hasWorkloadSelector(spec, "workloadSelector")) continue;
      const m = modeOf(spec.outboundTrafficPolicy);
      if (m !== undefined && isExpr(m)) undecided ??= sc.address;
      else if (ns === key) local ??= { address: sc.address, mode: m };
      else root ??= { address: sc.address, mode: m };
    }
    const effective = local ?? root;
    if (effective?.mode === "REGISTRY_ONLY") return pass();
    if (undecided) return unknown(`${undecided} may set the namespace's egress policy (values computed at apply time)`);
    if (effective)
      return fail(`default Sidecar ${effective.address} has outboundTrafficPolicy ${effective.mode ?? "unset (mesh default ALLOW_ANY)"}`);
    return fail(`no default Sidecar with REGISTRY_ONLY egress in "${key}" or ${ROOT_NAMESPACE}`);
  },
});
