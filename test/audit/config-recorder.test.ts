import { ConfigRecorder } from "../../constructs/audit";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, ofType, only, packVerdict, statement } from "../identity/harness";
import { stackWithBucket } from "./detection-fixtures";

function recorder(props: Partial<ConstructorParameters<typeof ConfigRecorder>[2]> = {}) {
  const { stack, bucket } = stackWithBucket();
  const config = new ConfigRecorder(stack, "config", { bucket, ...props });
  return { stack, config };
}

describe("ConfigRecorder", () => {
  test("records every supported resource, global ones included, through the AWS Config service-linked role it creates", () => {
    const { stack } = recorder();
    expect(only(stack, "aws_iam_service_linked_role")).toEqual({ aws_service_name: "config.amazonaws.com" });
    expect(only(stack, "aws_config_configuration_recorder")).toMatchObject({
      name: "zt-recorder",
      role_arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recording_group: { all_supported: true, include_global_resource_types: true },
      depends_on: [expect.stringMatching(/^aws_iam_service_linked_role\./)],
    });
    expect(ofType(stack, "aws_iam_role")).toEqual({});
  });

  test("delivers daily to the audit bucket's config prefix with the bucket's key, and turns the recorder on after the channel exists", () => {
    const { stack } = recorder();
    const channel = only(stack, "aws_config_delivery_channel");
    expect(channel).toMatchObject({ name: "zt-recorder", s3_key_prefix: "config", snapshot_delivery_properties: { delivery_frequency: "TwentyFour_Hours" } });
    expect(channel.s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\.bucket_[A-F0-9]+\.bucket\}$/);
    expect(channel.s3_kms_key_arn).toMatch(/^\$\{aws_kms_key\.bucket_key_[A-F0-9]+\.arn\}$/);
    const status = only(stack, "aws_config_configuration_recorder_status");
    expect(status).toMatchObject({ is_enabled: true, depends_on: [expect.stringMatching(/^aws_config_delivery_channel\./)] });
    expect(status.name).toMatch(/^\$\{aws_config_configuration_recorder\.config_recorder_[A-F0-9]+\.name\}$/);
  });

  test("the bucket and its key admit AWS Config of this account only", () => {
    const { stack } = recorder();
    const conditions = { ArnLike: { "aws:SourceArn": `arn:aws:config:eu-west-1:${ACCOUNT}:*` }, StringEquals: { "aws:SourceAccount": ACCOUNT } };
    const policy = only(stack, "aws_s3_bucket_policy", "bucket_policy").policy;
    expect(statement(policy, "ConfigReadsBucket")).toMatchObject({ Principal: { Service: "config.amazonaws.com" }, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Condition: conditions });
    expect(statement(policy, "ConfigDelivers")).toMatchObject({
      Action: "s3:PutObject",
      Condition: { ...conditions, StringEquals: { ...conditions.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
    });
    expect(statement(policy, "ConfigDelivers").Resource).toMatch(/\/config\/AWSLogs\/123456789012\/\*$/);
    const keyPolicy = Object.values(ofType(stack, "aws_kms_key")).find((k) => String(k.policy).includes("ConfigUsesTheKey"))!.policy;
    expect(statement(keyPolicy, "ConfigUsesTheKey")).toMatchObject({ Action: ["kms:Decrypt", "kms:GenerateDataKey"], Condition: conditions });
  });

  test("passes the whole pack with no finding and no suppression", () => {
    const verdict = packVerdict(recorder().stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([]);
  });

  test("global resources recorded in another region, an existing service-linked role, another snapshot frequency and name", () => {
    const { stack } = recorder({ recordGlobalResources: false, createServiceLinkedRole: false, snapshotFrequency: "Six_Hours", name: "main" });
    expect(ofType(stack, "aws_iam_service_linked_role")).toEqual({});
    const recorderJson = only(stack, "aws_config_configuration_recorder");
    expect(recorderJson.recording_group).toEqual({ all_supported: true, include_global_resource_types: false });
    expect(recorderJson.depends_on).toBeUndefined();
    expect(only(stack, "aws_config_delivery_channel")).toMatchObject({ name: "main", snapshot_delivery_properties: { delivery_frequency: "Six_Hours" } });
  });

  test("refuses a snapshot frequency AWS Config does not know and a name it would refuse", () => {
    expectInvalid(() => recorder({ snapshotFrequency: "Daily" as never }), "snapshotFrequency", /"Daily" is not one AWS Config accepts/);
    expectInvalid(() => recorder({ name: "my recorder" }), "name", /"my recorder" must be 1 to 256/);
  });
});
