import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import packageJson from "../../../package.json";
import { fixture, ztb } from "./helpers";

interface JsonFinding {
  ruleId: string;
  findingId: string;
  severity: string;
  address: string;
  stack: string;
  suppressed: boolean;
  suppressionReason: string | null;
  file: string | null;
}

async function json(argv: string[]): Promise<{ code: number; doc: { summary: Record<string, number>; findings: JsonFinding[]; unknowns: JsonFinding[] } }> {
  const r = await ztb([...argv, "--format", "json"]);
  expect(r.stderr).toBe("");
  return { code: r.code, doc: JSON.parse(r.stdout) };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-cli-"));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("ztb check exit codes", () => {
  test("0 when nothing fails", async () => {
    const r = await ztb(["check", fixture("clean", "cdk.tf.json")]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/PASSED: 0 failed/);
  });
  test("1 when an unsuppressed finding exists", async () => {
    const r = await ztb(["check", fixture("web", "cdk.tf.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED: \d+ failed/);
    expect(r.stdout).toContain("ZT-META-001[ZT-NET-003]");
  });
  test("--fail-on sets the threshold", async () => {
    const base = ["check", fixture("web"), "--only", "ZT-META-002"];
    expect((await ztb([...base, "--fail-on", "high"])).code).toBe(0);
    expect((await ztb([...base, "--fail-on", "medium"])).code).toBe(1);
    expect((await ztb([...base, "--fail-on=low"])).code).toBe(1);
    expect((await ztb(["check", fixture("web"), "--only", "ZT-META-001", "--fail-on", "critical"])).code).toBe(0);
    expect((await ztb(["check", fixture("web"), "--only", "ZT-META-001", "--fail-on", "high"])).code).toBe(1);
  });
  test("--fail-on-unknown makes results that cannot be decided before apply block, at or above --fail-on", async () => {
    const file = path.join(tmp, "main.tf.json");
    fs.writeFileSync(file, JSON.stringify({ variable: { policy: { type: "string" } }, resource: { aws_iam_policy: { p: { name: "p", policy: "${var.policy}" } } } }));
    const base = ["check", file, "--only", "ZT-IAM-001,ZT-IAM-002"];
    const plain = await json(base);
    expect(plain.code).toBe(0);
    expect(plain.doc.summary).toMatchObject({ failed: 0, unknown: 2 });
    expect(plain.doc.unknowns.map((u) => `${u.ruleId} ${u.address} ${u.severity}`)).toEqual(["ZT-IAM-001 aws_iam_policy.p critical", "ZT-IAM-002 aws_iam_policy.p medium"]);
    expect((await ztb([...base, "--fail-on-unknown"])).code).toBe(1);
    expect((await ztb([...base, "--fail-on-unknown", "--fail-on", "critical"])).code).toBe(1);
    expect((await ztb(["check", file, "--only", "ZT-IAM-002", "--fail-on-unknown", "--fail-on", "high"])).code).toBe(0);
    const text = await ztb([...base, "--fail-on-unknown"]);
    expect(text.stdout).toContain("Unknown until apply (2)");
    expect(text.stdout).toMatch(/ZT-IAM-001 {2}aws_iam_policy\.p {2}policy is not known until apply \(depends on var\.policy\) \(critical\)/);
  });
  test("suppressed findings do not fail the check", async () => {
    const r = await json(["check", fixture("plan.json"), "--only", "ZT-NET-001", "--suppressions", fixture("suppressions.json")]);
    expect(r.code).toBe(0);
    expect(r.doc.findings).toEqual([
      expect.objectContaining({ ruleId: "ZT-NET-001", address: "aws_security_group.ssh", suppressed: true, suppressionReason: "lab network, isolated by the transit firewall" }),
    ]);
    expect(r.doc.summary).toMatchObject({ failed: 0, suppressed: 1, rules: 1 });
  });
});

describe("ztb check inputs", () => {
  test("a cdktf.out folder checks every stack of the manifest", async () => {
    const r = await json(["check", fixture("cdktf.out")]);
    expect(r.doc.summary.resources).toBe(6);
    expect(new Set(r.doc.findings.map((f) => f.stack))).toEqual(new Set(["web"]));
    expect(r.doc.findings.every((f) => f.file === "test/policies/cli/fixtures/cdktf.out/stacks/web/cdk.tf.json")).toBe(true);
    const viaManifest = await json(["check", fixture("cdktf.out", "manifest.json")]);
    expect(viaManifest.doc).toEqual(r.doc);
  });
  test("a folder holding cdk.tf.json, and the file itself, are one stack named after the folder", async () => {
    const folder = await json(["check", fixture("web"), "--only", "ZT-META-*"]);
    const file = await json(["check", fixture("web", "cdk.tf.json"), "--only", "ZT-META-*"]);
    expect(folder.doc).toEqual(file.doc);
    expect(folder.doc.findings.map((f) => `${f.stack} ${f.findingId} ${f.address}`)).toEqual([
      "web ZT-META-001[ZT-NET-003] random_id.lazy",
      "web ZT-META-002[ZT-NET-002] random_id.stale",
    ]);
  });
  test("a folder of *.tf.json files is one configuration", async () => {
    const r = await json(["check", fixture("tfdir"), "--only", "ZT-META-001"]);
    expect(r.doc.summary.resources).toBe(2);
    expect(r.doc.findings).toEqual([
      expect.objectContaining({ stack: "tfdir", address: "random_id.a", file: "test/policies/cli/fixtures/tfdir/main.tf.json" }),
    ]);
  });
  test("a plan, with suppressions from a file", async () => {
    const without = await json(["check", fixture("plan.json"), "--only", "ZT-NET-001,ZT-META-001"]);
    expect(without.code).toBe(1);
    expect(without.doc.findings.map((f) => [f.stack, f.ruleId, f.address, f.suppressed])).toEqual([["plan", "ZT-NET-001", "aws_security_group.ssh", false]]);
    const withFile = await json(["check", fixture("plan.json"), "--only", "ZT-NET-001", "--only", "ZT-META-001", "--suppressions", fixture("suppressions.json")]);
    expect(withFile.doc.findings.map((f) => [f.ruleId, f.address, f.suppressed])).toEqual([
      ["ZT-NET-001", "aws_security_group.ssh", true],
      ["ZT-META-001", "random_id.r", false],
    ]);
  });
  test("several inputs at once, findings in stable order", async () => {
    const r = await json(["check", fixture("plan.json"), fixture("web"), fixture("clean")]);
    const keys = r.doc.findings.map((f) => [f.stack, f.severity, f.ruleId, f.address]);
    const rank: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || rank[a[1]] - rank[b[1]] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(new Set(keys.map((k) => k[0]))).toEqual(new Set(["plan", "web"]));
  });
  test("--skip removes rules", async () => {
    const r = await json(["check", fixture("web"), "--skip", "ZT-META-001", "--only", "ZT-META-*"]);
    expect(r.doc.findings.map((f) => f.ruleId)).toEqual(["ZT-META-002"]);
    expect(r.doc.summary.rules).toBe(1);
  });
});

describe("ztb check errors: exit 2, one line on stderr, no report", () => {
  const cases: [string, string[], RegExp][] = [
    ["unknown command", ["lint", "x"], /unknown command "lint"/],
    ["unknown flag", ["check", fixture("clean"), "--fast"], /unknown option --fast/],
    ["unknown short flag", ["check", fixture("clean"), "-x"], /unknown option -x/],
    ["flag without value", ["check", fixture("clean"), "--format"], /--format needs a value/],
    ["unknown format", ["check", fixture("clean"), "--format", "xml"], /unknown format "xml"/],
    ["unknown severity", ["check", fixture("clean"), "--fail-on", "urgent"], /unknown severity "urgent"/],
    ["unknown pack", ["check", fixture("clean"), "--pack", "nope"], /unknown pack "nope"/],
    ["unknown rule in --only", ["check", fixture("clean"), "--only", "ZT-NET-001,ZT-XXX-999"], /unknown rule id "ZT-XXX-999" in --only/],
    ["unknown rule in --skip", ["check", fixture("clean"), "--skip", "ZT-NOPE-*"], /unknown rule id "ZT-NOPE-\*" in --skip/],
    ["no path", ["check"], /^ztb: check needs at least one path/],
    ["missing path", ["check", fixture("missing.json")], /missing\.json: no such file or directory/],
    ["malformed JSON", ["check", fixture("malformed.json")], /malformed\.json: malformed JSON: .+/],
    ["neither config nor plan", ["check", fixture("neither.json")], /neither\.json: neither a Terraform JSON configuration nor/],
    ["empty cdktf.out", ["check", fixture("empty-out")], /lists no stacks/],
    ["errored plan", ["check", fixture("errored-plan.json")], /errored-plan\.json: the plan records "errored": true/],
    ["folder without configuration", ["check", path.join(__dirname)], /no manifest\.json \(cdktf\.out\), cdk\.tf\.json or \*\.tf\.json/],
    ["bad suppressions file", ["check", fixture("plan.json"), "--suppressions", fixture("bad-suppressions.json")], /suppressions\[0\] needs string "address" and "id"/],
    ["malformed suppressions file", ["check", fixture("plan.json"), "--suppressions", fixture("malformed.json")], /malformed JSON/],
    ["repeated single option", ["check", fixture("clean"), "--format", "json", "--format", "text"], /--format given more than once/],
    ["no command", [], /^ztb: no command given/],
  ];
  test.each(cases)("%s", async (_name, argv, message) => {
    const out = path.join(tmp, "report.txt");
    const r = await ztb(argv.length > 0 ? [...argv, "--output", out] : argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ztb: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
  test("an existing report is kept when the check fails to run", async () => {
    const out = path.join(tmp, "report.json");
    fs.writeFileSync(out, "previous");
    const r = await ztb(["check", fixture("malformed.json"), "--output", out]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(out, "utf8")).toBe("previous");
  });
  test("an unwritable output is an error that names the problem, not the temporary file", async () => {
    const missing = path.join(tmp, "no", "such", "dir");
    const r = await ztb(["check", fixture("clean"), "--output", path.join(missing, "r.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ztb: cannot write ${path.join(missing, "r.json")}: the folder ${missing} does not exist\n`);
    expect(fs.readdirSync(tmp)).toEqual([]);
    const folder = await ztb(["check", fixture("clean"), "--output", tmp]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`ztb: cannot write ${tmp}: it is a folder\n`);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe("ztb check output", () => {
  test("--output writes the report atomically and prints the summary", async () => {
    const out = path.join(tmp, "report.sarif");
    fs.writeFileSync(out, "previous");
    const r = await ztb(["check", fixture("web"), "--format", "sarif", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED: .+\nreport written to .+report\.sarif\n$/);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).version).toBe("2.1.0");
    expect(fs.readdirSync(tmp)).toEqual(["report.sarif"]);
  });
  test("text output is colored only on a TTY without NO_COLOR", async () => {
    const args = ["check", fixture("web")];
    expect((await ztb(args)).stdout).not.toContain("\u001b[");
    expect((await ztb(args, { isTTY: true })).stdout).toContain("\u001b[");
    expect((await ztb(args, { isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await ztb([...args, "--no-color"], { isTTY: true })).stdout).not.toContain("\u001b[");
  });
  test("junit output", async () => {
    const r = await ztb(["check", fixture("web"), "-f", "junit", "--only", "ZT-META-*"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(r.stdout).toContain('<testsuite name="web" tests="4" failures="2" errors="0" skipped="0"');
  });
  test("markdown output for a job summary or a pull request comment", async () => {
    const r = await ztb(["check", fixture("web"), "--format", "markdown", "--only", "ZT-META-*"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## ztb check: FAILED\n\n2 failed /);
    expect(r.stdout).toContain("| Severity | Finding | Resource | Stack | Message |");
  });
});

describe("ztb help, version, rules", () => {
  test("--help and --version", async () => {
    const help = await ztb(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage:\n {2}ztb check <path\.\.\.>/);
    expect((await ztb(["check", "--help"])).code).toBe(0);
    const version = await ztb(["--version"]);
    expect(version).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: "" });
  });
  test("rules in text, json and markdown", async () => {
    const text = await ztb(["rules"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ZT-META-001\s+high\s+meta\s+Suppression without a reason/);
    const json = JSON.parse((await ztb(["rules", "--format", "json"])).stdout);
    expect(json.rules.find((r: { id: string }) => r.id === "ZT-META-002")).toMatchObject({ severity: "medium", domain: "meta", resourceTypes: ["*"] });
    const md = await ztb(["rules", "--format", "markdown"]);
    expect(md.stdout).toMatch(/^# Policy rules\n/);
    expect(md.stdout).toContain("### ZT-META-001");
  });
  test("rules errors", async () => {
    expect(await ztb(["rules", "--format", "xml"])).toMatchObject({ code: 2, stdout: "" });
    expect(await ztb(["rules", "extra"])).toMatchObject({ code: 2, stdout: "", stderr: 'ztb: unknown rule id "extra" in ztb rules; run `ztb rules` to list the rule ids\n' });
    expect((await ztb(["rules", "--fail-on", "high"])).code).toBe(2);
  });
  test("rules ID... describes the given rules in full; finding ids and patterns name their rules", async () => {
    const one = await ztb(["rules", "ZT-NET-001[Ingress::0.0.0.0/0:22]"]);
    expect(one.code).toBe(0);
    const lines = one.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual(["ZT-NET-001  critical  network", "Security group opens remote administration ports to the internet", ""]);
    expect(lines[3]).toMatch(/^Why: SSH, RDP, WinRM/);
    expect(lines[4]).toMatch(/^Fix: Remove the internet CIDR/);
    expect(lines).toContain("Checkov: CKV_AWS_24, CKV_AWS_25");
    const family = await ztb(["rules", "zt-meta-*"]);
    expect(family.stdout.match(/^ZT-META-\d{3} {2}/gm)).toEqual(["ZT-META-001  ", "ZT-META-002  "]);
    const json = JSON.parse((await ztb(["rules", "ZT-IAM-010,ZT-GW-011", "--format", "json"])).stdout);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(["ZT-IAM-010", "ZT-GW-011"]);
  });
  test("rules --output", async () => {
    const out = path.join(tmp, "rules.md");
    const r = await ztb(["rules", "--format", "markdown", "--output", out]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe((await ztb(["rules", "--format", "markdown"])).stdout);
  });
});
