import { TerraformStack } from "cdktf";
import { AuditBucket } from "../../constructs/audit/audit-bucket";
import { AuditTrail } from "../../constructs/audit/trail";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, ofType, only, packVerdict, parsePolicy, statement } from "../identity/harness";
import { TRAIL_ARN, auditStack, auditTrail } from "./fixtures";

/** The unsuppressed findings of the stack, as `ruleId resource-type.construct-path` (logical id hashes left out). */
function findings(stack: TerraformStack): string[] {
  return packVerdict(stack)
    .unsuppressed.map((line) => /^(ZT-[A-Z0-9]+-\d+)\S* \w+ ([^:]+):/.exec(line)!)
    .map(([, id, address]) => `${id} ${address.replace(/_[0-9A-F]{8}$/, "")}`)
    .sort();
}

const TRAIL = "aws_cloudtrail.trail";

describe("AuditTrail defaults", () => {
  test("records every region and global service events, validates log files, encrypts with the bucket's key", () => {
    const { stack, trail } = auditTrail();
    const resource = only(stack, "aws_cloudtrail");
    expect(resource).toMatchObject({
      name: "zt-audit",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      is_organization_trail: false,
      s3_key_prefix: "cloudtrail",
      kms_key_id: `\${aws_kms_key.${Object.keys(ofType(stack, "aws_kms_key")).find((k) => k.startsWith("trail_bucket_key"))}.arn}`,
    });
    expect(resource.advanced_event_selector).toBeUndefined();
    expect(trail.trailArn).toBe(TRAIL_ARN);
  });

  test("delivers to an AuditBucket made for it, whose policies admit CloudTrail only for this trail", () => {
    const { stack } = auditTrail();
    expect(only(stack, "aws_cloudtrail").s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\.trail_bucket_[0-9A-F]{8}\.bucket\}$/);
    const bucketPolicy = only(stack, "aws_s3_bucket_policy", "trail_bucket_policy").policy;
    expect(statement(bucketPolicy, "CloudTrailZtAuditDelivers")).toMatchObject({
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: expect.stringMatching(new RegExp(`/cloudtrail/AWSLogs/${ACCOUNT}/\\*$`)),
      Condition: { ArnLike: { "aws:SourceArn": TRAIL_ARN }, StringEquals: { "aws:SourceAccount": ACCOUNT, "s3:x-amz-acl": "bucket-owner-full-control" } },
    });
    expect(statement(bucketPolicy, "CloudTrailZtAuditReadsBucket")).toMatchObject({ Action: "s3:GetBucketAcl" });
    const keyPolicy = only(stack, "aws_kms_key", "trail_bucket_key").policy;
    expect(statement(keyPolicy, "CloudTrailZtAuditUsesTheKey")).toEqual({
      Sid: "CloudTrailZtAuditUsesTheKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: "*",
      Condition: { ArnLike: { "aws:SourceArn": TRAIL_ARN }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
  });

  test("sends events to a CMK-encrypted log group kept 365 days, through a role only this trail assumes", () => {
    const { stack } = auditTrail();
    const group = only(stack, "aws_cloudwatch_log_group");
    expect(group).toMatchObject({ name: "/zt/cloudtrail/zt-audit", retention_in_days: 365, kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.trail_logs_key_/) });
    const trail = only(stack, "aws_cloudtrail");
    expect(trail.cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\.trail_logs_log-group_[0-9A-F]{8}\.arn\}:\*$/);
    expect(trail.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\.trail_log-role_/);
    const trust = parsePolicy(only(stack, "aws_iam_role").assume_role_policy).Statement;
    expect(trust).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN, "aws:SourceAccount": ACCOUNT } },
      },
    ]);
    expect(parsePolicy(only(stack, "aws_iam_role_policy").policy).Statement).toEqual([
      {
        Sid: "WriteToTheTrailLogGroupOnly",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.trail_logs_log-group_[0-9A-F]{8}\.arn\}:log-stream:\*$/),
      },
    ]);
    const logKeyPolicy = only(stack, "aws_kms_key", "trail_logs_key").policy;
    expect(statement(logKeyPolicy, "CloudWatchLogsForTheTrailLogGroup")).toMatchObject({
      Principal: { Service: `logs.${REGION}.amazonaws.com` },
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/zt/cloudtrail/zt-audit` } },
    });
  });

  test("names the log role after the trail and region, or generates a name when IAM's 64 characters cannot hold it", () => {
    expect(only(auditTrail().stack, "aws_iam_role")).toMatchObject({ name: `zt-audit-${REGION}-cloudtrail-logs` });
    const long = "organization-wide-audit-trail-of-every-account";
    const role = only(auditTrail({ name: long }).stack, "aws_iam_role");
    expect(role.name).toBeUndefined();
    expect(role.name_prefix).toBe("organization-wide-audit-trail-ct-logs-");
    expect(String(role.name_prefix).length).toBeLessThanOrEqual(38);
  });

  test("waits for the bucket policy, the key and the role policy, which CloudTrail checks on creation", () => {
    const { stack } = auditTrail();
    const dependsOn = only(stack, "aws_cloudtrail").depends_on as string[];
    expect(dependsOn.map((d) => d.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["aws_s3_bucket_policy.trail_bucket_policy", "aws_kms_key.trail_bucket_key", "aws_iam_role_policy.trail_log-role-policy"]);
  });

  test("passes the whole pack with no finding and nothing suppressed", () => {
    const { stack } = auditTrail();
    expect(packVerdict(stack)).toMatchObject({ unsuppressed: [], suppressed: [] });
  });

  test("the roles named to read the logs may decrypt them through S3", () => {
    const reader = `arn:aws:iam::${ACCOUNT}:role/security-audit`;
    const { stack } = auditTrail({ readerRoleArns: [reader] });
    expect(statement(only(stack, "aws_kms_key", "trail_bucket_key").policy, "ReadersDecryptThroughS3")).toMatchObject({ Principal: { AWS: reader }, Action: ["kms:Decrypt", "kms:DescribeKey"] });
  });

  test("delivers to a given AuditBucket, adding its grant there", () => {
    const stack = auditStack();
    const bucket = new AuditBucket(stack, "shared", { bucketName: "acme-audit-logs" });
    new AuditTrail(stack, "trail", { bucket, name: "org-audit", prefix: "trails" });
    expect(Object.keys(ofType(stack, "aws_s3_bucket")).filter((k) => k.startsWith("trail_"))).toEqual([]);
    const policy = only(stack, "aws_s3_bucket_policy", "shared_policy").policy;
    expect(statement(policy, "CloudTrailOrgAuditDelivers").Resource).toMatch(new RegExp(`/trails/AWSLogs/${ACCOUNT}/\\*$`));
    expect(only(stack, "aws_cloudtrail")).toMatchObject({ name: "org-audit", s3_key_prefix: "trails" });
  });
});

describe("AuditTrail options", () => {
  test("data events of named buckets beside every management event, with advanced event selectors", () => {
    const { stack } = auditTrail({ dataEvents: { bucketArns: ["arn:aws:s3:::orders-data", "arn:aws:s3:::payments-data"] } });
    expect(only(stack, "aws_cloudtrail").advanced_event_selector).toEqual([
      { name: "Every management event", field_selector: [{ field: "eventCategory", equals: ["Management"] }] },
      {
        name: "Object-level events of the named buckets",
        field_selector: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
          { field: "resources.ARN", starts_with: ["arn:aws:s3:::orders-data/", "arn:aws:s3:::payments-data/"] },
        ],
      },
    ]);
    expect(findings(stack)).toEqual([]);
  });

  test("an organization trail records the organization's accounts and may write under the organization id", () => {
    const { stack } = auditTrail({ organization: { organizationId: "o-a1b2c3d4e5" } });
    expect(only(stack, "aws_cloudtrail").is_organization_trail).toBe(true);
    const policy = only(stack, "aws_s3_bucket_policy", "trail_bucket_policy").policy;
    const resources = statement(policy, "CloudTrailZtAuditDelivers").Resource as string[];
    expect(resources.map((r) => r.replace(/^.*\}/, ""))).toEqual([`/cloudtrail/AWSLogs/${ACCOUNT}/*`, "/cloudtrail/AWSLogs/o-a1b2c3d4e5/*"]);
    expect(findings(stack)).toEqual([]);
  });

  test("a single-region trail is recorded as the suppression of ZT-LOG-004 with its reason", () => {
    const { stack } = auditTrail({ singleRegion: { reason: "the organization trail covers every other region" } });
    expect(only(stack, "aws_cloudtrail").is_multi_region_trail).toBe(false);
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed.map((s) => s.replace(/_[0-9A-F]{8}$/, ""))).toEqual([`ZT-LOG-004 ${TRAIL}`]);
    const json = JSON.parse(JSON.stringify(stack.toTerraform())) as { resource: Record<string, Record<string, { "//"?: { ztb?: { suppressions?: unknown } } }>> };
    const [trail] = Object.values(json.resource.aws_cloudtrail);
    expect(trail["//"]?.ztb?.suppressions).toEqual([{ id: "ZT-LOG-004", reason: 'singleRegion on AuditTrail "trail": the organization trail covers every other region' }]);
  });

  test("a log retention below a year needs a reason, recorded as the suppression of ZT-LOG-002", () => {
    const { stack } = auditTrail({ logRetentionDays: 90, shortLogRetention: { reason: "the SIEM keeps the events for seven years" } });
    expect(only(stack, "aws_cloudwatch_log_group").retention_in_days).toBe(90);
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed.map((s) => s.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["ZT-LOG-002 aws_cloudwatch_log_group.trail_logs_log-group"]);
  });
});

describe("insecure twins of AuditTrail's defaults fail the pack with the matching finding", () => {
  function twin(weaken: (trail: AuditTrail) => void): TerraformStack {
    const { stack, trail } = auditTrail();
    weaken(trail);
    return stack;
  }

  test.each([
    ["no CloudWatch Logs delivery", (t: AuditTrail) => t.trail.addOverride("cloud_watch_logs_group_arn", null), [`ZT-LOG-008 ${TRAIL}`]],
    ["a single region without a reason", (t: AuditTrail) => t.trail.addOverride("is_multi_region_trail", false), [`ZT-LOG-004 ${TRAIL}`]],
    ["no log file validation", (t: AuditTrail) => t.trail.addOverride("enable_log_file_validation", false), [`ZT-LOG-005 ${TRAIL}`]],
    ["no customer-managed key", (t: AuditTrail) => t.trail.addOverride("kms_key_id", null), [`ZT-LOG-006 ${TRAIL}`]],
    ["logging stopped", (t: AuditTrail) => t.trail.addOverride("enable_logging", false), [`ZT-LOG-007 ${TRAIL}`]],
    ["a trail bucket without access logging", (t: AuditTrail) => t.bucket.node.tryRemoveChild("access-logging"), [`ZT-LOG-010 ${TRAIL}`]],
    ["a trail bucket without a public access block", (t: AuditTrail) => t.bucket.node.tryRemoveChild("public-access-block"), [`ZT-LOG-011 ${TRAIL}`]],
    ["a log group kept 30 days", (t: AuditTrail) => t.logGroup.addOverride("retention_in_days", 30), ["ZT-LOG-002 aws_cloudwatch_log_group.trail_logs_log-group"]],
  ])("%s", (_name, weaken, expected) => {
    expect(findings(twin(weaken))).toEqual(expected);
  });
});

describe("AuditTrail validation", () => {
  test("a trail bucket name S3 would refuse names the prop and the fix", () => {
    const error = expectInvalid(() => auditTrail({ bucketName: "Audit_Logs" }), "bucketName", 'bucketName "Audit_Logs" holds characters other than lowercase letters');
    expect(error.message).toMatch(/^AuditTrail "trail": /);
    expect(error.message).toContain('e.g. "acme-audit-logs"');
  });

  test("bucketName or readerRoleArns beside a given bucket are refused", () => {
    const stack = auditStack();
    const bucket = new AuditBucket(stack, "shared");
    expectInvalid(() => new AuditTrail(stack, "trail", { bucket, bucketName: "acme-audit-logs" }), "bucketName", "but bucket is given");
    expectInvalid(() => new AuditTrail(stack, "trail", { bucket, readerRoleArns: [`arn:aws:iam::${ACCOUNT}:role/security-audit`] }), "readerRoleArns", "in the AuditBucket's readerRoleArns");
  });

  test.each([["123456789012"], ["o-short"], ["O-A1B2C3D4E5"], [""]])("an organization variant with organization id %j is refused", (organizationId) => {
    expectInvalid(() => auditTrail({ organization: { organizationId } }), "organization.organizationId", 'e.g. "o-a1b2c3d4e5"');
  });

  test("an organization variant without an organization id is refused", () => {
    expectInvalid(() => auditTrail({ organization: {} as { organizationId: string } }), "organization.organizationId", "is not an AWS Organizations id");
  });

  test.each([["ab"], ["-audit"], ["audit..trail"], ["audit trail"]])("a trail name CloudTrail refuses (%j)", (name) => {
    expectInvalid(() => auditTrail({ name }), "name", "is not a trail name CloudTrail accepts");
  });

  test("a retention below a year without a reason, or a reason too short, is refused", () => {
    expectInvalid(() => auditTrail({ logRetentionDays: 30 }), "logRetentionDays", "pass shortLogRetention: { reason }");
    expectInvalid(() => auditTrail({ logRetentionDays: 30, shortLogRetention: { reason: "cost" } }), "shortLogRetention.reason", "at least 10 characters");
    expectInvalid(() => auditTrail({ singleRegion: { reason: "" } }), "singleRegion.reason", "at least 10 characters");
  });

  test("data event buckets must be S3 bucket ARNs", () => {
    expectInvalid(() => auditTrail({ dataEvents: { bucketArns: ["orders-data"] } }), "dataEvents.bucketArns", "is not an s3 ARN");
    expectInvalid(() => auditTrail({ dataEvents: { bucketArns: ["arn:aws:s3:::orders-data/*"] } }), "dataEvents.bucketArns", "is not an s3 ARN");
  });
});
