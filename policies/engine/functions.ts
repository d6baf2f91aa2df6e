import { readCall, UNREADABLE } from "./json-text";
import { Substitution } from "./substitution";

/**
 * The value of a `${name(args)}` call of a Terraform function over known values, as cdktf writes `Fn.concat`,
 * `Fn.lookup` and the like over constant locals: `${concat(local.office, ["0.0.0.0/0"])}` is the list itself.
 * `substitution` puts the constant locals in; a nested call in an argument is read the same way. Undefined when the
 * text is no such call, the function is not one of those below, or an argument is not known before apply.
 */
export function callValue(text: string, substitution: Substitution): unknown {
  const call = readCall(text);
  if (call === UNREADABLE) return undefined;
  const fn = FUNCTIONS[call.name];
  if (fn === undefined) return undefined;
  const args = call.args.map((a) => substitution.apply(a));
  if (args.some(holdsExpression)) return undefined;
  return fn(args);
}

/** Pure functions of known values: each returns undefined where Terraform would fail or the result is not plain data. */
const FUNCTIONS: Readonly<Record<string, (args: unknown[]) => unknown>> = {
  concat: (args) => (args.every(Array.isArray) ? (args as unknown[][]).flat() : undefined),
  tolist: (args) => (args.length === 1 && Array.isArray(args[0]) ? args[0] : undefined),
  toset: (args) => (args.length === 1 && Array.isArray(args[0]) ? setOf(args[0]) : undefined),
  distinct: (args) => (args.length === 1 && Array.isArray(args[0]) ? unique(args[0]) : undefined),
  flatten: (args) => (args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]).flat(Infinity) : undefined),
  compact: (args) => (args.length === 1 && Array.isArray(args[0]) ? args[0].filter((v) => v !== null && v !== "") : undefined),
  merge: (args) => (args.every(isMap) ? Object.assign({}, ...(args as object[])) : undefined),
  lookup: ([map, key, fallback, ...rest]) => {
    if (rest.length > 0 || !isMap(map) || typeof key !== "string") return undefined;
    return Object.prototype.hasOwnProperty.call(map, key) ? (map as Record<string, unknown>)[key] : fallback;
  },
  element: ([list, index, ...rest]) => {
    if (rest.length > 0 || !Array.isArray(list) || list.length === 0 || typeof index !== "number" || !Number.isInteger(index) || index < 0) return undefined;
    return list[index % list.length];
  },
  join: ([separator, ...lists]) =>
    typeof separator === "string" && lists.length > 0 && lists.every((l) => Array.isArray(l) && l.every(isScalar)) ? (lists as unknown[][]).flat().join(separator) : undefined,
  lower: ([s, ...rest]) => (rest.length === 0 && typeof s === "string" ? s.toLowerCase() : undefined),
  upper: ([s, ...rest]) => (rest.length === 0 && typeof s === "string" ? s.toUpperCase() : undefined),
  coalesce: (args) => args.find((v) => v !== null && v !== undefined && v !== ""),
  jsonencode: ([value, ...rest]) => (rest.length === 0 ? JSON.stringify(value) : undefined),
};

function isMap(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function unique(list: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const v of list) if (!seen.has(JSON.stringify(v))) seen.set(JSON.stringify(v), v);
  return [...seen.values()];
}

/** A set as Terraform orders it: duplicates dropped, strings in lexical order, other elements as they come. */
export function setOf(list: readonly unknown[]): unknown[] {
  const out = unique(list);
  return out.every((v) => typeof v === "string") ? (out as string[]).sort() : out;
}

/** True when a value is missing or holds a `${...}` expression anywhere. */
export function holdsExpression(v: unknown): boolean {
  return v === undefined || JSON.stringify(v).includes("${");
}
