import { EnvironmentOverrides } from "../core/environment";
import { INetwork } from "../network/network";

/** Node images a {@link HardenedCluster} node group may run: the Amazon Linux 2023 EKS-optimized families, whose root device is `/dev/xvda`. */
export const NODE_AMI_TYPES = ["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NVIDIA", "AL2023_x86_64_NEURON"] as const;

/** A node image family of {@link NODE_AMI_TYPES}. */
export type NodeAmiType = (typeof NODE_AMI_TYPES)[number];

/** What a Kubernetes taint does to pods that do not tolerate it. */
export type NodeTaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

/** A Kubernetes taint put on every node of a node group. */
export interface NodeTaint {
  /** Taint key, a Kubernetes label key such as `dedicated` or `example.com/gpu`. */
  readonly key: string;
  /**
   * Taint value.
   *
   * @default - no value
   */
  readonly value?: string;
  /** Effect on pods that do not tolerate the taint. */
  readonly effect: NodeTaintEffect;
}

/** A managed node group of a {@link HardenedCluster}. */
export interface ClusterNodeGroupProps {
  /** Name of the node group, a DNS label of at most 24 characters; the group is `<cluster>-<name>`. */
  readonly name: string;
  /**
   * EC2 instance types of the nodes, e.g. `["m7i.large"]`; more than one lets EKS pick from them.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html
   */
  readonly instanceTypes: string[];
  /** Fewest nodes (0 or more). */
  readonly minSize: number;
  /** Most nodes (at least 1 and at least `minSize`). */
  readonly maxSize: number;
  /**
   * Nodes to start with, between `minSize` and `maxSize`.
   *
   * @default - `minSize`
   */
  readonly desiredSize?: number;
  /**
   * Node image family (Amazon Linux 2023, EKS-optimized).
   *
   * @default "AL2023_x86_64_STANDARD"
   * @see https://docs.aws.amazon.com/eks/latest/userguide/eks-optimized-ami.html
   */
  readonly amiType?: NodeAmiType;
  /**
   * Pinned AMI release of the image family, e.g. `"1.33.0-20250519"`; its Kubernetes version must be the cluster's.
   *
   * @default - the latest release for the cluster's Kubernetes version when the group is created
   * @see https://github.com/awslabs/amazon-eks-ami/releases
   */
  readonly releaseVersion?: string;
  /**
   * Kubernetes labels of every node.
   *
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * Kubernetes taints of every node.
   *
   * @default []
   */
  readonly taints?: NodeTaint[];
  /**
   * Size of each node's gp3 root volume, in GiB (20–16384).
   *
   * @default 50
   */
  readonly rootVolumeSizeGiB?: number;
}

/** Properties of a {@link HardenedCluster}. */
export interface HardenedClusterProps extends EnvironmentOverrides {
  /**
   * Name of the cluster: a DNS label of at most 24 characters (lowercase letters, digits and hyphens, starting with a
   * letter). It names every derived resource (`<name>-cluster` role, `/aws/eks/<name>/cluster` log group, ...).
   */
  readonly name: string;
  /** The network; the cluster's endpoint and nodes are placed in its private tier only. */
  readonly network: INetwork;
  /**
   * Kubernetes minor version, e.g. `"1.33"`: one of those in `constructs/cluster/versions.ts` (EKS standard support).
   * @see https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
   */
  readonly kubernetesVersion: string;
  /**
   * IAM role ARNs granted cluster admin: an access entry each, associated with `AmazonEKSClusterAdminPolicy` at
   * cluster scope. At least one; the role that creates the cluster gets no access of its own.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
   */
  readonly admins: string[];
  /** Managed node groups, at least one (CoreDNS needs nodes to run on). */
  readonly nodeGroups: ClusterNodeGroupProps[];
  /**
   * Roles that administer the cluster's keys (secrets, control-plane logs, node volumes) without using them.
   *
   * @default [] (the account root administers them, without using them)
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Days the control-plane logs are kept: a retention CloudWatch Logs accepts, at least 365.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Extra tags for every taggable resource. `zt:cluster` is set by the construct.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}
