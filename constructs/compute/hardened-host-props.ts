import { Port } from "../core/port";
import { IServiceIdentity } from "../identity/service-identity";
import { INetwork } from "../network/network";
import { Tier } from "../network/props";
import { ServiceKey } from "../secrets/service-key";
import { HostEgress, HostIngress } from "./host-firewall";

/** How a host group runs: an auto scaling group, or one instance. */
export type HostMode = "autoscaling" | "instance";

/** Properties of a {@link HardenedHost}. */
export interface HardenedHostProps {
  /** The service's identity; must trust EC2 (`{ kind: "ec2" }`), whose instance profile the hosts use. */
  readonly identity: IServiceIdentity;
  /** The network the hosts run in. */
  readonly network: INetwork;
  /**
   * Pinned AMI id, `ami-` and 8 or 17 hex digits. Never looked up.
   *
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/finding-an-ami.html
   */
  readonly amiId: string;
  /**
   * EC2 instance type.
   *
   * @default "t3.micro"
   */
  readonly instanceType?: string;
  /**
   * Tier whose subnets the hosts are placed in. `"public"` is refused.
   *
   * @default "private"
   */
  readonly subnetTier?: Tier;
  /**
   * An auto scaling group from a launch template, or a single instance (in the tier's first subnet).
   *
   * @default "autoscaling"
   */
  readonly mode?: HostMode;
  /**
   * Fewest instances of the auto scaling group (autoscaling mode only).
   *
   * @default 1
   */
  readonly minSize?: number;
  /**
   * Most instances of the auto scaling group (autoscaling mode only).
   *
   * @default - the larger of 2 and `minSize`
   */
  readonly maxSize?: number;
  /**
   * Instances the group starts with, between `minSize` and `maxSize` (autoscaling mode only).
   *
   * @default - `minSize`
   */
  readonly desiredCapacity?: number;
  /**
   * Health check of the auto scaling group: `"EC2"`, or `"ELB"` when the group serves a load balancer target group.
   *
   * @default "EC2"
   */
  readonly healthCheckType?: "EC2" | "ELB";
  /**
   * Seconds after launch before health checks count (autoscaling mode only).
   *
   * @default 300
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * The hosts run containers: the metadata hop limit becomes 2 so containers on a bridge network reach IMDSv2.
   *
   * @default false (hop limit 1)
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
   */
  readonly containers?: boolean;
  /**
   * Key encrypting the root volume: a {@link ServiceKey} (e.g. `ServiceSecrets.key`; the host adds to its policy the
   * Auto Scaling service-linked role, or in mode "instance" the account's principals through EC2 only) or the ARN of
   * a key managed elsewhere. A key given by ARN must already let
   * `arn:<partition>:iam::<account>:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`
   * (mode "autoscaling") or the principal that launches the instance (mode "instance") use it (Encrypt, Decrypt,
   * ReEncrypt*, GenerateDataKey*, DescribeKey, and CreateGrant with `kms:GrantIsForAWSResource`), or no host launches.
   *
   * @default - a dedicated key for the host group, `alias/<service>/<id>-ebs`
   * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
   */
  readonly kmsKey?: ServiceKey | string;
  /**
   * Roles that administer the dedicated key without using it (ignored when `kmsKey` is given).
   *
   * @default [] (the account root administers it, without using it)
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Size of the gp3 root volume, in GiB (8–16384).
   *
   * @default 20
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * Device name of the AMI's root volume (`/dev/xvda` on Amazon Linux, `/dev/sda1` on Ubuntu and Windows).
   *
   * @default "/dev/xvda"
   */
  readonly rootDeviceName?: string;
  /**
   * The port the hosts serve on. It opens nothing by itself: it is the port of `callers.connections.allowTo(hosts)`
   * and `hosts.connections.allowDefaultPortFrom(callers)`.
   *
   * @default - none: callers name the port
   */
  readonly defaultPort?: Port;
  /**
   * Traffic the hosts admit, each from a named security group on a named port (or use `connections.allowFrom`).
   *
   * @default [] (no ingress)
   */
  readonly ingress?: HostIngress[];
  /**
   * Traffic the hosts may send besides HTTPS to the VPC endpoints and the S3 gateway endpoint (or use
   * `connections.allowTo`).
   *
   * @default []
   */
  readonly egress?: HostEgress[];
  /**
   * Allow HTTPS (TCP 443) to the S3 gateway endpoint's prefix list, which SSM agent updates and ECR image layers need.
   *
   * @default true
   */
  readonly s3GatewayEgress?: boolean;
  /**
   * Allow HTTPS (TCP 443) to 0.0.0.0/0. Only for hosts in the private tier of a network with NAT gateways;
   * anything else throws. Zero-trust hosts reach AWS through VPC endpoints; turn this on only for a named
   * external dependency that has no private path, and prefer `egress` to its address ranges. The egress rule
   * records a suppression of ZT-NET-014 (security group egress to the internet) whose reason names this prop,
   * so every policy report shows the opening.
   *
   * @default false
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
   */
  readonly allowInternetEgress?: boolean;
  /**
   * User data, as plain text (encoded to base64 here). Never put secrets in it: anyone who can describe
   * the launch template reads it; fetch secrets from Secrets Manager at boot instead.
   *
   * @default - no user data
   */
  readonly userData?: string;
  /**
   * Extra tags for every resource of the host group; propagated to instances and volumes.
   * `zt:service` and `Name` are set by the construct.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}
