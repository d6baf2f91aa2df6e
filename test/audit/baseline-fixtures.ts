import { TerraformStack } from "cdktf";
import { AccountSecurityBaseline, AccountSecurityBaselineProps } from "../../constructs/audit";
import { AccountComputeBaseline, HardenedHost } from "../../constructs/compute";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork } from "../../constructs/network";
import { AMI } from "../compute/fixtures";
import { environmentStack } from "./detection-fixtures";

/**
 * An account's baseline stack: a network with a host group (compute), the compute baseline and the security baseline
 * with `props` quarantining the network.
 */
export function baselineStack(props: AccountSecurityBaselineProps = {}, id = "account"): { stack: TerraformStack; baseline: AccountSecurityBaseline } {
  const stack = environmentStack(id);
  const network = new SegmentedNetwork(stack, "network", { name: "main", cidr: "10.60.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
  const identity = new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "ec2" } });
  new HardenedHost(stack, "api", { identity, network, amiId: AMI });
  new AccountComputeBaseline(stack, "compute-baseline", {});
  const baseline = new AccountSecurityBaseline(stack, "security-baseline", { quarantineNetworks: [network], ...props });
  return { stack, baseline };
}
