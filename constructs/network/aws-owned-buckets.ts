/**
 * S3 buckets owned by AWS that hosts and AWS services read through a VPC's S3 gateway endpoint. The endpoint
 * policy otherwise admits only buckets of the VPC's own account (`aws:ResourceAccount`), so without these entries
 * image pulls, package installs and SSM Agent work would fail. Each entry is read-only (`s3:GetObject` on the
 * bucket's objects) and comes from the AWS documentation page it names. When AWS documents a new bucket, add it
 * here with its page; nothing else in the library lists AWS-owned buckets.
 */
export interface AwsOwnedBucket {
  /** Bucket name, with `{region}` standing for the VPC's region; `*` may end it (AWS publishes a suffixed name). */
  readonly name: string;
  /** Who reads it, and for what. */
  readonly usedFor: string;
  /** The AWS documentation page that names the bucket. */
  readonly reference: string;
  /**
   * The bucket is needed only when the network has an interface endpoint with this IAM action prefix.
   *
   * @default - needed by every network
   */
  readonly onlyWithEndpoint?: string;
  /**
   * The SSM Agent reads the bucket with the host's credentials, so the host role needs `s3:GetObject` on it
   * besides the endpoint policy (ECR layers and package repositories are read with presigned or anonymous URLs).
   *
   * @default false
   */
  readonly readBySsmAgent?: boolean;
}

const ECR_DOC = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html";
const SSM_DOC = "https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html";
const AMAZON_LINUX_DOC = "https://repost.aws/knowledge-center/ec2-al1-al2-update-yum-without-internet";

/** The AWS-owned buckets the S3 gateway endpoint lets hosts read, in one list. */
export const AWS_OWNED_BUCKETS: readonly AwsOwnedBucket[] = [
  { name: "prod-{region}-starport-layer-bucket", usedFor: "ECR image layers (presigned by ECR)", reference: ECR_DOC, onlyWithEndpoint: "ecr" },
  { name: "al2023-repos-{region}-*", usedFor: "Amazon Linux 2023 package repositories (dnf)", reference: AMAZON_LINUX_DOC },
  { name: "amazonlinux-2-repos-{region}", usedFor: "Amazon Linux 2 package repositories (yum)", reference: AMAZON_LINUX_DOC },
  { name: "amazonlinux.{region}.amazonaws.com", usedFor: "Amazon Linux 2 repository mirror lists (yum)", reference: AMAZON_LINUX_DOC },
  { name: "aws-ssm-{region}", usedFor: "SSM Agent: documents and plugins", reference: SSM_DOC, readBySsmAgent: true },
  { name: "aws-windows-downloads-{region}", usedFor: "SSM Agent: documents that support only Windows", reference: SSM_DOC, readBySsmAgent: true },
  { name: "amazon-ssm-{region}", usedFor: "SSM Agent: agent updates", reference: SSM_DOC, readBySsmAgent: true },
  { name: "amazon-ssm-packages-{region}", usedFor: "SSM Agent: Run Command packages", reference: SSM_DOC, readBySsmAgent: true },
  { name: "{region}-birdwatcher-prod", usedFor: "SSM Distributor: AWS packages", reference: SSM_DOC, readBySsmAgent: true },
  { name: "aws-ssm-distributor-file-{region}", usedFor: "SSM Distributor: package files", reference: SSM_DOC, readBySsmAgent: true },
  { name: "aws-ssm-document-attachments-{region}", usedFor: "SSM Agent: document attachments", reference: SSM_DOC, readBySsmAgent: true },
  { name: "patch-baseline-snapshot-{region}", usedFor: "Patch Manager: patch baseline snapshots", reference: SSM_DOC, readBySsmAgent: true },
];

/**
 * ARNs of the objects of the AWS-owned buckets hosts of a network in `region` read, in `partition`.
 * `actionPrefixes` are the IAM prefixes of the network's interface endpoints (a bucket tied to an endpoint is
 * left out without it).
 */
export function awsOwnedBucketObjectArns(partition: string, region: string, actionPrefixes: readonly string[]): string[] {
  return AWS_OWNED_BUCKETS.filter((bucket) => bucket.onlyWithEndpoint === undefined || actionPrefixes.includes(bucket.onlyWithEndpoint)).map(
    (bucket) => `arn:${partition}:s3:::${bucket.name.replace("{region}", region)}/*`,
  );
}

/** ARNs of the objects of the AWS-owned buckets the SSM Agent reads with the host's credentials, in `region` and `partition`. */
export function ssmAgentBucketObjectArns(partition: string, region: string): string[] {
  return AWS_OWNED_BUCKETS.filter((bucket) => bucket.readBySsmAgent).map((bucket) => `arn:${partition}:s3:::${bucket.name.replace("{region}", region)}/*`);
}
