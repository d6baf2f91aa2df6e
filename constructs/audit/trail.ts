import { Construct } from "constructs";
import { Cloudtrail, CloudtrailAdvancedEventSelector } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EnvironmentOverrides, IEnvironment, formatArn, resolveEnvironment, servicePrincipal } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { policyDocument } from "../core/policy-document";
import { requireArns } from "../core/validate";
import { pascalCase } from "../identity/validate";
import { Policy } from "../../policies/policy";
import { LOG_RETENTION_RULE_ID, SINGLE_REGION_TRAIL_RULE_ID } from "../rule-ids";
import { resourceTags } from "../network/tags";
import { createEncryptedLogGroup } from "../secrets/log-key-policy";
import { AuditBucket, requireBucketName } from "./audit-bucket";

/** Days the trail's CloudWatch log group keeps events by default. */
export const DEFAULT_TRAIL_LOG_RETENTION_DAYS = 365;

/** The one pattern of an AWS Organizations organization id. */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** A trail name CloudTrail accepts: 3–128 letters, digits, periods, underscores and hyphens, starting and ending with a letter or digit. */
const TRAIL_NAME = /^[A-Za-z0-9](?!.*[._-]{2})[A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;

/** An explicit weakening of a trail default, with the reason recorded as the suppression of the rule it breaks. */
export interface TrailOptOut {
  /** Why the default does not fit; at least 10 characters, shown in every report. */
  readonly reason: string;
}

/** Data events an {@link AuditTrail} records besides management events. */
export interface TrailDataEvents {
  /**
   * ARNs of S3 buckets whose object-level calls (GetObject, PutObject, DeleteObject…) are recorded.
   *
   * @default []
   */
  readonly bucketArns?: string[];
}

/** The organization an organization trail records. */
export interface TrailOrganization {
  /** Id of the AWS Organizations organization, e.g. `o-a1b2c3d4e5`. */
  readonly organizationId: string;
}

/** Properties of an {@link AuditTrail}. */
export interface AuditTrailProps extends EnvironmentOverrides {
  /**
   * Name of the trail.
   *
   * @default "zt-audit"
   */
  readonly name?: string;
  /**
   * The bucket the trail delivers to; the trail adds its delivery grant with {@link AuditBucket.addDelivery} and
   * encrypts with the bucket's key.
   *
   * @default - an {@link AuditBucket} made for the trail, named `bucketName`
   */
  readonly bucket?: AuditBucket;
  /**
   * Name of the bucket made for the trail when no `bucket` is given (S3's naming rules apply).
   *
   * @default - a unique name starting with `zt-audit-`
   */
  readonly bucketName?: string;
  /**
   * Key prefix of the trail's log files in the bucket.
   *
   * @default "cloudtrail"
   */
  readonly prefix?: string;
  /**
   * Days the CloudWatch log group keeps events; below 365 needs `shortLogRetention`.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Accepts a `logRetentionDays` below 365, recorded as the suppression of ZT-LOG-002 on the log group.
   *
   * @default - none; a retention below 365 days is refused
   */
  readonly shortLogRetention?: TrailOptOut;
  /**
   * Records this region only, recorded as the suppression of ZT-LOG-004 on the trail.
   *
   * @default - none; the trail records every region
   */
  readonly singleRegion?: TrailOptOut;
  /**
   * Data events to record besides management events (read and write). Secrets Manager calls, `GetSecretValue`
   * included, are management events and are always recorded.
   *
   * @default - management events only
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
   */
  readonly dataEvents?: TrailDataEvents;
  /**
   * Makes the trail an organization trail, recording every account of the organization (create it in the
   * management account or a delegated administrator account).
   *
   * @default - a trail of this account only
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
   */
  readonly organization?: TrailOrganization;
  /**
   * Roles that read the trail's log files from the bucket made for the trail (they may decrypt with its key through
   * S3); with `bucket` given, name them in its own `readerRoleArns` instead.
   *
   * @default []
   */
  readonly readerRoleArns?: string[];
  /**
   * Roles that administer (not use) the keys made here (the log group's, and the bucket's when it is made here).
   *
   * @default []
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Extra tags of every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

const KIND = "AuditTrail";
const LOG_GROUP_SID = "CloudWatchLogsForTheTrailLogGroup";

/** Name of the CloudWatch log group of the trail `name`. */
export function trailLogGroupName(name: string): string {
  return `/zt/cloudtrail/${name}`;
}

/**
 * An AWS CloudTrail trail that records management events of every region (global service events included), validates
 * its log files, encrypts them with the {@link AuditBucket}'s customer-managed key and delivers them to that bucket and
 * to a CloudWatch log group encrypted with its own customer-managed key and kept a year, through a role only this
 * trail may assume. Data events of named buckets, and an organization trail, are props.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html
 */
export class AuditTrail extends Construct {
  /** The trail. */
  readonly trail: Cloudtrail;
  /** Name of the trail. */
  readonly trailName: string;
  /** ARN of the trail, built from its name (known at synth). */
  readonly trailArn: string;
  /** The bucket the trail delivers to. */
  readonly bucket: AuditBucket;
  /** Log group receiving the trail's events; the metric filters of {@link SecurityAlarms} read it. */
  readonly logGroup: CloudwatchLogGroup;
  /** Customer-managed key of the log group. */
  readonly logKey: KmsKey;
  /** Role CloudTrail assumes to write to the log group. */
  readonly logRole: IamRole;
  /** Account, region and partition of the trail. */
  readonly env: IEnvironment;

  constructor(scope: Construct, id: string, props: AuditTrailProps = {}) {
    const source = errorSource(KIND, scope, id);
    const env = resolveEnvironment(scope, source, props);
    const name = props.name ?? "zt-audit";
    validate(source, env, props, name);
    super(scope, id);
    this.env = env;
    this.trailName = name;
    this.trailArn = formatArn(env, { service: "cloudtrail", resource: `trail/${name}` });
    const tags = props.tags ?? {};
    const keyAdminRoleArns = props.keyAdminRoleArns ?? [];
    const prefix = props.prefix ?? "cloudtrail";
    const principal = servicePrincipal(env, "cloudtrail");

    this.bucket = props.bucket ?? new AuditBucket(this, "bucket", { bucketName: props.bucketName, keyAdminRoleArns, readerRoleArns: props.readerRoleArns, tags });
    this.bucket.addDelivery({
      servicePrincipal: principal,
      sid: `CloudTrail${pascalCase(name)}`,
      prefix,
      sourceArns: [this.trailArn],
      logOwners: props.organization ? [env.accountId, props.organization.organizationId] : [env.accountId],
    });

    const logs = new Construct(this, "logs");
    const logGroupName = trailLogGroupName(name);
    const made = createEncryptedLogGroup(logs, {
      name: logGroupName,
      env,
      retentionDays: props.logRetentionDays ?? DEFAULT_TRAIL_LOG_RETENTION_DAYS,
      keyAdminRoleArns,
      keyDescription: `Encrypts the CloudWatch copy of CloudTrail trail ${name}`,
      aliasName: `alias/zt/cloudtrail/${name}/logs`,
      sid: LOG_GROUP_SID,
      keyTags: resourceTags(tags, `${name}-trail-logs`),
      logGroupTags: resourceTags(tags, logGroupName),
    });
    this.logGroup = made.logGroup;
    this.logKey = made.key;
    if (props.shortLogRetention) {
      Policy.suppress(this.logGroup, LOG_RETENTION_RULE_ID, { reason: `shortLogRetention on ${KIND} "${id}": ${props.shortLogRetention.reason.trim()}` });
    }

    this.logRole = new IamRole(this, "log-role", {
      ...logRoleName(name, env.region),
      description: `Delivers CloudTrail trail ${name} to ${logGroupName}`,
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: principal },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceArn": this.trailArn, "aws:SourceAccount": env.accountId } },
        },
      ]),
      tags: resourceTags(tags, `${name}-${env.region}-cloudtrail-logs`),
    });
    const rolePolicy = new IamRolePolicy(this, "log-role-policy", {
      name: "write-trail-log-group",
      role: this.logRole.id,
      policy: policyDocument([
        {
          Sid: "WriteToTheTrailLogGroupOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${this.logGroup.arn}:log-stream:*`,
        },
      ]),
    });

    this.trail = new Cloudtrail(this, "trail", {
      name,
      s3BucketName: this.bucket.bucketName,
      s3KeyPrefix: prefix,
      isMultiRegionTrail: props.singleRegion === undefined,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.bucket.key.arn,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: this.logRole.arn,
      isOrganizationTrail: props.organization !== undefined,
      advancedEventSelector: eventSelectors(props.dataEvents),
      tags: resourceTags(tags, name),
      // CloudTrail checks the bucket policy, the key policy and the role when the trail is created.
      dependsOn: [this.bucket.policy, this.bucket.key, rolePolicy],
    });
    if (props.singleRegion) {
      Policy.suppress(this.trail, SINGLE_REGION_TRAIL_RULE_ID, { reason: `singleRegion on ${KIND} "${id}": ${props.singleRegion.reason.trim()}` });
    }
  }
}

/** IAM role names hold at most 64 characters, generated name prefixes at most 38. */
const ROLE_NAME_MAX = 64;
const ROLE_NAME_PREFIX_MAX = 38;

/** `<trail>-<region>-cloudtrail-logs`, or a generated name starting with the trail's name when that is too long for IAM. */
function logRoleName(trailName: string, region: string): { name: string } | { namePrefix: string } {
  const name = `${trailName}-${region}-cloudtrail-logs`;
  return name.length <= ROLE_NAME_MAX ? { name } : { namePrefix: `${trailName.slice(0, ROLE_NAME_PREFIX_MAX - 9)}-ct-logs-` };
}

function validate(source: ErrorSource, env: IEnvironment, props: AuditTrailProps, name: string): void {
  if (!TRAIL_NAME.test(name)) {
    throw new ValidationError(source, "name", `name "${name}" is not a trail name CloudTrail accepts; use 3 to 128 letters, digits, periods, underscores and hyphens that start and end with a letter or digit, without two of . _ - in a row, e.g. "zt-audit".`);
  }
  if (props.bucket !== undefined && props.bucketName !== undefined) {
    throw new ValidationError(source, "bucketName", `bucketName names the bucket made for the trail, but bucket is given; leave bucketName out or set it on the AuditBucket.`);
  }
  if (props.bucket !== undefined && props.readerRoleArns !== undefined) {
    throw new ValidationError(source, "readerRoleArns", `readerRoleArns names the readers of the bucket made for the trail, but bucket is given; name them in the AuditBucket's readerRoleArns.`);
  }
  if (props.bucketName !== undefined) requireBucketName(source, "bucketName", props.bucketName);
  const organizationId = props.organization?.organizationId;
  if (props.organization !== undefined && (typeof organizationId !== "string" || !ORGANIZATION_ID.test(organizationId))) {
    throw new ValidationError(source, "organization.organizationId", `organization.organizationId "${organizationId ?? ""}" is not an AWS Organizations id; pass the id of the organization, "o-" and 10 to 32 lowercase letters or digits, e.g. "o-a1b2c3d4e5".`);
  }
  const days = props.logRetentionDays ?? DEFAULT_TRAIL_LOG_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new ValidationError(source, "logRetentionDays", `logRetentionDays ${days} must be a whole number of days.`);
  if (days < DEFAULT_TRAIL_LOG_RETENTION_DAYS && props.shortLogRetention === undefined) {
    throw new ValidationError(source, "logRetentionDays", `logRetentionDays ${days} is below ${DEFAULT_TRAIL_LOG_RETENTION_DAYS}; keep the default, or pass shortLogRetention: { reason } to record why.`);
  }
  for (const optOut of ["shortLogRetention", "singleRegion"] as const) {
    const given = props[optOut];
    if (given !== undefined && (typeof given.reason !== "string" || given.reason.trim().length < 10)) {
      throw new ValidationError(source, `${optOut}.reason`, `${optOut}.reason must explain the exception in at least 10 characters; it is recorded with the suppression.`);
    }
  }
  requireArns(source, "dataEvents.bucketArns", props.dataEvents?.bucketArns ?? [], env.partition, "s3", /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, `${env.arnPrefix}:s3:::orders-data`);
}

/**
 * The trail's advanced event selectors: none without data events (the trail then records every management event),
 * else every management event and the object-level events of the named buckets.
 */
function eventSelectors(dataEvents: TrailDataEvents | undefined): CloudtrailAdvancedEventSelector[] | undefined {
  const buckets = dataEvents?.bucketArns ?? [];
  if (buckets.length === 0) return undefined;
  return [
    { name: "Every management event", fieldSelector: [{ field: "eventCategory", equalTo: ["Management"] }] },
    {
      name: "Object-level events of the named buckets",
      fieldSelector: [
        { field: "eventCategory", equalTo: ["Data"] },
        { field: "resources.type", equalTo: ["AWS::S3::Object"] },
        { field: "resources.ARN", startsWith: buckets.map((arn) => `${arn}/`) },
      ],
    },
  ];
}
