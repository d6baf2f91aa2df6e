import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { checkSynthOutput, PolicyGate } from "../../../policies/gate";
import { Policy } from "../../../policies/policy";
import { sshStack } from "./stack";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-gate-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function synthErrors(app: App): string[] {
  try {
    app.synth();
    return [];
  } catch (e) {
    return (e as Error).message.split("\n").filter((l) => l.includes("policy "));
  }
}

describe("PolicyGate", () => {
  test("app.synth() fails with one error per blocking finding, the same count on every synth", () => {
    const app = new App({ outdir: dir });
    const { stack } = sshStack(app);
    PolicyGate.apply(stack, { only: ["ZT-NET-001"] });
    const first = synthErrors(app);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/policy ZT-NET-001\[.*\] aws_security_group\.open: .* \(critical\)/);
    expect(synthErrors(app)).toEqual(first);
    expect(stack.node.validate()).toHaveLength(1);
    expect(stack.node.validate()).toHaveLength(1);
  });
  test("Testing.synth with validations throws; suppressions written by aspects are honoured", () => {
    const { stack, open } = sshStack(Testing.app());
    PolicyGate.apply(stack, { only: ["ZT-NET-001"] });
    expect(() => Testing.synth(stack, true)).toThrow(/ZT-NET-001/);
    Policy.suppress(open, "ZT-NET-001", { reason: "bastion for the break-glass runbook" });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
  test("failOn lets lower severities through", () => {
    const app = new App({ outdir: dir });
    const { stack } = sshStack(app);
    PolicyGate.apply(stack, { only: ["ZT-NET-001"], failOn: "critical" });
    expect(synthErrors(app)).toHaveLength(1);
    const app2 = new App({ outdir: fs.mkdtempSync(path.join(dir, "b")) });
    const other = sshStack(app2);
    Policy.suppress(other.open, "ZT-NET-001", { reason: "bastion for the break-glass runbook" });
    PolicyGate.apply(other.stack, { only: ["ZT-NET-001"] });
    expect(synthErrors(app2)).toEqual([]);
  });
  test("failOnUnknown also stops synth on results that cannot be decided before apply", () => {
    const policyFromVariable = (app: App) => {
      const stack = new TerraformStack(app, "vars");
      new AwsProvider(stack, "aws", { region: "eu-west-1" });
      const policy = new TerraformVariable(stack, "policy", { type: "string" });
      new IamPolicy(stack, "p", { name: "p", policy: policy.stringValue });
      return stack;
    };
    const lenient = new App({ outdir: fs.mkdtempSync(path.join(dir, "a")) });
    PolicyGate.apply(policyFromVariable(lenient), { only: ["ZT-IAM-001"] });
    expect(synthErrors(lenient)).toEqual([]);
    const strict = new App({ outdir: fs.mkdtempSync(path.join(dir, "b")) });
    PolicyGate.apply(policyFromVariable(strict), { only: ["ZT-IAM-001"], failOnUnknown: true });
    expect(synthErrors(strict)).toEqual([expect.stringMatching(/policy ZT-IAM-001 aws_iam_policy\.p: policy is not known until apply .*\(critical, unknown until apply\)$/)]);
  });
  test("bad options fail early; a stack is gated once", () => {
    const { stack } = sshStack(Testing.app());
    expect(() => PolicyGate.apply(stack, { only: ["ZT-NOPE-*"] })).toThrow(/unknown rule id/);
    expect(() => PolicyGate.apply(stack, { failOn: "urgent" as never })).toThrow(/unknown severity/);
    PolicyGate.apply(stack);
    expect(() => PolicyGate.apply(stack)).toThrow(/already has a policy gate/);
  });
});

describe("checkSynthOutput", () => {
  test("checks every stack of cdktf.out and prints the report", () => {
    const app = new App({ outdir: dir });
    sshStack(app, "web");
    const second = sshStack(app, "api");
    Policy.suppress(second.open, "ZT-NET-001", { reason: "bastion for the break-glass runbook" });
    app.synth();
    let printed = "";
    const check = checkSynthOutput(dir, { only: ["ZT-NET-001"], write: (t) => (printed += t) });
    expect(check.passed).toBe(false);
    expect(check.blocking.map((f) => `${f.stack} ${f.address}`)).toEqual(["web aws_security_group.open"]);
    expect(check.report.findings.map((f) => `${f.stack} ${f.suppressed}`)).toEqual(["api true", "web false"]);
    expect(printed).toMatch(/FAILED: 1 failed \(1 critical\), 1 suppressed/);
    let summary = "";
    checkSynthOutput(dir, { only: ["ZT-NET-001"], print: "summary", write: (t) => (summary += t) });
    expect(summary).toMatch(/^FAILED: 1 failed/);
    expect(summary.split("\n")).toHaveLength(2);
  });
});

describe("PolicyGate on the app", () => {
  test("gates every stack of the app, also one added after the call, and names the stack", () => {
    const app = new App({ outdir: dir });
    sshStack(app, "web");
    PolicyGate.apply(app, { only: ["ZT-NET-001"] });
    sshStack(app, "api");
    const errors = synthErrors(app);
    expect(errors).toHaveLength(2);
    expect(errors.map((e) => /\[(\w+)\] policy ZT-NET-001/.exec(e)?.[1]).sort()).toEqual(["api", "web"]);
  });
  test("a stack with its own gate is checked once", () => {
    const app = new App({ outdir: dir });
    const { stack } = sshStack(app, "web");
    PolicyGate.apply(stack, { only: ["ZT-NET-001"] });
    PolicyGate.apply(app, { only: ["ZT-NET-001"] });
    expect(synthErrors(app)).toHaveLength(1);
  });
  test("an app without a stack fails the synth; anything but a stack or the app is refused", () => {
    const app = new App({ outdir: dir });
    PolicyGate.apply(app);
    expect(() => app.synth()).toThrow(/the app has no TerraformStack to check/);
    const other = new App({ outdir: dir });
    const { open } = sshStack(other, "web");
    expect(() => PolicyGate.apply(open as never)).toThrow(/expected a TerraformStack or the App, got the construct web\/open.*PolicyGate\.apply\(app\)/);
    expect(() => PolicyGate.apply(other)).not.toThrow();
    expect(() => PolicyGate.apply(other)).toThrow(/already has a policy gate/);
  });
  test("checkSynthOutput's summary names what the verdict was judged on", () => {
    const app = new App({ outdir: dir });
    sshStack(app, "web");
    app.synth();
    let summary = "";
    const check = checkSynthOutput(dir, { only: ["ZT-NET-001"], failOn: "critical", print: "summary", write: (t) => (summary += t) });
    expect(check.passed).toBe(false);
    expect(summary).toMatch(/^FAILED: 1 failed \(1 critical\).*\(blocking: unsuppressed findings at or above critical\)$/m);
  });
});
