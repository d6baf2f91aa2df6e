import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { IEnvironment, dnsSuffix } from "../core/environment";
import { createCustomerManagedKey } from "../core/key";
import { logGroupKeyPolicy } from "../secrets/log-key-policy";
import { policyDocument } from "../core/policy-document";
import { resourceTags } from "./tags";

/** Properties of {@link VpcFlowLogs}. */
export interface VpcFlowLogsProps {
  /** VPC whose traffic is logged. */
  readonly vpcId: string;
  /** Network name; the log group is `/zt/<name>/vpc-flow-logs`. */
  readonly name: string;
  /** Account, region and partition of the VPC. */
  readonly env: IEnvironment;
  /** Log retention in days. */
  readonly retentionDays: number;
  /** Extra tags for every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Name of the flow log group of a network. */
export function flowLogGroupName(name: string): string {
  return `/zt/${name}/vpc-flow-logs`;
}

/**
 * Key policy of the flow log key: the account root administers it without using it, and only CloudWatch Logs
 * uses it, for the one log group of this account and region (encryption context).
 */
export function flowLogKeyPolicy(props: Pick<VpcFlowLogsProps, "name" | "env">): string {
  return logGroupKeyPolicy(props.env, { sid: "CloudWatchLogsForTheFlowLogGroup", logGroupNames: [flowLogGroupName(props.name)] });
}

/** Trust policy letting only this account's VPC flow logs assume the delivery role. */
export function flowLogTrustPolicy(props: Pick<VpcFlowLogsProps, "env">): string {
  const { partition, region, accountId } = props.env;
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: `vpc-flow-logs.${dnsSuffix(partition)}` },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
      },
    },
  ]);
}

/**
 * VPC flow logs of all traffic at 60-second aggregation, delivered to a CloudWatch log group
 * encrypted with a dedicated customer-managed KMS key, through a role that can only write to that group.
 */
export class VpcFlowLogs extends Construct {
  /** Customer-managed key encrypting the log group. */
  public readonly key: KmsKey;
  /** Alias `alias/zt/<name>/vpc-flow-logs` of the key. */
  public readonly keyAlias: KmsAlias;
  /** Log group receiving the flow logs. */
  public readonly logGroup: CloudwatchLogGroup;
  /** Role the flow log service assumes to write the logs. */
  public readonly role: IamRole;
  /** The flow log. */
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const logGroupName = flowLogGroupName(props.name);

    const { key, alias } = createCustomerManagedKey(this, {
      description: `Encrypts the VPC flow logs of network ${props.name}`,
      aliasName: `alias/zt/${props.name}/vpc-flow-logs`,
      policy: flowLogKeyPolicy(props),
      tags: resourceTags(props.tags, `${props.name}-vpc-flow-logs`),
      aliasId: "key-alias",
    });
    this.key = key;
    this.keyAlias = alias;
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: this.key.arn,
      tags: resourceTags(props.tags, logGroupName),
    });
    this.role = new IamRole(this, "role", {
      name: `${props.name}-${props.env.region}-vpc-flow-logs`,
      description: `Delivers VPC flow logs of network ${props.name} to ${logGroupName}`,
      assumeRolePolicy: flowLogTrustPolicy(props),
      tags: resourceTags(props.tags, `${props.name}-${props.env.region}-vpc-flow-logs`),
    });
    new IamRolePolicy(this, "role-policy", {
      name: "write-vpc-flow-logs",
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: "WriteToTheFlowLogGroupOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      maxAggregationInterval: 60,
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      tags: resourceTags(props.tags, `${props.name}-vpc-flow-logs`),
    });
  }
}
