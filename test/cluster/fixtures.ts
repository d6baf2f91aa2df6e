import { TerraformStack } from "cdktf";
import { StackEnvironment } from "../../constructs/core";
import { HardenedCluster, HardenedClusterProps } from "../../constructs/cluster";
import { SegmentedNetwork } from "../../constructs/network";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

/** Role granted cluster admin in the fixture. */
export const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;
/** Role that administers the fixture's keys. */
export const KEY_ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-deployer`;
/** The fixture cluster's ARN. */
export const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/main`;

/** Interface endpoints of the fixture network: the defaults plus what nodes without NAT need. */
export const CLUSTER_NETWORK_ENDPOINTS = ["sts", "kms", "secretsmanager", "logs", "ecr.api", "ecr.dkr", "ec2", "eks", "eks-auth"];

/** A stack with its environment and a two-zone network without NAT whose endpoints serve a cluster. */
export function clusterStack(id = "cluster"): { stack: TerraformStack; network: SegmentedNetwork } {
  const stack = newStack(id);
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  const network = new SegmentedNetwork(stack, "network", {
    name: "k8s",
    cidr: "10.70.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    interfaceEndpoints: CLUSTER_NETWORK_ENDPOINTS,
  });
  return { stack, network };
}

/** The fixture's props: cluster "main" on Kubernetes 1.35 with one node group "general". */
export function clusterProps(network: SegmentedNetwork, overrides: Partial<HardenedClusterProps> = {}): HardenedClusterProps {
  return {
    name: "main",
    network,
    kubernetesVersion: "1.35",
    admins: [ADMIN],
    nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4 }],
    keyAdminRoleArns: [KEY_ADMIN],
    ...overrides,
  };
}

/** A fresh stack holding the fixture network and a cluster "main" with `overrides`. */
export function hardenedCluster(overrides: Partial<HardenedClusterProps> = {}, id = "cluster") {
  const { stack, network } = clusterStack(id);
  const cluster = new HardenedCluster(stack, "cluster", clusterProps(network, overrides));
  return { stack, network, cluster };
}
