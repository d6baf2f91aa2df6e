import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { EnvironmentOverrides, IEnvironment, resolveEnvironment, servicePrincipal } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { createCustomerManagedKey } from "../core/key";
import { PolicyDocument, PolicyStatementJson, oneOrMany } from "../core/policy-document";
import { isToken, requireArns } from "../core/validate";
import { pascalCase } from "../identity/validate";
import { resourceTags } from "../network/tags";
import { adminStatement, rootStatement } from "../secrets/key-policy";

/** Days audit deliveries are kept by default: two years. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 730;
/** Fewest days an {@link AuditBucket} keeps its deliveries (CIS and most audit regimes ask for a year at least). */
export const MIN_AUDIT_RETENTION_DAYS = 365;
/** Days after which audit deliveries move to S3 Glacier Instant Retrieval by default. */
export const DEFAULT_AUDIT_TRANSITION_DAYS = 90;

/** S3 bucket-level actions a delivering service may be granted; every other action applies to objects. */
const BUCKET_LEVEL_ACTIONS = ["s3:GetBucketAcl", "s3:GetBucketLocation", "s3:ListBucket"];

/** Bucket names S3 refuses: its rules for general purpose buckets. */
const BUCKET_NAME_RULES: readonly (readonly [RegExp, string])[] = [
  [/^.{3,63}$/, "is not 3 to 63 characters long"],
  [/^[a-z0-9.-]+$/, "holds characters other than lowercase letters, digits, dots and hyphens"],
  [/^[a-z0-9].*[a-z0-9]$/, "does not begin and end with a letter or digit"],
  [/^(?!.*\.\.)/, "holds two adjacent dots"],
  [/^(?!\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$)/, "is formatted as an IP address"],
  [/^(?!xn--|sthree-|amzn-s3-demo-)/, 'starts with a reserved prefix ("xn--", "sthree-", "amzn-s3-demo-")'],
  [/^(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$)/, 'ends with a reserved suffix ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")'],
];

/**
 * Throws unless `name` is a bucket name S3 accepts (tokens pass), naming the rule it breaks and the fix.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function requireBucketName(source: ErrorSource, prop: string, name: string): void {
  if (isToken(name)) return;
  const broken = BUCKET_NAME_RULES.find(([rule]) => typeof name !== "string" || !rule.test(name));
  if (broken) {
    throw new ValidationError(
      source,
      prop,
      `${prop} "${name}" ${broken[1]}, so S3 would refuse it; use 3 to 63 lowercase letters, digits and hyphens that start and end with a letter or digit, e.g. "acme-audit-logs", or leave ${prop} out for a generated name.`,
    );
  }
}

/** A service that delivers objects into an {@link AuditBucket}, as {@link AuditBucket.addDelivery} takes it. */
export interface AuditDelivery {
  /** Service principal of the delivering service, e.g. `cloudtrail.amazonaws.com` (see `servicePrincipal`). */
  readonly servicePrincipal: string;
  /** Key prefix the service writes under, without slashes at either end, e.g. `cloudtrail`. */
  readonly prefix: string;
  /**
   * ARNs of the service's resources that deliver (a trail, a detector, a recorder); the bucket and key admit the
   * service only on their behalf (`aws:SourceArn`, wildcards allowed as `ArnLike` reads them).
   */
  readonly sourceArns: string[];
  /**
   * S3 actions the service needs, without wildcards. Bucket-level actions (`s3:GetBucketAcl`, `s3:GetBucketLocation`, `s3:ListBucket`)
   * are granted on the bucket, the others on `<prefix>/AWSLogs/<owner>/*`.
   *
   * @default ["s3:GetBucketAcl", "s3:PutObject"]
   */
  readonly actions?: string[];
  /**
   * Who the delivered logs belong to, the path segments after `AWSLogs/`: account ids, or an organization id for
   * an organization trail.
   *
   * @default - the bucket's account
   */
  readonly logOwners?: string[];
  /**
   * Require the `bucket-owner-full-control` canned ACL on writes (`s3:x-amz-acl`), as CloudTrail and Config send it.
   *
   * @default true
   */
  readonly requireOwnerFullControl?: boolean;
  /**
   * KMS actions the service needs on the bucket's key, without wildcards.
   *
   * @default ["kms:GenerateDataKey", "kms:DescribeKey"]
   */
  readonly keyActions?: string[];
  /**
   * Encryption context the service must use with the key (`StringLike` on `kms:EncryptionContext:<key>`), e.g.
   * `{ "aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" }`.
   *
   * @default - no encryption context condition
   */
  readonly encryptionContext?: Record<string, string>;
  /**
   * Statement id prefix of the grants in the bucket and key policies, letters and digits.
   *
   * @default - the service name in PascalCase, e.g. `Cloudtrail`
   */
  readonly sid?: string;
}

/** Properties of an {@link AuditBucket}. */
export interface AuditBucketProps extends EnvironmentOverrides {
  /**
   * Name of the bucket (S3's naming rules apply).
   *
   * @default - a unique name starting with `zt-audit-`
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  readonly bucketName?: string;
  /**
   * Name of an existing bucket that receives this bucket's server access logs. It must accept deliveries from
   * `logging.s3.amazonaws.com` and encrypt with SSE-S3 (S3 cannot deliver access logs to an SSE-KMS bucket).
   *
   * @default - a separate hardened access log bucket is made (versioned, public access blocked, SSE-S3, TLS only,
   * writable only by S3 server access logging for this bucket)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
   */
  readonly accessLogBucketName?: string;
  /**
   * Days after which deliveries move to S3 Glacier Instant Retrieval.
   *
   * @default 90
   */
  readonly transitionAfterDays?: number;
  /**
   * Days deliveries (and their noncurrent versions) are kept before they expire; at least 365.
   *
   * @default 730
   */
  readonly expireAfterDays?: number;
  /**
   * Roles that administer (not use) the bucket's key besides the account root.
   *
   * @default []
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Roles that read the deliveries: they may decrypt with the key, only through S3. Their own IAM policies still
   * need `s3:GetObject` on the bucket.
   *
   * @default [] (nobody reads the deliveries until a role is named)
   */
  readonly readerRoleArns?: string[];
  /**
   * Extra tags of every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

const KIND = "AuditBucket";

/** Default S3 actions of a delivery. */
const DEFAULT_DELIVERY_ACTIONS = ["s3:GetBucketAcl", "s3:PutObject"];
/** Default KMS actions of a delivery. */
const DEFAULT_DELIVERY_KEY_ACTIONS = ["kms:GenerateDataKey", "kms:DescribeKey"];

function requireDays(source: ErrorSource, prop: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError(source, prop, `${prop} ${value} must be a whole number of days of at least ${min}.`);
  }
}

/**
 * The S3 bucket that audit services deliver into (CloudTrail, AWS Config, GuardDuty findings): versioned, every public
 * access block on, ACLs disabled (BucketOwnerEnforced), encrypted by default with a customer-managed key (bucket keys
 * on), a policy that denies every request without TLS, server access logging to a separate hardened bucket, and a
 * lifecycle that moves deliveries to Glacier Instant Retrieval and expires them after at least a year.
 *
 * Services are admitted one by one with {@link addDelivery}: each gets the bucket actions it needs, only for the
 * resources named as its source (`aws:SourceArn`, `aws:SourceAccount`), and the use of the key on the same
 * conditions. The bucket policy and the key policy are each one resource rendered at synth time, so deliveries added
 * after construction are included.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
export class AuditBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** Name of the bucket. */
  readonly bucketName: string;
  /** ARN of the bucket. */
  readonly bucketArn: string;
  /** Customer-managed key the bucket (and the deliveries that name it) encrypts with. */
  readonly key: KmsKey;
  /** Alias `alias/zt/audit/<construct path>` of the key (unique in the account and region as long as stack names are). */
  readonly keyAlias: KmsAlias;
  /** The bucket's policy, one resource holding every delivery's grant. */
  readonly policy: S3BucketPolicy;
  /** The access log bucket made for this bucket; undefined when `accessLogBucketName` names one. */
  readonly accessLogBucket?: S3Bucket;
  /** Name of the bucket receiving the server access logs. */
  readonly accessLogBucketName: string;
  /** Account, region and partition of the bucket. */
  readonly env: IEnvironment;

  private readonly source: ErrorSource;
  private readonly bucketPolicy = new PolicyDocument();
  private readonly keyPolicy = new PolicyDocument();

  constructor(scope: Construct, id: string, props: AuditBucketProps = {}) {
    const source = errorSource(KIND, scope, id);
    const env = resolveEnvironment(scope, source, props);
    if (props.bucketName !== undefined) requireBucketName(source, "bucketName", props.bucketName);
    if (props.accessLogBucketName !== undefined) requireBucketName(source, "accessLogBucketName", props.accessLogBucketName);
    const transitionAfterDays = props.transitionAfterDays ?? DEFAULT_AUDIT_TRANSITION_DAYS;
    const expireAfterDays = props.expireAfterDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
    requireDays(source, "expireAfterDays", expireAfterDays, MIN_AUDIT_RETENTION_DAYS);
    requireDays(source, "transitionAfterDays", transitionAfterDays, 1);
    if (transitionAfterDays >= expireAfterDays) {
      throw new ValidationError(source, "transitionAfterDays", `transitionAfterDays ${transitionAfterDays} must be less than expireAfterDays ${expireAfterDays}; deliveries would expire before they move.`);
    }
    requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns ?? [], env.partition, "iam", /^role\//, `${env.arnPrefix}:iam::${env.accountId}:role/platform-deployer`);
    requireArns(source, "readerRoleArns", props.readerRoleArns ?? [], env.partition, "iam", /^role\//, `${env.arnPrefix}:iam::${env.accountId}:role/security-audit`);
    super(scope, id);
    this.source = source;
    this.env = env;
    const tags = props.tags ?? {};

    this.keyPolicy.addStatement(rootStatement(env.partition, env.accountId));
    if (props.keyAdminRoleArns && props.keyAdminRoleArns.length > 0) this.keyPolicy.addStatement(adminStatement(props.keyAdminRoleArns));
    if (props.readerRoleArns && props.readerRoleArns.length > 0) {
      this.keyPolicy.addStatement({
        Sid: "ReadersDecryptThroughS3",
        Effect: "Allow",
        Principal: { AWS: oneOrMany(props.readerRoleArns) },
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": `s3.${env.region}.${env.dnsSuffix}`, "kms:CallerAccount": env.accountId } },
      });
    }
    const made = createCustomerManagedKey(this, {
      description: `Encrypts the audit deliveries of ${this.node.path}`,
      aliasName: `alias/zt/audit/${this.node.path.replace(/[^A-Za-z0-9/_-]/g, "-")}`,
      policy: this.keyPolicy.lazy(),
      tags: resourceTags(tags, `${id}-audit`),
    });
    this.key = made.key;
    this.keyAlias = made.alias;

    this.bucket = new S3Bucket(this, "bucket", {
      ...(props.bucketName !== undefined ? { bucket: props.bucketName } : { bucketPrefix: "zt-audit-" }),
      tags: resourceTags(tags, props.bucketName ?? `${id}-audit`),
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    const publicAccess = hardenBucket(this, "", this.bucket, { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn });
    expireDeliveries(this, "lifecycle", this.bucket, transitionAfterDays, expireAfterDays);

    this.bucketPolicy.addStatement(denyWithoutTls(this.bucket.arn));
    this.policy = new S3BucketPolicy(this, "policy", { bucket: this.bucket.id, policy: this.bucketPolicy.lazy(), dependsOn: [publicAccess] });

    if (props.accessLogBucketName !== undefined) {
      this.accessLogBucketName = props.accessLogBucketName;
    } else {
      this.accessLogBucket = this.makeAccessLogBucket(id, tags, expireAfterDays);
      this.accessLogBucketName = this.accessLogBucket.bucket;
    }
    new S3BucketLoggingA(this, "access-logging", {
      bucket: this.bucket.id,
      targetBucket: this.accessLogBucketName,
      targetPrefix: `${ACCESS_LOG_PREFIX}/`,
    });
  }

  /**
   * Admits a delivering service: bucket policy statements `<sid>ReadsBucket` (bucket-level actions on the bucket) and
   * `<sid>Delivers` (object actions on `<prefix>/AWSLogs/<owner>/*`, with the `bucket-owner-full-control` ACL unless
   * told otherwise), and key policy statement `<sid>UsesTheKey`, all only for `sourceArns` of this account. Returns
   * the key prefix the service writes under.
   */
  addDelivery(delivery: AuditDelivery): string {
    const { env } = this;
    const sid = delivery.sid ?? pascalCase(delivery.servicePrincipal.split(".")[0]);
    if (!/^[A-Za-z0-9]+$/.test(sid)) throw new ValidationError(this.source, "delivery.sid", `sid "${sid}" must hold letters and digits only, e.g. "CloudTrail".`);
    if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(delivery.servicePrincipal)) {
      throw new ValidationError(this.source, "delivery.servicePrincipal", `servicePrincipal "${delivery.servicePrincipal}" is not a service principal; pass one such as "${servicePrincipal(env, "cloudtrail")}".`);
    }
    const prefix = delivery.prefix;
    if (!isToken(prefix) && !/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(prefix)) {
      throw new ValidationError(this.source, "delivery.prefix", `prefix "${prefix}" must be a key prefix without slashes at either end, e.g. "cloudtrail".`);
    }
    if (delivery.sourceArns.length === 0) {
      throw new ValidationError(this.source, "delivery.sourceArns", `sourceArns is empty; name the resources that deliver (a trail, detector or recorder ARN) so the service writes only on their behalf.`);
    }
    const wildcard = [...(delivery.actions ?? []), ...(delivery.keyActions ?? [])].find((a) => a.includes("*"));
    if (wildcard !== undefined) {
      throw new ValidationError(this.source, "delivery.actions", `action "${wildcard}" is a wildcard; name the actions the service needs, e.g. "s3:PutObject" or "kms:GenerateDataKey".`);
    }
    const sourceConditions = { ArnLike: { "aws:SourceArn": oneOrMany(delivery.sourceArns) }, StringEquals: { "aws:SourceAccount": env.accountId } };
    const actions = delivery.actions ?? DEFAULT_DELIVERY_ACTIONS;
    const bucketActions = actions.filter((a) => BUCKET_LEVEL_ACTIONS.includes(a));
    const objectActions = actions.filter((a) => !BUCKET_LEVEL_ACTIONS.includes(a));
    const principal = { Service: delivery.servicePrincipal };
    if (bucketActions.length > 0) {
      this.add(this.bucketPolicy, { Sid: `${sid}ReadsBucket`, Effect: "Allow", Principal: principal, Action: oneOrMany(bucketActions), Resource: this.bucket.arn, Condition: sourceConditions });
    }
    if (objectActions.length > 0) {
      const owners = delivery.logOwners ?? [env.accountId];
      const acl = delivery.requireOwnerFullControl ?? true;
      this.add(this.bucketPolicy, {
        Sid: `${sid}Delivers`,
        Effect: "Allow",
        Principal: principal,
        Action: oneOrMany(objectActions),
        Resource: oneOrMany(owners.map((owner) => `${this.bucket.arn}/${prefix}/AWSLogs/${owner}/*`)),
        Condition: acl ? { ...sourceConditions, StringEquals: { ...sourceConditions.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } } : sourceConditions,
      });
    }
    const keyActions = delivery.keyActions ?? DEFAULT_DELIVERY_KEY_ACTIONS;
    if (keyActions.length > 0) {
      const context = Object.entries(delivery.encryptionContext ?? {});
      this.add(this.keyPolicy, {
        Sid: `${sid}UsesTheKey`,
        Effect: "Allow",
        Principal: principal,
        Action: oneOrMany(keyActions),
        // In a key policy, Resource "*" means the key the policy is attached to.
        Resource: "*",
        Condition: {
          ...sourceConditions,
          ...(context.length > 0 ? { StringLike: Object.fromEntries(context.map(([k, v]) => [`kms:EncryptionContext:${k}`, v])) } : {}),
        },
      });
    }
    return prefix;
  }

  private add(doc: PolicyDocument, statement: PolicyStatementJson): void {
    if (!doc.addStatement(statement)) {
      throw new ValidationError(this.source, "delivery.sid", `a delivery with sid "${statement.Sid}" was already added with other actions or conditions; give this delivery its own sid.`);
    }
  }

  private makeAccessLogBucket(id: string, tags: Record<string, string>, expireAfterDays: number): S3Bucket {
    const { env } = this;
    const logs = new S3Bucket(this, "access-log-bucket", { bucketPrefix: "zt-audit-access-logs-", tags: resourceTags(tags, `${id}-audit-access-logs`) });
    // S3 server access logging delivers only to buckets encrypted with SSE-S3.
    const publicAccess = hardenBucket(this, "access-log-", logs, { sseAlgorithm: "AES256" });
    expireDeliveries(this, "access-log-lifecycle", logs, DEFAULT_AUDIT_TRANSITION_DAYS, expireAfterDays);
    const policy = new PolicyDocument();
    policy.addStatement(denyWithoutTls(logs.arn));
    policy.addStatement({
      Sid: "S3ServerAccessLogsOfTheAuditBucket",
      Effect: "Allow",
      Principal: { Service: servicePrincipal(env, "logging.s3") },
      Action: "s3:PutObject",
      Resource: `${logs.arn}/${ACCESS_LOG_PREFIX}/*`,
      Condition: { ArnLike: { "aws:SourceArn": this.bucket.arn }, StringEquals: { "aws:SourceAccount": env.accountId } },
    });
    new S3BucketPolicy(this, "access-log-policy", { bucket: logs.id, policy: policy.render(), dependsOn: [publicAccess] });
    return logs;
  }
}

/** Key prefix of the server access logs in the access log bucket. */
export const ACCESS_LOG_PREFIX = "s3-access-logs";

/** The statement that denies every request made without TLS to a bucket and its objects. */
function denyWithoutTls(bucketArn: string): PolicyStatementJson {
  return {
    Sid: "DenyRequestsWithoutTls",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** Versioning, default encryption, every public access block and BucketOwnerEnforced on `bucket`; returns the public access block. */
function hardenBucket(scope: Construct, idPrefix: string, bucket: S3Bucket, encryption: { sseAlgorithm: string; kmsMasterKeyId?: string }): S3BucketPublicAccessBlock {
  new S3BucketVersioningA(scope, `${idPrefix}versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${idPrefix}encryption`, {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: encryption, bucketKeyEnabled: encryption.kmsMasterKeyId !== undefined }],
  });
  new S3BucketOwnershipControls(scope, `${idPrefix}ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
  return new S3BucketPublicAccessBlock(scope, `${idPrefix}public-access-block`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
}

/** A lifecycle moving every object to Glacier Instant Retrieval, expiring current and noncurrent versions, and cleaning up failed uploads. */
function expireDeliveries(scope: Construct, id: string, bucket: S3Bucket, transitionAfterDays: number, expireAfterDays: number): S3BucketLifecycleConfiguration {
  return new S3BucketLifecycleConfiguration(scope, id, {
    bucket: bucket.id,
    rule: [
      {
        id: "keep-then-expire",
        status: "Enabled",
        filter: [{ prefix: "" }],
        transition: [{ days: transitionAfterDays, storageClass: "GLACIER_IR" }],
        expiration: [{ days: expireAfterDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: expireAfterDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
  });
}
