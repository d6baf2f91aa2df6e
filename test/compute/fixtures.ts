import { TerraformStack } from "cdktf";
import { HardenedHost, HardenedHostProps } from "../../constructs/compute";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork, SegmentedNetworkProps } from "../../constructs/network";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

export const AMI = "ami-0abcdef1234567890";

/** A stack with a two-zone network and an EC2 identity for "orders". */
export function hostStack(networkProps: Partial<SegmentedNetworkProps> = {}) {
  const stack: TerraformStack = newStack();
  const network = new SegmentedNetwork(stack, "network", {
    name: "net",
    cidr: "10.0.0.0/16",
    region: REGION,
    accountId: ACCOUNT,
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    ...networkProps,
  });
  const identity = new ServiceIdentity(stack, "orders", { serviceName: "orders", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
  return { stack, network, identity };
}

/** A host group "api" in a fresh stack, with overrides. */
export function host(overrides: Partial<HardenedHostProps> = {}, networkProps: Partial<SegmentedNetworkProps> = {}) {
  const ctx = hostStack(networkProps);
  const hosts = new HardenedHost(ctx.stack, "api", { identity: ctx.identity, network: ctx.network, amiId: AMI, ...overrides });
  return { ...ctx, hosts };
}
