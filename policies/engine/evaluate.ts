import { Model, Resource } from "./model";
import { matchSuppression } from "./suppressions";
import { Outcome, Report, Result, Rule, severityRank } from "./types";

export interface EvaluateOptions {
  /** Pack name shown in reports. */
  readonly pack?: string;
  readonly packVersion?: string;
}

const STATUSES = new Set(["pass", "fail", "unknown", "na"]);

/** Runs every rule on every resource of its types. A rule that throws yields an `error` result, never a pass. */
export function evaluate(model: Model, rules: readonly Rule[], options: EvaluateOptions = {}): Report {
  const results: Result[] = [];
  for (const rule of rules) {
    const targets = rule.resourceTypes.includes("*") ? model.resources : rule.resourceTypes.flatMap((t) => model.ofType(t));
    for (const resource of targets) {
      let outcomes: readonly unknown[];
      try {
        const o = rule.check(resource, model) as unknown;
        outcomes = Array.isArray(o) ? o : [o];
      } catch (e) {
        results.push(result(rule, resource, "error", `rule raised an error: ${errorMessage(e)}`, undefined, model));
        continue;
      }
      for (const raw of outcomes) {
        if (!isOutcome(raw)) {
          results.push(result(rule, resource, "error", `rule returned an invalid outcome: ${describe(raw)}`, undefined, model));
          continue;
        }
        const o = raw as Outcome;
        if (o.status === "na") continue;
        const message = o.status === "pass" ? "" : typeof o.message === "string" && o.message !== "" ? o.message : rule.title;
        results.push(result(rule, resource, o.status, message, typeof o.item === "string" ? o.item : undefined, model));
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
  return o !== null && typeof o === "object" && STATUSES.has((o as { status?: unknown }).status as string);
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

function result(rule: Rule, r: Resource, status: Result["status"], message: string, item: string | undefined, model: Model): Result {
  const s = status === "fail" || status === "unknown" ? matchSuppression(r.suppressions, rule.id, item, model.now) : undefined;
  return {
    ruleId: rule.id,
    findingId: item ? `${rule.id}[${item}]` : rule.id,
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
