import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";
import { Policy } from "../../../policies/policy";
import { loadConfig } from "../../../policies/engine/load-synth";
import { Model } from "../../../policies/engine/model";
import { sshStack } from "./stack";

const FIXTURES = path.join(__dirname, "..", "cli", "fixtures");
const NET1 = { only: ["ZT-NET-001"] };

function testApp(): App {
  return Testing.app();
}

describe("toPassPolicies", () => {
  test("fails on a stack with a finding and lists it", () => {
    const { stack } = sshStack(testApp());
    expect(stack).not.toPassPolicies(NET1);
    expect(() => expect(stack).toPassPolicies(NET1)).toThrow(/ZT-NET-001\[[^\]]*\] aws_security_group\.open: .*0\.0\.0\.0\/0/);
    expect(() => expect(stack).toPassPolicies()).toThrow(/ZT-/);
  });
  test("passes when the finding is suppressed on the construct (suppressions come from the \"//\" metadata)", () => {
    const { stack, open } = sshStack(testApp());
    Policy.suppress(open, "ZT-NET-001", { reason: "bastion for the break-glass runbook" });
    expect(stack).toPassPolicies(NET1);
    expect(() => expect(stack).not.toPassPolicies(NET1)).toThrow(/expected policy findings at or above low, but there were none/);
  });
  test("failOn ignores lower severities", () => {
    const m = new Model(loadConfig(JSON.parse(fs.readFileSync(path.join(FIXTURES, "web", "cdk.tf.json"), "utf8")), "web"));
    expect(m).not.toPassPolicies({ only: ["ZT-META-*"] });
    expect(m).toPassPolicies({ only: ["ZT-META-*"], failOn: "critical" });
    expect(m).toPassPolicies({ skip: ["ZT-META-001"], only: ["ZT-META-001", "ZT-META-002"], failOn: "high" });
  });
  test("failOnUnknown makes results that cannot be decided before apply fail the matcher", () => {
    const config = { resource: { aws_iam_policy: { p: { name: "p", policy: "${var.policy}" } } } };
    const only = { only: ["ZT-IAM-001"] };
    expect(config).toPassPolicies(only);
    expect(config).not.toPassPolicies({ ...only, failOnUnknown: true });
    expect(() => expect(config).toPassPolicies({ ...only, failOnUnknown: true })).toThrow(
      /expected no unsuppressed policy findings or unknown results at or above low, found 1:\n {2}- ZT-IAM-001 aws_iam_policy\.p: policy is not known until apply .*\(critical, unknown until apply\)/,
    );
  });
  test("accepts synthesized text, a parsed configuration, a plan and a Model", () => {
    const { stack } = sshStack(testApp());
    const text = Testing.synth(stack);
    expect(text).not.toPassPolicies(NET1);
    expect(JSON.parse(text)).not.toPassPolicies(NET1);
    const plan = JSON.parse(fs.readFileSync(path.join(FIXTURES, "plan.json"), "utf8"));
    expect(plan).not.toPassPolicies(NET1);
    expect(JSON.parse(fs.readFileSync(path.join(FIXTURES, "clean", "cdk.tf.json"), "utf8"))).toPassPolicies();
  });
  test("rejects what it cannot check", () => {
    expect(() => expect(42).toPassPolicies()).toThrow(/expected a TerraformStack/);
    expect(() => expect("{nope").toPassPolicies()).toThrow(/not JSON/);
    expect(() => expect({ resource: {} }).toPassPolicies({ only: ["ZT-NOPE-1"] })).toThrow(/unknown rule id "ZT-NOPE-1"/);
    expect(() => expect({ resource: {} }).toPassPolicies({ pack: "nope" })).toThrow(/unknown pack "nope"/);
  });
});

describe("toHaveFinding", () => {
  test("finds an unsuppressed failure by rule and address", () => {
    const { stack } = sshStack(testApp());
    expect(stack).toHaveFinding("ZT-NET-001", "aws_security_group.open");
    expect(stack).toHaveFinding("ZT-NET-001");
    expect(stack).not.toHaveFinding("ZT-NET-001", "aws_security_group.closed");
    expect(() => expect(stack).not.toHaveFinding("ZT-NET-001", "aws_security_group.open")).toThrow(/expected no unsuppressed finding ZT-NET-001 on aws_security_group\.open/);
  });
  test("explains what was found instead", () => {
    const { stack } = sshStack(testApp());
    const check = () => expect(stack).toHaveFinding("ZT-NET-001", "aws_security_group.closed");
    expect(check).toThrow(/Results of ZT-NET-001 on aws_security_group\.closed:\n {2}- ZT-NET-001 aws_security_group\.closed: pass/);
    expect(check).toThrow(/Unsuppressed findings instead:\n(.|\n)*ZT-NET-001\[.*\] aws_security_group\.open/);
    expect(() => expect(stack).toHaveFinding("ZT-NOPE-001", "aws_security_group.open")).toThrow(/Rule ZT-NOPE-001 is not in the rules that ran/);
  });
  test("a suppressed finding does not count, and the message says it is suppressed", () => {
    const { stack, open } = sshStack(testApp());
    Policy.suppress(open, "ZT-NET-001", { reason: "bastion for the break-glass runbook" });
    expect(stack).not.toHaveFinding("ZT-NET-001", "aws_security_group.open");
    expect(() => expect(stack).toHaveFinding("ZT-NET-001", "aws_security_group.open")).toThrow(/suppressed: bastion for the break-glass runbook/);
  });
  test("works on plans and on finding ids with items", () => {
    const plan = JSON.parse(fs.readFileSync(path.join(FIXTURES, "plan.json"), "utf8"));
    expect(plan).toHaveFinding("ZT-NET-001", "aws_security_group.ssh");
    const web = JSON.parse(fs.readFileSync(path.join(FIXTURES, "web", "cdk.tf.json"), "utf8"));
    expect(web).toHaveFinding("ZT-META-001[ZT-NET-003]", "random_id.lazy");
    expect(web).toHaveFinding("ZT-META-002", "random_id.stale");
  });
});

describe("synthesized output on disk", () => {
  test("a cdktf.out stack file can be checked with the matchers", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-matchers-"));
    try {
      const app = new App({ outdir: dir });
      sshStack(app);
      app.synth();
      const text = fs.readFileSync(path.join(dir, "stacks", "web", "cdk.tf.json"), "utf8");
      expect(text).toHaveFinding("ZT-NET-001", "aws_security_group.open");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
