import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";

const ACCOUNT = "111122223333";
const CLUSTER_ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;
const NODE_ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-node`;
const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];
const VPC = "vpc-0123456789abcdef0";

/**
 * EKS clusters and node groups: provider defaults, a hardened private cluster and a CIDR-restricted public one; node
 * groups without a launch template (EKS generates one) and with hardened, weak and partly set launch templates.
 */
export function eksFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "eks");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  // Every default: public endpoint open to 0.0.0.0/0, no private access, no secrets encryption, no logs, CONFIG_MAP.
  const defaults = new EksCluster(stack, "default_cluster", { name: "defaults", roleArn: CLUSTER_ROLE, vpcConfig: { subnetIds: SUBNETS } });

  const key = new KmsKey(stack, "eks_secrets", { description: "EKS secrets envelope key", enableKeyRotation: true, deletionWindowInDays: 30 });
  const hardened = new EksCluster(stack, "hardened", {
    name: "hardened",
    roleArn: CLUSTER_ROLE,
    vpcConfig: { subnetIds: SUBNETS, endpointPublicAccess: false, endpointPrivateAccess: true },
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
  });

  // Public endpoint restricted to one range; only the audit log; secrets key given as a literal ARN.
  const restricted = new EksCluster(stack, "restricted", {
    name: "restricted",
    roleArn: CLUSTER_ROLE,
    vpcConfig: { subnetIds: SUBNETS, endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d` } },
    enabledClusterLogTypes: ["audit"],
    accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" },
  });

  // Explicitly world-open public endpoint, secrets encryption config without the secrets resource.
  const world = new EksCluster(stack, "world_cidr", {
    name: "world",
    roleArn: CLUSTER_ROLE,
    vpcConfig: { subnetIds: SUBNETS, endpointPrivateAccess: true, publicAccessCidrs: ["10.0.0.0/8", "0.0.0.0/0"] },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    accessConfig: { authenticationMode: "CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: true },
  });

  // VPC CNI add-ons: network policies enforced (hardened), left at the default (restricted), turned off (world_cidr).
  new EksAddon(stack, "hardened_vpc_cni", { clusterName: hardened.name, addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) });
  new EksAddon(stack, "restricted_vpc_cni", { clusterName: restricted.name, addonName: "vpc-cni" });
  new EksAddon(stack, "world_vpc_cni", { clusterName: world.name, addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "false" }) });
  new EksAddon(stack, "hardened_coredns", { clusterName: hardened.name, addonName: "coredns" });

  const nodeGroup = (id: string, remoteAccess?: { ec2SshKey: string; sourceSecurityGroupIds?: string[] }, template?: LaunchTemplate, subnetIds = SUBNETS) =>
    new EksNodeGroup(stack, id, {
      clusterName: defaults.name,
      nodeGroupName: id.replace(/_/g, "-"),
      nodeRoleArn: NODE_ROLE,
      subnetIds,
      scalingConfig: { desiredSize: 1, minSize: 1, maxSize: 2 },
      remoteAccess,
      launchTemplate: template ? { id: template.id, version: "$Latest" } : undefined,
    });
  nodeGroup("no_ssh");
  nodeGroup("ssh_open", { ec2SshKey: "ops" });
  nodeGroup("ssh_from_sg", { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-0123456789abcdef0"] });

  // Launch templates: IMDSv2 with hop limit 1 and the nodes' own security group; IMDSv1 with hop limit 2 and no
  // security group; metadata left to the defaults with the nodes' group on the network interface.
  const nodes = new SecurityGroup(stack, "nodes", { name: "eks-nodes", description: "EKS nodes", vpcId: VPC });
  const hardenedTemplate = new LaunchTemplate(stack, "hardened_nodes_lt", {
    name: "hardened-nodes",
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    vpcSecurityGroupIds: [nodes.id],
  });
  const weakTemplate = new LaunchTemplate(stack, "weak_nodes_lt", { name: "weak-nodes", metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 } });
  const unsetTemplate = new LaunchTemplate(stack, "unset_nodes_lt", { name: "unset-nodes", networkInterfaces: [{ deviceIndex: 0, securityGroups: [nodes.id] }] });
  // Subnets of this configuration: one that maps public addresses on launch and one that does not.
  const publicSubnet = new Subnet(stack, "public_subnet", { vpcId: VPC, cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true });
  const privateSubnet = new Subnet(stack, "private_subnet", { vpcId: VPC, cidrBlock: "10.0.1.0/24" });
  nodeGroup("hardened_nodes", undefined, hardenedTemplate, [privateSubnet.id]);
  nodeGroup("weak_nodes", undefined, weakTemplate, [privateSubnet.id, publicSubnet.id]);
  nodeGroup("unset_nodes", undefined, unsetTemplate);

  // Pod Identity associations: a workload's own ServiceAccount, and a namespace's default one.
  const ORDERS_ROLE = `arn:aws:iam::${ACCOUNT}:role/orders`;
  new EksPodIdentityAssociation(stack, "orders_identity", { clusterName: hardened.name, namespace: "orders", serviceAccount: "orders", roleArn: ORDERS_ROLE });
  new EksPodIdentityAssociation(stack, "default_identity", { clusterName: hardened.name, namespace: "orders", serviceAccount: "default", roleArn: ORDERS_ROLE });

  return stack;
}
