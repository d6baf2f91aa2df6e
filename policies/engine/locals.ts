import { isExpression } from "./references";

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
 * text of a string, number or boolean local. Other references stay as they are. Copy on write: what holds no such reference is returned as it is, and the
 * input is never changed. `"//"` metadata blocks are not visited.
 */
export function withLocals(value: unknown, locals: ReadonlyMap<string, unknown>): unknown {
  if (locals.size === 0) return value;
  if (typeof value === "string") return stringWithLocals(value, locals);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = withLocals(value[i], locals);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === "object") {
    let out: Record<string, unknown> | undefined;
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (key === "//") continue;
      const v = withLocals(o[key], locals);
      if (v !== o[key]) (out ??= { ...o })[key] = v;
    }
    return out ?? value;
  }
  return value;
}

const WHOLE = /^\$\{local\.([A-Za-z_][\w-]*)\}$/;
const ENCODED = /^\$\{jsonencode\(\s*local\.([A-Za-z_][\w-]*)\s*\)\}$/;
const PART = /\$\{local\.([A-Za-z_][\w-]*)\}/g;

function stringWithLocals(s: string, locals: ReadonlyMap<string, unknown>): unknown {
  if (!s.includes("local.")) return s;
  const whole = WHOLE.exec(s);
  if (whole !== null) return locals.has(whole[1]) ? locals.get(whole[1]) : s;
  const encoded = ENCODED.exec(s);
  if (encoded !== null) return locals.has(encoded[1]) ? JSON.stringify(locals.get(encoded[1])) : s;
  return s.replace(PART, (match: string, name: string, offset: number) => {
    // `$${local.x}` is the literal text `${local.x}`, not a reference.
    if (offset > 0 && s[offset - 1] === "$") return match;
    const v = locals.get(name);
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : match;
  });
}

function holdsExpression(v: unknown): boolean {
  if (typeof v === "string") return isExpression(v);
  if (Array.isArray(v)) return v.some(holdsExpression);
  if (v !== null && typeof v === "object") return Object.values(v as Record<string, unknown>).some(holdsExpression);
  return false;
}
