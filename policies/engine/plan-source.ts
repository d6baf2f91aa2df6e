import { jsonOfText } from "./json-text";
import { isTerraformConfig, loadConfig } from "./load-synth";
import { isExpression } from "./references";

/**
 * A plan whose content does not have the shape of `terraform show -json` output (a list that is not a list, an entry
 * without an address, an `after_unknown` that is neither an object nor a boolean, ...). `loadInputs` reports it as an
 * input error (exit 2 at the CLI).
 */
export class PlanShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanShapeError";
    Object.setPrototypeOf(this, PlanShapeError.prototype);
  }
}

/**
 * The Terraform JSON configuration a plan was made from: a cdktf stack's synthesized `cdk.tf.json`, the file users
 * already pass to `ztb check plan.json --suppressions`. A plan shows a policy that embeds a value known only after
 * apply (an ARN) as one unknown value; the configuration still has its text, whose structure (statements, actions,
 * principals) is known. See `documentsFromConfiguration`.
 *
 * Only root-module resources are in a `cdk.tf.json` (a module's resources are not), so only root-module addresses of
 * the plan are looked up; every instance of a counted resource (`aws_iam_policy.p[0]`, `aws_iam_policy.p["a"]`) has the
 * body of its block, whose `count.index` and `each` values are unknown like any other expression.
 */
export class PlanConfiguration {
  private bodies: Map<string, Record<string, unknown>> | undefined = undefined;

  /**
   * @param source the parsed configuration, or a function that reads it (called once, when a plan first asks: a
   *   configuration given only for its suppressions is then never read twice). Anything that is not a Terraform JSON
   *   configuration (a `{"suppressions":[...]}` file) gives no bodies.
   */
  constructor(private readonly source: unknown) {}

  /**
   * The body of the resource or data source at `address` (`aws_kms_key.k`, `data.aws_iam_policy_document.d`, with or
   * without a trailing instance index), as the synthesized reader reads it (constant locals put in); undefined for
   * module addresses and addresses the configuration does not have.
   */
  bodyOf(address: string): Record<string, unknown> | undefined {
    if (address.startsWith("module.")) return undefined;
    const base = address.endsWith("]") ? address.slice(0, address.indexOf("[")) : address;
    return this.byAddress().get(base);
  }

  private byAddress(): Map<string, Record<string, unknown>> {
    if (this.bodies === undefined) {
      this.bodies = new Map();
      const json = typeof this.source === "function" ? (this.source as () => unknown)() : this.source;
      if (isTerraformConfig(json)) {
        for (const r of loadConfig(json, "configuration")) this.bodies.set(r.address, r.raw as Record<string, unknown>);
      }
    }
    return this.bodies;
  }
}

/**
 * A plan resource's `after` values with the configuration's text put in for each attribute that the plan leaves
 * unknown until apply (`afterUnknown` true there, no value in `after`) and that the configuration writes as a JSON
 * document holding expressions: `JSON.stringify` text with `${...}` tokens, or `${jsonencode({...})}` (read by
 * `jsonOfText`, the synthesized reader). Top-level attributes are read, and those of top-level blocks
 * (`inline_policy` of a role): a plan block takes the text of the one configuration block that agrees with every value
 * the plan knows of it (its `name`), since the plan may order a set of blocks differently. The attribute stays marked
 * unknown, so a rule that reads it as a value still sees it unknown; policy readers (`policyIn`) read such a text as
 * they read it in synthesized JSON: the structure is judged and only the values that come from expressions stay
 * unknown. A value the plan knows is never replaced. Returns `after` itself when nothing is put in.
 */
export function documentsFromConfiguration(after: unknown, afterUnknown: unknown, body: Record<string, unknown> | undefined): unknown {
  if (body === undefined || !isObject(afterUnknown)) return after;
  if (after !== undefined && after !== null && !isObject(after)) return after;
  let out: Record<string, unknown> | undefined;
  const put = (key: string, value: unknown) => {
    out ??= { ...(isObject(after) ? after : {}) };
    out[key] = value;
  };
  for (const key of Object.keys(body)) {
    if (key === "//") continue;
    const known = isObject(after) ? after[key] : undefined;
    const unknown = afterUnknown[key];
    if (unknown === true) {
      if ((known === undefined || known === null) && isDocumentText(body[key])) put(key, body[key]);
    } else if (Array.isArray(known) && Array.isArray(unknown)) {
      const blocks = blocksWithDocuments(known, unknown, body[key]);
      if (blocks !== known) put(key, blocks);
    }
  }
  return out ?? after;
}

/**
 * `documentsFromConfiguration` with the texts a plan records itself: for a configuration written in Terraform JSON
 * (every cdktf stack), the plan's `configuration` section keeps each string as written, template included, as the
 * expression's `constant_value` beside its `references`. So a policy that the plan leaves unknown until apply is read
 * from the plan's own record of it, which is always the configuration the plan was made from. In HCL, an expression
 * that is not a constant has no `constant_value`, and its value stays unknown. `expressions` is the resource's
 * expression tree from the plan's `configuration`.
 */
export function documentsFromExpressions(after: unknown, afterUnknown: unknown, expressions: unknown): unknown {
  if (!isObject(afterUnknown) || !isObject(expressions)) return after;
  let body: Record<string, unknown> | undefined;
  for (const key of Object.keys(afterUnknown)) {
    const marks = afterUnknown[key];
    const expr = expressions[key];
    if (marks === true) {
      const text = isObject(expr) ? expr.constant_value : undefined;
      if (typeof text === "string") (body ??= {})[key] = text;
    } else if (Array.isArray(marks) && Array.isArray(expr)) {
      (body ??= {})[key] = expr.map(constantsOf);
    }
  }
  return body === undefined ? after : documentsFromConfiguration(after, afterUnknown, body);
}

/** The constant values of a block's expressions (`{"name": {"constant_value": "a"}}` gives `{"name": "a"}`). */
function constantsOf(block: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(block)) return out;
  for (const key of Object.keys(block)) {
    const expr = block[key];
    if (isObject(expr) && "constant_value" in expr) out[key] = expr.constant_value;
  }
  return out;
}

/**
 * The plan's list of blocks with the configuration's document texts put in (see `documentsFromConfiguration`): each
 * block takes the texts of the one configuration block that agrees with it; the list itself when nothing is put in.
 */
function blocksWithDocuments(blocks: readonly unknown[], unknown: readonly unknown[], configured: unknown): readonly unknown[] {
  const candidates = (Array.isArray(configured) ? configured : [configured]).filter(isObject);
  let out: unknown[] | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const marks = unknown[i];
    if (!isObject(block) || !isObject(marks) || !Object.values(marks).includes(true)) continue;
    const agreeing = candidates.filter((c) => agrees(block, marks, c));
    if (agreeing.length !== 1) continue;
    const filled = documentsFromConfiguration(block, marks, agreeing[0]);
    if (filled === block) continue;
    out ??= blocks.slice();
    out[i] = filled;
  }
  return out ?? blocks;
}

/** True when a configuration block writes, literally, every plain value the plan knows of a block. */
function agrees(block: Record<string, unknown>, marks: Record<string, unknown>, configured: Record<string, unknown>): boolean {
  for (const key of Object.keys(block)) {
    const v = block[key];
    if (marks[key] === true || v === null || typeof v === "object") continue;
    const c = configured[key];
    if (c === undefined || c === null || typeof c === "object" || isExpression(c) || String(c) !== String(v)) return false;
  }
  return true;
}

/** True for a configuration string that is a JSON document (object or list) with expressions in it. */
function isDocumentText(text: unknown): text is string {
  if (typeof text !== "string" || !isExpression(text)) return false;
  const value = jsonOfText(text)?.value;
  return value !== null && typeof value === "object";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
