import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { asRecord, isExpr } from "../kubernetes/_workloads";
import { MANIFEST_TYPES, ROOT_NAMESPACE, hasWorkloadSelector, istioKind, manifestNamespace, modeOf, specOf } from "./_istio";

const PLAINTEXT = new Set(["PERMISSIVE", "DISABLE"]);

export const ztMesh001 = defineRule({
  id: "ZT-MESH-001",
  title: "PeerAuthentication accepts plaintext traffic (PERMISSIVE or DISABLE)",
  severity: "high",
  domain: "mesh",
  rationale:
    "PERMISSIVE and DISABLE let workloads accept plaintext connections that carry no workload identity, so " +
    "authorization policies cannot tell who the caller is and traffic can be read or forged on the network. " +
    "Zero trust requires every connection to be mutually authenticated and encrypted.",
  remediation:
    'Set spec.mtls.mode = "STRICT" on every PeerAuthentication (and in every spec.portLevelMtls entry); a ' +
    "mesh-wide policy in istio-system must set STRICT explicitly because UNSET there means PERMISSIVE.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-8", "SC-8(1)", "IA-3", "IA-9"],
  },
  resourceTypes: MANIFEST_TYPES,
  check(r, model) {
    if (istioKind(r, model) !== "PeerAuthentication") return na("not an Istio PeerAuthentication");
    const spec = specOf(r);
    if (!spec) return unknown("manifest.spec is computed at apply time");
    const out: Outcome[] = [];
    const mode = modeOf(spec.mtls);
    if (mode !== undefined && isExpr(mode)) out.push(unknown("mtls.mode is computed at apply time", "Mode"));
    else if (mode !== undefined && PLAINTEXT.has(mode)) out.push(fail(`mtls.mode is ${mode}: plaintext connections are accepted`, `Mode::${mode}`));
    else if ((mode === undefined || mode === "UNSET") && !hasWorkloadSelector(spec) && manifestNamespace(r, model) === ROOT_NAMESPACE)
      out.push(fail("mesh-wide PeerAuthentication leaves mtls.mode unset, which means PERMISSIVE", "Mode::UNSET"));
    const portLevel = asRecord(spec.portLevelMtls) ?? {};
    for (const port in portLevel) {
      const cfg = portLevel[port];
      const m = modeOf(cfg);
      if (m !== undefined && isExpr(m)) out.push(unknown(`portLevelMtls ${port} mode is computed at apply time`, `Port::${port}`));
      else if (m !== undefined && PLAINTEXT.has(m)) out.push(fail(`portLevelMtls sets port ${port} to ${m}`, `Port::${port}:${m}`));
    }
    return out.length ? out : pass();
  },
});
