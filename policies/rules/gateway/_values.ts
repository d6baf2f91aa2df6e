import { Model, Resource } from "../../engine/model";
import { View } from "../../engine/view";

/**
 * True when the attribute at `path` was written in the configuration. In a plan an optional+computed attribute
 * the user left out shows up as unknown with no configuration expression: the provider or AWS default applies.
 */
export function configured(view: View, path: string): boolean {
  const v = view.get(path);
  if (v.kind === "absent") return false;
  if (v.kind === "known") return true;
  if (view.exprTree === undefined) return true;
  return exprAt(view.exprTree, path) !== undefined;
}

function exprAt(tree: unknown, path: string): unknown {
  let cur: unknown = tree;
  for (const seg of path.split(".")) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : cur[0];
    if (/^\d+$/.test(seg)) continue;
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Addresses of the resources a value refers to (resolved through the model), for comparing two references. */
export function targets(model: Model, owner: Resource, view: View, path: string): Set<string> {
  const out = new Set<string>();
  for (const ref of view.refs(path)) for (const r of model.resolveAll(owner, ref)) out.add(r.address);
  return out;
}

/** True when two values name the same thing: equal literals, or references to a common resource. */
export function sameTarget(model: Model, a: Resource, pathA: string, b: Resource, pathB: string): boolean {
  const va = a.get(pathA);
  const vb = b.get(pathB);
  if (va.kind === "known" && vb.kind === "known" && typeof va.value === "string" && va.value === vb.value) return true;
  const ta = targets(model, a, a, pathA);
  for (const t of targets(model, b, b, pathB)) if (ta.has(t)) return true;
  return false;
}
