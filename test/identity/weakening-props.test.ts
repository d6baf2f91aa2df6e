import { ServiceIdentity } from "../../constructs/identity";
import { UNSCOPED_DATA_ACCESS_RULE_ID } from "../../constructs/rule-ids";
import { evaluate } from "../../policies/engine/evaluate";
import { Report } from "../../policies/engine/types";
import { zeroTrustPack } from "../../policies/packs";
import { textReport } from "../../policies/reporters/text";
import { configModel, synthModel } from "../support/rules";
import { ACCOUNT, REGION, newStack } from "./harness";

const SDK_REASON = "the vendor SDK looks its secrets up by tag at start-up";
const DESCRIBE_REASON = "EC2 describe calls have no resource-level permissions";

function identityStack() {
  const stack = newStack();
  const identity = new ServiceIdentity(stack, "orders", { serviceName: "orders", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
  return { stack, identity };
}

/** Every finding of a report: id with item, address, whether suppressed, and the reason. */
function findingsOf(report: Report): [string, string, boolean, string | undefined][] {
  return report.findings.map((f) => [f.findingId, f.address, f.suppressed, f.suppressionReason]);
}

describe("weakening props announce themselves: allowWildcardResource", () => {
  test("a data action granted on every resource is reported as suppressed, with the prop and the caller's reason, on its own statement only", () => {
    const { stack, identity } = identityStack();
    identity.grant({ sid: "ReadTagged", actions: ["secretsmanager:GetSecretValue"], resources: ["*"], allowWildcardResource: SDK_REASON });
    identity.grant({ sid: "Describe", actions: ["ec2:DescribeInstances"], resources: ["*"], allowWildcardResource: DESCRIBE_REASON });
    const model = synthModel(stack);
    const policy = model.resources.filter((r) => r.type === "aws_iam_role_policy" && r.address.includes("grants"));
    expect(policy).toHaveLength(1);
    expect(policy[0].suppressions).toEqual([
      { id: UNSCOPED_DATA_ACCESS_RULE_ID, reason: `allowWildcardResource on grant "ReadTagged" of ServiceIdentity "orders": ${SDK_REASON}`, appliesTo: "Statement[ReadTagged]::*" },
      { id: UNSCOPED_DATA_ACCESS_RULE_ID, reason: `allowWildcardResource on grant "Describe" of ServiceIdentity "orders": ${DESCRIBE_REASON}`, appliesTo: "Statement[Describe]::*" },
    ]);

    const report = evaluate(model, zeroTrustPack.rules);
    const reason = `allowWildcardResource on grant "ReadTagged" of ServiceIdentity "orders": ${SDK_REASON}`;
    expect(findingsOf(report)).toEqual([["ZT-IAM-018[Statement[ReadTagged]::secretsmanager:GetSecretValue]", policy[0].address, true, reason]]);
    expect(textReport(report)).toContain(`[suppressed: ${reason}]`);
  });

  test("the suppression covers only the statement of the grant that asked for it", () => {
    const { stack, identity } = identityStack();
    identity.grant({ sid: "Describe", actions: ["ec2:DescribeInstances"], resources: ["*"], allowWildcardResource: DESCRIBE_REASON });
    // A wildcard written into the grants policy by other means than the prop stays an open finding.
    const model = synthModel(stack);
    const policy = model.resources.find((r) => r.type === "aws_iam_role_policy" && r.address.includes("grants"))!;
    const doc = JSON.parse(String((policy.get("policy") as { value: unknown }).value)) as { Statement: Record<string, unknown>[] };
    doc.Statement.push({ Sid: "Sneaked", Effect: "Allow", Action: "kms:Decrypt", Resource: "*" });
    const json = JSON.parse(JSON.stringify(stack.toTerraform())) as { resource: Record<string, Record<string, { policy: string }>> };
    const name = policy.address.split(".")[1];
    json.resource.aws_iam_role_policy[name].policy = JSON.stringify(doc);
    const changed = configModel(json);
    expect(changed.resources.find((r) => r.address === policy.address)?.suppressions.map((s) => s.appliesTo)).toEqual(["Statement[Describe]::*"]);
    const report = evaluate(changed, zeroTrustPack.rules);
    expect(findingsOf(report)).toEqual([["ZT-IAM-018[Statement[Sneaked]::kms:Decrypt]", policy.address, false, undefined]]);
  });

  test("without the prop, no suppression", () => {
    const { stack, identity } = identityStack();
    identity.grant({ sid: "ReadOne", actions: ["secretsmanager:GetSecretValue"], resources: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:orders-db-AbCdEf`] });
    const model = synthModel(stack);
    expect(model.resources.filter((r) => r.suppressions.length > 0).map((r) => r.address)).toEqual([]);
    expect(findingsOf(evaluate(model, zeroTrustPack.rules))).toEqual([]);
  });
});
