import { TerraformStack } from "cdktf";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { Port } from "../../constructs/core";
import { HardenedCluster } from "../../constructs/cluster";
import { ACCOUNT, newStack, packVerdict } from "../identity/harness";
import { hardenedCluster } from "./fixtures";

/** The unsuppressed findings of the stack, as `ruleId resource-type.construct-path` (logical id hashes left out). */
function findings(stack: TerraformStack): string[] {
  return packVerdict(stack)
    .unsuppressed.map((line) => /^(ZT-[A-Z0-9]+-\d+)\S* \w+ ([^:]+):/.exec(line)!)
    .map(([, id, address]) => `${id} ${address.replace(/_[0-9A-F]{8}$/, "")}`)
    .sort();
}

/** The fixture cluster with one value of its resources changed by `weaken`, as a hand-edited copy would have it. */
function twin(weaken: (cluster: HardenedCluster) => void): TerraformStack {
  const { stack, cluster } = hardenedCluster();
  weaken(cluster);
  return stack;
}

const CLUSTER = "aws_eks_cluster.cluster";
const TEMPLATE = "aws_launch_template.cluster_node-group-general_launch-template";
const NODE_GROUP = "aws_eks_node_group.cluster_node-group-general_node-group";

describe("insecure twins of HardenedCluster's defaults fail the pack with the matching finding", () => {
  test("the construct itself has none", () => {
    expect(findings(hardenedCluster().stack)).toEqual([]);
  });

  test.each([
    ["a public endpoint open to the internet", (c: HardenedCluster) => c.cluster.addOverride("vpc_config.endpoint_public_access", true), [`ZT-EKS-001 ${CLUSTER}`]],
    [
      "a public endpoint restricted to CIDRs",
      (c: HardenedCluster) => {
        c.cluster.addOverride("vpc_config.endpoint_public_access", true);
        c.cluster.addOverride("vpc_config.public_access_cidrs", ["198.51.100.0/24"]);
      },
      [`ZT-EKS-002 ${CLUSTER}`],
    ],
    ["no private endpoint", (c: HardenedCluster) => c.cluster.addOverride("vpc_config.endpoint_private_access", false), [`ZT-EKS-005 ${CLUSTER}`]],
    ["secrets without envelope encryption", (c: HardenedCluster) => c.cluster.addOverride("encryption_config", null), [`ZT-EKS-003 ${CLUSTER}`]],
    [
      "no audit and authenticator logs",
      (c: HardenedCluster) => {
        c.cluster.enabledClusterLogTypes = ["api"];
      },
      [`ZT-EKS-004 ${CLUSTER}`, `ZT-EKS-004 ${CLUSTER}`],
    ],
    ["the aws-auth ConfigMap", (c: HardenedCluster) => c.cluster.addOverride("access_config.authentication_mode", "CONFIG_MAP"), [`ZT-EKS-007 ${CLUSTER}`]],
    ["cluster admin for the creator", (c: HardenedCluster) => c.cluster.addOverride("access_config.bootstrap_cluster_creator_admin_permissions", true), [`ZT-EKS-008 ${CLUSTER}`]],
    ["a VPC CNI that does not enforce NetworkPolicies", (c: HardenedCluster) => c.addons["vpc-cni"].addOverride("configuration_values", null), [`ZT-EKS-009 ${CLUSTER}`]],
    [
      "SSH into the nodes",
      (c: HardenedCluster) => c.nodeGroups.general.nodeGroup.addOverride("remote_access", { ec2_ssh_key: "ops" }),
      ["ZT-EKS-006 aws_eks_node_group.cluster_node-group-general_node-group"],
    ],
    ["IMDSv1 on the nodes", (c: HardenedCluster) => c.nodeGroups.general.launchTemplate.addOverride("metadata_options.http_tokens", "optional"), [`ZT-CMP-001 ${TEMPLATE}`, `ZT-EKS-010 ${NODE_GROUP}`]],
    ["metadata tokens travelling beyond the node (hop limit 3)", (c: HardenedCluster) => c.nodeGroups.general.launchTemplate.addOverride("metadata_options.http_put_response_hop_limit", 3), [`ZT-EKS-010 ${NODE_GROUP}`]],
    ["metadata tokens reaching the pods (hop limit 2)", (c: HardenedCluster) => c.nodeGroups.general.launchTemplate.addOverride("metadata_options.http_put_response_hop_limit", 2), [`ZT-EKS-010 ${NODE_GROUP}`]],
    ["nodes in the cluster security group", (c: HardenedCluster) => c.nodeGroups.general.launchTemplate.addOverride("vpc_security_group_ids", null), [`ZT-EKS-011 ${NODE_GROUP}`]],
    ["unencrypted node volumes", (c: HardenedCluster) => c.nodeGroups.general.launchTemplate.addOverride("block_device_mappings.0.ebs.encrypted", "false"), [`ZT-CMP-004 ${TEMPLATE}`]],
    ["node volumes under the AWS-managed key", (c: HardenedCluster) => c.nodeGroups.general.launchTemplate.addOverride("block_device_mappings.0.ebs.kms_key_id", null), [`ZT-CMP-005 ${TEMPLATE}`]],
    ["a key pair on the nodes", (c: HardenedCluster) => c.nodeGroups.general.launchTemplate.addOverride("key_name", "ops"), [`ZT-CMP-007 ${TEMPLATE}`]],
    ["control-plane logs without a customer-managed key", (c: HardenedCluster) => c.logs.logGroup.addOverride("kms_key_id", null), ["ZT-LOG-001 aws_cloudwatch_log_group.cluster_control-plane-logs_log-group"]],
    ["control-plane logs kept 30 days", (c: HardenedCluster) => c.logs.logGroup.addOverride("retention_in_days", 30), ["ZT-LOG-002 aws_cloudwatch_log_group.cluster_control-plane-logs_log-group"]],
  ])("%s", (_name, weaken, expected) => {
    expect(findings(twin(weaken))).toEqual(expected);
  });

  test("opening the nodes to the internet is recorded as a suppression with its reason, never a silent pass", () => {
    const { stack, cluster } = hardenedCluster();
    cluster.nodeConnections.allowToInternet(Port.HTTPS, { reason: "nodes pull images from a public registry without a mirror" });
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed.map((s) => s.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["ZT-NET-014 aws_vpc_security_group_egress_rule.cluster_node-firewall_egress-tcp-443-to-internet"]);
  });

  test("a raw cluster and node group on the provider's defaults fail every EKS rule the construct passes", () => {
    const stack = newStack();
    new EksCluster(stack, "raw", { name: "raw", roleArn: `arn:aws:iam::${ACCOUNT}:role/raw-cluster`, vpcConfig: { subnetIds: ["subnet-0123456789abcdef0"] } });
    new EksNodeGroup(stack, "raw-nodes", {
      clusterName: "raw",
      nodeRoleArn: `arn:aws:iam::${ACCOUNT}:role/raw-nodes`,
      subnetIds: ["subnet-0123456789abcdef0"],
      scalingConfig: { minSize: 1, maxSize: 1, desiredSize: 1 },
      remoteAccess: { ec2SshKey: "ops" },
    });
    expect(findings(stack)).toEqual([
      "ZT-EKS-001 aws_eks_cluster.raw",
      "ZT-EKS-003 aws_eks_cluster.raw",
      "ZT-EKS-004 aws_eks_cluster.raw",
      "ZT-EKS-004 aws_eks_cluster.raw",
      "ZT-EKS-005 aws_eks_cluster.raw",
      "ZT-EKS-006 aws_eks_node_group.raw-nodes",
      "ZT-EKS-007 aws_eks_cluster.raw",
      "ZT-EKS-008 aws_eks_cluster.raw",
      "ZT-EKS-009 aws_eks_cluster.raw",
      "ZT-EKS-010 aws_eks_node_group.raw-nodes",
      "ZT-EKS-011 aws_eks_node_group.raw-nodes",
    ]);
  });
});
