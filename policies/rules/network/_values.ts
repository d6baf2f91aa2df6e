import { View } from "../../engine/view";
import { Ref } from "../../engine/types";

/**
 * The literal nested blocks at `path`: none when the value there is unknown or only computed by the provider. Blocks a
 * cdktf `dynamic` block generates are read separately, from `dynamic.<name>`.
 */
export function configuredBlocks(v: View, path: string): View[] {
  return v.get(path).kind === "known" ? v.blocks(path) : [];
}

/** True when the configured block list at `path` cannot be read before apply (a dynamic or computed expression). */
export function blocksUnknown(v: View, path: string): boolean {
  return v.getConfigured(path).kind === "unknown" && v.blocks(path).length === 0;
}

/** String values of a list attribute: the known ones, and the references of each element unknown until apply. */
export interface StringList {
  readonly values: readonly string[];
  readonly unknown: readonly (readonly Ref[])[];
}

const NO_STRINGS: StringList = Object.freeze({ values: Object.freeze([]) as readonly string[], unknown: Object.freeze([]) as readonly (readonly Ref[])[] });

/** The strings of a list (or single string) attribute at `path`, element by element. */
export function stringsAt(v: View, path: string): StringList {
  const val = v.getConfigured(path);
  if (val.kind === "absent") return NO_STRINGS;
  if (val.kind === "unknown") return { values: NO_STRINGS.values, unknown: [val.refs] };
  if (!Array.isArray(val.value)) {
    return typeof val.value === "string" ? { values: [val.value], unknown: NO_STRINGS.unknown } : NO_STRINGS;
  }
  if (val.value.length === 0) return NO_STRINGS;
  if (!v.literal && plainStrings(val.value)) return { values: val.value as string[], unknown: NO_STRINGS.unknown };
  const values: string[] = [];
  const unknown: (readonly Ref[])[] = [];
  const items = v.items(path) ?? [];
  for (let i = 0; i < items.length; i++) {
    const e = items[i];
    if (e.kind === "known" && typeof e.value === "string") values.push(e.value);
    else if (e.kind === "unknown") unknown.push(e.refs.length > 0 ? e.refs : v.refs(path));
  }
  return { values, unknown };
}

/** True when every element is a string of synthesized JSON without `${...}` or `%{...}` sequences: its own value. */
function plainStrings(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (typeof e !== "string" || e.includes("${") || e.includes("%{")) return false;
  }
  return true;
}

/**
 * True when a value unknown until apply could be set from outside the configuration (a variable, local, module
 * output, or an expression without references), so it may turn out to be anything. Values derived from resource or
 * data-source attributes (a VPC's CIDR, a key's ARN) are not.
 */
export function fromOutside(refs: readonly Ref[]): boolean {
  return refs.length === 0 || refs.some((r) => r.kind !== "resource" && r.kind !== "data");
}
