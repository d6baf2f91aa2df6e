import { Construct } from "constructs";
import { ITerraformDependable, Token } from "cdktf";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { metadataSettings } from "../compute/host-settings";
import { ClusterNodeGroupProps } from "./props";

/** Device name of the root volume of the Amazon Linux 2023 node images. */
export const NODE_ROOT_DEVICE = "/dev/xvda";

/** Default size of a node's root volume, in GiB. */
export const DEFAULT_NODE_ROOT_VOLUME_GIB = 50;

/** Properties of a {@link ClusterNodeGroup}. */
export interface ClusterNodeGroupConstructProps {
  /** The node group as declared. */
  readonly spec: ClusterNodeGroupProps;
  /** Literal name of the cluster, for derived names. */
  readonly clusterName: string;
  /** The cluster's name as the cluster resource exports it (so the group is made after the cluster). */
  readonly clusterNameRef: string;
  /** ARN of the node role. */
  readonly nodeRoleArn: string;
  /** Private subnets of the nodes. */
  readonly subnetIds: string[];
  /** Security group of the nodes (the only one they get). */
  readonly securityGroupId: string;
  /** ARN of the customer-managed key of the root volumes. */
  readonly volumeKeyArn: string;
  /** What must exist before nodes join: the node role's policies, the VPC CNI and the Pod Identity agent. */
  readonly dependsOn: ITerraformDependable[];
  /** Tags of every resource, propagated to instances, volumes and network interfaces. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One EKS managed node group launched from its own launch template: IMDSv2 only with hop limit 1 (pods cannot reach
 * the node's credentials; they get their own from EKS Pod Identity), no instance tags in metadata, detailed
 * monitoring, a gp3 root volume encrypted with the cluster's node key, the node security group only, no key pair and
 * no `remote_access` (no SSH), in the private subnets.
 */
export class ClusterNodeGroup extends Construct {
  /** The launch template. */
  readonly launchTemplate: LaunchTemplate;
  /** The node group. */
  readonly nodeGroup: EksNodeGroup;
  /** Name of the node group, `<cluster>-<name>`. */
  readonly nodeGroupName: string;

  constructor(scope: Construct, id: string, props: ClusterNodeGroupConstructProps) {
    super(scope, id);
    const { spec } = props;
    this.nodeGroupName = `${props.clusterName}-${spec.name}`;
    const tags = { ...props.tags, Name: this.nodeGroupName };
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: this.nodeGroupName,
      description: `Hardened nodes of EKS node group ${this.nodeGroupName}`,
      updateDefaultVersion: true,
      ebsOptimized: "true",
      metadataOptions: metadataSettings(false),
      monitoring: { enabled: true },
      vpcSecurityGroupIds: [props.securityGroupId],
      blockDeviceMappings: [
        {
          deviceName: NODE_ROOT_DEVICE,
          ebs: {
            volumeType: "gp3",
            volumeSize: spec.rootVolumeSizeGiB ?? DEFAULT_NODE_ROOT_VOLUME_GIB,
            encrypted: "true",
            kmsKeyId: props.volumeKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags })),
      tags,
    });
    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterNameRef,
      nodeGroupName: this.nodeGroupName,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      instanceTypes: [...spec.instanceTypes],
      amiType: spec.amiType ?? "AL2023_x86_64_STANDARD",
      releaseVersion: spec.releaseVersion,
      capacityType: "ON_DEMAND",
      scalingConfig: { minSize: spec.minSize, maxSize: spec.maxSize, desiredSize: spec.desiredSize ?? spec.minSize },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      labels: spec.labels === undefined ? undefined : { ...spec.labels },
      taint: (spec.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      tags,
      dependsOn: props.dependsOn,
      // A cluster autoscaler changes the desired size; a later apply must not undo it.
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
    });
  }
}
