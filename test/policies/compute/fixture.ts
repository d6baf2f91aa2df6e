import { App, Fn, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KeyPair } from "@cdktf/provider-aws/lib/key-pair";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { LaunchConfiguration } from "@cdktf/provider-aws/lib/launch-configuration";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AmiLaunchPermission } from "@cdktf/provider-aws/lib/ami-launch-permission";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";

const AMI = "ami-0123456789abcdef0";
const TYPE = "t3.micro";

/** Compliant and non-compliant hosts, volumes, templates, groups and ECS tasks, named after what they show. */
export function computeFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "compute");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.10.0.0/16" });
  const priv = new Subnet(stack, "private", { vpcId: vpc.id, cidrBlock: "10.10.1.0/24" });
  const pub = new Subnet(stack, "public_auto", { vpcId: vpc.id, cidrBlock: "10.10.2.0/24", mapPublicIpOnLaunch: true });
  const key = new KmsKey(stack, "ebs", { description: "fixture EBS key", enableKeyRotation: true });
  const pair = new KeyPair(stack, "ops", {
    keyName: "ops",
    publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBKsF3Rkn7xQ0NL0CS9K3aQa6r4wuT5zqT3y6tj+2tQ1 fixture",
  });

  const hardenedMetadata = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" };
  const encryptedRoot = { encrypted: true, kmsKeyId: key.arn, volumeType: "gp3" };

  // Instances.
  new Instance(stack, "hardened", {
    ami: AMI,
    instanceType: TYPE,
    subnetId: priv.id,
    associatePublicIpAddress: false,
    monitoring: true,
    metadataOptions: hardenedMetadata,
    rootBlockDevice: encryptedRoot,
    ebsBlockDevice: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: key.arn, volumeSize: 10 }],
  });
  new Instance(stack, "defaults", { ami: AMI, instanceType: TYPE, subnetId: priv.id, keyName: "ops" });
  new Instance(stack, "optional_tokens", {
    ami: AMI,
    instanceType: TYPE,
    subnetId: priv.id,
    monitoring: true,
    metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 3, instanceMetadataTags: "enabled" },
    rootBlockDevice: encryptedRoot,
  });
  new Instance(stack, "public_ip", {
    ami: AMI,
    instanceType: TYPE,
    subnetId: priv.id,
    associatePublicIpAddress: true,
    monitoring: true,
    metadataOptions: hardenedMetadata,
    rootBlockDevice: encryptedRoot,
  });
  new Instance(stack, "public_subnet", {
    ami: AMI,
    instanceType: TYPE,
    subnetId: pub.id,
    monitoring: true,
    metadataOptions: hardenedMetadata,
    rootBlockDevice: encryptedRoot,
    keyName: pair.keyName,
  });
  new Instance(stack, "plain_data_volume", {
    ami: AMI,
    instanceType: TYPE,
    subnetId: priv.id,
    monitoring: true,
    metadataOptions: hardenedMetadata,
    rootBlockDevice: { encrypted: true },
    ebsBlockDevice: [{ deviceName: "/dev/sdg", encrypted: false, volumeSize: 10 }],
  });
  new Instance(stack, "imds_off", {
    ami: AMI,
    instanceType: TYPE,
    subnetId: priv.id,
    monitoring: true,
    metadataOptions: { httpEndpoint: "disabled" },
    rootBlockDevice: encryptedRoot,
  });

  // Launch templates.
  const hardenedLt = new LaunchTemplate(stack, "hardened_lt", {
    imageId: AMI,
    instanceType: TYPE,
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
    monitoring: { enabled: true },
    networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", subnetId: priv.id }],
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: key.arn, volumeSize: 20 } }],
  });
  const insecureLt = new LaunchTemplate(stack, "insecure_lt", {
    imageId: AMI,
    instanceType: TYPE,
    keyName: "ops",
    networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true" }],
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: 20 } }],
  });
  new LaunchTemplate(stack, "bare_lt", { imageId: AMI, instanceType: TYPE, metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 4 } });
  new Instance(stack, "from_template", { launchTemplate: { id: hardenedLt.id, version: "$Default" } });

  // Launch configurations (legacy): no kms_key_id, detailed monitoring on unless switched off.
  new LaunchConfiguration(stack, "hardened_lc", {
    imageId: AMI,
    instanceType: TYPE,
    associatePublicIpAddress: false,
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    rootBlockDevice: { encrypted: true, volumeType: "gp3" },
    ebsBlockDevice: [
      { deviceName: "/dev/sdf", encrypted: true, volumeSize: 10 },
      { deviceName: "/dev/sdg", noDevice: true },
    ],
  });
  new LaunchConfiguration(stack, "insecure_lc", {
    imageId: AMI,
    instanceType: TYPE,
    keyName: "ops",
    associatePublicIpAddress: true,
    enableMonitoring: false,
    metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 3 },
    ebsBlockDevice: [{ deviceName: "/dev/sdf", encrypted: false, volumeSize: 10 }],
  });

  // Volumes.
  new EbsVolume(stack, "cmk_volume", { availabilityZone: "eu-west-1a", size: 10, encrypted: true, kmsKeyId: key.arn });
  new EbsVolume(stack, "plain_volume", { availabilityZone: "eu-west-1a", size: 10 });
  new EbsVolume(stack, "aws_key_volume", { availabilityZone: "eu-west-1a", size: 10, encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs" });

  // Auto Scaling groups.
  new AutoscalingGroup(stack, "latest", { minSize: 0, maxSize: 1, vpcZoneIdentifier: [priv.id], launchTemplate: { id: insecureLt.id, version: "$Latest" } });
  new AutoscalingGroup(stack, "pinned", { minSize: 0, maxSize: 1, vpcZoneIdentifier: [priv.id], launchTemplate: { id: hardenedLt.id, version: hardenedLt.latestVersion.toString() } });
  new AutoscalingGroup(stack, "default_version", { minSize: 0, maxSize: 1, vpcZoneIdentifier: [priv.id], launchTemplate: { id: hardenedLt.id } });

  // AMI sharing.
  new AmiLaunchPermission(stack, "public_ami", { imageId: AMI, group: "all" });
  new AmiLaunchPermission(stack, "shared_ami", { imageId: AMI, accountId: "444455556666" });

  // ECS tasks: a hardened Fargate task, one written with Fn.jsonencode, and a task on the host's namespaces whose
  // containers run privileged, as root and with writable root filesystems.
  const image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "0123456789abcdef".repeat(4);
  const fargate = { networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512" };
  new EcsTaskDefinition(stack, "hardened_task", {
    ...fargate,
    family: "hardened",
    containerDefinitions: JSON.stringify([{ name: "app", image, essential: true, privileged: false, readonlyRootFilesystem: true, user: "10001:10001" }]),
  });
  new EcsTaskDefinition(stack, "encoded_task", {
    ...fargate,
    family: "encoded",
    containerDefinitions: Fn.jsonencode([{ name: "app", image, essential: true, readonlyRootFilesystem: true, user: "10001" }]),
  });
  const service = (name: string, subnet: string, assignPublicIp: boolean) =>
    new EcsService(stack, `${name}_service`, {
      name,
      cluster: "apps",
      taskDefinition: "hardened",
      launchType: "FARGATE",
      desiredCount: 1,
      networkConfiguration: { subnets: [subnet], assignPublicIp },
    });
  service("private", priv.id, false);
  service("public", pub.id, true);
  new EcsTaskDefinition(stack, "host_task", {
    family: "host",
    networkMode: "host",
    pidMode: "host",
    containerDefinitions: JSON.stringify([
      { name: "agent", image, essential: true, memory: 256, privileged: true, readonlyRootFilesystem: false, user: "root" },
      { name: "shipper", image, essential: false, memory: 128 },
    ]),
  });

  return stack;
}
