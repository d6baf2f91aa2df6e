import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";

const ACCOUNT = "111122223333";
const TRAIL_LOG_ROLE = `arn:aws:iam::${ACCOUNT}:role/cloudtrail-logs`;

/** Trail buckets, trails delivered to CloudWatch Logs or not, and topics that alarms notify, compliant and not. */
export function trailDeliveryFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "trail-delivery");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const key = new KmsKey(stack, "audit", { description: "audit", enableKeyRotation: true });

  // Buckets: one hardened, one bare, one whose public access block leaves public policies allowed.
  const logs = new S3Bucket(stack, "access_logs", { bucket: "ztb-fixture-access-logs" });
  const secure = new S3Bucket(stack, "secure_bucket", { bucket: "ztb-fixture-secure-trail" });
  new S3BucketLoggingA(stack, "secure_logging", { bucket: secure.id, targetBucket: logs.bucket, targetPrefix: "secure/" });
  new S3BucketPublicAccessBlock(stack, "secure_block", { bucket: secure.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  const bare = new S3Bucket(stack, "bare_bucket", { bucket: "ztb-fixture-bare-trail" });
  const half = new S3Bucket(stack, "half_bucket", { bucket: "ztb-fixture-half-trail" });
  new S3BucketLoggingA(stack, "half_logging", { bucket: half.id, targetBucket: logs.bucket, targetPrefix: "half/" });
  new S3BucketPublicAccessBlock(stack, "half_block", { bucket: half.id, blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true });

  // Trails.
  const group = new CloudwatchLogGroup(stack, "trail_events", { name: "/ztb/trail", kmsKeyId: key.arn, retentionInDays: 365 });
  const delivered = { cloudWatchLogsGroupArn: `${group.arn}:*`, cloudWatchLogsRoleArn: TRAIL_LOG_ROLE, isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: key.arn };
  new Cloudtrail(stack, "secure", { name: "secure", s3BucketName: secure.bucket, ...delivered });
  new Cloudtrail(stack, "s3_only", { name: "s3-only", s3BucketName: secure.bucket, ...delivered, cloudWatchLogsGroupArn: undefined, cloudWatchLogsRoleArn: undefined });
  new Cloudtrail(stack, "no_role", { name: "no-role", s3BucketName: secure.bucket, ...delivered, cloudWatchLogsRoleArn: undefined });
  new Cloudtrail(stack, "by_name", { name: "by-name", s3BucketName: "ztb-fixture-secure-trail", ...delivered });
  new Cloudtrail(stack, "bare", { name: "bare", s3BucketName: bare.bucket, ...delivered });
  new Cloudtrail(stack, "half", { name: "half", s3BucketName: half.id, ...delivered });
  new Cloudtrail(stack, "elsewhere", { name: "elsewhere", s3BucketName: "ztb-central-audit-logs", ...delivered });

  // Topics that alarms notify, and one that none does.
  const cmk = new SnsTopic(stack, "alarm_topic_cmk", { name: "ztb-alarms-cmk", kmsMasterKeyId: key.arn });
  const plain = new SnsTopic(stack, "alarm_topic_plain", { name: "ztb-alarms-plain" });
  const managed = new SnsTopic(stack, "alarm_topic_managed", { name: "ztb-alarms-managed", kmsMasterKeyId: "alias/aws/sns" });
  new SnsTopic(stack, "literal_topic", { name: "ztb-alarms-literal" });
  new SnsTopic(stack, "quiet_topic", { name: "ztb-quiet" });
  const alarm = { comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, metricName: "root-user-activity", namespace: "ZTB", period: 300, statistic: "Sum", threshold: 1 };
  new CloudwatchMetricAlarm(stack, "root_use", { ...alarm, alarmName: "root-use", alarmActions: [cmk.arn] });
  new CloudwatchMetricAlarm(stack, "stopped_trail", { ...alarm, alarmName: "stopped-trail", alarmActions: [plain.arn], okActions: [managed.arn] });
  new CloudwatchMetricAlarm(stack, "by_arn", { ...alarm, alarmName: "by-arn", insufficientDataActions: [`arn:aws:sns:eu-west-1:${ACCOUNT}:ztb-alarms-literal`] });
  return stack;
}
