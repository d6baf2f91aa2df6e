import { compareResults } from "../engine/evaluate";
import { Report, Result, Severity, SEVERITIES, severityRank } from "../engine/types";

/** Counts of a report. */
export interface Summary {
  readonly resources: number;
  /** Rules evaluated. */
  readonly rules: number;
  /** Unsuppressed failed or errored findings. */
  readonly failed: number;
  /** Suppressed findings. */
  readonly suppressed: number;
  /** Unsuppressed results the rules could not decide before apply. */
  readonly unknown: number;
  readonly passed: number;
  /** Rules that raised an error (unsuppressed). */
  readonly errors: number;
  /** Unsuppressed failed or errored findings per severity. */
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export function summarize(report: Report): Summary {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  let failed = 0;
  let suppressed = 0;
  let errors = 0;
  for (const f of report.findings) {
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    failed++;
    bySeverity[f.severity]++;
    if (f.status === "error") errors++;
  }
  return { resources: report.resources, rules: report.rules.length, failed, suppressed, unknown: report.unknown, passed: report.passed, errors, bySeverity };
}

/** Findings in report order (stack, severity, rule id, address). */
export function sortedFindings(report: Report): Result[] {
  return [...report.findings].sort(compareResults);
}

/** What blocks a check besides failed and errored findings. */
export interface BlockingOptions {
  /**
   * Unsuppressed results that cannot be decided before apply block too (at or above the same severity): for
   * pipelines that accept only what the rules could judge.
   * @default false
   */
  readonly failOnUnknown?: boolean;
}

/**
 * Unsuppressed failed or errored findings at or above `failOn` (every severity when omitted), in report order; with
 * `failOnUnknown`, unsuppressed unknown results at or above `failOn` as well, after them.
 */
export function blockingFindings(report: Report, failOn: Severity = "low", options: BlockingOptions = {}): Result[] {
  const min = severityRank(failOn);
  const blocks = (f: Result) => !f.suppressed && severityRank(f.severity) >= min;
  const out = sortedFindings(report).filter(blocks);
  if (options.failOnUnknown === true) for (const u of report.unknowns) if (blocks(u)) out.push(u);
  return out;
}

/** True when `s` names a severity. */
export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** `3 failed (1 critical, 2 high), 1 suppressed, 2 unknown, 40 passed; 12 resources, 30 rules`. */
export function summaryLine(report: Report): string {
  const s = summarize(report);
  const sev = SEVERITIES.filter((x) => s.bySeverity[x] > 0).map((x) => `${s.bySeverity[x]} ${x}`);
  const failed = `${s.failed} failed${sev.length > 0 ? ` (${sev.join(", ")})` : ""}`;
  return `${failed}, ${s.suppressed} suppressed, ${s.unknown} unknown, ${s.passed} passed; ${s.resources} resources, ${s.rules} rules`;
}
