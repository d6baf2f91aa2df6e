import { IResolveContext, Lazy } from "cdktf";

/** One condition of a policy statement: `{ test: { variable: values } }` in IAM JSON. */
export interface PolicyCondition {
  /** Condition operator, e.g. `StringEquals`, `ArnEquals`, `Bool`. */
  readonly test: string;
  /** Condition key, e.g. `kms:ViaService`. */
  readonly variable: string;
  /** Values the key is compared with; any one matching satisfies the condition. */
  readonly values: string[];
}

/**
 * A policy statement in IAM JSON form.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
export interface PolicyStatementJson {
  /**
   * Statement id; statements of a {@link PolicyDocument} with the same id merge.
   *
   * @default - no id
   */
  readonly Sid?: string;
  /** Whether the statement allows or denies. */
  readonly Effect: "Allow" | "Deny";
  /**
   * Who the statement applies to (resource and trust policies only).
   *
   * @default - none (identity-based policy)
   */
  readonly Principal?: "*" | Record<string, string | string[]>;
  /**
   * Actions the statement covers; a statement has this or {@link NotAction}.
   *
   * @default - none (the statement uses NotAction)
   */
  readonly Action?: string | string[];
  /**
   * Actions the statement does not cover (only in Deny statements of these constructs: "everything but").
   *
   * @default - none (the statement uses Action)
   */
  readonly NotAction?: string | string[];
  /**
   * Resources the statement covers.
   *
   * @default - none (trust policies name no resource)
   */
  readonly Resource?: string | string[];
  /**
   * Conditions, by operator and key.
   *
   * @default - unconditional
   */
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** Renders conditions as an IAM `Condition` object, or undefined when there are none. */
export function conditionBlock(conditions: readonly PolicyCondition[]): PolicyStatementJson["Condition"] {
  if (conditions.length === 0) return undefined;
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const c of conditions) {
    const byKey = (out[c.test] = out[c.test] ?? {});
    byKey[c.variable] = c.values.length === 1 ? c.values[0] : [...c.values];
  }
  return out;
}

/** A list with one entry rendered as that entry, as IAM prints it. */
export function oneOrMany(values: readonly string[]): string | string[] {
  return values.length === 1 ? values[0] : [...values];
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function sameSet(a: string | string[] | undefined, b: string | string[] | undefined): boolean {
  const x = unique(list(a)).sort();
  const y = unique(list(b)).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** True when two statements with one sid may merge: same effect, actions (in any order) and conditions. */
function mergeable(a: PolicyStatementJson, b: PolicyStatementJson): boolean {
  const principalKinds = (s: PolicyStatementJson) => (s.Principal === undefined || s.Principal === "*" ? String(s.Principal) : Object.keys(s.Principal).sort().join());
  return (
    a.Effect === b.Effect &&
    sameSet(a.Action, b.Action) &&
    sameSet(a.NotAction, b.NotAction) &&
    JSON.stringify(a.Condition) === JSON.stringify(b.Condition) &&
    principalKinds(a) === principalKinds(b) &&
    (a.Resource === undefined) === (b.Resource === undefined)
  );
}

function mergePrincipals(a: PolicyStatementJson["Principal"], b: PolicyStatementJson["Principal"]): PolicyStatementJson["Principal"] {
  if (a === undefined || a === "*" || b === undefined || b === "*") return a;
  return Object.fromEntries(Object.entries(a).map(([kind, ids]) => [kind, oneOrMany(unique([...list(ids), ...list(b[kind])]))]));
}

/** Resolves tokens in a list element and removes the duplicates resolution reveals. */
function resolvedList(value: string | string[] | undefined, resolve: (v: string) => string): string | string[] | undefined {
  if (value === undefined) return value;
  if (!Array.isArray(value)) return resolve(value);
  return oneOrMany(unique(value.map(resolve)));
}

function resolvedStatement(s: PolicyStatementJson, resolve: (v: string) => string): PolicyStatementJson {
  const principal = s.Principal === undefined || s.Principal === "*" ? s.Principal : Object.fromEntries(Object.entries(s.Principal).map(([k, v]) => [k, resolvedList(v, resolve)!]));
  return { ...s, Principal: principal, Resource: resolvedList(s.Resource, resolve) };
}

/**
 * An IAM policy document (version 2012-10-17) that constructs build statement by statement: IAM, KMS key,
 * secret, endpoint and bucket policies. Statements keep the order they were first added; a statement whose
 * `Sid` is already present merges into it (principals and resources united) when effect, actions and
 * conditions agree, and is refused otherwise. Values may be tokens: {@link PolicyDocument.lazy} renders at
 * synth time, resolving them so that duplicates collapse, and the output is the same on every synth.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export class PolicyDocument {
  private readonly list: PolicyStatementJson[] = [];

  /** The statements, in the order first added. */
  get statements(): readonly PolicyStatementJson[] {
    return this.list;
  }

  /** True when the document has no statement. */
  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** The statement with `sid`, if any. */
  statement(sid: string): PolicyStatementJson | undefined {
    return this.list.find((s) => s.Sid !== undefined && s.Sid === sid);
  }

  /**
   * Adds `statement`, merging it into the statement with the same sid. Returns false, adding nothing, when
   * that statement has another effect, other actions or other conditions: the caller reports the conflict.
   */
  addStatement(statement: PolicyStatementJson): boolean {
    const at = statement.Sid === undefined ? -1 : this.list.findIndex((s) => s.Sid === statement.Sid);
    if (at < 0) {
      this.list.push({ ...statement });
      return true;
    }
    const existing = this.list[at];
    if (!mergeable(existing, statement)) return false;
    this.list[at] = {
      ...existing,
      Principal: mergePrincipals(existing.Principal, statement.Principal),
      Resource: existing.Resource === undefined ? undefined : oneOrMany(unique([...list(existing.Resource), ...list(statement.Resource)])),
    };
    return true;
  }

  /**
   * The document as JSON. With `resolve` (a synth-time resolver), the principal and resource lists are
   * resolved and their duplicates removed; without it, statements are written as given.
   */
  render(resolve?: (value: string) => string): string {
    return policyDocument(resolve ? this.list.map((s) => resolvedStatement(s, resolve)) : this.list);
  }

  /** A string token rendering the document at synth time, so statements added later are included. */
  lazy(): string {
    return Lazy.stringValue({ produce: (context: IResolveContext) => this.render((v) => String(context.resolve(v))) });
  }
}

/**
 * Serializes statements, as given, as a policy document (version 2012-10-17); fields left undefined are
 * omitted. Documents built up by several callers use {@link PolicyDocument}, which renders through this.
 */
export function policyDocument(statements: readonly PolicyStatementJson[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))),
  });
}
