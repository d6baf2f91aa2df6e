import { AccountComputeBaseline } from "../../constructs/compute";
import { ACCOUNT, REGION, newStack, only, packVerdict, parsePolicy, statement } from "../identity/harness";
import { expectInvalid } from "../core/validation-error";

describe("AccountComputeBaseline", () => {
  test("IMDSv2 defaults, EBS encryption by default with a customer-managed default key", () => {
    const stack = newStack();
    new AccountComputeBaseline(stack, "baseline", { accountId: ACCOUNT, region: REGION });
    expect(only(stack, "aws_ec2_instance_metadata_defaults")).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
    expect(only(stack, "aws_ebs_encryption_by_default")).toEqual({ enabled: true });
    expect(only(stack, "aws_ebs_default_kms_key").key_arn).toMatch(/^\$\{aws_kms_key\.baseline_ebs-key_[A-F0-9]+\.arn\}$/);
    const key = only(stack, "aws_kms_key");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(parsePolicy(key.policy).Statement.map((s) => s.Sid)).toEqual([
      "AccountRootAdministersNotUse",
      "AutoScalingUsesForEbs",
      "AutoScalingGrantsForEbs",
      "AccountUsesThroughEc2ForEbs",
      "AccountGrantsThroughEc2ForEbs",
    ]);
    expect(statement(key.policy, "AccountUsesThroughEc2ForEbs").Condition).toEqual({
      StringEquals: { "kms:ViaService": `ec2.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT },
    });
    expect(statement(key.policy, "AccountGrantsThroughEc2ForEbs")).toEqual({
      Sid: "AccountGrantsThroughEc2ForEbs",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `ec2.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT }, Bool: { "kms:GrantIsForAWSResource": "true" } },
    });
    expect(statement(key.policy, "AutoScalingGrantsForEbs").Principal).toEqual({
      AWS: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    });
    expect(only(stack, "aws_kms_alias").name).toBe("alias/account/ebs-default");
  });

  test("hop limit 2 for container hosts, and key admins", () => {
    const stack = newStack();
    const admin = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;
    new AccountComputeBaseline(stack, "baseline", { accountId: ACCOUNT, region: REGION, metadataHopLimit: 2, keyAdminRoleArns: [admin] });
    expect(only(stack, "aws_ec2_instance_metadata_defaults").http_put_response_hop_limit).toBe(2);
    expect(statement(only(stack, "aws_kms_key").policy, "AdminRolesAdministerNotUse").Principal).toEqual({ AWS: admin });
  });

  test("an invalid hop limit", () => {
    const stack = newStack();
    expectInvalid(() => new AccountComputeBaseline(stack, "baseline", { accountId: ACCOUNT, region: REGION, metadataHopLimit: 3 as never }), "metadataHopLimit", 'AccountComputeBaseline "baseline": metadataHopLimit 3 is not allowed; use 1, or 2 for hosts that run containers.');
    expectInvalid(() => new AccountComputeBaseline(newStack(), "baseline", { accountId: "1", region: REGION }), "accountId", 'AccountComputeBaseline "baseline": accountId "1" is not an AWS account id; pass the twelve digits, e.g. "123456789012".');
  });

  test("no unsuppressed findings", () => {
    const stack = newStack();
    new AccountComputeBaseline(stack, "baseline", { accountId: ACCOUNT, region: REGION });
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.evaluated).toBeGreaterThan(0);
  });
});
