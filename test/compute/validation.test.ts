import { HardenedHost } from "../../constructs/compute";
import { ServiceIdentity } from "../../constructs/identity";
import { ACCOUNT } from "../identity/harness";
import { AMI, host, hostStack } from "./fixtures";
import { expectInvalid } from "../core/validation-error";

const k = 'HardenedHost "api"';

describe("HardenedHost validation", () => {
  test("the public tier is refused", () => {
    expectInvalid(() => host({ subnetTier: "public" }, { tiers: { public: { enabled: true } } }), "subnetTier", 'HardenedHost "api": subnetTier "public" is not allowed; place hosts in "private" or "isolated".');
  });

  test("a tier the network lacks", () => {
    expectInvalid(() => host({ subnetTier: "isolated" }, { tiers: { isolated: { enabled: false } } }), "subnetTier", `${k}: subnetTier "isolated" does not exist in the network; enable it in the network's tiers or use "private".`);
  });

  test.each(["ami-123", "ami-0ABCDEF1234567890", "ubuntu-22.04", "ami-0abcdef12345678901"])("AMI id %j", (amiId) => {
    expectInvalid(() => host({ amiId }), "amiId", `${k}: amiId "${amiId}" is not a pinned AMI id; pass a literal such as "ami-0abcdef1234567890" (AMIs are never looked up).`);
  });

  test("8-digit AMI ids are accepted", () => {
    expect(() => host({ amiId: "ami-0abcdef1" })).not.toThrow();
  });

  test("sizes must satisfy min <= desired <= max", () => {
    expectInvalid(() => host({ minSize: 3, maxSize: 2 }), "desiredCapacity", `${k}: sizes must satisfy minSize <= desiredCapacity <= maxSize (got 3 <= 3 <= 2); adjust them.`);
    expectInvalid(() => host({ minSize: 1, maxSize: 3, desiredCapacity: 4 }), "desiredCapacity", `${k}: sizes must satisfy minSize <= desiredCapacity <= maxSize (got 1 <= 4 <= 3); adjust them.`);
    expectInvalid(() => host({ minSize: 2, desiredCapacity: 1 }), "desiredCapacity", `${k}: sizes must satisfy minSize <= desiredCapacity <= maxSize (got 2 <= 1 <= 2); adjust them.`);
    expectInvalid(() => host({ minSize: -1 }), "minSize", `${k}: minSize -1 must be a whole number, 0 or more.`);
    expectInvalid(() => host({ minSize: 0, maxSize: 0 }), "maxSize", `${k}: maxSize 0 must be at least 1.`);
    expectInvalid(() => host({ minSize: 1.5 }), "minSize", `${k}: minSize 1.5 must be a whole number, 0 or more.`);
  });

  test("a larger minSize raises the default maxSize", () => {
    const { hosts } = host({ minSize: 3 });
    expect(hosts.autoScalingGroup?.maxSizeInput).toBe(3);
  });

  test("sizes in instance mode", () => {
    expectInvalid(() => host({ mode: "instance", minSize: 1 }), "minSize", `${k}: minSize applies only to mode "autoscaling"; remove it or drop mode "instance".`);
  });

  test("unknown mode", () => {
    expectInvalid(() => host({ mode: "spot" as never }), "mode", `${k}: mode "spot" is not supported; use "autoscaling" or "instance".`);
  });

  test("allowInternetEgress needs the private tier and NAT", () => {
    expectInvalid(() => host({ allowInternetEgress: true }), "allowInternetEgress", `${k}: allowInternetEgress needs hosts in the private tier of a network with NAT gateways (subnetTier is "private", NAT is off); reach AWS through VPC endpoints instead.`);
    expectInvalid(() => host({ allowInternetEgress: true, subnetTier: "isolated" }, { tiers: { public: { enabled: true } }, natGateways: "single" }), "allowInternetEgress", `${k}: allowInternetEgress needs hosts in the private tier of a network with NAT gateways (subnetTier is "isolated", NAT is on); reach AWS through VPC endpoints instead.`);
  });

  test("instance type, volume size, root device, grace period", () => {
    expectInvalid(() => host({ instanceType: "large" }), "instanceType", `${k}: instanceType "large" is not an EC2 instance type; pass one such as "t3.micro".`);
    expectInvalid(() => host({ rootVolumeSizeGiB: 4 }), "rootVolumeSizeGiB", `${k}: rootVolumeSizeGiB 4 must be a whole number from 8 to 16384.`);
    expectInvalid(() => host({ rootDeviceName: "xvda" }), "rootDeviceName", `${k}: rootDeviceName "xvda" is not a device name; pass the AMI's root device, e.g. "/dev/xvda".`);
    expectInvalid(() => host({ healthCheckGracePeriodSeconds: -5 }), "healthCheckGracePeriodSeconds", `${k}: healthCheckGracePeriodSeconds -5 must be a whole number of seconds, 0 or more.`);
  });

  test("kmsKey ARN form and keyAdminRoleArns without a dedicated key", () => {
    expectInvalid(() => host({ kmsKey: "alias/aws/ebs" }), "kmsKey", /HardenedHost "api": kmsKey entry "alias\/aws\/ebs" is not an kms ARN in partition "aws"/);
    expectInvalid(() => host({ kmsKey: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, keyAdminRoleArns: [] }), "keyAdminRoleArns", `${k}: keyAdminRoleArns applies only to the dedicated key; remove it or drop kmsKey.`);
  });

  test("construct id must fit resource names", () => {
    const { stack, network, identity } = hostStack();
    expectInvalid(() => new HardenedHost(stack, "API", { identity, network, amiId: AMI }), "id", 'HardenedHost "API": construct id must be a DNS label of at most 24 characters (it names the group\'s resources); use e.g. "api".');
  });

  test("network of another account", () => {
    const { stack, network } = hostStack();
    const other = new ServiceIdentity(stack, "other", { serviceName: "other", accountId: "210987654321", region: "eu-west-1", trust: { kind: "ec2" } });
    expectInvalid(() => new HardenedHost(stack, "api", { identity: other, network, amiId: AMI }), "network.accountId", `${k}: network accountId "${ACCOUNT}" differs from the identity's "210987654321"; use the network the service runs in.`);
  });
});
