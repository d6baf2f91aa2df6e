import { ztb } from "../cli/helpers";
import { HOSTILE_PLANS, change, deeplyNestedPlan } from "./hostile-plans";
import { tempFolder } from "../../support/temp-folder";

const temp = tempFolder("ztb-plan-cli-", "file");
const write = temp.write;

describe("ztb check on plans not shaped as terraform writes them", () => {
  test.each(HOSTILE_PLANS.map(([name, plan, message], i) => [name, plan, message, i] as const))("%s: exit 2 with one line naming it", async (_name, plan, message, i) => {
    const run = await ztb(["check", write(`hostile-${i}.json`, plan)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("modules nested 20,000 levels deep: exit 2 with one line, not an internal error", async () => {
    const run = await ztb(["check", write("deep.json", deeplyNestedPlan(20000))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/deep\.json: /);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("ztb check plan.json --suppressions cdk.tf.json", () => {
  const config = {
    resource: {
      aws_iam_policy: {
        admin: { name: "admin", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Allow", Action: "kms:Decrypt", Resource: "${aws_kms_key.k.arn}" }] }) },
      },
    },
  };
  const plan = { format_version: "1.2", resource_changes: [change("aws_iam_policy.admin", ["create"], { name: "admin" }, { policy: true, arn: true })] };

  test("judges the known parts of a policy the plan leaves unknown until apply", async () => {
    const file = write("admin-plan.json", plan);
    const alone = await ztb(["check", file, "--only", "ZT-IAM-001", "--format", "json"]);
    expect(JSON.parse(alone.stdout).unknowns.map((u: { address: string }) => u.address)).toEqual(["aws_iam_policy.admin"]);
    const withConfig = await ztb(["check", file, "--suppressions", write("cdk.tf.json", config), "--only", "ZT-IAM-001", "--format", "json"]);
    expect(withConfig.code).toBe(1);
    expect(JSON.parse(withConfig.stdout).findings.map((f: { findingId: string; address: string }) => `${f.findingId} ${f.address}`)).toEqual(["ZT-IAM-001[Action::*] aws_iam_policy.admin"]);
  });
});
