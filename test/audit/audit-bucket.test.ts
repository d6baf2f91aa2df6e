import { TerraformStack } from "cdktf";
import { StackEnvironment } from "../../constructs/core";
import { AuditBucket, AuditBucketProps } from "../../constructs/audit/audit-bucket";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, newStack, ofType, only, packVerdict, parsePolicy, statement } from "../identity/harness";

const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit`;

function auditBucket(props: AuditBucketProps = {}): { stack: TerraformStack; bucket: AuditBucket } {
  const stack = newStack("audit-bucket");
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  return { stack, bucket: new AuditBucket(stack, "audit", props) };
}

function cloudTrailDelivery(bucket: AuditBucket): void {
  bucket.addDelivery({ servicePrincipal: "cloudtrail.amazonaws.com", sid: "CloudTrail", prefix: "cloudtrail", sourceArns: [TRAIL_ARN] });
}

describe("AuditBucket defaults", () => {
  test("a versioned, private, CMK-encrypted bucket with ACLs disabled and a generated name", () => {
    const { stack } = auditBucket();
    const buckets = ofType(stack, "aws_s3_bucket");
    expect(Object.values(buckets).map((b) => b.bucket_prefix).sort()).toEqual(["zt-audit-", "zt-audit-access-logs-"]);
    expect(only(stack, "aws_s3_bucket_versioning", "audit_versioning")).toMatchObject({ versioning_configuration: { status: "Enabled" } });
    expect(only(stack, "aws_s3_bucket_public_access_block", "audit_public-access-block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(stack, "aws_s3_bucket_ownership_controls", "audit_ownership")).toMatchObject({ rule: { object_ownership: "BucketOwnerEnforced" } });
    const encryption = only(stack, "aws_s3_bucket_server_side_encryption_configuration", "audit_encryption") as { rule: Record<string, unknown>[] };
    expect(encryption.rule[0]).toEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.audit_key_39D8EA39.arn}" },
      bucket_key_enabled: true,
    });
    expect(only(stack, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(only(stack, "aws_kms_alias").name).toBe("alias/zt/audit/audit-bucket/audit");
  });

  test("keeps deliveries two years, moving them to Glacier Instant Retrieval after 90 days, noncurrent versions too", () => {
    const { stack } = auditBucket();
    const lifecycle = only(stack, "aws_s3_bucket_lifecycle_configuration", "audit_lifecycle") as { rule: Record<string, unknown>[] };
    expect(lifecycle.rule).toEqual([
      expect.objectContaining({
        status: "Enabled",
        transition: [{ days: 90, storage_class: "GLACIER_IR" }],
        expiration: [{ days: 730 }],
        noncurrent_version_expiration: [{ noncurrent_days: 730 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      }),
    ]);
  });

  test("logs server access to a separate SSE-S3 bucket that only S3 logging for this bucket writes to", () => {
    const { stack } = auditBucket();
    expect(only(stack, "aws_s3_bucket_logging")).toMatchObject({
      bucket: "${aws_s3_bucket.audit_bucket_85D46CD8.id}",
      target_bucket: "${aws_s3_bucket.audit_access-log-bucket_5427CE19.bucket}",
      target_prefix: "s3-access-logs/",
    });
    const encryption = only(stack, "aws_s3_bucket_server_side_encryption_configuration", "audit_access-log-encryption") as { rule: Record<string, unknown>[] };
    expect(encryption.rule[0]).toEqual({ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: false });
    const policy = only(stack, "aws_s3_bucket_policy", "audit_access-log-policy").policy;
    expect(statement(policy, "S3ServerAccessLogsOfTheAuditBucket")).toEqual({
      Sid: "S3ServerAccessLogsOfTheAuditBucket",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "${aws_s3_bucket.audit_access-log-bucket_5427CE19.arn}/s3-access-logs/*",
      Condition: { ArnLike: { "aws:SourceArn": "${aws_s3_bucket.audit_bucket_85D46CD8.arn}" }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    expect(statement(policy, "DenyRequestsWithoutTls")).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });

  test("logs to a given bucket instead, making no access log bucket", () => {
    const { stack } = auditBucket({ accessLogBucketName: "acme-central-access-logs" });
    expect(Object.keys(ofType(stack, "aws_s3_bucket"))).toHaveLength(1);
    expect(only(stack, "aws_s3_bucket_logging")).toMatchObject({ target_bucket: "acme-central-access-logs" });
  });

  test("passes the whole pack with no finding and nothing suppressed", () => {
    const { stack, bucket } = auditBucket();
    cloudTrailDelivery(bucket);
    expect(packVerdict(stack)).toMatchObject({ unsuppressed: [], suppressed: [] });
  });
});

describe("AuditBucket.addDelivery", () => {
  test("grants a service the bucket ACL check and writes under its prefix, only for its source, with the owner's ACL", () => {
    const { stack, bucket } = auditBucket();
    // Added after construction: the one bucket policy is rendered at synth.
    cloudTrailDelivery(bucket);
    const policies = ofType(stack, "aws_s3_bucket_policy");
    expect(Object.keys(policies).sort()).toEqual([expect.stringMatching(/^audit_access-log-policy/), expect.stringMatching(/^audit_policy/)]);
    const policy = only(stack, "aws_s3_bucket_policy", "audit_policy").policy;
    const source = { ArnLike: { "aws:SourceArn": TRAIL_ARN }, StringEquals: { "aws:SourceAccount": ACCOUNT } };
    expect(statement(policy, "CloudTrailReadsBucket")).toEqual({
      Sid: "CloudTrailReadsBucket",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: "${aws_s3_bucket.audit_bucket_85D46CD8.arn}",
      Condition: source,
    });
    expect(statement(policy, "CloudTrailDelivers")).toEqual({
      Sid: "CloudTrailDelivers",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `\${aws_s3_bucket.audit_bucket_85D46CD8.arn}/cloudtrail/AWSLogs/${ACCOUNT}/*`,
      Condition: { ...source, StringEquals: { "aws:SourceAccount": ACCOUNT, "s3:x-amz-acl": "bucket-owner-full-control" } },
    });
    expect(parsePolicy(policy).Statement.map((s) => s.Sid)).toEqual(["DenyRequestsWithoutTls", "CloudTrailReadsBucket", "CloudTrailDelivers"]);
  });

  test("lets the service use the key on the same conditions, with an encryption context when given", () => {
    const { stack, bucket } = auditBucket();
    bucket.addDelivery({
      servicePrincipal: "cloudtrail.amazonaws.com",
      sid: "CloudTrail",
      prefix: "cloudtrail",
      sourceArns: [TRAIL_ARN],
      encryptionContext: { "aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
    });
    const policy = only(stack, "aws_kms_key").policy;
    expect(statement(policy, "CloudTrailUsesTheKey")).toEqual({
      Sid: "CloudTrailUsesTheKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: "*",
      Condition: {
        ArnLike: { "aws:SourceArn": TRAIL_ARN },
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
      },
    });
    expect(parsePolicy(policy).Statement.map((s) => s.Sid)).toEqual(["AccountRootAdministersNotUse", "CloudTrailUsesTheKey"]);
  });

  test("a delivery without the ACL condition, with other actions, owners and key actions (as GuardDuty or Config ask)", () => {
    const { stack, bucket } = auditBucket();
    const detector = `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/*`;
    bucket.addDelivery({
      servicePrincipal: "guardduty.amazonaws.com",
      prefix: "guardduty",
      sourceArns: [detector],
      actions: ["s3:GetBucketLocation", "s3:PutObject"],
      requireOwnerFullControl: false,
      logOwners: [ACCOUNT, "o-a1b2c3d4e5"],
      keyActions: ["kms:GenerateDataKey"],
    });
    const policy = only(stack, "aws_s3_bucket_policy", "audit_policy").policy;
    expect(statement(policy, "GuarddutyReadsBucket")).toMatchObject({ Action: "s3:GetBucketLocation" });
    expect(statement(policy, "GuarddutyDelivers")).toMatchObject({
      Resource: [`\${aws_s3_bucket.audit_bucket_85D46CD8.arn}/guardduty/AWSLogs/${ACCOUNT}/*`, "${aws_s3_bucket.audit_bucket_85D46CD8.arn}/guardduty/AWSLogs/o-a1b2c3d4e5/*"],
      Condition: { ArnLike: { "aws:SourceArn": detector }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    expect(statement(only(stack, "aws_kms_key").policy, "GuarddutyUsesTheKey")).toMatchObject({ Action: "kms:GenerateDataKey" });
  });

  test("the same delivery twice merges; another with the same sid and other actions is refused", () => {
    const { stack, bucket } = auditBucket();
    cloudTrailDelivery(bucket);
    cloudTrailDelivery(bucket);
    expect(parsePolicy(only(stack, "aws_s3_bucket_policy", "audit_policy").policy).Statement).toHaveLength(3);
    expectInvalid(
      () => bucket.addDelivery({ servicePrincipal: "cloudtrail.amazonaws.com", sid: "CloudTrail", prefix: "cloudtrail", sourceArns: [TRAIL_ARN], actions: ["s3:GetBucketLocation"] }),
      "delivery.sid",
      'sid "CloudTrailReadsBucket" was already added',
    );
  });

  test("refuses a delivery without sources, with a malformed prefix or principal, or with wildcard actions", () => {
    const { bucket } = auditBucket();
    expectInvalid(() => bucket.addDelivery({ servicePrincipal: "config.amazonaws.com", prefix: "config", sourceArns: [] }), "delivery.sourceArns", "sourceArns is empty");
    expectInvalid(() => bucket.addDelivery({ servicePrincipal: "config.amazonaws.com", prefix: "/config/", sourceArns: [TRAIL_ARN] }), "delivery.prefix", "without slashes");
    expectInvalid(() => bucket.addDelivery({ servicePrincipal: "config", prefix: "config", sourceArns: [TRAIL_ARN] }), "delivery.servicePrincipal", '"cloudtrail.amazonaws.com"');
    expectInvalid(() => bucket.addDelivery({ servicePrincipal: "config.amazonaws.com", prefix: "config", sourceArns: [TRAIL_ARN], actions: ["s3:*"] }), "delivery.actions", 'action "s3:*" is a wildcard');
    expectInvalid(() => bucket.addDelivery({ servicePrincipal: "config.amazonaws.com", prefix: "config", sourceArns: [TRAIL_ARN], keyActions: ["kms:*"] }), "delivery.actions", 'action "kms:*" is a wildcard');
  });

  test("named reader roles decrypt only through S3; admin roles administer without using", () => {
    const reader = `arn:aws:iam::${ACCOUNT}:role/security-audit`;
    const admin = `arn:aws:iam::${ACCOUNT}:role/platform-deployer`;
    const { stack } = auditBucket({ readerRoleArns: [reader], keyAdminRoleArns: [admin] });
    const policy = only(stack, "aws_kms_key").policy;
    expect(statement(policy, "ReadersDecryptThroughS3")).toEqual({
      Sid: "ReadersDecryptThroughS3",
      Effect: "Allow",
      Principal: { AWS: reader },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT } },
    });
    expect(statement(policy, "AdminRolesAdministerNotUse")).toMatchObject({ Principal: { AWS: admin } });
  });
});

describe("AuditBucket validation", () => {
  test.each([
    ["Audit-Logs", "holds characters other than lowercase letters"],
    ["ab", "is not 3 to 63 characters long"],
    ["audit..logs", "holds two adjacent dots"],
    ["-audit-logs", "does not begin and end with a letter or digit"],
    ["192.168.10.12", "is formatted as an IP address"],
    ["xn--audit", "starts with a reserved prefix"],
    ["audit-s3alias", "ends with a reserved suffix"],
    ["audit_logs", "holds characters other than lowercase letters"],
  ])("a bucket name S3 would refuse (%s) names the prop and the fix", (name, problem) => {
    const error = expectInvalid(() => auditBucket({ bucketName: name }), "bucketName", problem);
    expect(error.message).toContain("leave bucketName out for a generated name");
  });

  test("an access log bucket name S3 would refuse", () => {
    expectInvalid(() => auditBucket({ accessLogBucketName: "Logs" }), "accessLogBucketName", "S3 would refuse it");
  });

  test("a valid bucket name is used as given", () => {
    const { stack } = auditBucket({ bucketName: "acme-audit-logs" });
    expect(Object.values(ofType(stack, "aws_s3_bucket")).map((b) => b.bucket ?? b.bucket_prefix).sort()).toEqual(["acme-audit-logs", "zt-audit-access-logs-"]);
  });

  test("deliveries kept less than a year, or expiring before they move, are refused", () => {
    expectInvalid(() => auditBucket({ expireAfterDays: 90 }), "expireAfterDays", "at least 365");
    expectInvalid(() => auditBucket({ expireAfterDays: 400, transitionAfterDays: 400 }), "transitionAfterDays", "must be less than expireAfterDays 400");
  });

  test("reader and admin roles must be role ARNs", () => {
    expectInvalid(() => auditBucket({ readerRoleArns: ["security-audit"] }), "readerRoleArns", "is not an iam ARN");
    expectInvalid(() => auditBucket({ keyAdminRoleArns: [`arn:aws:iam::${ACCOUNT}:user/bob`] }), "keyAdminRoleArns", "is not an iam ARN");
  });
});
