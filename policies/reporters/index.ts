import { Report } from "../engine/types";
import { Verdict } from "../engine/verdict";
import { jsonReport } from "./json";
import { junitReport } from "./junit";
import { markdownReport } from "./markdown";
import { sarifReport } from "./sarif";
import { textReport } from "./text";

export { jsonReport } from "./json";
export { junitReport, xml } from "./junit";
export { markdownReport } from "./markdown";
export type { MarkdownOptions } from "./markdown";
export { sarifReport, sarifLevel, findingFingerprint, referenceLines, SARIF_SCHEMA, INFORMATION_URI } from "./sarif";
export type { SarifOptions } from "./sarif";
export { textReport } from "./text";
export type { TextOptions } from "./text";
export { summarize, summaryLine, sortedFindings, blockingFindings, isSeverity } from "./summary";
export { verdictOf, verdictBasis } from "../engine/verdict";
export type { Verdict, VerdictOptions } from "../engine/verdict";
export { withLocations, resourceLocations } from "../engine/locations";
export type { Summary } from "./summary";
export { toolVersion } from "./version";

export type ReportFormat = "text" | "json" | "sarif" | "junit" | "markdown";

export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "sarif", "junit", "markdown"];

/** Renders a report in one of the formats. */
export function formatReport(report: Report, format: ReportFormat, options: { color?: boolean; verdict?: Verdict } = {}): string {
  const verdict = options.verdict;
  switch (format) {
    case "json":
      return jsonReport(report, { verdict });
    case "sarif":
      return sarifReport(report, { verdict });
    case "junit":
      return junitReport(report, { verdict });
    case "markdown":
      return markdownReport(report, { verdict });
    case "text":
      return textReport(report, options);
  }
}
