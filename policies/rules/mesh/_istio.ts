import { Model, Resource } from "../../engine/model";
import { na, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { NamespaceGroups, asRecord, isExpr, namespaceKeyOf, namespaceLabels, namespaceOf, ofTypesIn } from "../kubernetes/_workloads";

/** Istio's root namespace: resources there apply mesh-wide. */
export const ROOT_NAMESPACE = "istio-system";

export const MANIFEST_TYPES = ["kubernetes_manifest"];

/** The kind of an Istio custom resource held by a kubernetes_manifest, or undefined. */
export function istioKind(r: Resource, model?: Model): string | undefined {
  // Every mesh rule asks for the kind of every manifest: with a model, it is read once per manifest.
  return model ? model.memoFor("istio:kind", r, readIstioKind) : readIstioKind(r);
}

function readIstioKind(r: Resource): string | undefined {
  const api = r.str("manifest.apiVersion");
  const kind = r.str("manifest.kind");
  if (api === undefined || kind === undefined) return undefined;
  return /(^|\.)istio\.io\//.test(api) ? kind : undefined;
}

/** The `spec` of an Istio manifest as a plain object (`{}` when absent). Undefined when computed. */
export function specOf(r: Resource): Record<string, unknown> | undefined {
  const v = r.get("manifest.spec");
  if (v.kind === "absent") return {};
  if (v.kind === "unknown") return undefined;
  return asRecord(v.value);
}

/** Namespace key of a manifest (literal, a namespace resource reference, or `default`). */
export function manifestNamespace(r: Resource, model: Model): string | undefined {
  return namespaceOf(r, model, "manifest.metadata.namespace");
}

/** Istio manifests of one kind in the same stack as `near`, grouped by namespace (computed once per stack and kind). */
export function istioResources(model: Model, near: Resource, kind: string): NamespaceGroups<Resource> {
  let memo = BY_KIND.get(kind);
  if (memo === undefined) {
    memo = {
      key: `istio:${kind}`,
      read: (n, m) => new NamespaceGroups(ofTypesIn(m, MANIFEST_TYPES, n).filter((r) => istioKind(r, m) === kind), (r) => manifestNamespace(r, m)),
    };
    BY_KIND.set(kind, memo);
  }
  return model.memoIn(memo.key, near, memo.read);
}

/** The memo key and reader of each manifest kind. */
const BY_KIND = new Map<string, { readonly key: string; readonly read: (near: Resource, model: Model) => NamespaceGroups<Resource> }>();

/** True when a workload selector (`selector` or `workloadSelector`) limits a policy to some workloads. */
export function hasWorkloadSelector(spec: Record<string, unknown>, field = "selector"): boolean {
  const sel = asRecord(spec[field]);
  const labels = asRecord(sel?.matchLabels) ?? asRecord(sel?.labels);
  if (labels && Object.keys(labels).length > 0) return true;
  const refFields = ["targetRef", "targetRefs"];
  for (let i = 0; i < refFields.length; i++) {
    const ref = refFields[i];
    const v = spec[ref];
    if (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null) return true;
  }
  return false;
}

export type MeshMode = "sidecar" | "ambient";

/**
 * How a namespace joins the mesh, from its labels: `istio-injection=enabled` or an `istio.io/rev` label (sidecar),
 * `istio.io/dataplane-mode=ambient` (ambient). Undefined when not in the mesh; `unknown` when labels are computed.
 */
export function meshMode(ns: Resource, model: Model): MeshMode | "unknown" | undefined {
  const { labels, unknown } = namespaceLabels(ns, model);
  const inj = labels["istio-injection"];
  const rev = labels["istio.io/rev"];
  const dp = labels["istio.io/dataplane-mode"];
  if ([inj, rev, dp].some(isExpr)) return "unknown";
  if (inj === "disabled") return undefined;
  if (inj === "enabled" || (typeof rev === "string" && rev !== "")) return "sidecar";
  if (dp === "ambient") return "ambient";
  return unknown ? "unknown" : undefined;
}

/**
 * The namespace a namespace-level mesh rule judges: its mesh mode and key; or the outcome when it is not in the mesh
 * (not applicable) or its mesh labels are computed at apply time (unknown).
 */
export function meshNamespace(ns: Resource, model: Model): { mode: MeshMode; key: string } | Outcome {
  const mode = meshMode(ns, model);
  if (mode === undefined) return na("namespace is not in the mesh");
  if (mode === "unknown") return unknown("mesh labels of the namespace are computed at apply time");
  return { mode, key: namespaceKeyOf(ns) };
}

/** A string field of a plain object, upper-cased; `undefined` when absent; `"${...}"` expressions are kept as-is. */
export function modeOf(o: unknown, field = "mode"): string | undefined {
  const v = asRecord(o)?.[field];
  if (typeof v !== "string") return undefined;
  return isExpr(v) ? v : v.toUpperCase();
}
