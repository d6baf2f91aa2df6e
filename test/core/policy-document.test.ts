import { TerraformStack, Testing } from "cdktf";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { PolicyDocument } from "../../constructs/core/policy-document";
import { newStack } from "../identity/harness";

const read = { Sid: "Read", Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::a/*"] };

describe("PolicyDocument", () => {
  test("merges statements with one sid, uniting resources and principals", () => {
    const doc = new PolicyDocument();
    expect(doc.addStatement(read)).toBe(true);
    expect(doc.addStatement({ ...read, Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"] })).toBe(true);
    expect(doc.addStatement({ Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/a" }, Action: "kms:Decrypt", Resource: "*" })).toBe(true);
    expect(doc.addStatement({ Sid: "Use", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:role/b"] }, Action: "kms:Decrypt", Resource: "*" })).toBe(true);
    expect(JSON.parse(doc.render()).Statement).toEqual([
      { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"] },
      { Sid: "Use", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b"] }, Action: "kms:Decrypt", Resource: "*" },
    ]);
  });

  test("refuses a sid reused with other actions, effect or conditions, and keeps the document as it was", () => {
    const doc = new PolicyDocument();
    doc.addStatement(read);
    expect(doc.addStatement({ ...read, Action: ["s3:PutObject"] })).toBe(false);
    expect(doc.addStatement({ ...read, Effect: "Deny" })).toBe(false);
    expect(doc.addStatement({ ...read, Condition: { Bool: { "aws:SecureTransport": "true" } } })).toBe(false);
    expect(doc.statements).toEqual([read]);
    expect(doc.addStatement({ ...read, Action: ["s3:GetObject", "s3:GetObject"] })).toBe(true);
  });

  test("renders lazily at synth, resolving tokens so duplicates collapse, the same on every synth", () => {
    const stack: TerraformStack = newStack();
    const doc = new PolicyDocument();
    const first = new IamPolicy(stack, "first", { name: "first", policy: "{}" });
    doc.addStatement({ ...read, Resource: [first.arn] });
    new IamPolicy(stack, "doc", { name: "doc", policy: doc.lazy() });
    doc.addStatement({ ...read, Resource: [first.arn, first.arn] });
    const rendered = () => {
      const json = JSON.parse(Testing.synth(stack));
      return json.resource.aws_iam_policy.doc.policy as string;
    };
    const once = rendered();
    expect(JSON.parse(once).Statement).toEqual([{ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: "${aws_iam_policy.first.arn}" }]);
    expect(rendered()).toBe(once);
  });
});
