import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixture, ztb } from "./helpers";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-verdict-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A configuration whose only results are unknown until apply (a policy from a variable). */
function unknownOnly(): string {
  const file = path.join(tmp, "main.tf.json");
  fs.writeFileSync(file, JSON.stringify({ variable: { policy: { type: "string" } }, resource: { aws_iam_policy: { p: { name: "p", policy: "${var.policy}" } } } }));
  return file;
}

/** The verdict word of a text or markdown report, or of the stdout line written with --output. */
function word(text: string): string | undefined {
  return /^(?:## ztb check: )?(PASSED|FAILED)\b/m.exec(text)?.[1];
}

describe("the verdict word agrees with the exit code", () => {
  const cases = [
    { title: "--fail-on high with only medium findings", args: () => ["check", fixture("web"), "--only", "ZT-META-002", "--fail-on", "high"], code: 0 },
    { title: "medium findings at the default threshold", args: () => ["check", fixture("web"), "--only", "ZT-META-002"], code: 1 },
    { title: "--fail-on-unknown with only unknown results", args: () => ["check", unknownOnly(), "--only", "ZT-IAM-001", "--fail-on-unknown"], code: 1 },
    { title: "unknown results without --fail-on-unknown", args: () => ["check", unknownOnly(), "--only", "ZT-IAM-001"], code: 0 },
  ];
  test.each(cases)("$title", async ({ args, code }) => {
    const expected = code === 0 ? "PASSED" : "FAILED";
    const base = args();
    for (const format of ["text", "markdown"]) {
      const r = await ztb([...base, "--format", format]);
      expect([format, r.code, word(r.stdout)]).toEqual([format, code, expected]);
    }
    const j = await ztb([...base, "--format", "json"]);
    expect([j.code, JSON.parse(j.stdout).verdict.result]).toEqual([code, expected]);
    const s = await ztb([...base, "--format", "sarif"]);
    expect([s.code, JSON.parse(s.stdout).runs[0].properties.verdict, JSON.parse(s.stdout).runs[0].invocations[0].exitCode]).toEqual([code, expected, code]);
    // With --output, the line on stdout and the written report say the same.
    const out = path.join(tmp, "report.md");
    const written = await ztb([...base, "--format", "markdown", "--output", out]);
    expect([written.code, word(written.stdout), word(fs.readFileSync(out, "utf8"))]).toEqual([code, expected, expected]);
  });
});
