import { RunCache } from "./run-cache";
import { Ref } from "./types";

const NON_RESOURCE_ROOTS = new Set(["var", "local", "module", "each", "count", "path", "self", "terraform"]);
const REF_PATTERN = /(?<![\w."-])([A-Za-z_][\w-]*(?:\[[^\]]*\])?(?:\.[\w-]+(?:\[[^\]]*\])*)+)/g;

/** Parses one traversal such as `aws_kms_key.k.arn`, `data.aws_iam_policy_document.p.json` or `module.m.aws_vpc.v[0].id`. */
export function parseReference(raw: string): Ref | undefined {
  const plain = plainResourceReference(raw);
  if (plain !== undefined) return plain;
  const parts = traversalParts(raw);
  if (parts.length < 2) return undefined;
  let prefix = "";
  while (parts[0] === "module" && parts.length > 3) {
    prefix += `module.${parts[1]}.`;
    parts.splice(0, 2);
  }
  const root = parts[0];
  if (root === "data") {
    if (parts.length < 3) return undefined;
    const attr = parts.slice(3).join(".");
    return { kind: "data", type: parts[1], address: `${prefix}data.${parts[1]}.${parts[2]}`, attr: attr || undefined, raw };
  }
  if (NON_RESOURCE_ROOTS.has(root)) {
    const kind = root === "var" ? "var" : root === "local" ? "local" : root === "module" ? "module" : "other";
    return { kind, address: `${prefix}${root}.${parts[1]}`, attr: parts.slice(2).join(".") || undefined, raw };
  }
  if (!RESOURCE_TYPE.test(root)) return undefined;
  const attr = parts.slice(2).join(".");
  return { kind: "resource", type: root, address: `${prefix}${root}.${parts[1]}`, attr: attr || undefined, raw };
}

const RESOURCE_TYPE = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/**
 * The most common traversal, `type.name` or `type.name.attr.path` with no index, module or data prefix and no empty
 * step, read by position instead of split; undefined for any other shape (`parseReference` then splits it).
 */
function plainResourceReference(raw: string): Ref | undefined {
  const first = raw.indexOf(".");
  if (first <= 0 || raw.includes("[") || raw.includes("..") || raw.endsWith(".")) return undefined;
  const root = raw.slice(0, first);
  if (NON_RESOURCE_ROOTS.has(root) || root === "data" || !RESOURCE_TYPE.test(root)) return undefined;
  const second = raw.indexOf(".", first + 1);
  if (second < 0) return { kind: "resource", type: root, address: raw, attr: undefined, raw };
  return { kind: "resource", type: root, address: raw.slice(0, second), attr: raw.slice(second + 1), raw };
}

/** The names of a traversal, without its index and key steps (`[0]`, `["a"]`) and empty names. */
function traversalParts(raw: string): string[] {
  const parts: string[] = [];
  let name = "";
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46 /* . */) {
      name += raw.slice(from, i);
      if (name !== "") parts.push(name);
      name = "";
      from = i + 1;
    } else if (c === 91 /* [ */) {
      const close = raw.indexOf("]", i + 1);
      if (close < 0) continue; // an unclosed bracket is text
      name += raw.slice(from, i);
      i = close;
      from = close + 1;
    }
  }
  name += raw.slice(from);
  if (name !== "") parts.push(name);
  return parts;
}

/**
 * True when a string holds a Terraform interpolation (`${...}`) or template directive (`%{...}`).
 * Escaped sequences (`$${`, `%%{`) are literal text, as in Terraform.
 */
export function isExpression(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const dollar = value.indexOf("${");
  const percent = value.indexOf("%{");
  if (dollar < 0 && percent < 0) return false;
  if (!value.includes("$${") && !value.includes("%%{")) return true;
  return hasUnescaped(value, "$") || hasUnescaped(value, "%");
}

/** Replaces Terraform's escapes (`$${`, `%%{`) by the literal text they stand for. */
export function unescapeTemplate(value: string): string {
  return value.includes("$${") || value.includes("%%{") ? value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{") : value;
}

function hasUnescaped(value: string, sigil: "$" | "%"): boolean {
  const open = `${sigil}{`;
  let i = value.indexOf(open);
  while (i >= 0) {
    if (i === 0 || value[i - 1] !== sigil) return true;
    i = value.indexOf(open, i + 2);
  }
  return false;
}

/**
 * What a string with `${...}` interpolations stands for when read as a value: unknown until apply, with the references
 * inside it. One value per string and run, shared by value reads and reference scans.
 */
const EXPRESSION_VALUES = new RunCache<string, { readonly kind: "unknown"; readonly refs: readonly Ref[] }>(50000);

/** Every reference inside the `${...}` interpolations of a string. */
export function referencesInString(value: string): Ref[] {
  return sharedReferencesInString(value).slice();
}

/** Like `referencesInString`, but the list is cached per string, shared and frozen. */
export function sharedReferencesInString(value: string): readonly Ref[] {
  return expressionValue(value).refs;
}

/**
 * The value of a string that is a Terraform expression (see `isExpression`): unknown, with its references. Cached per
 * string for the run and shared: do not change it.
 */
export function expressionValue(value: string): { readonly kind: "unknown"; readonly refs: readonly Ref[] } {
  let v = EXPRESSION_VALUES.get(value);
  if (v === undefined) {
    v = { kind: "unknown", refs: Object.freeze(scanReferences(value)) };
    EXPRESSION_VALUES.set(value, v);
  }
  return v;
}

const PARSED = new RunCache<string, Ref | null>(50000);

/** `parseReference`, cached per traversal; the reference is shared and frozen. */
export function cachedReference(raw: string): Ref | undefined {
  let ref = PARSED.get(raw);
  if (ref === undefined) {
    const parsed = parseReference(raw);
    ref = parsed ? Object.freeze(parsed) : null;
    PARSED.set(raw, ref);
  }
  return ref ?? undefined;
}

/**
 * A string that is one interpolation of one plain traversal (`${aws_vpc.main.id}`, `${aws_eks_cluster.c.vpc_config[0].x}`):
 * the common case, whose only reference is the traversal itself.
 */
const SINGLE_TRAVERSAL = /^\$\{([A-Za-z_][\w-]*(?:\[[^\]"{}$]*\])?(?:\.[\w-]+(?:\[[^\]"{}$]*\])*)+)\}$/;

function scanReferences(value: string): Ref[] {
  const single = SINGLE_TRAVERSAL.exec(value);
  if (single) {
    const ref = parseReference(single[1]);
    return ref ? [ref] : [];
  }
  const refs: Ref[] = [];
  let start = value.indexOf("${");
  while (start >= 0) {
    if (start > 0 && value[start - 1] === "$") {
      start = value.indexOf("${", start + 2);
      continue;
    }
    const end = matchingBrace(value, start + 1);
    const expr = value.slice(start + 2, end < 0 ? value.length : end);
    for (const m of stripQuoted(expr).matchAll(REF_PATTERN)) {
      const ref = parseReference(m[1]);
      if (ref) refs.push(ref);
    }
    if (end < 0) break;
    start = value.indexOf("${", end);
  }
  return refs;
}

/** Every reference inside any string of a JSON value. */
export function referencesIn(value: unknown, out: Ref[] = []): Ref[] {
  referencesInto(value, out);
  return out;
}

/** Appends every reference inside any string of a JSON value to `out`. `"//"` keys are comments, as in Terraform. */
export function referencesInto(value: unknown, out: Ref[]): void {
  if (typeof value === "string") {
    if (value.includes("${")) {
      const refs = sharedReferencesInString(value);
      for (let i = 0; i < refs.length; i++) out.push(refs[i]);
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) referencesInto(value[i], out);
  } else if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    for (const key in o) if (key !== "//") referencesInto(o[key], out);
  }
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  let quote = false;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function stripQuoted(expr: string): string {
  // Drop string literals (but keep nested interpolations inside them).
  return expr.replace(/"(?:[^"\\]|\\.)*"/g, (lit) => {
    const inner: string[] = [];
    for (const m of lit.matchAll(/\$\{([^}]*)\}/g)) inner.push(m[1]);
    return ` ${inner.join(" ")} `;
  });
}
