import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { isExpr } from "../kubernetes/_workloads";
import { MANIFEST_TYPES, istioKind, modeOf, specOf } from "./_istio";

export const ztMesh005 = defineRule({
  id: "ZT-MESH-005",
  title: "Sidecar does not restrict egress to the service registry (REGISTRY_ONLY)",
  severity: "medium",
  domain: "mesh",
  rationale:
    "With outbound traffic policy ALLOW_ANY (Istio's default) a workload can reach any external host, which is " +
    "the path for data exfiltration and command-and-control from a compromised pod. REGISTRY_ONLY limits egress " +
    "to destinations declared as ServiceEntries, so every external dependency is explicit.",
  remediation:
    'Set spec.outboundTrafficPolicy.mode = "REGISTRY_ONLY" on the Sidecar and declare external dependencies as ' +
    "ServiceEntries (ideally routed through an egress gateway).",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
  },
  resourceTypes: MANIFEST_TYPES,
  check(r, model) {
    if (istioKind(r, model) !== "Sidecar") return na("not an Istio Sidecar");
    const spec = specOf(r);
    if (!spec) return unknown("manifest.spec is computed at apply time");
    const mode = modeOf(spec.outboundTrafficPolicy);
    if (mode !== undefined && isExpr(mode)) return unknown("outboundTrafficPolicy.mode is computed at apply time");
    if (mode === "REGISTRY_ONLY") return pass();
    if (mode === undefined) return fail("outboundTrafficPolicy is not set: the mesh default (ALLOW_ANY unless meshConfig says otherwise) applies");
    return fail(`outboundTrafficPolicy.mode is ${mode}: workloads may reach any external host`);
  },
});
