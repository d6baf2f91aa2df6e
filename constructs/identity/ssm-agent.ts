import { ssmAgentBucketObjectArns } from "../network/aws-owned-buckets";
import { PolicyStatementJson } from "../core/policy-document";

/**
 * What the SSM Agent on a host calls to register, receive commands and associations, report inventory and
 * compliance, and carry Session Manager sessions: the actions of the AWS managed policy
 * `AmazonSSMManagedInstanceCore` without `ssm:GetParameter` and `ssm:GetParameters`, which that policy allows on
 * every parameter of the account. A host that needs a parameter gets a grant on that parameter's ARN.
 *
 * References: AWS Systems Manager User Guide, "Configure instance permissions required for Systems Manager"
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-instance-permissions.html) and the
 * AmazonSSMManagedInstanceCore page of the AWS Managed Policy Reference
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html).
 */
export const SSM_AGENT_ACTIONS: Readonly<Record<"ssm" | "ssmmessages" | "ec2messages", readonly string[]>> = {
  ssm: [
    "ssm:DescribeAssociation",
    "ssm:DescribeDocument",
    "ssm:GetDeployablePatchSnapshotForInstance",
    "ssm:GetDocument",
    "ssm:GetManifest",
    "ssm:ListAssociations",
    "ssm:ListInstanceAssociations",
    "ssm:PutComplianceItems",
    "ssm:PutConfigurePackageResult",
    "ssm:PutInventory",
    "ssm:UpdateAssociationStatus",
    "ssm:UpdateInstanceAssociationStatus",
    "ssm:UpdateInstanceInformation",
  ],
  ssmmessages: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
  ec2messages: [
    "ec2messages:AcknowledgeMessage",
    "ec2messages:DeleteMessage",
    "ec2messages:FailMessage",
    "ec2messages:GetEndpoint",
    "ec2messages:GetMessages",
    "ec2messages:SendReply",
  ],
};

/**
 * Statements of the SSM Agent policy of a host role in `region` and `partition`. The agent's actions act on the
 * calling instance and the documents and channels Systems Manager hands it; they have no resource a role could
 * name in advance, so those statements use `*`, as the AWS managed policy does, and none of them reads stored
 * data. The agent also reads the AWS-owned buckets of its region (`AWS_OWNED_BUCKETS` marked `readBySsmAgent`)
 * with the host's credentials, which the Systems Manager documentation requires when hosts reach S3 through a
 * VPC endpoint.
 */
export function ssmAgentStatements(partition: string, region: string): PolicyStatementJson[] {
  return [
    { Sid: "SsmAgentCore", Effect: "Allow", Action: [...SSM_AGENT_ACTIONS.ssm], Resource: "*" },
    { Sid: "SessionManagerChannels", Effect: "Allow", Action: [...SSM_AGENT_ACTIONS.ssmmessages], Resource: "*" },
    { Sid: "SsmAgentMessages", Effect: "Allow", Action: [...SSM_AGENT_ACTIONS.ec2messages], Resource: "*" },
    { Sid: "SsmAgentReadsAwsOwnedBuckets", Effect: "Allow", Action: "s3:GetObject", Resource: ssmAgentBucketObjectArns(partition, region) },
  ];
}
