import { createHash } from "crypto";
import { Report, Result, Rule, RuleReferences, Severity } from "../engine/types";
import { Verdict, verdictOf } from "../engine/verdict";
import { sortedFindings } from "./summary";
import { toolVersion } from "./version";

export interface SarifOptions {
  /** Tool version written to `tool.driver.version`. Defaults to this package's version. */
  readonly toolVersion?: string;
  /**
   * The run's verdict, written to the run's properties and to `invocations[0]`.
   * @default every unsuppressed finding blocks, unknown results do not
   */
  readonly verdict?: Verdict;
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const INFORMATION_URI = "https://www.npmjs.com/package/zero-trust-blueprint";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note" };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** SARIF level of a severity: critical/high → error, medium → warning, low → note. */
export function sarifLevel(severity: Severity): "error" | "warning" | "note" {
  return LEVEL[severity];
}

/** SARIF 2.1.0 log, suitable for GitHub code scanning. */
export function sarifReport(report: Report, options: SarifOptions = {}): string {
  const rules = uniqueRules(report.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const verdict = options.verdict ?? verdictOf(report);
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "ztb",
            fullName: "zero-trust-blueprint policy check",
            informationUri: INFORMATION_URI,
            version: options.toolVersion ?? toolVersion(),
            rules: rules.map(sarifRule),
          },
        },
        invocations: [{ executionSuccessful: true, exitCode: verdict.passed ? 0 : 1 }],
        results: sortedFindings(report).map((f) => sarifResult(f, index.get(f.ruleId))),
        properties: {
          pack: report.pack,
          packVersion: report.packVersion,
          resources: report.resources,
          verdict: verdict.word,
          failOn: verdict.failOn,
          failOnUnknown: verdict.failOnUnknown,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Stable fingerprint of a finding: rule id, stack, address and item. */
export function findingFingerprint(f: Pick<Result, "ruleId" | "stack" | "address" | "item">): string {
  return createHash("sha256")
    .update([f.ruleId, f.stack, f.address, f.item ?? ""].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}

function uniqueRules(rules: readonly Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

function sarifRule(rule: Rule) {
  const refs = referenceLines(rule.references);
  const text = [`Remediation: ${rule.remediation}`, ...refs.map((r) => `${r.label}: ${r.values.join(", ")}`)].join("\n");
  const markdown = [
    `**Remediation:** ${rule.remediation}`,
    ...(refs.length > 0 ? ["", "**References:**", "", ...refs.map((r) => `- ${r.label}: ${r.values.join(", ")}`)] : []),
  ].join("\n");
  return {
    id: rule.id,
    name: pascal(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text, markdown },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: "high",
      tags: ["security", "zero-trust", rule.domain, ...(rule.references.checkov ?? [])],
    },
  };
}

function sarifResult(f: Result, ruleIndex: number | undefined) {
  const uri = f.file ?? `${f.stack}.tf.json`;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    kind: "fail",
    message: { text: `${f.address}: ${f.message}${f.status === "error" ? " (the rule could not be evaluated)" : ""}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri }, region: { startLine: f.line ?? 1, ...(f.column !== undefined ? { startColumn: f.column } : {}) } },
        logicalLocations: [
          { fullyQualifiedName: f.address, kind: "resource" },
          ...(f.path !== undefined ? [{ fullyQualifiedName: f.path, kind: "module", name: "construct" }] : []),
        ],
      },
    ],
    partialFingerprints: { "ztbFinding/v1": findingFingerprint(f) },
    properties: {
      findingId: f.findingId,
      stack: f.stack,
      status: f.status,
      ...(f.item !== undefined ? { item: f.item } : {}),
      ...(f.path !== undefined ? { constructPath: f.path } : {}),
    },
    ...(f.suppressed ? { suppressions: [{ kind: "external", justification: f.suppressionReason ?? "" }] } : {}),
  };
}

const REFERENCE_LABELS: Record<keyof RuleReferences, string> = {
  nist800207: "NIST SP 800-207",
  nist80053: "NIST SP 800-53",
  cis: "CIS",
  checkov: "Checkov",
  cdkNag: "cdk-nag",
  securityHub: "AWS Security Hub",
};

/** The references of a rule as labelled lists, in a fixed order. */
export function referenceLines(refs: RuleReferences): { label: string; values: readonly string[] }[] {
  return (Object.keys(REFERENCE_LABELS) as (keyof RuleReferences)[])
    .filter((k) => (refs[k]?.length ?? 0) > 0)
    .map((k) => ({ label: REFERENCE_LABELS[k], values: refs[k] ?? [] }));
}

function pascal(title: string): string {
  return title
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : ""))
    .join("");
}
