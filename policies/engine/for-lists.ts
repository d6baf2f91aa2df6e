import { holdsExpression, setOf } from "./functions";
import { readForList, UNREADABLE } from "./json-text";
import { RunCache } from "./run-cache";
import { Substitution } from "./substitution";

/**
 * The list a `${[for k, v in <collection> : <template>]}` expression makes when its collection is known before
 * apply: cdktf writes an iterator over a list or map this way for attribute blocks, such as the `ingress` rules of a
 * security group built with `TerraformIterator.fromList([...])`. Each element is the template with the element
 * (`v`, `v.port`) and its key (`k`: the index of a list, the key of a map, the element itself in a set) put in;
 * what the template computes otherwise stays a `${...}` expression, unknown like any other.
 *
 * Undefined when the text is not such an expression, or its collection is not known: a variable, a resource
 * attribute, a local that is not a constant, a set of computed values. `locals` reads `local.<name>` collections and
 * references to constant locals in the template.
 */
export function forListValue(text: string, locals?: Substitution): readonly unknown[] | undefined {
  const parsed = readForList(text);
  if (parsed === UNREADABLE) return undefined;
  let collection: unknown;
  if ("literal" in parsed.collection) collection = locals ? locals.apply(parsed.collection.literal) : parsed.collection.literal;
  else {
    if (locals === undefined) return undefined;
    collection = locals.apply(`\${${parsed.collection.local}}`);
    if (typeof collection === "string") return undefined;
  }
  const entries = entriesOf(collection, parsed.set);
  if (entries === undefined) return undefined;
  const roots = new Map<string, unknown>();
  const names = parsed.keyName === undefined ? [parsed.valueName] : [parsed.keyName, parsed.valueName];
  const substitution = new Substitution(roots, `(?:${names.join("|")})`);
  const out = new Array<unknown>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    roots.set(parsed.valueName, entries[i][1]);
    if (parsed.keyName !== undefined) roots.set(parsed.keyName, entries[i][0]);
    const element = substitution.apply(parsed.body);
    out[i] = locals ? locals.apply(element) : element;
  }
  return Object.freeze(out);
}

/**
 * The (key, value) pairs a `for` expression iterates over, in Terraform's order: a list by index, a map by key in
 * lexical order, a set by element (each its own key), sets of strings in lexical order. Undefined for anything
 * else, and for a set whose elements are not all known (duplicates cannot be told apart).
 */
function entriesOf(collection: unknown, set: boolean): [unknown, unknown][] | undefined {
  if (Array.isArray(collection)) {
    if (!set) return collection.map((v, i) => [i, v]);
    if (collection.some(holdsExpression)) return undefined;
    return setOf(collection).map((v) => [v, v]);
  }
  if (collection === null || typeof collection !== "object" || set) return undefined;
  return Object.keys(collection)
    .sort()
    .map((k) => [k, (collection as Record<string, unknown>)[k]]);
}

/**
 * `forListValue` of a text without locals, once per text and check run: views read the same values many times.
 * Undefined when the text is no `for` expression over a written-out collection.
 */
export function cachedForList(text: string): readonly unknown[] | undefined {
  let v = CACHE.get(text);
  if (v === undefined) CACHE.set(text, (v = forListValue(text) ?? NONE));
  return v === NONE ? undefined : v;
}

const NONE: readonly unknown[] = Object.freeze([]);
const CACHE = new RunCache<string, readonly unknown[]>(10000);

