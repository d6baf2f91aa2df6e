import { Model, Resource } from "./model";
import { matchSuppression } from "./suppressions";
import { Outcome, Report, Result, Rule, Severity, severityRank, Suppression } from "./types";

export interface EvaluateOptions {
  /** Pack name shown in reports. */
  readonly pack?: string;
  readonly packVersion?: string;
}

/**
 * Runs every rule on every resource of its types. A rule that throws yields an `error` result, never a pass.
 *
 * Passes are the bulk of the results of a large configuration and most reports only count them, so a pass is kept as
 * its resource (and item) in one flat list, and becomes a `Result` only when `report.results` is read.
 */
export function evaluate(model: Model, rules: readonly Rule[], options: EvaluateOptions = {}): Report {
  // Most checks give one result or none: room for one slot per check avoids growing the list as it fills.
  let checks = 0;
  for (let k = 0; k < rules.length; k++) {
    const types = rules[k].resourceTypes;
    if (types.includes("*")) checks += model.resources.length;
    else for (let t = 0; t < types.length; t++) checks += model.ofType(types[t]).length;
  }
  const slots: Slot[] = new Array<Slot>(Math.min(checks, MAX_PRESIZED_SLOTS));
  const starts: number[] = [];
  const run: RuleRun = { rule: rules[0], model, slots, filled: 0, findings: [], findingIds: new Map(), passed: 0, unknown: 0 };
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k];
    starts.push(run.filled);
    run.rule = rule;
    run.findingIds = new Map();
    const everything = rule.resourceTypes.includes("*");
    const types = everything ? ["*"] : rule.resourceTypes;
    for (let t = 0; t < types.length; t++) {
      const type = types[t];
      const targets = everything ? model.resources : model.ofType(type);
      for (let i = 0; i < targets.length; i++) {
        const resource = targets[i];
        let o: unknown;
        try {
          o = rule.check(resource, model) as unknown;
        } catch (e) {
          keep(run, result(run, resource, "error", `rule raised an error: ${errorMessage(e)}`, undefined));
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
  starts.push(run.filled);
  return new EvaluationReport(
    options.pack ?? "custom",
    options.packVersion ?? "0",
    model.resources.length,
    rules,
    run.findings.sort(compareResults),
    run.passed,
    run.unknown,
    slots,
    starts,
  );
}

/**
 * What a report keeps of each result: a result that is not a pass, or a pass as its resource, followed by its item
 * when it has one.
 */
type Slot = Result | Resource | string;

/** Beyond this many checks the slot list is not allocated at once (8 MB) but grows as it fills. */
const MAX_PRESIZED_SLOTS = 1_000_000;

/** One rule's pass over the model. */
interface RuleRun {
  rule: Rule;
  readonly model: Model;
  readonly slots: Slot[];
  /** Slots in use (the list is allocated ahead). */
  filled: number;
  /** Failed and errored results. */
  readonly findings: Result[];
  /** Finding ids by item: the same item recurs on many resources, and results share one string for it. */
  findingIds: Map<string, string>;
  passed: number;
  /** Unsuppressed unknown results. */
  unknown: number;
}

/** Turns one outcome of the rule on `resource` into a result (none for `na`). */
function record(run: RuleRun, resource: Resource, raw: unknown): void {
  if (!isOutcome(raw)) {
    keep(run, result(run, resource, "error", `rule returned an invalid outcome: ${describe(raw)}`, undefined));
    return;
  }
  const o = raw as Outcome;
  if (o.status === "na") return;
  const item = typeof o.item === "string" ? o.item : undefined;
  if (o.status === "pass") {
    run.slots[run.filled++] = resource;
    if (item !== undefined) run.slots[run.filled++] = item;
    run.passed++;
    return;
  }
  const message = typeof o.message === "string" && o.message !== "" ? o.message : run.rule.title;
  keep(run, result(run, resource, o.status, message, item));
}

function keep(run: RuleRun, r: Result): void {
  run.slots[run.filled++] = r;
  if (r.status === "unknown") {
    if (!r.suppressed) run.unknown++;
  } else {
    run.findings.push(r);
  }
}

/** A report whose passes are expanded into results on first use. */
class EvaluationReport implements Report {
  private expanded: Result[] | undefined = undefined;

  constructor(
    readonly pack: string,
    readonly packVersion: string,
    readonly resources: number,
    readonly rules: readonly Rule[],
    readonly findings: readonly Result[],
    readonly passed: number,
    readonly unknown: number,
    private readonly slots: readonly Slot[],
    /** Index of the first slot of each rule, and the number of slots at the end. */
    private readonly starts: readonly number[],
  ) {}

  get results(): readonly Result[] {
    if (this.expanded === undefined) this.expanded = this.expand();
    return this.expanded;
  }

  private expand(): Result[] {
    const out: Result[] = [];
    const { slots, starts } = this;
    for (let k = 0; k < this.rules.length; k++) {
      const rule = this.rules[k];
      const ids = new Map<string, string>();
      for (let i = starts[k]; i < starts[k + 1]; i++) {
        const slot = slots[i];
        if (slot instanceof RuleResult) {
          out.push(slot);
          continue;
        }
        const next = slots[i + 1];
        let item: string | undefined;
        if (typeof next === "string") {
          item = next;
          i++;
        }
        let findingId = rule.id;
        if (item) {
          const known = ids.get(item);
          if (known !== undefined) findingId = known;
          else ids.set(item, (findingId = `${rule.id}[${item}]`));
        }
        out.push(new RuleResult(rule, slot as Resource, "pass", "", item, findingId, undefined));
      }
    }
    return out;
  }
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
  return new RuleResult(rule, r, status, message, item, findingId, s);
}

/** One result, with the fields of its rule and resource copied in (reports read them many times over). */
class RuleResult implements Result {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly address: string;
  readonly stack: string;
  readonly resourceType: string;
  readonly suppressed: boolean;
  readonly suppressionReason: string | undefined;
  readonly path: string | undefined;
  readonly file: string | undefined;

  constructor(
    rule: Rule,
    resource: Resource,
    readonly status: Result["status"],
    readonly message: string,
    readonly item: string | undefined,
    readonly findingId: string,
    suppression: Suppression | undefined,
  ) {
    this.ruleId = rule.id;
    this.severity = rule.severity;
    this.title = rule.title;
    this.address = resource.address;
    this.stack = resource.stack;
    this.resourceType = resource.type;
    this.suppressed = suppression !== undefined;
    this.suppressionReason = suppression?.reason;
    this.path = resource.path;
    this.file = resource.file;
  }
}
