import { compareResults } from "../engine/evaluate";
import { Report, Result } from "../engine/types";
import { Verdict, verdictOf } from "../engine/verdict";

/**
 * JUnit XML: one `<testsuite>` per stack, one `<testcase>` per evaluated (rule, resource[, item]) result.
 * Unsuppressed failures and rule errors are `<failure>`s; suppressed and undecidable (unknown) results are `<skipped>`.
 * Each suite carries the run's verdict as properties (`ztb.verdict`, `ztb.failOn`, `ztb.failOnUnknown`), since a
 * failure below `--fail-on` does not fail the run.
 */
export function junitReport(report: Report, options: { readonly verdict?: Verdict } = {}): string {
  const verdict = options.verdict ?? verdictOf(report);
  const properties = [
    ["ztb.verdict", verdict.word],
    ["ztb.failOn", verdict.failOn],
    ["ztb.failOnUnknown", String(verdict.failOnUnknown)],
  ]
    .map(([name, value]) => `      <property name="${name}" value="${xml(value)}"/>`)
    .join("\n");
  const byStack = new Map<string, Result[]>();
  for (const r of [...report.results].sort(compareResults)) {
    const list = byStack.get(r.stack);
    if (list) list.push(r);
    else byStack.set(r.stack, [r]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const [stack, results] of [...byStack.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    for (const r of results) {
      const name = `${r.stack}/${r.address}${r.item !== undefined ? `[${r.item}]` : ""}`;
      const open = `    <testcase classname="${xml(r.ruleId)}" name="${xml(name)}" time="0"`;
      if (r.suppressed) {
        suiteSkipped++;
        cases.push(`${open}>\n      <skipped message="${xml(`suppressed: ${r.suppressionReason ?? ""}`)}"/>\n    </testcase>`);
      } else if (r.status === "fail" || r.status === "error") {
        suiteFailures++;
        const type = r.status === "error" ? "error" : r.severity;
        const body = `${r.title}\n${r.status === "error" ? "error" : r.severity}: ${r.message}\nfinding: ${r.findingId}${r.file ? `\nfile: ${r.file}` : ""}`;
        cases.push(`${open}>\n      <failure message="${xml(r.message)}" type="${xml(type)}">${xml(body)}</failure>\n    </testcase>`);
      } else if (r.status === "unknown") {
        suiteSkipped++;
        cases.push(`${open}>\n      <skipped message="${xml(`unknown until apply: ${r.message}`)}"/>\n    </testcase>`);
      } else {
        cases.push(`${open}/>`);
      }
    }
    tests += results.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xml(stack)}" tests="${results.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="0">\n    <properties>\n${properties}\n    </properties>\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  const head = `<testsuites name="ztb ${xml(report.pack)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join("\n")}${suites.length > 0 ? "\n" : ""}</testsuites>\n`;
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot hold. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
