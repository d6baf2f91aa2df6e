import { loadConfig } from "../../../policies/engine/load-synth";
import { loadPlan } from "../../../policies/engine/load-plan";
import { Model } from "../../../policies/engine/model";
import { actionMatches, hasConditionKey, isPublicPrincipal, parsePolicy, policyAt } from "../../../policies/engine/policy-document";

function model(resources: Record<string, Record<string, unknown>>, data: Record<string, Record<string, unknown>> = {}): Model {
  return new Model(loadConfig({ resource: resources, data }, "s"));
}

describe("parsePolicy", () => {
  test("normalizes single values to lists", () => {
    const doc = parsePolicy(
      JSON.stringify({
        Statement: {
          Sid: "a",
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Principal: "*",
          Condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } },
        },
      }),
    );
    expect(doc).toEqual({
      kind: "known",
      statements: [
        {
          sid: "a",
          effect: "Allow",
          actions: ["s3:GetObject"],
          notActions: undefined,
          resources: ["*"],
          notResources: undefined,
          principals: [{ type: "*", ids: ["*"] }],
          notPrincipals: undefined,
          conditions: [{ test: "StringEquals", key: "aws:SourceVpc", values: ["vpc-1"] }],
        },
      ],
    });
  });
  test("invalid and empty documents", () => {
    expect(parsePolicy("{nope").kind).toBe("invalid");
    expect(parsePolicy("42").kind).toBe("invalid");
    expect(parsePolicy(" ")).toEqual({ kind: "absent" });
    expect(parsePolicy({ Statement: [null] }).kind).toBe("invalid");
    expect(parsePolicy({ Version: "2012-10-17" })).toEqual({ kind: "known", statements: [] });
  });
  test("Deny and principals maps", () => {
    const doc = parsePolicy({ Statement: [{ Effect: "Deny", NotAction: "iam:*", Principal: { AWS: ["arn:aws:iam::1:root", "*"] } }] });
    if (doc.kind !== "known") throw new Error("expected known");
    expect(doc.statements[0].effect).toBe("Deny");
    expect(doc.statements[0].notActions).toEqual(["iam:*"]);
    expect(isPublicPrincipal(doc.statements[0].principals)).toBe(true);
    expect(isPublicPrincipal([{ type: "Service", ids: ["ec2.amazonaws.com"] }])).toBe(false);
    expect(isPublicPrincipal(undefined)).toBe(false);
  });
});

describe("policyAt", () => {
  test("a JSON string whose values hold tokens is still a known document", () => {
    const m = model({
      aws_iam_policy: {
        p: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "${aws_s3_bucket.b.arn}/*" }] }) },
      },
    });
    const doc = policyAt(m.resources[0], "policy", m);
    expect(doc).toMatchObject({ kind: "known", statements: [{ actions: ["s3:*"], resources: ["${aws_s3_bucket.b.arn}/*"] }] });
  });
  test("IAM policy variables escaped as $${...} are literal", () => {
    const m = model({ aws_iam_policy: { p: { policy: JSON.stringify({ Statement: [{ Action: "s3:GetObject", Resource: "arn:aws:s3:::b/$${aws:username}/*" }] }) } } });
    expect(policyAt(m.resources[0], "policy", m)).toMatchObject({ kind: "known", statements: [{ resources: ["arn:aws:s3:::b/${aws:username}/*"] }] });
  });
  test("a reference to an aws_iam_policy_document is evaluated from its blocks", () => {
    const m = model(
      { aws_iam_policy: { p: { policy: "${data.aws_iam_policy_document.d.json}" } } },
      {
        aws_iam_policy_document: {
          d: {
            statement: [
              {
                effect: "Allow",
                actions: ["*"],
                resources: ["*"],
                principals: [{ type: "AWS", identifiers: ["*"] }],
                condition: [{ test: "StringEquals", variable: "aws:PrincipalOrgID", values: ["o-1"] }],
              },
            ],
          },
        },
      },
    );
    const p = m.ofType("aws_iam_policy")[0];
    const doc = policyAt(p, "policy", m);
    expect(doc).toMatchObject({ kind: "known", statements: [{ effect: "Allow", actions: ["*"], principals: [{ type: "AWS", ids: ["*"] }] }] });
    if (doc.kind === "known") expect(hasConditionKey(doc.statements[0], "AWS:PrincipalOrgID")).toBe(true);
    expect(policyAt(p, "policy", m)).toBe(doc);
  });
  test("jsonencode() literals are read; statements computed by an expression leave the document unknown; absent stays absent", () => {
    const m = model({
      aws_iam_policy: {
        p: { policy: '${jsonencode({"Statement" = var.s})}' },
        q: {},
        r: { policy: '${jsonencode({"Statement" = [var.s, {"Effect" = "Allow", "Action" = "*", "Resource" = "*"}]})}' },
        s: { policy: '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = "s3:*", "Resource" = aws_s3_bucket.b.arn}]})}' },
      },
    });
    const [p, q, r, s] = m.resources;
    expect(policyAt(p, "policy", m)).toMatchObject({ kind: "unknown", refs: [{ address: "var.s" }] });
    expect(policyAt(q, "policy", m)).toEqual({ kind: "absent" });
    expect(policyAt(r, "policy", m)).toMatchObject({ kind: "unknown" });
    expect(policyAt(s, "policy", m)).toMatchObject({ kind: "known", statements: [{ actions: ["s3:*"], resources: ["${aws_s3_bucket.b.arn}"] }] });
  });
  test("a data source layers source, own and override documents as the provider does", () => {
    const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const block = (sid: string, action: string) => ({ sid, effect: "Allow", actions: [action], resources: ["*"] });
    const m = model(
      {
        aws_iam_policy: {
          layered: { policy: "${data.aws_iam_policy_document.layered.json}" },
          legacy: { policy: "${data.aws_iam_policy_document.legacy.json}" },
          from_variable: { policy: "${data.aws_iam_policy_document.from_variable.json}" },
          list_variable: { policy: "${data.aws_iam_policy_document.list_variable.json}" },
        },
      },
      {
        aws_iam_policy_document: {
          base: { statement: [block("Base", "s3:GetObject"), block("", "s3:ListBucket")] },
          layered: {
            source_policy_documents: ["${data.aws_iam_policy_document.base.json}", doc({ Sid: "Own", Effect: "Allow", Action: "iam:*", Resource: "*" })],
            statement: [block("Own", "sqs:SendMessage"), block("", "sns:Publish")],
            override_policy_documents: [
              '${jsonencode({"Statement" = [{"Sid" = "Base", "Effect" = "Allow", "Action" = "s3:PutObject", "Resource" = aws_s3_bucket.b.arn}]})}',
              doc({ Sid: "Extra", Effect: "Deny", Action: "*", Resource: "*" }),
            ],
          },
          legacy: { source_json: doc({ Sid: "A", Effect: "Allow", Action: "ec2:*", Resource: "*" }), override_json: doc({ Sid: "A", Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }) },
          from_variable: { source_policy_documents: ["${var.base_policy}"], statement: [block("", "s3:GetObject")] },
          list_variable: { source_policy_documents: "${var.policies}" },
        },
      },
    );
    const [layered, legacy, fromVariable, listVariable] = m.resources.filter((r) => r.type === "aws_iam_policy");
    const actions = (d: ReturnType<typeof policyAt>) => (d.kind === "known" ? d.statements.map((s) => `${s.sid ?? ""}:${s.effect}:${(s.actions ?? []).join(",")}`) : d.kind);
    expect(actions(policyAt(layered, "policy", m))).toEqual(["Base:Allow:s3:PutObject", ":Allow:s3:ListBucket", "Own:Allow:sqs:SendMessage", ":Allow:sns:Publish", "Extra:Deny:*"]);
    expect(actions(policyAt(legacy, "policy", m))).toEqual(["A:Allow:ec2:Describe*"]);
    expect(policyAt(fromVariable, "policy", m)).toMatchObject({ kind: "unknown", refs: [{ address: "var.base_policy" }] });
    expect(policyAt(listVariable, "policy", m)).toMatchObject({ kind: "unknown", refs: [{ address: "var.policies" }] });
  });
  test("a plan's rendered policy (literal ${aws:...} variables included) is parsed", () => {
    const plan = {
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_iam_policy.p",
          mode: "managed",
          type: "aws_iam_policy",
          name: "p",
          change: { actions: ["create"], after: { policy: '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}]}' }, after_unknown: {} },
        },
      ],
    };
    const m = new Model(loadPlan(plan, "p"));
    expect(policyAt(m.resources[0], "policy", m)).toMatchObject({ kind: "known", statements: [{ actions: ["s3:*"] }] });
  });
});

describe("actionMatches", () => {
  test("wildcards, case-insensitive", () => {
    expect(actionMatches("*", "s3:GetObject")).toBe(true);
    expect(actionMatches("s3:*", "S3:GetObject")).toBe(true);
    expect(actionMatches("s3:Get*", "s3:PutObject")).toBe(false);
    expect(actionMatches("iam:PassRole", "iam:passrole")).toBe(true);
    expect(actionMatches("ec2:?escribe*", "ec2:DescribeInstances")).toBe(true);
    expect(actionMatches("s3:Get.bject", "s3:GetObject")).toBe(false);
    expect(actionMatches("s3:(x)*", "s3:(x)y")).toBe(true);
  });
});
