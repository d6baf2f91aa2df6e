import { evaluate } from "../../../policies/engine/evaluate";
import { isOpenValue, worstCaseStatement } from "../../../policies/engine/policy-document";
import { zeroTrustPack } from "../../../policies/packs";
import { configModel } from "../../support/rules";

/** JSON text of a policy with one statement. */
function doc(statement: Record<string, unknown>): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] });
}

/** Status of each result of `ruleId` on the configuration, as `status item`. */
function results(ruleId: string, resource: Record<string, unknown>): string[] {
  const model = configModel({
    variable: { r: { type: "string" }, a: { type: "string" }, p: { type: "string" } },
    resource: { ...resource, aws_s3_bucket: { b: { bucket: "b" } }, aws_kms_key: { k: {} } },
  });
  const rule = zeroTrustPack.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(ruleId);
  return evaluate(model, [rule]).results.filter((r) => r.status !== "pass").map((r) => `${r.status} ${r.item ?? ""}`.trim());
}

describe("a value known only at apply may be a wildcard: the verdict it could change is unknown, never a pass", () => {
  test.each([
    ["a resource from a variable", { Action: "*", Resource: "${var.r}" }],
    ["an action from a variable", { Action: "${var.a}", Resource: "*" }],
    ["an action list from a function over a variable", { Action: "${split(\",\", var.a)}", Resource: "*" }],
    ["a resource from a data source attribute", { Action: "*", Resource: "${data.aws_s3_bucket.x.tags.target}" }],
  ])("ZT-IAM-001 with %s", (_title, statement) => {
    expect(results("ZT-IAM-001", { aws_iam_policy: { p: { name: "p", policy: doc(statement) } } })).toEqual(["unknown Action::*"]);
  });

  test("a statement that fails whatever the value is still fails, and one that cannot fail still passes", () => {
    expect(results("ZT-IAM-001", { aws_iam_policy: { p: { name: "p", policy: doc({ Action: ["*"], Resource: ["*", "${var.r}"] }) } } })).toEqual(["fail Action::*"]);
    expect(results("ZT-IAM-001", { aws_iam_policy: { p: { name: "p", policy: doc({ Action: "s3:GetObject", Resource: "${var.r}" }) } } })).toEqual([]);
  });

  test("the ARN of a resource of the configuration names that resource and is judged as such", () => {
    expect(results("ZT-IAM-001", { aws_iam_policy: { p: { name: "p", policy: doc({ Action: "*", Resource: "${aws_s3_bucket.b.arn}" }) } } })).toEqual([]);
    expect(results("ZT-IAM-018", { aws_iam_policy: { p: { name: "p", policy: doc({ Action: "kms:Decrypt", Resource: "${aws_kms_key.k.arn}" }) } } })).toEqual([]);
    expect(results("ZT-IAM-018", { aws_iam_policy: { p: { name: "p", policy: doc({ Action: "kms:Decrypt", Resource: "${var.r}" }) } } })).toEqual(["unknown Statement[#0]::kms:Decrypt"]);
  });

  test("a principal from a variable leaves a bucket policy's public verdict unknown", () => {
    const policy = doc({ Principal: { AWS: "${var.p}" }, Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}/*" });
    expect(results("ZT-IAM-010", { aws_s3_bucket_policy: { bp: { bucket: "${aws_s3_bucket.b.id}", policy } } })).toEqual(["unknown Principal::*"]);
  });

  test("isOpenValue and the worst case", () => {
    expect(["${var.r}", "${local.x}", "${data.aws_iam_role.r.arn}", "${lower(var.a)}", "${(known after apply)}"].map(isOpenValue)).toEqual([true, true, true, true, true]);
    expect(["${aws_s3_bucket.b.arn}", "arn:aws:s3:::${var.r}/*", "*", "s3:GetObject", "${aws_ssm_parameter.p.value}"].map(isOpenValue)).toEqual([false, false, false, false, true]);
    expect(worstCaseStatement({ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], conditions: [] })).toBeUndefined();
    expect(worstCaseStatement({ effect: "Allow", actions: ["${var.a}"], resources: ["${aws_s3_bucket.b.arn}"], conditions: [{ test: "StringEquals", key: "aws:SourceVpce", values: ["${var.p}"] }] })).toEqual({
      effect: "Allow",
      actions: ["*"],
      resources: ["${aws_s3_bucket.b.arn}"],
      conditions: [{ test: "StringEquals", key: "aws:SourceVpce", values: ["*"] }],
    });
  });
});

describe("ZT-NET-009 judges endpoint policies at their worst the same way", () => {
  const endpoint = (statement: Record<string, unknown>) => ({
    aws_vpc_endpoint: { e: { vpc_id: "vpc-1", service_name: "com.amazonaws.eu-west-1.s3", policy: doc({ Principal: "*", ...statement }) } },
  });
  test("an action from a variable for every principal is unknown, a named action is not", () => {
    expect(results("ZT-NET-009", endpoint({ Action: "${var.a}", Resource: "*" }))).toEqual(["unknown Statement::0"]);
    expect(results("ZT-NET-009", endpoint({ Action: "s3:GetObject", Resource: "*" }))).toEqual([]);
    expect(results("ZT-NET-009", endpoint({ Action: "*", Resource: "*" }))).toEqual(["fail Statement::0"]);
  });
  test("a condition value from a variable does not count as narrowing", () => {
    const condition = { Condition: { StringEquals: { "aws:PrincipalOrgID": "${var.p}" } } };
    expect(results("ZT-NET-009", endpoint({ Action: "*", Resource: "*", ...condition }))).toEqual(["unknown Statement::0"]);
    expect(results("ZT-NET-009", endpoint({ Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } }))).toEqual([]);
  });
});
