import { isExpression } from "./references";
import { forListValue } from "./for-lists";
import { callValue } from "./functions";
import { Substitution } from "./substitution";

/**
 * Terraform locals of a synthesized configuration (`"locals": {...}`, e.g. from a cdktf `TerraformLocal`) whose values
 * are constants: they hold no expression once the other constant locals are put in. A local computed from a resource,
 * a variable or a function call is left out, and references to it stay unknown.
 */
export function constantLocals(block: unknown): Map<string, unknown> {
  const raw = new Map<string, unknown>();
  for (const b of Array.isArray(block) ? block : [block]) {
    if (b === null || typeof b !== "object" || Array.isArray(b)) continue;
    for (const [name, value] of Object.entries(b as Record<string, unknown>)) raw.set(name, value);
  }
  const constants = new Map<string, unknown>();
  // A local may use other locals: each round settles the ones whose locals are settled, until a round settles none.
  for (let settled = true; settled; ) {
    settled = false;
    for (const [name, value] of raw) {
      if (constants.has(name)) continue;
      const resolved = withLocals(value, constants);
      if (!holdsExpression(resolved)) {
        constants.set(name, resolved);
        settled = true;
      }
    }
  }
  return constants;
}

/**
 * `value` with references to constant locals put in: a string that is one `${local.name}` becomes the local's value
 * (of any type), one `${jsonencode(local.name)}` the JSON text of it, and `${local.name}` inside a longer string the
 * text of a string, number or boolean local. The same holds for attributes and elements of a local
 * (`${local.net.cidr}`, `${local.ports[0]}`, `${local.tags["cost-center"]}`). Other references, and steps that lead
 * to nothing, stay as they are. Copy on write: what holds no such reference is returned as it is, and the
 * input is never changed. `"//"` metadata blocks are not visited.
 */
export function withLocals(value: unknown, locals: ReadonlyMap<string, unknown>): unknown {
  return locals.size === 0 ? value : localSubstitution(locals).apply(value);
}

/** A substitution of the constant locals, to apply to many values (see `withLocals`). */
export function localSubstitution(locals: ReadonlyMap<string, unknown>): Substitution {
  const roots = new Map<string, unknown>();
  locals.forEach((value, name) => roots.set(`local.${name}`, value));
  // A `for` expression over a constant local is read as its list, a function call over constant locals as its value.
  return new Substitution(roots, LOCAL_ROOT, "local.", (s, self) => (s.startsWith("${[") ? forListValue(s, self) : callValue(s, self)));
}

const LOCAL_ROOT = String.raw`local\.[A-Za-z_][\w-]*`;

function holdsExpression(v: unknown): boolean {
  if (typeof v === "string") return isExpression(v);
  if (Array.isArray(v)) return v.some(holdsExpression);
  if (v !== null && typeof v === "object") return Object.values(v as Record<string, unknown>).some(holdsExpression);
  return false;
}
