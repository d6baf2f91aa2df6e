import { App, TerraformStack } from "cdktf";
import { AccessanalyzerAnalyzer } from "@cdktf/provider-aws/lib/accessanalyzer-analyzer";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const AMI = "ami-0abcdef1234567890";
const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];
const CONFIG_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;

function newStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, "aws", { region: REGION });
  return stack;
}

/** A workload configuration: compute and no account-wide setting, so the account-level rules do not apply. */
function workload(app: App): TerraformStack {
  const stack = newStack(app, "workload");
  new Instance(stack, "workload_host", { ami: AMI, instanceType: "t3.micro" });
  return stack;
}

/** An account baseline with compute and nothing that detects: EBS encryption by default, a host and a launch template. */
function bare(app: App): TerraformStack {
  const stack = newStack(app, "bare");
  new EbsEncryptionByDefault(stack, "bare_ebs", { enabled: true });
  new LaunchTemplate(stack, "bare_template", { imageId: AMI });
  new Instance(stack, "bare_host", { ami: AMI, instanceType: "t3.micro" });
  return stack;
}

/** A complete baseline: a trail, every service, and every protection the compute needs (EC2, EKS, Fargate ECS, Lambda). */
function complete(app: App): TerraformStack {
  const stack = newStack(app, "complete");
  new EbsEncryptionByDefault(stack, "complete_ebs", { enabled: true });
  new Instance(stack, "complete_host", { ami: AMI, instanceType: "t3.micro" });
  new EksCluster(stack, "complete_cluster", { name: "complete", roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`, vpcConfig: { subnetIds: SUBNETS } });
  new EcsService(stack, "complete_service", {
    name: "api",
    cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/main`,
    taskDefinition: "api:1",
    launchType: "FARGATE",
    desiredCount: 1,
    networkConfiguration: { subnets: SUBNETS },
  });
  new LambdaFunction(stack, "complete_function", {
    functionName: "charge",
    role: `arn:aws:iam::${ACCOUNT}:role/charge`,
    runtime: "nodejs20.x",
    handler: "index.handler",
    s3Bucket: "ztb-artifacts",
    s3Key: "charge.zip",
  });
  const detector = new GuarddutyDetector(stack, "complete_detector", { enable: true });
  const feature = (name: string, agents: string[] = []) =>
    new GuarddutyDetectorFeature(stack, `complete_${name.toLowerCase()}`, {
      detectorId: detector.id,
      name,
      status: "ENABLED",
      additionalConfiguration: agents.map((agent) => ({ name: agent, status: "ENABLED" })),
    });
  feature("EKS_AUDIT_LOGS");
  feature("EBS_MALWARE_PROTECTION");
  feature("LAMBDA_NETWORK_LOGS");
  feature("RUNTIME_MONITORING", ["EKS_ADDON_MANAGEMENT", "EC2_AGENT_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT"]);
  new SecurityhubAccount(stack, "complete_hub", { enableDefaultStandards: false });
  const recorder = new ConfigConfigurationRecorder(stack, "complete_recorder", {
    name: "complete",
    roleArn: CONFIG_ROLE,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
  });
  new ConfigConfigurationRecorderStatus(stack, "complete_recording", { name: recorder.name, isEnabled: true });
  new AccessanalyzerAnalyzer(stack, "complete_analyzer", { analyzerName: "complete", type: "ACCOUNT" });
  new Cloudtrail(stack, "complete_trail", { name: "complete", s3BucketName: "ztb-detection-trail", isMultiRegionTrail: true });
  return stack;
}

/**
 * A partial baseline: an EKS cluster and a launch template; a detector with EKS audit logs on through its legacy
 * datasources block and Runtime Monitoring without the EKS add-on; a Config recorder that never records; no analyzer.
 */
function partial(app: App): TerraformStack {
  const stack = newStack(app, "partial");
  new EksCluster(stack, "partial_cluster", { name: "partial", roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`, vpcConfig: { subnetIds: SUBNETS } });
  new LaunchTemplate(stack, "partial_template", { imageId: AMI });
  const detector = new GuarddutyDetector(stack, "partial_detector", { enable: true, datasources: { kubernetes: { auditLogs: { enable: true } } } });
  new GuarddutyDetectorFeature(stack, "partial_runtime", {
    detectorId: detector.id,
    name: "RUNTIME_MONITORING",
    status: "ENABLED",
    additionalConfiguration: [
      { name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" },
      { name: "EC2_AGENT_MANAGEMENT", status: "ENABLED" },
    ],
  });
  new SecurityhubAccount(stack, "partial_hub", {});
  new ConfigConfigurationRecorder(stack, "partial_recorder", { name: "partial", roleArn: CONFIG_ROLE });
  return stack;
}

/** A baseline whose only detector is turned off. */
function disabled(app: App): TerraformStack {
  const stack = newStack(app, "disabled");
  new Instance(stack, "disabled_host", { ami: AMI, instanceType: "t3.micro" });
  new GuarddutyDetector(stack, "disabled_detector", { enable: false });
  return stack;
}

/** Every stack of the detection fixture: one per situation, since the rules judge a stack as a whole. */
export function detectionStacks(): TerraformStack[] {
  const app = new App();
  return [workload(app), bare(app), complete(app), partial(app), disabled(app)];
}
