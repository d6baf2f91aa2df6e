import { ThreatDetection } from "../../constructs/audit";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, ofType, only, packVerdict, statement } from "../identity/harness";
import { stackWithBucket, suppressionsOf } from "./detection-fixtures";

function threatDetection(props: Partial<ConstructorParameters<typeof ThreatDetection>[2]> = {}) {
  const { stack, bucket } = stackWithBucket();
  const detection = new ThreatDetection(stack, "threats", { findingsBucket: bucket, ...props });
  return { stack, bucket, detection };
}

const featureStatuses = (stack: ReturnType<typeof threatDetection>["stack"]) =>
  Object.values(ofType(stack, "aws_guardduty_detector_feature")).map((f) => ({
    name: f.name,
    status: f.status,
    agents: ((f.additional_configuration as { name: string; status: string }[] | undefined) ?? []).map((a) => `${a.name}=${a.status}`),
  }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));

describe("ThreatDetection", () => {
  test("a detector with every protection on, each a feature resource, publishing every fifteen minutes", () => {
    const { stack } = threatDetection();
    expect(only(stack, "aws_guardduty_detector")).toMatchObject({ enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES" });
    expect(featureStatuses(stack)).toEqual([
      { name: "EBS_MALWARE_PROTECTION", status: "ENABLED", agents: [] },
      { name: "EKS_AUDIT_LOGS", status: "ENABLED", agents: [] },
      { name: "LAMBDA_NETWORK_LOGS", status: "ENABLED", agents: [] },
      { name: "RDS_LOGIN_EVENTS", status: "ENABLED", agents: [] },
      { name: "RUNTIME_MONITORING", status: "ENABLED", agents: ["EKS_ADDON_MANAGEMENT=ENABLED", "EC2_AGENT_MANAGEMENT=ENABLED", "ECS_FARGATE_AGENT_MANAGEMENT=ENABLED"] },
      { name: "S3_DATA_EVENTS", status: "ENABLED", agents: [] },
    ]);
    expect(ofType(stack, "aws_guardduty_organization_configuration")).toEqual({});
  });

  test("exports findings to the audit bucket's guardduty prefix with the bucket's key, after the bucket policy", () => {
    const { stack } = threatDetection();
    const destination = only(stack, "aws_guardduty_publishing_destination");
    expect(destination).toMatchObject({ destination_type: "S3" });
    expect(destination.destination_arn).toMatch(/^\$\{aws_s3_bucket\.bucket_[A-F0-9]+\.arn\}\/guardduty$/);
    expect(destination.kms_key_arn).toMatch(/^\$\{aws_kms_key\.bucket_key_[A-F0-9]+\.arn\}$/);
    expect(destination.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_policy\.bucket_policy_/)]));
  });

  test("the bucket and its key admit GuardDuty only for this detector, from this account", () => {
    const { stack } = threatDetection();
    const detectorArn = expect.stringMatching(/^\$\{aws_guardduty_detector\.threats_detector_[A-F0-9]+\.arn\}$/);
    const conditions = { ArnLike: { "aws:SourceArn": detectorArn }, StringEquals: { "aws:SourceAccount": ACCOUNT } };
    const policy = only(stack, "aws_s3_bucket_policy", "bucket_policy").policy;
    expect(statement(policy, "GuardDutyDelivers")).toMatchObject({ Principal: { Service: "guardduty.amazonaws.com" }, Action: "s3:PutObject", Condition: conditions });
    expect(statement(policy, "GuardDutyDelivers").Resource).toMatch(/\/guardduty\/AWSLogs\/123456789012\/\*$/);
    expect(statement(policy, "GuardDutyReadsBucket")).toMatchObject({ Action: "s3:GetBucketLocation", Condition: conditions });
    const keyPolicy = Object.values(ofType(stack, "aws_kms_key")).find((k) => String(k.policy).includes("GuardDutyUsesTheKey"))!.policy;
    expect(statement(keyPolicy, "GuardDutyUsesTheKey")).toMatchObject({ Principal: { Service: "guardduty.amazonaws.com" }, Action: "kms:GenerateDataKey", Condition: conditions });
  });

  test("passes the whole pack with no finding and no suppression", () => {
    const { stack } = threatDetection();
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([]);
  });

  test("a protection turned off is a DISABLED feature (or agent) and the suppression of ZT-DET-004 for that protection, with the reason", () => {
    const { stack } = threatDetection({ disabledProtections: { ec2Runtime: "hosts run the vendor's own runtime sensor", s3DataEvents: "no bucket holds data in this account" } });
    expect(featureStatuses(stack).filter((f) => f.name === "RUNTIME_MONITORING" || f.name === "S3_DATA_EVENTS")).toEqual([
      { name: "RUNTIME_MONITORING", status: "ENABLED", agents: ["EKS_ADDON_MANAGEMENT=ENABLED", "EC2_AGENT_MANAGEMENT=DISABLED", "ECS_FARGATE_AGENT_MANAGEMENT=ENABLED"] },
      { name: "S3_DATA_EVENTS", status: "DISABLED", agents: [] },
    ]);
    expect(Object.values(suppressionsOf(stack, "aws_guardduty_detector"))).toEqual([
      [
        { id: "ZT-DET-004", reason: "ThreatDetection disabledProtections.ec2Runtime: hosts run the vendor's own runtime sensor", appliesTo: "Protection::RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT" },
        { id: "ZT-DET-004", reason: "ThreatDetection disabledProtections.s3DataEvents: no bucket holds data in this account", appliesTo: "Protection::S3_DATA_EVENTS" },
      ],
    ]);
  });

  test("Runtime Monitoring is off when each of its agents is turned off; RDS login events are a plain prop", () => {
    const reason = "workloads are watched by another tool";
    const { stack } = threatDetection({ disabledProtections: { eksRuntime: reason, ec2Runtime: reason, fargateRuntime: reason }, rdsLoginEvents: false, findingPublishingFrequency: "ONE_HOUR" });
    expect(featureStatuses(stack).filter((f) => f.name === "RUNTIME_MONITORING" || f.name === "RDS_LOGIN_EVENTS").map((f) => `${f.name}=${f.status}`)).toEqual([
      "RDS_LOGIN_EVENTS=DISABLED",
      "RUNTIME_MONITORING=DISABLED",
    ]);
    expect(only(stack, "aws_guardduty_detector").finding_publishing_frequency).toBe("ONE_HOUR");
  });

  test("the organization variant enables every member account, each feature as the detector has it", () => {
    const { stack } = threatDetection({ organization: { organizationId: "o-a1b2c3d4e5" }, disabledProtections: { lambdaNetworkLogs: "no function runs in this organization" } });
    expect(only(stack, "aws_guardduty_organization_configuration")).toMatchObject({ auto_enable_organization_members: "ALL" });
    const members = Object.values(ofType(stack, "aws_guardduty_organization_configuration_feature")).map((f) => `${f.name}=${f.auto_enable}`);
    expect(members.sort()).toEqual(["EBS_MALWARE_PROTECTION=ALL", "EKS_AUDIT_LOGS=ALL", "LAMBDA_NETWORK_LOGS=NONE", "RDS_LOGIN_EVENTS=ALL", "RUNTIME_MONITORING=ALL", "S3_DATA_EVENTS=ALL"]);
  });

  test("refuses an unknown protection, an opt-out without a reason, a frequency GuardDuty does not know and a malformed organization id", () => {
    expectInvalid(() => threatDetection({ disabledProtections: { ssh: "x".repeat(20) } as never }), "disabledProtections", /"ssh"; use one of "s3DataEvents"/);
    expectInvalid(() => threatDetection({ disabledProtections: { ebsMalware: "cost" } }), "disabledProtections.ebsMalware.reason", /at least 10 characters/);
    expectInvalid(() => threatDetection({ findingPublishingFrequency: "DAILY" as never }), "findingPublishingFrequency", /"DAILY" is not one GuardDuty accepts/);
    expectInvalid(() => threatDetection({ organization: { organizationId: "a1b2c3d4e5" } }), "organization.organizationId", /"o-" and 10 to 32 lowercase letters or digits/);
    expectInvalid(() => threatDetection({ organization: {} as never }), "organization.organizationId", /has no organizationId/);
  });

  test("builds its region's service principal and ARNs from the stack environment", () => {
    const { stack, bucket } = stackWithBucket("cn", "cn-north-1");
    new ThreatDetection(stack, "threats", { findingsBucket: bucket });
    const policy = only(stack, "aws_s3_bucket_policy", "bucket_policy").policy;
    expect(statement(policy, "GuardDutyDelivers").Principal).toEqual({ Service: "guardduty.amazonaws.com.cn" });
    expect(REGION).not.toBe("cn-north-1");
  });
});
