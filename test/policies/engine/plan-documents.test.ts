import { Fn } from "cdktf";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { COMPUTED_ELEMENT, policyAt } from "../../../policies/engine/policy-document";
import { ztIam001 } from "../../../policies/rules/identity/zt-iam-001-full-admin-policy";
import { newStack } from "../../identity/harness";
import { addressesWith, planModel, stackPlanModel, synthModel } from "../../support/rules";
import { expectPlanOk, planStack } from "../../support/terraform";

/**
 * Policies that allow every action on every resource next to a statement naming a key's ARN, known only after apply:
 * written with `JSON.stringify`, with `Fn.jsonencode`, through an `aws_iam_policy_document` data source, and as one
 * of a role's inline policies.
 */
function buildStack() {
  const stack = newStack("documents");
  const key = new KmsKey(stack, "key", { description: "documents", enableKeyRotation: true });
  const statements = [
    { Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn },
  ];
  new IamPolicy(stack, "stringified", { name: "stringified", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
  new IamPolicy(stack, "encoded", { name: "encoded", policy: Fn.jsonencode({ Version: "2012-10-17", Statement: statements }) });
  const doc = new DataAwsIamPolicyDocument(stack, "doc", {
    statement: [
      { actions: ["*"], resources: ["*"] },
      { actions: ["kms:Decrypt"], resources: [key.arn] },
    ],
  });
  new IamPolicy(stack, "from-data", { name: "from-data", policy: doc.json });
  const read = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] };
  new IamRole(stack, "inline", {
    name: "inline",
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    inlinePolicy: [
      { name: "read", policy: JSON.stringify(read) },
      { name: "admin", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
    ],
  });
  return stack;
}

/** A copy of a plan whose configuration records no constant values. */
function withoutConstants(plan: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(plan), (key, value) => (key === "constant_value" ? undefined : value)) as Record<string, unknown>;
}

const ALL = ["aws_iam_policy.encoded", "aws_iam_policy.from-data", "aws_iam_policy.stringified", "aws_iam_role.inline"];

describe("Action * on Resource * beside an ARN known only after apply", () => {
  const stack = buildStack();
  let plan: Record<string, unknown>;
  beforeAll(async () => {
    const result = await planStack(stack);
    expectPlanOk(result);
    plan = result.plan as unknown as Record<string, unknown>;
  });

  test("the plan shows the policies as unknown and defers the data source's read", () => {
    const changes = new Map((plan.resource_changes as { address: string; change: { actions: string[]; after_unknown: Record<string, unknown> } }[]).map((c) => [c.address, c.change]));
    for (const address of ALL.filter((a) => a.startsWith("aws_iam_policy."))) expect(changes.get(address)?.after_unknown.policy).toBe(true);
    expect(changes.get("aws_iam_role.inline")?.after_unknown.inline_policy).toEqual(expect.arrayContaining([{ policy: true }]));
    expect(changes.get("data.aws_iam_policy_document.doc")?.actions).toEqual(["read"]);
  });
  test("is a finding in synthesized JSON", () => {
    expect(addressesWith(ztIam001, synthModel(buildStack()), "fail")).toEqual(ALL);
  });
  test("is a finding in the plan alone: the data source's statements, and the texts the plan records of its configuration", () => {
    const model = planModel(plan);
    expect(addressesWith(ztIam001, model, "fail")).toEqual(ALL);
    expect(addressesWith(ztIam001, model, "unknown")).toEqual([]);
  });
  test("an element of the data source computed at apply time reads as a value known after apply", () => {
    const model = planModel(plan);
    const policy = model.resources.find((r) => r.address === "aws_iam_policy.from-data")!;
    expect(policyAt(policy, "policy", model)).toMatchObject({
      kind: "known",
      statements: [{ actions: ["*"], resources: ["*"] }, { actions: ["kms:Decrypt"], resources: [COMPUTED_ELEMENT] }],
    });
  });
  test("the texts are the plan's record of its Terraform JSON configuration; without that record they are unknown", () => {
    // As for a configuration written in HCL: expressions that are not constants record only their references.
    const model = planModel(withoutConstants(plan));
    expect(addressesWith(ztIam001, model, "fail")).toEqual(["aws_iam_policy.from-data"]);
    expect(addressesWith(ztIam001, model, "unknown")).toEqual(["aws_iam_policy.encoded", "aws_iam_policy.stringified", "aws_iam_role.inline"]);
  });
  test("is a finding in the plan checked with its synthesized configuration, also without the plan's record", () => {
    const model = stackPlanModel(withoutConstants(plan), stack);
    expect(addressesWith(ztIam001, model, "fail")).toEqual(ALL);
    expect(addressesWith(ztIam001, model, "unknown")).toEqual([]);
  });
});
