import { Construct } from "constructs";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { IEnvironment, formatArn, servicePrincipal } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { createCustomerManagedKey } from "../core/key";
import { PolicyStatementJson, policyDocument } from "../core/policy-document";
import { isToken, requireArns } from "../core/validate";
import { resourceTags } from "../network/tags";
import { adminStatement, rootStatement } from "../secrets/key-policy";
import { CIS_ALARMS, MAX_FLOW_WILDCARDS, cidrWildcards, rejectedFlowPattern } from "./alarm-patterns";
import { AuditTrail } from "./trail";

export { CIS_ALARMS } from "./alarm-patterns";
export type { CisAlarm } from "./alarm-patterns";

/** Namespace of the metrics the {@link SecurityAlarms} filters publish. */
export const SECURITY_METRIC_NAMESPACE = "ZT/Security";

/** Name of the metric, filters and alarm of rejected flows into the isolated tier. */
export const ISOLATED_TIER_REJECTS = "isolated-tier-rejected-flows";

/** Rejected flows into the isolated tier, read from a VPC flow log group. */
export interface IsolatedTierFlows {
  /** Name of the CloudWatch log group the VPC's flow logs go to (default format), e.g. `network.flowLogs.logGroup.name`. */
  readonly flowLogGroupName: string;
  /** IPv4 CIDRs of the isolated tier's subnets. */
  readonly isolatedCidrs: string[];
  /**
   * Rejected flows in five minutes that raise the alarm.
   *
   * @default 1
   */
  readonly threshold?: number;
}

/** Properties of {@link SecurityAlarms}. */
export interface SecurityAlarmsProps {
  /** The trail whose CloudWatch log group the metric filters read. */
  readonly trail: AuditTrail;
  /**
   * Email addresses subscribed to the alarm topic (each confirms its subscription from the mail SNS sends).
   *
   * @default [] (subscribe other endpoints to `topic` yourself)
   */
  readonly emails?: string[];
  /**
   * An alarm on rejected flows into the isolated tier, from the VPC's flow logs.
   *
   * @default - no flow alarm
   */
  readonly isolatedTierFlows?: IsolatedTierFlows;
  /**
   * Name of the SNS topic the alarms notify.
   *
   * @default "zt-security-alarms"
   */
  readonly topicName?: string;
  /**
   * Roles that administer (not use) the topic's key besides the account root.
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

const KIND = "SecurityAlarms";
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** One alarm of {@link SecurityAlarms}, with its metric filters. */
export interface SecurityAlarm {
  /** Metric filters publishing the alarm's metric. */
  readonly filters: CloudwatchLogMetricFilter[];
  /** The alarm. */
  readonly alarm: CloudwatchMetricAlarm;
}

/**
 * The CIS CloudWatch monitoring set on an {@link AuditTrail}'s log group: a metric filter and an alarm for each of
 * unauthorized API calls, console sign-in without MFA, root user activity, IAM policy changes, CloudTrail changes,
 * console authentication failures, customer-managed keys disabled or scheduled for deletion, S3 bucket policy changes,
 * AWS Config changes, and security group, network ACL, network gateway, route table and VPC changes (see
 * {@link CIS_ALARMS}); optionally an alarm on rejected flows into the isolated tier. Every alarm notifies one SNS
 * topic encrypted with a customer-managed key that CloudWatch uses only for this account's alarms, whose policy
 * lets only those alarms publish and refuses requests without TLS. Declare it once per account and region: the alarm
 * names (`zt-<item>`) and the metrics of {@link SECURITY_METRIC_NAMESPACE} are the account's.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export class SecurityAlarms extends Construct {
  /** The topic the alarms notify. */
  readonly topic: SnsTopic;
  /** Customer-managed key of the topic. */
  readonly key: KmsKey;
  /** The alarms by name (the names of {@link CIS_ALARMS}, and {@link ISOLATED_TIER_REJECTS} when asked). */
  readonly alarms: Readonly<Record<string, SecurityAlarm>>;

  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    const source = errorSource(KIND, scope, id);
    const env = props.trail.env;
    validate(source, env, props);
    super(scope, id);
    this.tags = props.tags ?? {};
    const topicName = props.topicName ?? "zt-security-alarms";
    const alarmArns = formatArn(env, { service: "cloudwatch", resource: "alarm:*" });
    const fromAlarms = { StringEquals: { "aws:SourceAccount": env.accountId }, ArnLike: { "aws:SourceArn": alarmArns } };
    const cloudwatch = servicePrincipal(env, "cloudwatch");

    const keyStatements: PolicyStatementJson[] = [rootStatement(env.partition, env.accountId)];
    if (props.keyAdminRoleArns && props.keyAdminRoleArns.length > 0) keyStatements.push(adminStatement(props.keyAdminRoleArns));
    keyStatements.push({
      Sid: "CloudWatchAlarmsPublishEncrypted",
      Effect: "Allow",
      Principal: { Service: cloudwatch },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      // In a key policy, Resource "*" means the key the policy is attached to.
      Resource: "*",
      Condition: fromAlarms,
    });
    const { key } = createCustomerManagedKey(this, {
      description: `Encrypts the security alarm topic ${topicName}`,
      aliasName: `alias/zt/alarms/${topicName}`,
      policy: policyDocument(keyStatements),
      tags: resourceTags(this.tags, `${topicName}-key`),
    });
    this.key = key;
    this.topic = new SnsTopic(this, "topic", { name: topicName, kmsMasterKeyId: key.arn, tags: resourceTags(this.tags, topicName) });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: this.topic.arn,
      policy: policyDocument([
        { Sid: "CloudWatchAlarmsOfThisAccountPublish", Effect: "Allow", Principal: { Service: cloudwatch }, Action: "sns:Publish", Resource: this.topic.arn, Condition: fromAlarms },
        { Sid: "DenyRequestsWithoutTls", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: this.topic.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
      ]),
    });
    (props.emails ?? []).forEach((email, i) => {
      new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: "email", endpoint: email });
    });

    const alarms: Record<string, SecurityAlarm> = {};
    const trailLogGroup = props.trail.logGroup.name;
    for (const item of CIS_ALARMS) {
      alarms[item.name] = this.alarm(item.name, `CIS ${item.cis} (Security Hub ${item.securityHub}): ${item.description}`, [{ logGroupName: trailLogGroup, pattern: item.pattern }], 1);
    }
    const flows = props.isolatedTierFlows;
    if (flows) {
      const wildcards = flows.isolatedCidrs.flatMap((cidr) => cidrWildcards(cidr) ?? []);
      alarms[ISOLATED_TIER_REJECTS] = this.alarm(
        ISOLATED_TIER_REJECTS,
        `Rejected flows into the isolated tier (${flows.isolatedCidrs.join(", ")}): something tried a path the segmentation forbids`,
        wildcards.map((w) => ({ logGroupName: flows.flowLogGroupName, pattern: rejectedFlowPattern(w) })),
        flows.threshold ?? 1,
      );
    }
    this.alarms = alarms;
  }

  /** A metric `name` published by one filter per pattern, and an alarm on its five-minute sum reaching `threshold`. */
  private alarm(name: string, description: string, filters: readonly { logGroupName: string; pattern: string }[], threshold: number): SecurityAlarm {
    const made = filters.map(
      (f, i) =>
        new CloudwatchLogMetricFilter(this, filters.length === 1 ? `${name}-filter` : `${name}-filter-${i}`, {
          name: filters.length === 1 ? `zt-${name}` : `zt-${name}-${i}`,
          logGroupName: f.logGroupName,
          pattern: f.pattern,
          metricTransformation: { name, namespace: SECURITY_METRIC_NAMESPACE, value: "1", defaultValue: "0" },
        }),
    );
    const alarm = new CloudwatchMetricAlarm(this, `${name}-alarm`, {
      alarmName: `zt-${name}`,
      alarmDescription: description,
      namespace: SECURITY_METRIC_NAMESPACE,
      metricName: name,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [this.topic.arn],
      tags: resourceTags(this.tags, `zt-${name}`),
      dependsOn: made,
    });
    return { filters: made, alarm };
  }
}

function validate(source: ErrorSource, env: IEnvironment, props: SecurityAlarmsProps): void {
  for (const email of props.emails ?? []) {
    if (isToken(email)) continue;
    if (typeof email !== "string" || !EMAIL.test(email)) {
      throw new ValidationError(source, "emails", `emails entry "${email}" is not an email address; pass an address such as "security@example.com".`);
    }
  }
  const topicName = props.topicName;
  if (topicName !== undefined && !TOPIC_NAME.test(topicName)) {
    throw new ValidationError(source, "topicName", `topicName "${topicName}" is not an SNS topic name; use 1 to 256 letters, digits, hyphens and underscores.`);
  }
  requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns ?? [], env.partition, "iam", /^role\//, `${env.arnPrefix}:iam::${env.accountId}:role/platform-deployer`);
  const flows = props.isolatedTierFlows;
  if (flows === undefined) return;
  if (flows.isolatedCidrs.length === 0) {
    throw new ValidationError(source, "isolatedTierFlows.isolatedCidrs", "isolatedTierFlows.isolatedCidrs is empty; pass the CIDRs of the isolated tier's subnets.");
  }
  let count = 0;
  for (const cidr of flows.isolatedCidrs) {
    const wildcards = cidrWildcards(cidr);
    if (wildcards === undefined) {
      throw new ValidationError(source, "isolatedTierFlows.isolatedCidrs", `isolatedTierFlows.isolatedCidrs entry "${cidr}" is not an IPv4 CIDR; pass one such as "10.0.32.0/24".`);
    }
    count += wildcards.length;
  }
  if (count > MAX_FLOW_WILDCARDS) {
    throw new ValidationError(
      source,
      "isolatedTierFlows.isolatedCidrs",
      `isolatedTierFlows.isolatedCidrs needs ${count} metric filters (one per /8, /16 or /24 block they span), more than ${MAX_FLOW_WILDCARDS}; pass CIDRs aligned on such blocks, e.g. the tier's /24 subnets.`,
    );
  }
  const threshold = flows.threshold ?? 1;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new ValidationError(source, "isolatedTierFlows.threshold", `isolatedTierFlows.threshold ${threshold} must be a whole number of at least 1.`);
  }
}
