import { Report, Severity, SEVERITIES } from "../engine/types";

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

export { blockingFindings, sortedFindings } from "../engine/verdict";
export type { VerdictOptions as BlockingOptions } from "../engine/verdict";

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
