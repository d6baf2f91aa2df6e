import { HardenedHost } from "../../constructs/compute";
import { ServiceIdentity } from "../../constructs/identity";
import { ACCOUNT } from "../identity/harness";
import { AMI, host, hostStack } from "./fixtures";

const k = 'HardenedHost "api"';

describe("HardenedHost validation", () => {
  test("the public tier is refused", () => {
    expect(() => host({ subnetTier: "public" }, { tiers: { public: { enabled: true } } })).toThrow(
      'HardenedHost "api": subnetTier "public" is not allowed; place hosts in "private" or "isolated".',
    );
  });

  test("a tier the network lacks", () => {
    expect(() => host({ subnetTier: "isolated" }, { tiers: { isolated: { enabled: false } } })).toThrow(
      `${k}: subnetTier "isolated" does not exist in the network; enable it in the network's tiers or use "private".`,
    );
  });

  test.each(["ami-123", "ami-0ABCDEF1234567890", "ubuntu-22.04", "ami-0abcdef12345678901"])("AMI id %j", (amiId) => {
    expect(() => host({ amiId })).toThrow(`${k}: amiId "${amiId}" is not a pinned AMI id; pass a literal such as "ami-0abcdef1234567890" (AMIs are never looked up).`);
  });

  test("8-digit AMI ids are accepted", () => {
    expect(() => host({ amiId: "ami-0abcdef1" })).not.toThrow();
  });

  test("sizes must satisfy min <= desired <= max", () => {
    expect(() => host({ minSize: 3, maxSize: 2 })).toThrow(`${k}: sizes must satisfy minSize <= desiredCapacity <= maxSize (got 3 <= 3 <= 2); adjust them.`);
    expect(() => host({ minSize: 1, maxSize: 3, desiredCapacity: 4 })).toThrow(`${k}: sizes must satisfy minSize <= desiredCapacity <= maxSize (got 1 <= 4 <= 3); adjust them.`);
    expect(() => host({ minSize: 2, desiredCapacity: 1 })).toThrow(`${k}: sizes must satisfy minSize <= desiredCapacity <= maxSize (got 2 <= 1 <= 2); adjust them.`);
    expect(() => host({ minSize: -1 })).toThrow(`${k}: minSize -1 must be a whole number, 0 or more.`);
    expect(() => host({ minSize: 0, maxSize: 0 })).toThrow(`${k}: maxSize 0 must be at least 1.`);
    expect(() => host({ minSize: 1.5 })).toThrow(`${k}: minSize 1.5 must be a whole number, 0 or more.`);
  });

  test("a larger minSize raises the default maxSize", () => {
    const { hosts } = host({ minSize: 3 });
    expect(hosts.autoScalingGroup?.maxSizeInput).toBe(3);
  });

  test("sizes in instance mode", () => {
    expect(() => host({ mode: "instance", minSize: 1 })).toThrow(`${k}: minSize applies only to mode "autoscaling"; remove it or drop mode "instance".`);
  });

  test("unknown mode", () => {
    expect(() => host({ mode: "spot" as never })).toThrow(`${k}: mode "spot" is not supported; use "autoscaling" or "instance".`);
  });

  test("allowInternetEgress needs the private tier and NAT", () => {
    expect(() => host({ allowInternetEgress: true })).toThrow(
      `${k}: allowInternetEgress needs hosts in the private tier of a network with NAT gateways (subnetTier is "private", NAT is off); reach AWS through VPC endpoints instead.`,
    );
    expect(() => host({ allowInternetEgress: true, subnetTier: "isolated" }, { tiers: { public: { enabled: true } }, natGateways: "single" })).toThrow(
      `${k}: allowInternetEgress needs hosts in the private tier of a network with NAT gateways (subnetTier is "isolated", NAT is on); reach AWS through VPC endpoints instead.`,
    );
  });

  test("instance type, volume size, root device, grace period", () => {
    expect(() => host({ instanceType: "large" })).toThrow(`${k}: instanceType "large" is not an EC2 instance type; pass one such as "t3.micro".`);
    expect(() => host({ rootVolumeSizeGiB: 4 })).toThrow(`${k}: rootVolumeSizeGiB 4 must be a whole number from 8 to 16384.`);
    expect(() => host({ rootDeviceName: "xvda" })).toThrow(`${k}: rootDeviceName "xvda" is not a device name; pass the AMI's root device, e.g. "/dev/xvda".`);
    expect(() => host({ healthCheckGracePeriodSeconds: -5 })).toThrow(`${k}: healthCheckGracePeriodSeconds -5 must be a whole number of seconds, 0 or more.`);
  });

  test("kmsKey ARN form and keyAdminRoleArns without a dedicated key", () => {
    expect(() => host({ kmsKey: "alias/aws/ebs" })).toThrow(/HardenedHost "api": kmsKey entry "alias\/aws\/ebs" is not an kms ARN in partition "aws"/);
    expect(() => host({ kmsKey: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, keyAdminRoleArns: [] })).toThrow(
      `${k}: keyAdminRoleArns applies only to the dedicated key; remove it or drop kmsKey.`,
    );
  });

  test("construct id must fit resource names", () => {
    const { stack, network, identity } = hostStack();
    expect(() => new HardenedHost(stack, "API", { identity, network, amiId: AMI })).toThrow(
      'HardenedHost "API": construct id must be a DNS label of at most 24 characters (it names the group\'s resources); use e.g. "api".',
    );
  });

  test("network of another account", () => {
    const { stack, network } = hostStack();
    const other = new ServiceIdentity(stack, "other", { serviceName: "other", accountId: "210987654321", region: "eu-west-1", trust: { kind: "ec2" } });
    expect(() => new HardenedHost(stack, "api", { identity: other, network, amiId: AMI })).toThrow(
      `${k}: network accountId "${ACCOUNT}" differs from the identity's "210987654321"; use the network the service runs in.`,
    );
  });
});
