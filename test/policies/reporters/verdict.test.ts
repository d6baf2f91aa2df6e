import { evaluate } from "../../../policies/engine/evaluate";
import { loadConfig } from "../../../policies/engine/load-synth";
import { Model } from "../../../policies/engine/model";
import { defineRule, fail, pass, unknown } from "../../../policies/engine/outcome";
import { Report, Rule } from "../../../policies/engine/types";
import { verdictOf } from "../../../policies/engine/verdict";
import { formatReport, REPORT_FORMATS } from "../../../policies/reporters";

function rule(id: string, severity: Rule["severity"], check: Rule["check"]): Rule {
  return defineRule({
    id,
    title: `Title of ${id}`,
    severity,
    domain: "network",
    rationale: `Why ${id} matters.`,
    remediation: `Fix ${id}.`,
    references: {},
    resourceTypes: ["aws_security_group"],
    check,
  });
}

/** A report with one medium finding and one high unknown result, nothing else. */
function mediumFindingAndHighUnknown(): Report {
  const rules = [rule("ZT-T-010", "medium", (r) => (r.name === "a" ? fail("medium problem") : pass())), rule("ZT-T-011", "high", () => unknown("needs apply"))];
  return evaluate(new Model(loadConfig({ resource: { aws_security_group: { a: {} } } }, "app", "app.tf.json")), rules);
}

/** A report with no finding and one high unknown result. */
function onlyUnknown(): Report {
  const rules = [rule("ZT-T-011", "high", () => unknown("needs apply"))];
  return evaluate(new Model(loadConfig({ resource: { aws_security_group: { a: {} } } }, "app", "app.tf.json")), rules);
}

/** The verdict word each format prints. */
function wordIn(format: string, text: string): string | undefined {
  switch (format) {
    case "text":
      return /^(PASSED|FAILED):/m.exec(text)?.[1];
    case "markdown":
      return /^## ztb check: (PASSED|FAILED)$/m.exec(text)?.[1];
    case "json":
      return JSON.parse(text).verdict.result;
    case "sarif":
      return JSON.parse(text).runs[0].properties.verdict;
    case "junit":
      return /name="ztb.verdict" value="(PASSED|FAILED)"/.exec(text)?.[1];
  }
  return undefined;
}

describe("one verdict for the exit code and every report", () => {
  const cases = [
    { title: "--fail-on high with only a medium finding passes", report: mediumFindingAndHighUnknown, options: { failOn: "high" as const }, passed: true },
    { title: "the default blocks on the medium finding", report: mediumFindingAndHighUnknown, options: {}, passed: false },
    { title: "--fail-on-unknown blocks on an unknown result with no finding", report: onlyUnknown, options: { failOnUnknown: true }, passed: false },
    { title: "without --fail-on-unknown an unknown result does not block", report: onlyUnknown, options: {}, passed: true },
    { title: "--fail-on critical --fail-on-unknown ignores a high unknown", report: onlyUnknown, options: { failOn: "critical" as const, failOnUnknown: true }, passed: true },
  ];
  test.each(cases)("$title", ({ report, options, passed }) => {
    const r = report();
    const verdict = verdictOf(r, options);
    expect(verdict.passed).toBe(passed);
    expect(verdict.word).toBe(passed ? "PASSED" : "FAILED");
    for (const format of REPORT_FORMATS) expect([format, wordIn(format, formatReport(r, format, { verdict }))]).toEqual([format, verdict.word]);
  });

  test("text and markdown say what the verdict was judged on when it is not the default", () => {
    const r = mediumFindingAndHighUnknown();
    const verdict = verdictOf(r, { failOn: "high", failOnUnknown: true });
    expect(formatReport(r, "text", { verdict })).toMatch(/^FAILED: .*\(blocking: unsuppressed findings and unknown results at or above high\)$/m);
    expect(formatReport(r, "markdown", { verdict })).toContain("blocking: unsuppressed findings and unknown results at or above high");
    expect(formatReport(r, "text")).not.toContain("blocking:");
  });

  test("the JSON verdict counts the blocking results", () => {
    const r = mediumFindingAndHighUnknown();
    expect(JSON.parse(formatReport(r, "json", { verdict: verdictOf(r, { failOnUnknown: true }) })).verdict).toEqual({
      result: "FAILED",
      passed: false,
      failOn: "low",
      failOnUnknown: true,
      blocking: 2,
    });
  });
});
