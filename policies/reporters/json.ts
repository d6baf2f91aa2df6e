import { Report, Result } from "../engine/types";
import { Verdict, verdictOf } from "../engine/verdict";
import { sortedFindings, summarize } from "./summary";

/**
 * Machine-readable report: `{"version":1,"summary":{...},"findings":[...],"unknowns":[...]}`. `findings` are the failed
 * and errored results, `unknowns` the results that cannot be decided before apply; both in report order, suppressed
 * ones included and marked. `verdict` is the run's verdict (`passed`, the `failOn` severity, `failOnUnknown`, and how many
 * results block), the same the exit code is read from.
 */
export function jsonReport(report: Report, options: { readonly verdict?: Verdict } = {}): string {
  const s = summarize(report);
  const verdict = options.verdict ?? verdictOf(report);
  const doc = {
    version: 1,
    pack: { name: report.pack, version: report.packVersion },
    verdict: { result: verdict.word, passed: verdict.passed, failOn: verdict.failOn, failOnUnknown: verdict.failOnUnknown, blocking: verdict.blocking.length },
    summary: {
      resources: s.resources,
      rules: s.rules,
      failed: s.failed,
      suppressed: s.suppressed,
      unknown: s.unknown,
      passed: s.passed,
    },
    findings: sortedFindings(report).map(entry),
    unknowns: report.unknowns.map(entry),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function entry(f: Result) {
  return {
    ruleId: f.ruleId,
    findingId: f.findingId,
    severity: f.severity,
    title: f.title,
    status: f.status,
    address: f.address,
    stack: f.stack,
    resourceType: f.resourceType,
    item: f.item ?? null,
    message: f.message,
    suppressed: f.suppressed,
    suppressionReason: f.suppressionReason ?? null,
    file: f.file ?? null,
    line: f.line ?? null,
    path: f.path ?? null,
  };
}
