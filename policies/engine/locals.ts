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
 * text of a string, number or boolean local. The same holds for attributes and elements of a local
 * (`${local.net.cidr}`, `${local.ports[0]}`, `${local.tags["cost-center"]}`). Other references, and steps that lead
 * to nothing, stay as they are. Copy on write: what holds no such reference is returned as it is, and the
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

/**
 * `local.name` and the attribute and index steps after it, as Terraform and cdktf's `propertyAccess` write them:
 * `.attr`, `.0`, `[0]`, `["key"]`. Splats (`[*]`) and computed indexes are not read.
 */
const TRAVERSAL = String.raw`local\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\.\d+|\[\s*\d+\s*\]|\[\s*"(?:[^"\\]|\\["\\])*"\s*\])*`;
const WHOLE = new RegExp(String.raw`^\$\{(${TRAVERSAL})\}$`);
const ENCODED = new RegExp(String.raw`^\$\{jsonencode\(\s*(${TRAVERSAL})\s*\)\}$`);
const PART = new RegExp(String.raw`\$\{(${TRAVERSAL})\}`, "g");
const STEP = /\.([A-Za-z_][\w-]*)|\.(\d+)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\["\\])*)"\s*\]/g;

/** Nothing found: a traversal that leads nowhere stays a reference. */
const MISSING = Symbol("missing");

/** The value a `local.name...` traversal reads from the constant locals, or MISSING. */
function lookup(traversal: string, locals: ReadonlyMap<string, unknown>): unknown {
  const dot = traversal.indexOf(".", 6);
  const bracket = traversal.indexOf("[", 6);
  const end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
  const name = end < 0 ? traversal.slice(6) : traversal.slice(6, end);
  if (!locals.has(name)) return MISSING;
  let v = locals.get(name);
  if (end < 0) return v;
  STEP.lastIndex = end;
  for (let m = STEP.exec(traversal); m !== null; m = STEP.exec(traversal)) {
    const key = m[1] ?? m[2] ?? m[3] ?? m[4].replace(/\\(["\\])/g, "$1");
    v = step(v, key);
    if (v === MISSING) return MISSING;
  }
  return v;
}

/** One attribute or index step: a key of an object, or an element of a list by its decimal index. */
function step(v: unknown, key: string): unknown {
  if (Array.isArray(v)) {
    if (!/^\d+$/.test(key)) return MISSING;
    const i = Number(key);
    return i < v.length ? v[i] : MISSING;
  }
  if (v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(v, key)) return (v as Record<string, unknown>)[key];
  return MISSING;
}

function stringWithLocals(s: string, locals: ReadonlyMap<string, unknown>): unknown {
  if (!s.includes("local.")) return s;
  const whole = WHOLE.exec(s);
  if (whole !== null) {
    const v = lookup(whole[1], locals);
    return v === MISSING ? s : v;
  }
  const encoded = ENCODED.exec(s);
  if (encoded !== null) {
    const v = lookup(encoded[1], locals);
    return v === MISSING ? s : JSON.stringify(v);
  }
  return s.replace(PART, (match: string, traversal: string, offset: number) => {
    // `$${local.x}` is the literal text `${local.x}`, not a reference.
    if (offset > 0 && s[offset - 1] === "$") return match;
    const v = lookup(traversal, locals);
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : match;
  });
}

function holdsExpression(v: unknown): boolean {
  if (typeof v === "string") return isExpression(v);
  if (Array.isArray(v)) return v.some(holdsExpression);
  if (v !== null && typeof v === "object") return Object.values(v as Record<string, unknown>).some(holdsExpression);
  return false;
}
