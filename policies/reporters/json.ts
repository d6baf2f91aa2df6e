import { Report, Result } from "../engine/types";
import { sortedFindings, summarize } from "./summary";

/**
 * Machine-readable report: `{"version":1,"summary":{...},"findings":[...],"unknowns":[...]}`. `findings` are the failed
 * and errored results, `unknowns` the results that cannot be decided before apply; both in report order, suppressed
 * ones included and marked.
 */
export function jsonReport(report: Report): string {
  const s = summarize(report);
  const doc = {
    version: 1,
    pack: { name: report.pack, version: report.packVersion },
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
    path: f.path ?? null,
  };
}
