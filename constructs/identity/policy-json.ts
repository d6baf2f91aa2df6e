/** One condition of a policy statement: `{ test: { variable: values } }` in IAM JSON. */
export interface PolicyCondition {
  /** Condition operator, e.g. `StringEquals`, `ArnEquals`, `Bool`. */
  readonly test: string;
  /** Condition key, e.g. `kms:ViaService`. */
  readonly variable: string;
  /** Values the key is compared with; any one matching satisfies the condition. */
  readonly values: string[];
}

/** A policy statement in IAM JSON form, as written into `JSON.stringify`'d policy documents. */
export interface PolicyStatementJson {
  /**
   * Statement id.
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

/** Serializes statements as a policy document (version 2012-10-17). Tokens inside stay as `${...}` strings. */
export function policyDocument(statements: readonly PolicyStatementJson[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))),
  });
}
