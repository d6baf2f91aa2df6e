import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { IEnvironment } from "../core/environment";
import { createEncryptedLogGroup } from "../secrets/log-key-policy";
import { resourceTags } from "../network/tags";

/** Every EKS control-plane log type; a {@link HardenedCluster} enables them all. */
export const CONTROL_PLANE_LOG_TYPES: readonly string[] = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * Name of the control-plane log group of the cluster `name`, the one EKS writes to.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
 */
export function controlPlaneLogGroupName(name: string): string {
  return `/aws/eks/${name}/cluster`;
}

/** Sid of the key policy statement that lets CloudWatch Logs use the control-plane log key. */
const CONTROL_PLANE_LOG_SID = "CloudWatchLogsForTheControlPlaneLogGroup";

/** Properties of {@link ControlPlaneLogs}. */
export interface ControlPlaneLogsProps {
  /** Name of the cluster. */
  readonly clusterName: string;
  /** Account, region and partition of the cluster. */
  readonly env: IEnvironment;
  /** Days the logs are kept. */
  readonly retentionDays: number;
  /** Roles that administer (not use) the key. */
  readonly keyAdminRoleArns: readonly string[];
  /** Tags of every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The control-plane log group of an EKS cluster, `/aws/eks/<name>/cluster`, made before the cluster (EKS would
 * otherwise create it unencrypted and kept forever), encrypted with a dedicated customer-managed key that only
 * CloudWatch Logs uses, for this log group.
 */
export class ControlPlaneLogs extends Construct {
  /** Customer-managed key encrypting the log group. */
  readonly key: KmsKey;
  /** Alias `alias/zt/eks/<name>/control-plane-logs` of the key. */
  readonly keyAlias: KmsAlias;
  /** The log group. */
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ControlPlaneLogsProps) {
    super(scope, id);
    const name = controlPlaneLogGroupName(props.clusterName);
    const made = createEncryptedLogGroup(this, {
      name,
      env: props.env,
      retentionDays: props.retentionDays,
      keyAdminRoleArns: props.keyAdminRoleArns,
      keyDescription: `Encrypts the control-plane logs of EKS cluster ${props.clusterName}`,
      aliasName: `alias/zt/eks/${props.clusterName}/control-plane-logs`,
      sid: CONTROL_PLANE_LOG_SID,
      keyTags: resourceTags(props.tags, `${props.clusterName}-control-plane-logs`),
      logGroupTags: resourceTags(props.tags, name),
    });
    this.key = made.key;
    this.keyAlias = made.alias;
    this.logGroup = made.logGroup;
  }
}
