import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

const ACCOUNT = "111122223333";
const FLOW_LOG_ROLE = `arn:aws:iam::${ACCOUNT}:role/flow-logs`;
const LITERAL_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** Logging fixture: log groups, flow logs and trails, compliant and not. */
export function loggingFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "logging");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const key = new KmsKey(stack, "logs", { description: "logs", enableKeyRotation: true });

  // Log groups.
  const ok = new CloudwatchLogGroup(stack, "ok", { name: "/ztb/ok", kmsKeyId: key.arn, retentionInDays: 365 });
  new CloudwatchLogGroup(stack, "plain", { name: "/ztb/plain" });
  new CloudwatchLogGroup(stack, "short", { name: "/ztb/short", kmsKeyId: LITERAL_KEY, retentionInDays: 30 });
  new CloudwatchLogGroup(stack, "never_expires", { name: "/ztb/never-expires", kmsKeyId: key.arn, retentionInDays: 0 });
  new CloudwatchLogGroup(stack, "long", { name: "/ztb/long", kmsKeyId: key.arn, retentionInDays: 3653 });

  // Flow logs.
  const vpc = new Vpc(stack, "main", { cidrBlock: "10.20.0.0/16" });
  new FlowLog(stack, "all", { vpcId: vpc.id, trafficType: "ALL", logDestination: ok.arn, iamRoleArn: FLOW_LOG_ROLE });
  new FlowLog(stack, "rejects", { vpcId: vpc.id, trafficType: "REJECT", logDestination: ok.arn, iamRoleArn: FLOW_LOG_ROLE });
  new FlowLog(stack, "accepts", {
    vpcId: vpc.id,
    trafficType: "ACCEPT",
    logDestinationType: "s3",
    logDestination: "arn:aws:s3:::ztb-flow-logs",
  });

  // Trails.
  const bucket = new S3Bucket(stack, "trail", { bucket: "ztb-logging-fixture-trail" });
  new Cloudtrail(stack, "org", {
    name: "org",
    s3BucketName: bucket.bucket,
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    kmsKeyId: key.arn,
  });
  new Cloudtrail(stack, "weak", { name: "weak", s3BucketName: bucket.bucket, enableLogging: false });
  new Cloudtrail(stack, "single_region", {
    name: "single-region",
    s3BucketName: bucket.bucket,
    isMultiRegionTrail: false,
    enableLogFileValidation: false,
    kmsKeyId: LITERAL_KEY,
  });
  return stack;
}
