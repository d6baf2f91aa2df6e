import { ABSENT, View } from "../../engine/view";
import { isExpression } from "../../engine/references";
import { Ref, Val } from "../../engine/types";

/**
 * The value at `path` as the configuration sets it. In a plan, an attribute the configuration leaves out but the
 * provider computes (e.g. `aws_instance.metadata_options`, `aws_security_group.ingress`) is unknown until apply; it
 * is not a value the author chose, so it reads as absent (the provider default applies). Synthesized JSON only has
 * unknown values written as `${...}`, which are always configured.
 */
export function configured(v: View, path: string): Val {
  const val = v.get(path);
  if (val.kind !== "unknown") return val;
  if (tokenOnPath(v.raw, path) || expressionAt(v.exprTree, path) !== undefined) return val;
  return ABSENT;
}

/** The configured nested blocks at `path` (none when the plan only computes them). */
export function configuredBlocks(v: View, path: string): View[] {
  return configured(v, path).kind === "absent" ? [] : v.blocks(path);
}

/** True when the configured block list at `path` cannot be read before apply (a dynamic or computed expression). */
export function blocksUnknown(v: View, path: string): boolean {
  return configured(v, path).kind === "unknown" && v.blocks(path).length === 0;
}

/** String values of a list attribute: the known ones, and the references of each element unknown until apply. */
export interface StringList {
  readonly values: readonly string[];
  readonly unknown: readonly (readonly Ref[])[];
}

/** The strings of a list (or single string) attribute at `path`, element by element. */
export function stringsAt(v: View, path: string): StringList {
  const val = configured(v, path);
  if (val.kind === "absent") return { values: [], unknown: [] };
  if (val.kind === "unknown") return { values: [], unknown: [val.refs] };
  if (!Array.isArray(val.value)) {
    return typeof val.value === "string" ? { values: [val.value], unknown: [] } : { values: [], unknown: [] };
  }
  const values: string[] = [];
  const unknown: (readonly Ref[])[] = [];
  for (let i = 0; i < val.value.length; i++) {
    const e = v.get(`${path}.${i}`);
    if (e.kind === "known" && typeof e.value === "string") values.push(e.value);
    else if (e.kind === "unknown") unknown.push(e.refs.length > 0 ? e.refs : v.refs(path));
  }
  return { values, unknown };
}

/**
 * True when a value unknown until apply could be set from outside the configuration (a variable, local, module
 * output, or an expression without references), so it may turn out to be anything. Values derived from resource or
 * data-source attributes (a VPC's CIDR, a key's ARN) are not.
 */
export function fromOutside(refs: readonly Ref[]): boolean {
  return refs.length === 0 || refs.some((r) => r.kind !== "resource" && r.kind !== "data");
}

function tokenOnPath(raw: unknown, path: string): boolean {
  let value = raw;
  for (const seg of path.split(".")) {
    if (isExpression(value)) return true;
    if (Array.isArray(value) && !/^\d+$/.test(seg)) value = value[0];
    if (value === null || typeof value !== "object") return false;
    value = (value as Record<string, unknown>)[seg];
  }
  return isExpression(value);
}

/** The configuration expression covering `path` in a plan's expression tree, if any. */
function expressionAt(expr: unknown, path: string): unknown {
  let node = expr;
  for (const seg of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    if (isLeaf(node)) return node;
    if (Array.isArray(node)) {
      node = /^\d+$/.test(seg) ? node[Number(seg)] : node[0];
      if (/^\d+$/.test(seg)) continue;
      if (node === null || typeof node !== "object") return undefined;
      if (isLeaf(node)) return node;
    }
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

function isLeaf(node: object): boolean {
  return !Array.isArray(node) && ("references" in node || "constant_value" in node);
}
