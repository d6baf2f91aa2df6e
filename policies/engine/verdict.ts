import { compareResults } from "./evaluate";
import { Report, Result, Severity, severityRank } from "./types";

/** What blocks a check besides failed and errored findings, and from which severity on. */
export interface VerdictOptions {
  /**
   * Only unsuppressed results at or above this severity block.
   * @default "low" (every severity)
   */
  readonly failOn?: Severity;
  /**
   * Unsuppressed results that cannot be decided before apply block too (at or above `failOn`): for pipelines that
   * accept only what the rules could judge.
   * @default false
   */
  readonly failOnUnknown?: boolean;
}

/**
 * The verdict of a check: whether it passes, and which results block it. The CLI's exit code, the synth gate, the jest
 * matchers and every report's verdict word are all read from one verdict, so they cannot disagree.
 */
export interface Verdict {
  readonly passed: boolean;
  /** `PASSED` or `FAILED`, as every report prints it. */
  readonly word: "PASSED" | "FAILED";
  readonly failOn: Severity;
  readonly failOnUnknown: boolean;
  /**
   * Unsuppressed failed or errored findings at or above `failOn`, in report order; with `failOnUnknown`, the
   * unsuppressed unknown results at or above it after them.
   */
  readonly blocking: readonly Result[];
}

/** Findings in report order (stack, severity, rule id, address). */
export function sortedFindings(report: Report): Result[] {
  return [...report.findings].sort(compareResults);
}

/**
 * Unsuppressed failed or errored findings at or above `failOn` (every severity when omitted), in report order; with
 * `failOnUnknown`, unsuppressed unknown results at or above `failOn` as well, after them.
 */
export function blockingFindings(report: Report, failOn: Severity = "low", options: Pick<VerdictOptions, "failOnUnknown"> = {}): Result[] {
  const min = severityRank(failOn);
  const blocks = (f: Result) => !f.suppressed && severityRank(f.severity) >= min;
  const out = sortedFindings(report).filter(blocks);
  if (options.failOnUnknown === true) for (const u of report.unknowns) if (blocks(u)) out.push(u);
  return out;
}

/** The verdict of `report` under `options`. */
export function verdictOf(report: Report, options: VerdictOptions = {}): Verdict {
  const failOn = options.failOn ?? "low";
  const failOnUnknown = options.failOnUnknown === true;
  const blocking = blockingFindings(report, failOn, { failOnUnknown });
  const passed = blocking.length === 0;
  return { passed, word: passed ? "PASSED" : "FAILED", failOn, failOnUnknown, blocking };
}

/**
 * What the verdict was judged on, when that is not the default (every unsuppressed finding blocks, unknown results do
 * not): `blocking: findings at or above high, and unknown results`. Undefined for the default.
 */
export function verdictBasis(verdict: Verdict): string | undefined {
  if (verdict.failOn === "low" && !verdict.failOnUnknown) return undefined;
  const what = verdict.failOnUnknown ? "unsuppressed findings and unknown results" : "unsuppressed findings";
  return `blocking: ${what}${verdict.failOn === "low" ? "" : ` at or above ${verdict.failOn}`}`;
}
