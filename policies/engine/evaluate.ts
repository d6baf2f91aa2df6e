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
 * Resources are visited one at a time, each by every rule of its type in pack order. Once they have all run, what
 * they memoized on the resource is released (`Resource.releaseMemos`), so those values die young instead of being
 * copied by the scavenges of a large run. Results are kept per rule and resource type and joined at the end, in the
 * order of a rule-by-rule run: rule, then its resource types, then resources in model order.
 *
 * Passes are the bulk of the results of a large configuration and most reports only count them, so a pass is kept as
 * its resource (and item) in one flat list, and becomes a `Result` only when `report.results` is read.
 */
export function evaluate(model: Model, rules: readonly Rule[], options: EvaluateOptions = {}): Report {
  const plan = planRuns(model, rules);
  const run: RuleRun = { rule: rules[0], model, slots: [], filled: 0, findings: [], unknowns: [], findingIds: new Map(), passed: 0, unknown: 0 };
  const findingIds = rules.map(() => new Map<string, string>());
  const resources = model.resources;
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i];
    const runs = plan.byKey.get(resource.mode === "data" ? `data.${resource.type}` : resource.type) ?? plan.everywhere;
    for (let j = 0; j < runs.length; j++) {
      const b = runs[j];
      const k = plan.ruleOf[b];
      const rule = rules[k];
      run.rule = rule;
      run.findingIds = findingIds[k];
      run.slots = plan.buckets[b];
      run.filled = plan.filled[b];
      let o: unknown;
      try {
        o = rule.check(resource, model) as unknown;
      } catch (e) {
        keep(run, result(run, resource, "error", `rule raised an error: ${errorMessage(e)}`, undefined));
        o = NO_OUTCOMES;
      }
      if (Array.isArray(o)) {
        for (let n = 0; n < o.length; n++) record(run, resource, o[n]);
      } else {
        record(run, resource, o);
      }
      plan.filled[b] = run.filled;
    }
    if (runs.length > 0) resource.releaseMemos();
  }
  const { slots, starts } = joinBuckets(plan, rules.length);
  return new EvaluationReport(
    options.pack ?? "custom",
    options.packVersion ?? "0",
    model.resources.length,
    rules,
    run.findings.sort(compareResults),
    run.passed,
    run.unknown,
    run.unknowns.sort(compareResults),
    slots,
    starts,
  );
}

/**
 * Which rules run on which resources. A bucket holds the results of one rule on one of its resource types (`*` for
 * every resource); buckets are numbered in rule order, then in the order of the rule's types.
 */
interface RunPlan {
  /** Result slots of each bucket, allocated for one result per resource. */
  readonly buckets: Slot[][];
  /** Slots in use in each bucket. */
  readonly filled: number[];
  /** Rule index of each bucket. */
  readonly ruleOf: number[];
  /** First bucket of each rule, and the number of buckets at the end. */
  readonly firstBucket: number[];
  /** Buckets to fill for a resource type key (`aws_vpc`, `data.aws_iam_policy_document`), ascending. */
  readonly byKey: Map<string, number[]>;
  /** Buckets of the rules that run on every resource, for type keys no rule names. */
  readonly everywhere: number[];
}

function planRuns(model: Model, rules: readonly Rule[]): RunPlan {
  const plan: RunPlan = { buckets: [], filled: [], ruleOf: [], firstBucket: [], byKey: new Map(), everywhere: [] };
  for (let k = 0; k < rules.length; k++) {
    plan.firstBucket.push(plan.buckets.length);
    const types = rules[k].resourceTypes.includes("*") ? EVERY_TYPE : rules[k].resourceTypes;
    for (let t = 0; t < types.length; t++) {
      const type = types[t];
      const b = plan.buckets.length;
      const expected = type === "*" ? model.resources.length : model.ofType(type).length;
      // Most checks give one result or none: room for one slot per resource avoids growing the list as it fills.
      plan.buckets.push(new Array<Slot>(Math.min(expected, MAX_PRESIZED_SLOTS)));
      plan.filled.push(0);
      plan.ruleOf.push(k);
      if (type === "*") {
        plan.everywhere.push(b);
        plan.byKey.forEach((list) => list.push(b));
      } else {
        let list = plan.byKey.get(type);
        if (list === undefined) plan.byKey.set(type, (list = [...plan.everywhere]));
        list.push(b);
      }
    }
  }
  plan.firstBucket.push(plan.buckets.length);
  return plan;
}

const EVERY_TYPE: readonly string[] = ["*"];

/** What a check that threw leaves to record besides its error result. */
const NO_OUTCOMES: readonly unknown[] = Object.freeze([]);

/** The buckets joined into one slot list, with the index of each rule's first slot and the number of slots at the end. */
function joinBuckets(plan: RunPlan, ruleCount: number): { slots: Slot[]; starts: number[] } {
  let total = 0;
  for (let b = 0; b < plan.buckets.length; b++) total += plan.filled[b];
  const slots = new Array<Slot>(total);
  const starts = new Array<number>(ruleCount + 1);
  let at = 0;
  for (let k = 0; k < ruleCount; k++) {
    starts[k] = at;
    for (let b = plan.firstBucket[k]; b < plan.firstBucket[k + 1]; b++) {
      const bucket = plan.buckets[b];
      const n = plan.filled[b];
      for (let i = 0; i < n; i++) slots[at++] = bucket[i];
    }
  }
  starts[ruleCount] = at;
  return { slots, starts };
}

/**
 * What a report keeps of each result: a result that is not a pass, or a pass as its resource, followed by its item
 * when it has one.
 */
type Slot = Result | Resource | string;

/** Beyond this many resources a bucket is not allocated at once but grows as it fills. */
const MAX_PRESIZED_SLOTS = 50_000;

/** One rule's pass over one resource, and the counts of the whole run. */
interface RuleRun {
  rule: Rule;
  readonly model: Model;
  /** The bucket the current rule and resource type fill. */
  slots: Slot[];
  /** Slots in use in `slots`. */
  filled: number;
  /** Failed and errored results. */
  readonly findings: Result[];
  /** Results that cannot be decided before apply. */
  readonly unknowns: Result[];
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
    run.unknowns.push(r);
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
    readonly unknowns: readonly Result[],
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
  readonly line: number | undefined;
  readonly column: number | undefined;

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
    const at = resource.locate(item);
    this.line = at?.line;
    this.column = at?.column;
  }
}
