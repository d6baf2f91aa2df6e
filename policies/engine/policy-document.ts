import { Model, Resource } from "./model";
import { View } from "./view";
import { jsonOfText } from "./json-text";
import { expressionValue, isExpression } from "./references";
import { RunCache } from "./run-cache";
import { Ref, Val } from "./types";

export interface Principal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  readonly type: string;
  readonly ids: readonly string[];
}

export interface Condition {
  readonly test: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** An IAM policy statement with every list normalized to an array. */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Absent for identity-based policies. */
  readonly principals?: readonly Principal[];
  readonly notPrincipals?: readonly Principal[];
  readonly conditions: readonly Condition[];
}

export type PolicyDocument =
  | { readonly kind: "known"; readonly statements: readonly Statement[] }
  | { readonly kind: "unknown"; readonly refs: readonly Ref[] }
  | { readonly kind: "invalid"; readonly error: string }
  | { readonly kind: "absent" };

/**
 * The policy document at `path` of a resource: a JSON string (tokens inside stay as `${...}` strings), a
 * `${jsonencode({...})}` literal (see `jsonOfText`), or a reference to an `aws_iam_policy_document` data source, whose
 * statements are evaluated from its blocks.
 */
export function policyAt(resource: Resource, path: string, model: Model): PolicyDocument {
  // Read and parsed once per model, resource and path: several rules judge the same documents.
  let memo = MEMOS.get(path);
  if (memo === undefined) MEMOS.set(path, (memo = { key: `policy-document:${path}`, read: (r, m) => policyIn(r, path, r, m) }));
  return model.memoFor(memo.key, resource, memo.read);
}

/** The memo key and reader of each policy path. */
const MEMOS = new Map<string, { readonly key: string; readonly read: (r: Resource, m: Model) => PolicyDocument }>();

/**
 * The policy document at `path` of a view that belongs to `owner` (the resource itself, or one of its blocks, such
 * as the `content` of a dynamic `inline_policy` block), read afresh: `policyAt` memoizes what this reads.
 */
export function policyIn(view: View, path: string, owner: Resource, model: Model): PolicyDocument {
  // A document written as JSON text with `${...}` tokens in its strings, or as `${jsonencode({...})}`, is still a
  // document: its structure is known, only the values computed by expressions are not (see `jsonOfText`). Tried
  // first: reading such a text costs less than scanning it for the references an unknown value would list. In a plan,
  // a document unknown until apply may carry its configuration's text (see `documentsFromConfiguration`): read alike.
  const raw = view.rawAt(path);
  if (typeof raw === "string" && isExpression(raw) && (!view.literal || view.get(path).kind === "unknown")) {
    const doc = documentOfText(raw);
    if (doc) return doc;
  }
  const v = view.get(path);
  if (v.kind === "absent") return { kind: "absent" };
  if (v.kind === "known") return typeof v.value === "string" ? parsePolicyText(v.value) : parsePolicy(v.value);
  const doc = v.refs.find((r) => r.kind === "data" && r.type === "aws_iam_policy_document");
  if (doc) {
    const data = model.resolve(owner, doc);
    if (data) return policyFromDataSource(data, model);
  }
  return { kind: "unknown", refs: v.refs };
}

// Configurations repeat policy texts (one trust policy for many roles): each text is parsed once per run.
const POLICY_TEXTS = new RunCache<string, PolicyDocument>(10000);
const TOKEN_TEXTS = new RunCache<string, PolicyDocument | null>(10000);

function parsePolicyText(text: string): PolicyDocument {
  let doc = POLICY_TEXTS.get(text);
  if (doc === undefined) POLICY_TEXTS.set(text, (doc = parsePolicy(text)));
  return doc;
}

/** The document of a policy text with expressions in it (see `jsonOfText`); undefined when it cannot be read. */
function documentOfText(raw: string): PolicyDocument | undefined {
  let doc = TOKEN_TEXTS.get(raw);
  if (doc === undefined) {
    const json = jsonOfText(raw);
    const value = json?.value;
    doc = value !== null && typeof value === "object" && !Array.isArray(value) ? parsePolicy(value) : null;
    // Statements computed by an expression (`{"Statement" = var.statements}`) leave the document unknown, not invalid.
    if (doc?.kind === "invalid" && statementsComputed(value as Record<string, unknown>)) doc = null;
    TOKEN_TEXTS.set(raw, doc);
  }
  return doc ?? undefined;
}

/** True when the document's statement list, or one statement of it, is a `${...}` expression. */
function statementsComputed(doc: Record<string, unknown>): boolean {
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return list.some((s) => typeof s === "string" && isExpression(s));
}

/**
 * Statements of an `aws_iam_policy_document` data source: its rendered `json` when a plan has read it, else its
 * `statement` blocks layered as the provider layers them. `source_json`, then each of `source_policy_documents`, then
 * the `statement` blocks, then each of `override_policy_documents`, then `override_json` are merged in that order: a
 * statement replaces an earlier one with the same non-empty `sid`, any other is added. Unknown when one of those
 * documents is (a variable, a computed value); a document given as another data source's `json` is layered the same
 * way.
 */
export function policyFromDataSource(data: Resource, model: Model): PolicyDocument {
  return layeredDocument(data, model, 0);
}

/** Data sources built from one another deeper than this are not followed (Terraform forbids cycles). */
const MAX_LAYERS = 16;

function layeredDocument(data: Resource, model: Model, depth: number): PolicyDocument {
  const json = data.get("json");
  if (json.kind === "known") return parsePolicy(json.value);
  const merged: Statement[] = [];
  const sources = addLayers(merged, data, SOURCE_LAYERS, model, depth);
  if (sources !== undefined) return sources;
  mergeStatements(merged, data.blocks("statement").map(statementFromBlock));
  return addLayers(merged, data, OVERRIDE_LAYERS, model, depth) ?? { kind: "known", statements: merged };
}

/** Attributes holding the documents merged before and after a data source's own statements, in merge order. */
const SOURCE_LAYERS: readonly string[] = ["source_json", "source_policy_documents"];
const OVERRIDE_LAYERS: readonly string[] = ["override_policy_documents", "override_json"];

/**
 * Merges the documents at `paths` (a document, or a list of them for `*_documents`) into `merged`. Returns the first
 * document that is not known (unknown or invalid), which leaves the whole document so; undefined when all were merged.
 */
function addLayers(merged: Statement[], data: Resource, paths: readonly string[], model: Model, depth: number): PolicyDocument | undefined {
  for (const path of paths) {
    if (!data.has(path)) continue;
    const isList = path.endsWith("_documents");
    const values = isList ? data.items(path) : [data.get(path)];
    if (values === undefined) return { kind: "unknown", refs: data.refs(path) };
    const raw = data.rawAt(path);
    for (let i = 0; i < values.length; i++) {
      const doc = layerDocument(values[i], isList ? (Array.isArray(raw) ? raw[i] : undefined) : raw, data, model, depth);
      if (doc.kind === "absent") continue;
      if (doc.kind !== "known") return doc;
      mergeStatements(merged, doc.statements);
    }
  }
  return undefined;
}

/**
 * One document given to `source_*` or `override_*` (`v`, written as `raw`): JSON text, text with tokens or a
 * `jsonencode` literal, or another data source's `json`.
 */
function layerDocument(v: Val, raw: unknown, data: Resource, model: Model, depth: number): PolicyDocument {
  if (v.kind === "absent") return { kind: "absent" };
  if (v.kind === "unknown" && !data.literal && typeof raw === "string") {
    const doc = documentOfText(raw);
    if (doc) return doc;
  }
  if (v.kind === "known") return typeof v.value === "string" ? parsePolicyText(v.value) : parsePolicy(v.value);
  const ref = v.refs.length === 1 && v.refs[0].kind === "data" && v.refs[0].type === "aws_iam_policy_document" ? v.refs[0] : undefined;
  const source = ref && depth < MAX_LAYERS ? model.resolve(data, ref) : undefined;
  if (source && source !== data) return layeredDocument(source, model, depth + 1);
  return { kind: "unknown", refs: v.refs };
}

/** Adds `statements` to `merged`, each replacing an earlier statement with the same non-empty sid. */
function mergeStatements(merged: Statement[], statements: readonly Statement[]): void {
  for (const s of statements) {
    const at = s.sid ? merged.findIndex((m) => m.sid === s.sid) : -1;
    if (at >= 0) merged[at] = s;
    else merged.push(s);
  }
}

/** Parses a policy given as a JSON string or object. */
export function parsePolicy(value: unknown): PolicyDocument {
  let doc = value;
  if (typeof value === "string") {
    if (value.trim() === "") return { kind: "absent" };
    try {
      doc = JSON.parse(value);
    } catch (e) {
      return { kind: "invalid", error: `policy is not valid JSON: ${(e as Error).message}` };
    }
  }
  if (doc === null || typeof doc !== "object") return { kind: "invalid", error: "policy is not a JSON object" };
  const raw = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as unknown;
    if (s === null || typeof s !== "object") return { kind: "invalid", error: "policy statement is not an object" };
    statements.push(statementFromJson(s as Record<string, unknown>));
  }
  return { kind: "known", statements };
}

function statementFromJson(s: Record<string, unknown>): Statement {
  return {
    sid: typeof s.Sid === "string" ? s.Sid : undefined,
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    principals: principalsFromJson(s.Principal),
    notPrincipals: principalsFromJson(s.NotPrincipal),
    conditions: conditionsFromJson(s.Condition),
  };
}

function statementFromBlock(b: View): Statement {
  const principals = (name: string) => {
    const blocks = b.blocks(name);
    if (blocks.length === 0) return undefined;
    return blocks.map((p) => ({ type: p.str("type") ?? "AWS", ids: blockStrings(p, "identifiers") ?? [] }));
  };
  return {
    sid: b.str("sid"),
    effect: b.str("effect") === "Deny" ? "Deny" : "Allow",
    actions: blockStrings(b, "actions"),
    notActions: blockStrings(b, "not_actions"),
    resources: blockStrings(b, "resources"),
    notResources: blockStrings(b, "not_resources"),
    principals: principals("principals"),
    notPrincipals: principals("not_principals"),
    conditions: b.blocks("condition").map((c) => ({
      test: c.str("test") ?? "",
      key: c.str("variable") ?? "",
      values: blockStrings(c, "values") ?? [],
    })),
  };
}

/**
 * The strings of a data source block's list at `path`. In a plan, an element computed at apply time (a data source
 * read deferred to apply marks it in `after_unknown`) reads as {@link COMPUTED_ELEMENT}, a `${...}` value like a token
 * in synthesized JSON, rather than as the text of the null the plan holds in its place.
 */
function blockStrings(b: View, path: string): string[] | undefined {
  const items = b.literal ? b.items(path) : undefined;
  if (items === undefined) return strings(b.known(path));
  return items.map((v) => (v.kind === "unknown" ? COMPUTED_ELEMENT : v.kind === "absent" ? "null" : typeof v.value === "string" ? v.value : JSON.stringify(v.value)));
}

/** What an element of a plan's list reads as when it is computed at apply time. */
export const COMPUTED_ELEMENT = "${(known after apply)}";

function principalsFromJson(p: unknown): Principal[] | undefined {
  if (p === undefined || p === null) return undefined;
  if (typeof p === "string") return [{ type: p === "*" ? "*" : "AWS", ids: [p] }];
  if (typeof p !== "object") return undefined;
  const out: Principal[] = [];
  const byType = p as Record<string, unknown>;
  for (const type in byType) out.push({ type, ids: strings(byType[type]) ?? NO_STRINGS });
  return out;
}

const NO_CONDITIONS: readonly Condition[] = Object.freeze([]);
const NO_STRINGS: readonly string[] = Object.freeze([]);

function conditionsFromJson(c: unknown): readonly Condition[] {
  if (c === null || typeof c !== "object") return NO_CONDITIONS;
  const out: Condition[] = [];
  const byTest = c as Record<string, unknown>;
  for (const test in byTest) {
    const body = byTest[test];
    if (body === null || typeof body !== "object") continue;
    const byKey = body as Record<string, unknown>;
    for (const key in byKey) out.push({ test, key, values: strings(byKey[key]) ?? NO_STRINGS });
  }
  return out;
}

function strings(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return [v];
  if (!Array.isArray(v)) return [JSON.stringify(v)];
  const out = new Array<string>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    out[i] = typeof x === "string" ? x : JSON.stringify(x);
  }
  return out;
}

/** True when a principal list admits everyone (`*` or `{"AWS": "*"}`). */
export function isPublicPrincipal(principals: readonly Principal[] | undefined): boolean {
  return (principals ?? []).some((p) => (p.type === "*" || p.type === "AWS") && p.ids.includes("*"));
}

/** True when an IAM action pattern (with `*` and `?`) covers `action`, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern.toLowerCase() === action.toLowerCase();
  let re = ACTION_PATTERNS.get(pattern);
  if (!re) {
    const body = pattern
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, "is");
    ACTION_PATTERNS.set(pattern, re);
  }
  return re.test(action);
}

const ACTION_PATTERNS = new RunCache<string, RegExp>(10000);

/** True when a statement carries a condition whose key is one of `keys` (case-insensitive). */
export function hasConditionKey(s: Statement, ...keys: string[]): boolean {
  const wanted = keys.map((k) => k.toLowerCase());
  return s.conditions.some((c) => wanted.includes(c.key.toLowerCase()));
}

/** Attributes of a managed resource that name it (an ARN, an id, a name): never a wildcard, whatever the resource. */
const NAMING_ATTRIBUTE = /(?:^|\.)(?:arn|id|name|key_id|unique_id|bucket|function_name|role|invoke_arn|execution_arn)$/;

/** Placeholder for an excluded action or resource that is not known until apply: it matches nothing real. */
const UNKNOWN_EXCLUSION = "ztb:value-known-after-apply";

/**
 * True when `value` is one whole expression (`${var.r}`, `${local.x}`, `${data.x.y.list}`, a function call, or an
 * element a plan computes at apply time) that may stand for anything, a wildcard included. A reference to the naming
 * attribute of a managed resource (`${aws_kms_key.k.arn}`) names that resource and is not open; nor is a string with
 * literal text around its expressions.
 */
export function isOpenValue(value: string): boolean {
  if (value.length < 4 || !value.startsWith("${") || !value.endsWith("}") || value.indexOf("${", 2) >= 0 || !isExpression(value)) return false;
  const refs = expressionValue(value).refs;
  if (refs.length === 0) return true;
  const body = value.slice(2, -1).trim();
  // Exactly one reference and nothing else: `${aws_s3_bucket.b.arn}`.
  if (refs.length !== 1 || refs[0].raw !== body) return true;
  const ref = refs[0];
  return !(ref.kind === "resource" && ref.attr !== undefined && NAMING_ATTRIBUTE.test(ref.attr));
}

/**
 * The statement as it would read if every open value in it (see `isOpenValue`) turned out the worst way at apply:
 * actions, resources and principals become `*`, excluded actions and resources become a value that excludes nothing
 * real, and condition values become `*`. Undefined when the statement holds no open value. Rules judge it to tell a
 * statement that passes whatever the values are from one whose verdict depends on them.
 */
export function worstCaseStatement(s: Statement): Statement | undefined {
  let open = false;
  const widen = (list: readonly string[] | undefined, to: string): readonly string[] | undefined => {
    if (list === undefined || !list.some(isOpenValue)) return list;
    open = true;
    return list.map((v) => (isOpenValue(v) ? to : v));
  };
  const principals = (list: readonly Principal[] | undefined): readonly Principal[] | undefined => {
    if (list === undefined || !list.some((p) => p.ids.some(isOpenValue))) return list;
    open = true;
    return list.map((p) => ({ type: p.type, ids: p.ids.map((id) => (isOpenValue(id) ? "*" : id)) }));
  };
  const conditions = s.conditions.some((c) => c.values.some(isOpenValue))
    ? ((open = true), s.conditions.map((c) => ({ test: c.test, key: c.key, values: c.values.map((v) => (isOpenValue(v) ? "*" : v)) })))
    : s.conditions;
  const worst: Statement = {
    ...s,
    actions: widen(s.actions, "*"),
    notActions: widen(s.notActions, UNKNOWN_EXCLUSION),
    resources: widen(s.resources, "*"),
    notResources: widen(s.notResources, `arn:${UNKNOWN_EXCLUSION}`),
    principals: principals(s.principals),
    conditions,
  };
  return open ? worst : undefined;
}

/** The open values of a statement (see `isOpenValue`), for messages. */
export function openValues(s: Statement): string[] {
  const out: string[] = [];
  const add = (list: readonly string[] | undefined) => {
    for (const v of list ?? []) if (isOpenValue(v) && !out.includes(v)) out.push(v);
  };
  add(s.actions);
  add(s.notActions);
  add(s.resources);
  add(s.notResources);
  for (const p of s.principals ?? []) add(p.ids);
  for (const c of s.conditions) add(c.values);
  return out;
}
