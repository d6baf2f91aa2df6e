import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { asRecord, isExpr } from "../kubernetes/_workloads";
import { MANIFEST_TYPES, istioKind, modeOf, specOf } from "./_istio";

const WEAK = new Set(["DISABLE", "SIMPLE"]);

/** True when a DestinationRule host names services inside the mesh (short names, *.svc, *.local, "*"). */
export function isMeshHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === "*" || !h.includes(".") || /\.svc(\.cluster\.local)?$/.test(h) || h.endsWith(".local");
}

/** TLS settings of a traffic policy and its port-level overrides, with the item naming each. */
function tlsSettings(policy: unknown, prefix: string): { item: string; mode: string | undefined }[] {
  const p = asRecord(policy);
  if (!p) return [];
  const out = [{ item: prefix, mode: modeOf(p.tls) }];
  const ports = Array.isArray(p.portLevelSettings) ? p.portLevelSettings : [];
  ports.forEach((s, i) => {
    const port = asRecord(asRecord(s)?.port)?.number ?? i;
    out.push({ item: `${prefix}/Port::${String(port)}`, mode: modeOf(asRecord(s)?.tls) });
  });
  return out;
}

export const ztMesh007 = defineRule({
  id: "ZT-MESH-007",
  title: "DestinationRule disables Istio mTLS toward in-mesh services",
  severity: "high",
  domain: "mesh",
  rationale:
    "A DestinationRule with tls mode DISABLE sends plaintext to an in-mesh service, and SIMPLE uses one-way TLS " +
    "without a client workload certificate; both drop the mutual authentication that lets the server verify who " +
    "is calling. In-mesh traffic should use ISTIO_MUTUAL (or leave tls unset for auto mTLS).",
  remediation:
    'Remove trafficPolicy.tls or set mode "ISTIO_MUTUAL" for in-mesh hosts, including portLevelSettings and ' +
    "subset traffic policies.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-8", "SC-8(1)", "IA-3"],
  },
  resourceTypes: MANIFEST_TYPES,
  check(r, model) {
    if (istioKind(r, model) !== "DestinationRule") return na("not an Istio DestinationRule");
    const spec = specOf(r);
    if (!spec) return unknown("manifest.spec is computed at apply time");
    const host = spec.host;
    if (typeof host !== "string") return unknown("host is not set");
    if (isExpr(host)) return unknown("host is computed at apply time");
    if (!isMeshHost(host)) return na(`host ${host} is outside the mesh`);
    const settings = tlsSettings(spec.trafficPolicy, "TrafficPolicy");
    const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
    subsets.forEach((s, i) => {
      const name = asRecord(s)?.name;
      settings.push(...tlsSettings(asRecord(s)?.trafficPolicy, `Subset::${typeof name === "string" ? name : i}`));
    });
    const out: Outcome[] = [];
    for (let i = 0; i < settings.length; i++) {
      const { item, mode } = settings[i];
      if (mode === undefined) continue;
      if (isExpr(mode)) out.push(unknown(`${item} tls mode is computed at apply time`, item));
      else if (WEAK.has(mode)) out.push(fail(`${item} sets tls mode ${mode} toward in-mesh host ${host} (expected ISTIO_MUTUAL)`, `${item}:${mode}`));
    }
    return out.length ? out : pass();
  },
});
