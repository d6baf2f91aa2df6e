import { Model, Resource } from "./model";
import { matchSuppression } from "./suppressions";
import { Outcome, Report, Result, Rule, severityRank } from "./types";

export interface EvaluateOptions {
  /** Pack name shown in reports. */
  readonly pack?: string;
  readonly packVersion?: string;
}

/** Runs every rule on every resource of its types. A rule that throws yields an `error` result, never a pass. */
export function evaluate(model: Model, rules: readonly Rule[], options: EvaluateOptions = {}): Report {
  const results: Result[] = [];
  for (const rule of rules) {
    const run: RuleRun = { rule, model, results, findingIds: new Map() };
    const everything = rule.resourceTypes.includes("*");
    const types = everything ? ["*"] : rule.resourceTypes;
    for (const type of types) {
      const targets = everything ? model.resources : model.ofType(type);
      for (let i = 0; i < targets.length; i++) {
        const resource = targets[i];
        let o: unknown;
        try {
          o = rule.check(resource, model) as unknown;
        } catch (e) {
          results.push(result(run, resource, "error", `rule raised an error: ${errorMessage(e)}`, undefined));
          continue;
        }
        if (Array.isArray(o)) {
          for (let j = 0; j < o.length; j++) record(run, resource, o[j]);
        } else {
          record(run, resource, o);
        }
      }
    }
  }
  return {
    pack: options.pack ?? "custom",
    packVersion: options.packVersion ?? "0",
    resources: model.resources.length,
    rules,
    results,
    findings: results.filter((r) => r.status === "fail" || r.status === "error").sort(compareResults),
  };
}

/** One rule's pass over the model. */
interface RuleRun {
  readonly rule: Rule;
  readonly model: Model;
  readonly results: Result[];
  /** Finding ids by item: the same item recurs on many resources, and results share one string for it. */
  readonly findingIds: Map<string, string>;
}

/** Turns one outcome of the rule on `resource` into a result (none for `na`). */
function record(run: RuleRun, resource: Resource, raw: unknown): void {
  if (!isOutcome(raw)) {
    run.results.push(result(run, resource, "error", `rule returned an invalid outcome: ${describe(raw)}`, undefined));
    return;
  }
  const o = raw as Outcome;
  if (o.status === "na") return;
  const message = o.status === "pass" ? "" : typeof o.message === "string" && o.message !== "" ? o.message : run.rule.title;
  run.results.push(result(run, resource, o.status, message, typeof o.item === "string" ? o.item : undefined));
}

/** Report order: stack, severity (critical first), rule id, address, item. */
export function compareResults(a: Result, b: Result): number {
  return (
    cmp(a.stack, b.stack) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.address, b.address) ||
    cmp(a.item ?? "", b.item ?? "")
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isOutcome(o: unknown): boolean {
  if (o === null || typeof o !== "object") return false;
  const status = (o as { status?: unknown }).status;
  return status === "pass" || status === "fail" || status === "unknown" || status === "na";
}

function describe(o: unknown): string {
  if (o === undefined) return "undefined";
  try {
    return JSON.stringify(o)?.slice(0, 200) ?? String(o);
  } catch {
    return String(o);
  }
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e !== null && typeof e === "object" && typeof (e as { message?: unknown }).message === "string") return (e as { message: string }).message;
  return String(e);
}

function result(run: RuleRun, r: Resource, status: Result["status"], message: string, item: string | undefined): Result {
  const rule = run.rule;
  const s = status === "fail" || status === "unknown" ? matchSuppression(r.suppressions, rule.id, item, run.model.now) : undefined;
  let findingId = rule.id;
  if (item) {
    const known = run.findingIds.get(item);
    if (known !== undefined) findingId = known;
    else run.findingIds.set(item, (findingId = `${rule.id}[${item}]`));
  }
  return {
    ruleId: rule.id,
    findingId,
    severity: rule.severity,
    title: rule.title,
    status,
    address: r.address,
    stack: r.stack,
    resourceType: r.type,
    message,
    item,
    suppressed: s !== undefined,
    suppressionReason: s?.reason,
    path: r.path,
    file: r.file,
  };
}
