import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { IEnvironment, formatArn, servicePrincipal } from "../core/environment";
import { createCustomerManagedKey } from "../core/key";
import { PolicyStatementJson, policyDocument } from "../core/policy-document";
import { resourceTags } from "../network/tags";
import { adminStatement, rootStatement } from "../secrets/key-policy";

/** Every EKS control-plane log type; a {@link HardenedCluster} enables them all. */
export const CONTROL_PLANE_LOG_TYPES: readonly string[] = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * Name of the control-plane log group of the cluster `name`, the one EKS writes to.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
 */
export function controlPlaneLogGroupName(name: string): string {
  return `/aws/eks/${name}/cluster`;
}

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
 * Key policy of the control-plane log key: the account root (and the named roles) administer it without using it, and
 * only CloudWatch Logs of the cluster's region uses it, for the one log group (encryption context).
 */
export function controlPlaneLogKeyPolicy(props: Pick<ControlPlaneLogsProps, "clusterName" | "env" | "keyAdminRoleArns">): string {
  const { env } = props;
  const logGroupArn = formatArn(env, { service: "logs", resource: `log-group:${controlPlaneLogGroupName(props.clusterName)}` });
  const statements: PolicyStatementJson[] = [rootStatement(env.partition, env.accountId)];
  if (props.keyAdminRoleArns.length > 0) statements.push(adminStatement(props.keyAdminRoleArns));
  statements.push({
    Sid: "CloudWatchLogsForTheControlPlaneLogGroup",
    Effect: "Allow",
    Principal: { Service: servicePrincipal(env, `logs.${env.region}`) },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    // In a key policy, Resource "*" means the key the policy is attached to.
    Resource: "*",
    // The encryption context names the log group ARN, account and region included, as CloudWatch Logs documents it.
    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
  });
  return policyDocument(statements);
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
    const { key, alias } = createCustomerManagedKey(this, {
      description: `Encrypts the control-plane logs of EKS cluster ${props.clusterName}`,
      aliasName: `alias/zt/eks/${props.clusterName}/control-plane-logs`,
      policy: controlPlaneLogKeyPolicy(props),
      tags: resourceTags(props.tags, `${props.clusterName}-control-plane-logs`),
    });
    this.key = key;
    this.keyAlias = alias;
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name,
      retentionInDays: props.retentionDays,
      kmsKeyId: key.arn,
      tags: resourceTags(props.tags, name),
    });
  }
}
