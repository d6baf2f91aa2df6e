import { Report, Result, Severity, SEVERITIES } from "../engine/types";
import { Verdict, verdictBasis, verdictOf } from "../engine/verdict";
import { sortedFindings, summaryLine } from "./summary";

export interface TextOptions {
  /** Use ANSI colors. The CLI enables them only for a TTY without NO_COLOR. */
  readonly color?: boolean;
  /**
   * How many results that cannot be decided before apply to list; the rest are counted.
   * @default 50
   */
  readonly maxUnknowns?: number;
  /**
   * The verdict to print, as the caller judged the run (`--fail-on`, `--fail-on-unknown`).
   * @default every unsuppressed finding blocks, unknown results do not
   */
  readonly verdict?: Verdict;
}

const DEFAULT_MAX_UNKNOWNS = 50;

const SEVERITY_COLOR: Record<Severity, string> = { critical: "1;31", high: "31", medium: "33", low: "36" };

/**
 * Human-readable report: findings grouped by stack, then severity; the results that cannot be decided before apply,
 * grouped by stack; then a summary line.
 */
export function textReport(report: Report, options: TextOptions = {}): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  lines.push(paint("1", `ztb check: pack ${report.pack} v${report.packVersion}`));
  const findings = sortedFindings(report);
  const byStack = new Map<string, Result[]>();
  for (const f of findings) {
    const list = byStack.get(f.stack);
    if (list) list.push(f);
    else byStack.set(f.stack, [f]);
  }
  if (findings.length === 0) {
    lines.push("", "No findings.");
  }
  for (const [stack, list] of byStack) {
    lines.push("", paint("1", `Stack ${stack}`));
    for (const severity of SEVERITIES) {
      const group = list.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      lines.push(`  ${paint(SEVERITY_COLOR[severity], severity.toUpperCase())} (${group.length})`);
      const { idWidth, addrWidth } = columnWidths(group);
      for (const f of group) {
        const id = pad(f.findingId, idWidth);
        const address = pad(f.address, addrWidth);
        const tag = f.suppressed
          ? paint("2", ` [suppressed: ${f.suppressionReason ?? ""}]`)
          : f.status === "error"
            ? paint("35", " [rule error]")
            : "";
        const body = `${id}  ${address}  ${f.message}`;
        lines.push(`    ${f.suppressed ? paint("2", body) : body}${tag}`);
        const where = locationOf(f);
        if (where !== undefined) lines.push(`      ${paint("2", where)}`);
      }
    }
  }
  if (report.unknowns.length > 0) {
    lines.push("", paint("1", `Unknown until apply (${report.unknowns.length})`));
    let stack: string | undefined;
    // A plan can hold hundreds (every policy that embeds a computed ARN): the first ones, then a count.
    const shown = report.unknowns.slice(0, options.maxUnknowns ?? DEFAULT_MAX_UNKNOWNS);
    const { idWidth, addrWidth } = columnWidths(shown);
    for (const u of shown) {
      if (u.stack !== stack) {
        stack = u.stack;
        lines.push(`  Stack ${stack}`);
      }
      const body = `${pad(u.findingId, idWidth)}  ${pad(u.address, addrWidth)}  ${u.message} (${u.severity})`;
      lines.push(u.suppressed ? `    ${paint("2", body)}${paint("2", ` [suppressed: ${u.suppressionReason ?? ""}]`)}` : `    ${body}`);
    }
    const hidden = report.unknowns.length - shown.length;
    if (hidden > 0) lines.push(`  … and ${hidden} more (the JSON report lists them all)`);
  }
  const verdict = options.verdict ?? verdictOf(report);
  const basis = verdictBasis(verdict);
  lines.push("", `${paint(verdict.passed ? "1;32" : "1;31", verdict.word)}: ${summaryLine(report)}${basis !== undefined ? ` (${basis})` : ""}`);
  return `${lines.join("\n")}\n`;
}

/** `at cdk.tf.json:120:7 (construct app/network/vpc)` for a located result; undefined when there is nothing to say. */
function locationOf(r: Result): string | undefined {
  if (r.line === undefined && r.path === undefined) return undefined;
  const at = r.file !== undefined && r.line !== undefined ? `at ${r.file}:${r.line}${r.column !== undefined ? `:${r.column}` : ""}` : undefined;
  const construct = r.path !== undefined ? `construct ${r.path}` : undefined;
  if (at === undefined) return r.line === undefined ? undefined : construct;
  return construct === undefined ? at : `${at} (${construct})`;
}

/** Widths of the finding id and address columns of `results`. */
function columnWidths(results: readonly Result[]): { idWidth: number; addrWidth: number } {
  // Reduced rather than spread into Math.max: a group can hold more results than a call takes arguments.
  return {
    idWidth: results.reduce((w, r) => Math.max(w, r.findingId.length), 0),
    addrWidth: results.reduce((w, r) => Math.max(w, r.address.length), 0),
  };
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + " ".repeat(width - s.length);
}
