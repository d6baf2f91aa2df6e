import { evaluate } from "../../../policies/engine/evaluate";
import { loadConfig } from "../../../policies/engine/load-synth";
import { Model } from "../../../policies/engine/model";
import { defineRule, fail, pass, unknown } from "../../../policies/engine/outcome";
import { Report, Rule } from "../../../policies/engine/types";
import { findingFingerprint, formatReport, jsonReport, junitReport, markdownReport, sarifReport, textReport, xml } from "../../../policies/reporters";
import { blockingFindings } from "../../../policies/reporters/summary";

function rule(id: string, severity: Rule["severity"], check: Rule["check"]): Rule {
  return defineRule({
    id,
    title: `Title of ${id}`,
    severity,
    domain: "network",
    rationale: `Why ${id} matters.`,
    remediation: `Fix ${id}.`,
    references: { nist800207: ["Tenet 2"], checkov: ["CKV_AWS_24"], cdkNag: ["AwsSolutions-EC23"] },
    resourceTypes: ["aws_security_group"],
    check,
  });
}

const rules = [
  rule("ZT-T-001", "critical", (r) => (r.name === "open" ? fail(`port 22 <open> & "exposed"`, "Ingress::0.0.0.0/0:22") : pass())),
  rule("ZT-T-002", "medium", (r) => (r.name === "quiet" ? fail("ignored for now") : unknown("needs apply"))),
  rule("ZT-T-003", "low", () => {
    throw new Error("kaput");
  }),
];

function report(): Report {
  const model = new Model([
    ...loadConfig(
      {
        resource: {
          aws_security_group: {
            open: {},
            quiet: { "//": { ztb: { suppressions: [{ id: "ZT-T-002", reason: "accepted until the migration" }] } } },
          },
        },
      },
      "api",
      "cdktf.out/stacks/api/cdk.tf.json",
    ),
    ...loadConfig({ resource: { aws_security_group: { open: {} } } }, "a&b", "other.tf.json"),
  ]);
  return evaluate(model, rules, { pack: "zero-trust", packVersion: "1" });
}

describe("json reporter", () => {
  test("exact top-level shape and finding keys", () => {
    const doc = JSON.parse(jsonReport(report()));
    expect(doc.version).toBe(1);
    expect(doc.summary).toEqual({ resources: 3, rules: 3, failed: 5, suppressed: 1, unknown: 2, passed: 1 });
    const keys = ["ruleId", "severity", "title", "address", "stack", "message", "suppressed", "suppressionReason"];
    for (const f of doc.findings) for (const k of keys) expect(f).toHaveProperty(k);
    expect(doc.findings.map((f: { stack: string; ruleId: string; address: string }) => `${f.stack} ${f.ruleId} ${f.address}`)).toEqual([
      "a&b ZT-T-001 aws_security_group.open",
      "a&b ZT-T-003 aws_security_group.open",
      "api ZT-T-001 aws_security_group.open",
      "api ZT-T-002 aws_security_group.quiet",
      "api ZT-T-003 aws_security_group.open",
      "api ZT-T-003 aws_security_group.quiet",
    ]);
    const suppressed = doc.findings.find((f: { suppressed: boolean }) => f.suppressed);
    expect(suppressed).toMatchObject({ ruleId: "ZT-T-002", suppressionReason: "accepted until the migration", status: "fail" });
    expect(doc.findings[0]).toMatchObject({ suppressionReason: null, findingId: "ZT-T-001[Ingress::0.0.0.0/0:22]", item: "Ingress::0.0.0.0/0:22", file: "other.tf.json" });
  });

  test("lists the results that cannot be decided before apply, with the keys of findings", () => {
    const doc = JSON.parse(jsonReport(report()));
    expect(doc.unknowns).toEqual([
      expect.objectContaining({ ruleId: "ZT-T-002", status: "unknown", stack: "a&b", address: "aws_security_group.open", message: "needs apply", suppressed: false, file: "other.tf.json" }),
      expect.objectContaining({ ruleId: "ZT-T-002", status: "unknown", stack: "api", address: "aws_security_group.open", message: "needs apply", severity: "medium" }),
    ]);
    expect(Object.keys(doc.unknowns[0])).toEqual(Object.keys(doc.findings[0]));
  });
});

describe("blocking findings", () => {
  const later = () => {
    const model = new Model(
      loadConfig({ resource: { aws_security_group: { open: {}, later: { "//": { ztb: { suppressions: [{ id: "ZT-T-002", reason: "decided at apply" }] } } } } } }, "api"),
    );
    return evaluate(model, rules);
  };
  const ids = (results: readonly { findingId: string; address: string; status: string }[]) => results.map((r) => `${r.findingId} ${r.address} ${r.status}`);

  test("unknown results block only on request, at or above the same severity, unless suppressed", () => {
    const r = later();
    expect(r.unknowns.map((u) => `${u.address}:${u.suppressed}`)).toEqual(["aws_security_group.later:true", "aws_security_group.open:false"]);
    expect(ids(blockingFindings(r, "low"))).toEqual([
      "ZT-T-001[Ingress::0.0.0.0/0:22] aws_security_group.open fail",
      "ZT-T-003 aws_security_group.later error",
      "ZT-T-003 aws_security_group.open error",
    ]);
    expect(ids(blockingFindings(r, "low", { failOnUnknown: true }))).toEqual([
      "ZT-T-001[Ingress::0.0.0.0/0:22] aws_security_group.open fail",
      "ZT-T-003 aws_security_group.later error",
      "ZT-T-003 aws_security_group.open error",
      "ZT-T-002 aws_security_group.open unknown",
    ]);
    expect(ids(blockingFindings(r, "high", { failOnUnknown: true }))).toEqual(["ZT-T-001[Ingress::0.0.0.0/0:22] aws_security_group.open fail"]);
  });
});

describe("sarif reporter", () => {
  const log = JSON.parse(sarifReport(report(), { toolVersion: "9.9.9" }));
  const run = log.runs[0];
  test("log and driver", () => {
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.version).toBe("2.1.0");
    expect(run.tool.driver).toMatchObject({ name: "ztb", version: "9.9.9", informationUri: expect.stringMatching(/^https:\/\//) });
  });
  test("rules carry descriptions, help, level and security severity", () => {
    const [critical, medium, low] = run.tool.driver.rules;
    expect(critical).toMatchObject({
      id: "ZT-T-001",
      name: "TitleOfZTT001",
      shortDescription: { text: "Title of ZT-T-001" },
      fullDescription: { text: "Why ZT-T-001 matters." },
      defaultConfiguration: { level: "error" },
      properties: { "security-severity": "9.5", tags: expect.arrayContaining(["security", "network", "CKV_AWS_24"]) },
    });
    expect(critical.help.text).toContain("Fix ZT-T-001.");
    expect(critical.help.markdown).toContain("Checkov: CKV_AWS_24");
    expect(critical.help.markdown).toContain("cdk-nag: AwsSolutions-EC23");
    expect(medium).toMatchObject({ defaultConfiguration: { level: "warning" }, properties: { "security-severity": "5.5" } });
    expect(low).toMatchObject({ defaultConfiguration: { level: "note" }, properties: { "security-severity": "3.0" } });
  });
  test("results have locations, fingerprints and suppressions", () => {
    expect(run.results).toHaveLength(6);
    const first = run.results[0];
    expect(first).toMatchObject({
      ruleId: "ZT-T-001",
      ruleIndex: 0,
      level: "error",
      message: { text: expect.stringContaining("aws_security_group.open: port 22") },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "other.tf.json" }, region: { startLine: 1 } },
          logicalLocations: [{ fullyQualifiedName: "aws_security_group.open" }],
        },
      ],
    });
    expect(first.partialFingerprints["ztbFinding/v1"]).toBe(
      findingFingerprint({ ruleId: "ZT-T-001", stack: "a&b", address: "aws_security_group.open", item: "Ingress::0.0.0.0/0:22" }),
    );
    const fps = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["ztbFinding/v1"]);
    expect(new Set(fps).size).toBe(fps.length);
    const suppressed = run.results.find((r: { ruleId: string }) => r.ruleId === "ZT-T-002");
    expect(suppressed.suppressions).toEqual([{ kind: "external", justification: "accepted until the migration" }]);
    expect(run.results.filter((r: { suppressions?: unknown }) => r.suppressions)).toHaveLength(1);
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === "ZT-T-002").ruleIndex).toBe(1);
  });
  test("fingerprints are stable across runs", () => {
    expect(sarifReport(report(), { toolVersion: "1" })).toBe(sarifReport(report(), { toolVersion: "1" }));
  });
});

describe("junit reporter", () => {
  const out = junitReport(report());
  test("suites per stack, one case per result, escaped", () => {
    expect(out).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="ztb zero-trust" tests="9" failures="5" errors="0" skipped="3"/);
    expect(out).toContain('<testsuite name="a&amp;b" tests="3" failures="2" errors="0" skipped="1"');
    expect(out).toContain('<testsuite name="api" tests="6" failures="3" errors="0" skipped="2"');
    expect(out).toContain(
      '<testcase classname="ZT-T-001" name="api/aws_security_group.open[Ingress::0.0.0.0/0:22]" time="0">\n      <failure message="port 22 &lt;open&gt; &amp; &quot;exposed&quot;" type="critical">',
    );
    expect(out).toContain('<skipped message="suppressed: accepted until the migration"/>');
    expect(out).toContain('<skipped message="unknown until apply: needs apply"/>');
    expect(out).toContain('type="error">');
    expect(out).not.toMatch(/[<>]open|& /);
    expect(out.match(/<testcase /g)).toHaveLength(9);
  });
  test("xml escaping drops characters XML cannot hold", () => {
    expect(xml(`a<b>&"c'\u0001\u0007d\ud800`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;d");
  });
});

describe("text reporter", () => {
  test("grouped by stack then severity, with a summary", () => {
    const out = textReport(report());
    expect(out).not.toContain("\u001b[");
    const lines = out.split("\n");
    const api = lines.indexOf("Stack api");
    expect(lines.indexOf("Stack a&b")).toBeLessThan(api);
    expect(lines.slice(api + 1, api + 3)).toEqual([
      "  CRITICAL (1)",
      "    ZT-T-001[Ingress::0.0.0.0/0:22]  aws_security_group.open  port 22 <open> & \"exposed\"",
    ]);
    expect(out).toContain("[suppressed: accepted until the migration]");
    expect(out).toContain("[rule error]");
    const unknowns = lines.indexOf("Unknown until apply (2)");
    expect(unknowns).toBeGreaterThan(api);
    expect(lines.slice(unknowns + 1, unknowns + 5)).toEqual([
      "  Stack a&b",
      "    ZT-T-002  aws_security_group.open  needs apply (medium)",
      "  Stack api",
      "    ZT-T-002  aws_security_group.open  needs apply (medium)",
    ]);
    expect(lines[lines.length - 2]).toBe("FAILED: 5 failed (2 critical, 3 low), 1 suppressed, 2 unknown, 1 passed; 3 resources, 3 rules");
  });
  test("lists the first unknown results and counts the rest", () => {
    const lines = textReport(report(), { maxUnknowns: 1 }).split("\n");
    const at = lines.indexOf("Unknown until apply (2)");
    expect(lines.slice(at + 1, at + 4)).toEqual(["  Stack a&b", "    ZT-T-002  aws_security_group.open  needs apply (medium)", "  … and 1 more (the JSON report lists them all)"]);
  });
  test("colors on request", () => {
    expect(textReport(report(), { color: true })).toContain("\u001b[1;31mCRITICAL\u001b[0m");
  });
  test("an empty report passes", () => {
    const empty = evaluate(new Model([]), rules);
    expect(textReport(empty)).toContain("No findings.");
    expect(textReport(empty)).not.toContain("Unknown until apply");
    expect(textReport(empty)).toMatch(/PASSED: 0 failed, 0 suppressed, 0 unknown, 0 passed; 0 resources, 3 rules\n$/);
    expect(JSON.parse(jsonReport(empty)).findings).toEqual([]);
    expect(JSON.parse(sarifReport(empty)).runs[0].results).toEqual([]);
    expect(junitReport(empty)).toContain('tests="0"');
  });
  test("formatReport dispatches", () => {
    const r = report();
    expect(formatReport(r, "json")).toBe(jsonReport(r));
    expect(formatReport(r, "junit")).toBe(junitReport(r));
    expect(formatReport(r, "text")).toBe(textReport(r));
    expect(JSON.parse(formatReport(r, "sarif")).version).toBe("2.1.0");
    expect(formatReport(r, "markdown")).toBe(markdownReport(r));
  });
});

describe("markdown reporter", () => {
  test("verdict, a table of the open findings, and folded suppressed and unknown results", () => {
    const lines = markdownReport(report()).split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "## ztb check: FAILED",
      "",
      "5 failed (2 critical, 3 low), 1 suppressed, 2 unknown, 1 passed; 3 resources, 3 rules (pack zero-trust v1)",
    ]);
    expect(lines).toContain("| Severity | Finding | Resource | Stack | Message |");
    expect(lines).toContain('| critical | `ZT-T-001[Ingress::0.0.0.0/0:22]` | `aws_security_group.open` | api | port 22 &lt;open> & "exposed" |');
    expect(lines).toContain("| low (rule error) | `ZT-T-003` | `aws_security_group.open` | api | rule raised an error: kaput |");
    expect(lines).toContain("<details><summary>Suppressed (1)</summary>");
    expect(lines).toContain("| medium | `ZT-T-002` | `aws_security_group.quiet` | api | accepted until the migration |");
    expect(lines).toContain("<details><summary>Unknown until apply (2)</summary>");
    expect(lines.filter((l) => l.includes("needs apply"))).toHaveLength(2);
  });

  test("cuts long lists and counts the rest; escapes what would break a table", () => {
    const out = markdownReport(report(), { maxFindings: 1, maxOthers: 1 });
    expect(out).toContain("… and 4 more (the JSON and SARIF reports list them all).");
    expect(out).toContain("… and 1 more (the JSON and SARIF reports list them all).");
    const odd = defineRule({ ...rules[0], id: "ZT-T-009", check: () => fail("a | b\nc `d`") });
    const r = evaluate(new Model(loadConfig({ resource: { aws_security_group: { g: {} } } }, "s")), [odd]);
    expect(markdownReport(r)).toContain("| a \\| b c 'd' |");
  });

  test("an empty report passes", () => {
    const out = markdownReport(evaluate(new Model([]), rules));
    expect(out).toContain("## ztb check: PASSED");
    expect(out).toContain("No unsuppressed findings.");
    expect(out).not.toContain("<details>");
  });
});
