import { Model, Resource } from "../../engine/model";
import { View } from "../../engine/view";

/** Addresses of the resources a value refers to (resolved through the model), for comparing two references. */
export function targets(model: Model, owner: Resource, view: View, path: string): Set<string> {
  const out = new Set<string>();
  const refs = view.refs(path);
  for (let i = 0; i < refs.length; i++) {
    const resolved = model.resolveAll(owner, refs[i]);
    for (let j = 0; j < resolved.length; j++) out.add(resolved[j].address);
  }
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
