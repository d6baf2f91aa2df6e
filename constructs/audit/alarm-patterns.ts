/** One CIS CloudWatch monitoring item: a metric filter on the trail's log group and the alarm on its metric. */
export interface CisAlarm {
  /** Short name of the filter, the metric and the alarm, e.g. `unauthorized-api-calls`. */
  readonly name: string;
  /** What a change in the metric means, written into the alarm's description. */
  readonly description: string;
  /** CloudWatch Logs filter pattern on CloudTrail's JSON events. */
  readonly pattern: string;
  /** CIS AWS Foundations Benchmark v1.4.0 item. */
  readonly cis: string;
  /** AWS Security Hub control id that checks for the filter and alarm. */
  readonly securityHub: string;
}

/** `{ ($.eventName = A) || ($.eventName = B) ... }` */
function anyEvent(names: readonly string[]): string {
  return names.map((n) => `($.eventName = ${n})`).join(" || ");
}

/**
 * The CIS AWS Foundations Benchmark monitoring set (section 4 of v1.4.0, section 3 of v1.2.0), with the filter
 * patterns the benchmark gives and AWS Security Hub checks (controls CloudWatch.1 to CloudWatch.14).
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export const CIS_ALARMS: readonly CisAlarm[] = [
  {
    name: "unauthorized-api-calls",
    description: "API calls refused as unauthorized or access denied",
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    cis: "4.1",
    securityHub: "CloudWatch.2",
  },
  {
    name: "console-sign-in-without-mfa",
    description: "a Management Console sign-in without MFA",
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    cis: "4.2",
    securityHub: "CloudWatch.3",
  },
  {
    name: "root-user-activity",
    description: "the root user acting (not a service on its behalf)",
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    cis: "4.3",
    securityHub: "CloudWatch.1",
  },
  {
    name: "iam-policy-changes",
    description: "an IAM policy created, changed, attached, detached or deleted",
    pattern: `{ ${anyEvent([
      "DeleteGroupPolicy",
      "DeleteRolePolicy",
      "DeleteUserPolicy",
      "PutGroupPolicy",
      "PutRolePolicy",
      "PutUserPolicy",
      "CreatePolicy",
      "DeletePolicy",
      "CreatePolicyVersion",
      "DeletePolicyVersion",
      "AttachRolePolicy",
      "DetachRolePolicy",
      "AttachUserPolicy",
      "DetachUserPolicy",
      "AttachGroupPolicy",
      "DetachGroupPolicy",
    ])} }`,
    cis: "4.4",
    securityHub: "CloudWatch.4",
  },
  {
    name: "cloudtrail-changes",
    description: "a trail created, updated, deleted, started or stopped",
    pattern: `{ ${anyEvent(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])} }`,
    cis: "4.5",
    securityHub: "CloudWatch.5",
  },
  {
    name: "console-authentication-failures",
    description: "a failed Management Console sign-in",
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    cis: "4.6",
    securityHub: "CloudWatch.6",
  },
  {
    name: "cmk-disabled-or-scheduled-for-deletion",
    description: "a customer-managed KMS key disabled or scheduled for deletion",
    pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent(["DisableKey", "ScheduleKeyDeletion"])}) }`,
    cis: "4.7",
    securityHub: "CloudWatch.7",
  },
  {
    name: "s3-bucket-policy-changes",
    description: "an S3 bucket policy, ACL, CORS, lifecycle or replication configuration changed",
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent([
      "PutBucketAcl",
      "PutBucketPolicy",
      "PutBucketCors",
      "PutBucketLifecycle",
      "PutBucketReplication",
      "DeleteBucketPolicy",
      "DeleteBucketCors",
      "DeleteBucketLifecycle",
      "DeleteBucketReplication",
    ])}) }`,
    cis: "4.8",
    securityHub: "CloudWatch.8",
  },
  {
    name: "config-changes",
    description: "AWS Config recording or delivery stopped or changed",
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"])}) }`,
    cis: "4.9",
    securityHub: "CloudWatch.9",
  },
  {
    name: "security-group-changes",
    description: "a security group or one of its rules created, changed or deleted",
    pattern: `{ ${anyEvent([
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ])} }`,
    cis: "4.10",
    securityHub: "CloudWatch.10",
  },
  {
    name: "nacl-changes",
    description: "a network ACL, one of its entries or associations created, changed or deleted",
    pattern: `{ ${anyEvent([
      "CreateNetworkAcl",
      "CreateNetworkAclEntry",
      "DeleteNetworkAcl",
      "DeleteNetworkAclEntry",
      "ReplaceNetworkAclEntry",
      "ReplaceNetworkAclAssociation",
    ])} }`,
    cis: "4.11",
    securityHub: "CloudWatch.11",
  },
  {
    name: "network-gateway-changes",
    description: "an internet or customer gateway created, attached, detached or deleted",
    pattern: `{ ${anyEvent([
      "CreateCustomerGateway",
      "DeleteCustomerGateway",
      "AttachInternetGateway",
      "CreateInternetGateway",
      "DeleteInternetGateway",
      "DetachInternetGateway",
    ])} }`,
    cis: "4.12",
    securityHub: "CloudWatch.12",
  },
  {
    name: "route-table-changes",
    description: "a route table, one of its routes or associations created, changed or deleted",
    pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent([
      "CreateRoute",
      "CreateRouteTable",
      "ReplaceRoute",
      "ReplaceRouteTableAssociation",
      "DeleteRouteTable",
      "DeleteRoute",
      "DisassociateRouteTable",
    ])}) }`,
    cis: "4.13",
    securityHub: "CloudWatch.13",
  },
  {
    name: "vpc-changes",
    description: "a VPC, its attributes or a peering connection created, changed or deleted",
    pattern: `{ ${anyEvent([
      "CreateVpc",
      "DeleteVpc",
      "ModifyVpcAttribute",
      "AcceptVpcPeeringConnection",
      "CreateVpcPeeringConnection",
      "DeleteVpcPeeringConnection",
      "RejectVpcPeeringConnection",
      "AttachClassicLinkVpc",
      "DetachClassicLinkVpc",
      "DisableVpcClassicLink",
      "EnableVpcClassicLink",
    ])} }`,
    cis: "4.14",
    securityHub: "CloudWatch.14",
  },
];

/**
 * Filter pattern of rejected flows to destinations matching `destination` (a CloudWatch Logs wildcard such as
 * `10.0.32.*`), on flow logs in the default format (version 2), as {@link VpcFlowLogs} writes them.
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 */
export function rejectedFlowPattern(destination: string): string {
  return `[version, account, eni, source, destination="${destination}", srcport, destport, protocol, packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]`;
}

/**
 * Most destination wildcards the rejected-flow alarm uses: one metric filter each, and a log group takes 100 (a
 * three-zone isolated tier of /20 subnets needs 48), leaving room for others on the flow log group.
 */
export const MAX_FLOW_WILDCARDS = 64;

/**
 * The CloudWatch Logs wildcards (`10.0.32.*`) covering exactly the addresses of an IPv4 CIDR: the CIDR's prefix
 * rounded up to the next octet, one wildcard per value of the octet it splits. Undefined for a malformed CIDR.
 */
export function cidrWildcards(cidr: string): string[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  if (bits === 0) return ["*"];
  const whole = Math.ceil(bits / 8);
  const spare = whole * 8 - bits;
  const base = octets[whole - 1] & ~((1 << spare) - 1) & 255;
  const fixed = octets.slice(0, whole - 1);
  const out: string[] = [];
  for (let v = base; v < base + (1 << spare); v++) {
    const parts = [...fixed, v].map(String);
    out.push(whole === 4 ? parts.join(".") : `${parts.join(".")}.*`);
  }
  return out;
}
