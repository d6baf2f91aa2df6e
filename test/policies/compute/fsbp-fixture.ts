import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { EbsSnapshotBlockPublicAccess } from "@cdktf/provider-aws/lib/ebs-snapshot-block-public-access";
import { SnapshotCreateVolumePermission } from "@cdktf/provider-aws/lib/snapshot-create-volume-permission";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { EbsSnapshot } from "@cdktf/provider-aws/lib/ebs-snapshot";
import { NetworkInterface } from "@cdktf/provider-aws/lib/network-interface";
import { NetworkInterfaceAttachmentA } from "@cdktf/provider-aws/lib/network-interface-attachment";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Ami } from "@cdktf/provider-aws/lib/ami";
import { SpotFleetRequest } from "@cdktf/provider-aws/lib/spot-fleet-request";

const REGION = "eu-west-1";
const AMI = "ami-0123456789abcdef0";
const SNAPSHOT = "snap-0123456789abcdef0";
const FLEET_ROLE = "arn:aws:iam::111122223333:role/spot-fleet";

/** A snapshot of the stack (a literal snapshot id would be looked up at plan time). */
function snapshot(stack: TerraformStack): string {
  const volume = new EbsVolume(stack, "data", { availabilityZone: `${REGION}a`, size: 8, encrypted: true });
  return new EbsSnapshot(stack, "data_snapshot", { volumeId: volume.id }).id;
}

/** Insecure and secure twins for the compute rules that implement Security Hub EC2 controls, named after what they show. */
export function fsbpComputeFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "fsbp-compute");
  new AwsProvider(stack, "aws", { region: REGION });
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.10.0.0/16" });
  const subnet = new Subnet(stack, "private", { vpcId: vpc.id, cidrBlock: "10.10.1.0/24", availabilityZone: `${REGION}a` });

  // ZT-CMP-016: public snapshot sharing (this stack blocks it only for new shares).
  new EbsSnapshotBlockPublicAccess(stack, "snapshots_new_sharing_blocked", { state: "block-new-sharing" });
  const shared = snapshot(stack);
  new SnapshotCreateVolumePermission(stack, "snapshot_to_everyone", { snapshotId: shared, accountId: "all" });
  new SnapshotCreateVolumePermission(stack, "snapshot_to_partner", { snapshotId: shared, accountId: "444455556666" });

  // ZT-CMP-017: network interfaces per host.
  const eni = (id: string) => new NetworkInterface(stack, id, { subnetId: subnet.id });
  new Instance(stack, "dual_homed", {
    ami: AMI,
    instanceType: "t3.micro",
    networkInterface: [
      { networkInterfaceId: eni("dual_homed_first").id, deviceIndex: 0 },
      { networkInterfaceId: eni("dual_homed_second").id, deviceIndex: 1 },
    ],
  });
  const attachedLater = new Instance(stack, "attached_later", { ami: AMI, instanceType: "t3.micro", subnetId: subnet.id });
  new NetworkInterfaceAttachmentA(stack, "attached_later_second", { instanceId: attachedLater.id, networkInterfaceId: eni("attached_later_eni").id, deviceIndex: 1 });
  new Instance(stack, "single_homed", { ami: AMI, instanceType: "t3.micro", subnetId: subnet.id });
  new LaunchTemplate(stack, "two_nic_template", {
    name: "two-nic",
    imageId: AMI,
    instanceType: "m7i.large",
    networkInterfaces: [
      { deviceIndex: 0, subnetId: subnet.id },
      { deviceIndex: 1, subnetId: subnet.id },
    ],
  });
  new LaunchTemplate(stack, "one_nic_template", { name: "one-nic", imageId: AMI, instanceType: "m7i.large", networkInterfaces: [{ deviceIndex: 0, subnetId: subnet.id }] });

  // ZT-CMP-018: paravirtual images and the hosts that boot them.
  const pv = new Ami(stack, "pv_image", { name: "pv-image", rootDeviceName: "/dev/sda1", ebsBlockDevice: [{ deviceName: "/dev/sda1", snapshotId: SNAPSHOT }] });
  new Ami(stack, "hvm_image", { name: "hvm-image", virtualizationType: "hvm", rootDeviceName: "/dev/xvda", ebsBlockDevice: [{ deviceName: "/dev/xvda", snapshotId: SNAPSHOT }] });
  new Instance(stack, "on_pv_image", { ami: pv.id, instanceType: "m3.medium", subnetId: subnet.id });
  new Instance(stack, "old_family", { ami: AMI, instanceType: "m1.small", subnetId: subnet.id });
  new LaunchTemplate(stack, "typeless_template", { name: "typeless", imageId: AMI });

  // ZT-CMP-019: Spot Fleet requests with launch specifications, and one from a launch template.
  const fleet = (id: string, launchSpecification: ConstructorParameters<typeof SpotFleetRequest>[2]["launchSpecification"]) =>
    new SpotFleetRequest(stack, id, { iamFleetRole: FLEET_ROLE, targetCapacity: 1, launchSpecification });
  fleet("unencrypted_fleet", [{ ami: AMI, instanceType: "m7i.large", subnetId: subnet.id, rootBlockDevice: [{ encrypted: false, volumeSize: 20 }] }]);
  fleet("implicit_fleet", [{ ami: AMI, instanceType: "m7i.large", subnetId: subnet.id, ebsBlockDevice: [{ deviceName: "/dev/sdf", volumeSize: 20 }] }]);
  fleet("encrypted_fleet", [
    { ami: AMI, instanceType: "m7i.large", subnetId: subnet.id, rootBlockDevice: [{ encrypted: true, volumeSize: 20 }], ebsBlockDevice: [{ deviceName: "/dev/sdf", encrypted: true, volumeSize: 20 }] },
  ]);
  const template = new LaunchTemplate(stack, "fleet_template", { name: "fleet", imageId: AMI, instanceType: "m7i.large" });
  new SpotFleetRequest(stack, "template_fleet", {
    iamFleetRole: FLEET_ROLE,
    targetCapacity: 1,
    launchTemplateConfig: [{ launchTemplateSpecification: { id: template.id, version: template.latestVersion.toString() } }],
  });
  return stack;
}

/** A stack whose EBS snapshot Block Public Access blocks all sharing, so a share with everyone is refused. */
export function fsbpBlockedSnapshotsFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "fsbp-compute-blocked");
  new AwsProvider(stack, "aws", { region: REGION });
  new EbsSnapshotBlockPublicAccess(stack, "snapshots_blocked", { state: "block-all-sharing" });
  new SnapshotCreateVolumePermission(stack, "snapshot_to_everyone", { snapshotId: snapshot(stack), accountId: "all" });
  return stack;
}
