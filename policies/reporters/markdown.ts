import { Report, Result } from "../engine/types";
import { Verdict, verdictBasis, verdictOf } from "../engine/verdict";
import { sortedFindings, summaryLine } from "./summary";

export interface MarkdownOptions {
  /**
   * How many unsuppressed findings to list; the rest are counted.
   * @default 100
   */
  readonly maxFindings?: number;
  /**
   * How many suppressed findings, and how many results that cannot be decided before apply, to list; the rest are
   * counted.
   * @default 50
   */
  readonly maxOthers?: number;
  /**
   * The verdict to print, as the caller judged the run (`--fail-on`, `--fail-on-unknown`).
   * @default every unsuppressed finding blocks, unknown results do not
   */
  readonly verdict?: Verdict;
}

const DEFAULT_MAX_FINDINGS = 100;
const DEFAULT_MAX_OTHERS = 50;

/**
 * GitHub-flavored Markdown for a pull request comment or a CI job summary (`$GITHUB_STEP_SUMMARY`): the verdict and
 * summary line, a table of the unsuppressed findings (most severe first within each stack, as in the other
 * reports), and folded sections with the suppressed findings and their reasons, and the results that cannot be
 * decided before apply. Long lists are cut, with a count of what the JSON or SARIF report holds besides.
 */
export function markdownReport(report: Report, options: MarkdownOptions = {}): string {
  const verdict = options.verdict ?? verdictOf(report);
  const basis = verdictBasis(verdict);
  const findings = sortedFindings(report);
  const open = findings.filter((f) => !f.suppressed);
  const suppressed = findings.filter((f) => f.suppressed);
  const lines: string[] = [];
  lines.push(`## ztb check: ${verdict.word}`, "", `${summaryLine(report)} (pack ${cell(report.pack)} v${cell(report.packVersion)}${basis !== undefined ? `; ${basis}` : ""})`);
  if (open.length === 0) lines.push("", "No unsuppressed findings.");
  else {
    lines.push("", ...table(["Severity", "Finding", "Resource", "Stack", "Message"], open, options.maxFindings ?? DEFAULT_MAX_FINDINGS, (f) => [
      f.status === "error" ? `${f.severity} (rule error)` : f.severity,
      `\`${cell(f.findingId)}\``,
      `\`${cell(f.address)}\``,
      cell(f.stack),
      cell(f.message),
    ]));
  }
  const others = options.maxOthers ?? DEFAULT_MAX_OTHERS;
  if (suppressed.length > 0) {
    lines.push("", `<details><summary>Suppressed (${suppressed.length})</summary>`, "");
    lines.push(...table(["Severity", "Finding", "Resource", "Stack", "Reason"], suppressed, others, (f) => [f.severity, `\`${cell(f.findingId)}\``, `\`${cell(f.address)}\``, cell(f.stack), cell(f.suppressionReason ?? "")]));
    lines.push("", "</details>");
  }
  if (report.unknowns.length > 0) {
    lines.push("", `<details><summary>Unknown until apply (${report.unknowns.length})</summary>`, "");
    lines.push(...table(["Severity", "Finding", "Resource", "Stack", "Why"], report.unknowns, others, (u) => [u.severity, `\`${cell(u.findingId)}\``, `\`${cell(u.address)}\``, cell(u.stack), cell(u.suppressed ? `${u.message} (suppressed)` : u.message)]));
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}

/** A table of the first `max` rows, and a line counting the rest. */
function table(header: readonly string[], results: readonly Result[], max: number, row: (r: Result) => string[]): string[] {
  const out = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  const shown = results.slice(0, max);
  for (let i = 0; i < shown.length; i++) out.push(`| ${row(shown[i]).join(" | ")} |`);
  const hidden = results.length - shown.length;
  if (hidden > 0) out.push("", `… and ${hidden} more (the JSON and SARIF reports list them all).`);
  return out;
}

/** Text for a table cell: one line, with the characters that would end the cell or a code span escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/`/g, "'").replace(/</g, "&lt;");
}
