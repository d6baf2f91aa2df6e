import { InputError } from "./input-error";
import { isExpression } from "./references";
import { forListValue } from "./for-lists";
import { callValue } from "./functions";
import { Substitution } from "./substitution";
import { MAX_NESTING } from "./terraform-json";

/** How many locals deep one local may build on others (`a` uses `b`, which uses `c`, ...). */
export const MAX_LOCAL_DEPTH = 256;

/**
 * Terraform locals of a synthesized configuration (`"locals": {...}`, e.g. from a cdktf `TerraformLocal`) whose values
 * are constants: they hold no expression once the other constant locals are put in. A local computed from a resource,
 * a variable or a function call is left out, and references to it stay unknown. Throws `InputError` (its message
 * starting with `where`) for a local defined twice, or for locals that build on each other more than
 * `MAX_LOCAL_DEPTH` deep.
 */
export function constantLocals(block: unknown, where = ""): Map<string, unknown> {
  const raw = new Map<string, unknown>();
  for (const b of Array.isArray(block) ? block : [block]) {
    if (b === null || typeof b !== "object" || Array.isArray(b)) continue;
    for (const [name, value] of Object.entries(b as Record<string, unknown>)) {
      if (raw.has(name)) throw new InputError(`${where}local value ${name} is defined more than once; Terraform rejects a duplicate local value`);
      raw.set(name, value);
    }
  }
  const constants = new Map<string, unknown>();
  // Each local is settled once the locals it uses are, in the order of those dependencies; a local in a cycle, or
  // using one, is never settled.
  const users = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  let ready: string[] = [];
  raw.forEach((value, name) => {
    const deps = [...localsUsed(value)].filter((d) => raw.has(d));
    waiting.set(name, deps.length);
    for (const d of deps) {
      const list = users.get(d);
      if (list === undefined) users.set(d, [name]);
      else list.push(name);
    }
    if (deps.length === 0) ready.push(name);
  });
  for (let depth = 1; ready.length > 0; depth++) {
    if (depth > MAX_LOCAL_DEPTH) {
      throw new InputError(`${where}locals build on each other more than ${MAX_LOCAL_DEPTH} deep (local.${ready[0]} among them); no configuration needs that`);
    }
    const next: string[] = [];
    for (const name of ready) {
      const resolved = withLocals(raw.get(name), constants);
      if (nesting(resolved) > MAX_NESTING) {
        throw new InputError(`${where}local.${name} nests more than ${MAX_NESTING} levels deep once the locals it uses are put in`);
      }
      if (!holdsExpression(resolved)) constants.set(name, resolved);
      for (const user of users.get(name) ?? []) {
        const left = (waiting.get(user) ?? 0) - 1;
        waiting.set(user, left);
        if (left === 0) next.push(user);
      }
    }
    ready = next;
  }
  return constants;
}

/** How deeply arrays and objects nest in `value` (0 for a string, number, boolean or null); iterative. */
function nesting(value: unknown): number {
  let deepest = 0;
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  while (pending.length > 0) {
    const v = pending.pop();
    const depth = depths.pop() as number;
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > MAX_NESTING) return deepest;
    for (const e of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      pending.push(e);
      depths.push(depth + 1);
    }
  }
  return deepest;
}

/** The names of the locals a value refers to (`local.<name>` anywhere in its strings). */
function localsUsed(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    if (value.includes("local.")) for (const m of value.matchAll(LOCAL_NAME)) out.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) localsUsed(v, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (k !== "//") localsUsed(v, out);
  }
  return out;
}

const LOCAL_NAME = /\blocal\.([A-Za-z_][\w-]*)/g;

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
