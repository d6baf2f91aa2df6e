import { Report } from "../engine/types";
import { sortedFindings, summarize } from "./summary";

/** Machine-readable report: `{"version":1,"summary":{...},"findings":[...]}`. */
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
    findings: sortedFindings(report).map((f) => ({
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
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
