import { EnvironmentOverrides } from "../core/environment";
/** A subnet tier of a {@link SegmentedNetwork}. */
export type Tier = "public" | "private" | "isolated";

/** All tiers in layout order. */
export const TIERS: readonly Tier[] = ["public", "private", "isolated"];

/**
 * How the private tier reaches the internet.
 * - `"none"`: it does not.
 * - `"single"`: one NAT gateway in the first availability zone serves every private subnet.
 * - `"perAz"`: one NAT gateway per availability zone; each private subnet uses its own zone's.
 */
export type NatMode = "none" | "single" | "perAz";

/** Addressing of one tier's subnets. */
export interface SubnetTierOptions {
  /**
   * Prefix length of every subnet in the tier, from one more than the VPC prefix up to 28.
   * Cannot be combined with `cidrs`.
   *
   * @default - the largest size at which every tier without explicit addressing fits: the VPC is
   * cut into equal blocks, one aligned group of blocks per tier with room for the next power of two
   * of availability zones. Changing the tiers or the zone count can change this default, and with it
   * the subnet addresses; pin `subnetPrefix` for layouts that will grow.
   */
  readonly subnetPrefix?: number;

  /**
   * Explicit subnet CIDR blocks, one per availability zone in the order of `availabilityZones`.
   * Each must lie inside the VPC CIDR, be /28 or larger, and overlap no other subnet.
   * Cannot be combined with `subnetPrefix`.
   *
   * @default - derived from the VPC CIDR (see `subnetPrefix`)
   */
  readonly cidrs?: string[];
}

/** Addressing and switch of a tier that can be turned on or off. */
export interface OptionalTierOptions extends SubnetTierOptions {
  /**
   * Whether the tier exists.
   *
   * @default - false for the public tier, true for the isolated tier
   */
  readonly enabled?: boolean;
}

/** Tier settings of a {@link SegmentedNetwork}. */
export interface SegmentedNetworkTiers {
  /**
   * Subnets for internet-facing load balancers and NAT gateways only. Workloads never go here.
   *
   * @default - no public tier
   */
  readonly public?: OptionalTierOptions;

  /**
   * Subnets for workloads. Always present.
   *
   * @default - derived addressing
   */
  readonly private?: SubnetTierOptions;

  /**
   * Subnets for data stores. They have no route out of the VPC; only the private tier can reach
   * them, on `dataPorts`.
   *
   * @default - isolated tier enabled with derived addressing
   */
  readonly isolated?: OptionalTierOptions;
}

/**
 * An interface endpoint whose IAM action prefix is not in the built-in table,
 * e.g. `{ service: "monitoring", actionPrefix: "cloudwatch" }`.
 */
export interface CustomInterfaceEndpoint {
  /** Service name after `com.amazonaws.<region>.`, e.g. `"monitoring"`. */
  readonly service: string;
  /** IAM action prefix the endpoint policy allows, e.g. `"cloudwatch"` for `cloudwatch:*`. */
  readonly actionPrefix: string;
}

/** A known service name from {@link KNOWN_INTERFACE_ENDPOINT_PREFIXES}, or a custom mapping. */
export type InterfaceEndpointSpec = string | CustomInterfaceEndpoint;

/** Properties of a {@link SegmentedNetwork}. */
export interface SegmentedNetworkProps extends EnvironmentOverrides {
  /**
   * Prefix for Name tags and derived resource names. A DNS label of at most 32 characters:
   * lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.
   */
  readonly name: string;

  /**
   * IPv4 CIDR block of the VPC, prefix /16 to /24, e.g. `"10.20.0.0/16"`.
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
   */
  readonly cidr: string;

  /**
   * Availability zone names, 2 to 6 distinct zones of `region`, e.g. `["eu-west-1a", "eu-west-1b"]`.
   * Every tier gets one subnet per zone, in this order.
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html
   */
  readonly availabilityZones: string[];

  /**
   * Which tiers exist and how they are addressed.
   *
   * @default - private and isolated tiers with derived addressing, no public tier
   */
  readonly tiers?: SegmentedNetworkTiers;

  /**
   * NAT gateways for outbound internet access from the private tier. Anything but `"none"` needs the public tier.
   *
   * @default "none"
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
   */
  readonly natGateways?: NatMode;

  /**
   * TCP ports on which the private tier may open connections to the isolated tier.
   *
   * @default [5432, 3306, 6379, 443]
   */
  readonly dataPorts?: number[];

  /**
   * TCP ports the private tier may reach on the internet through NAT. Only valid with NAT gateways.
   *
   * @default [443]
   */
  readonly internetEgressPorts?: number[];

  /**
   * Admit plain HTTP (TCP 80) from the internet into the public tier, e.g. for redirect listeners.
   * Only valid with the public tier.
   *
   * @default false
   */
  readonly allowHttpIngress?: boolean;

  /**
   * Add the NACL rules the S3 and DynamoDB gateway endpoints need in the private and isolated tiers:
   * egress TCP 443 to 0.0.0.0/0 and ingress of TCP return traffic on ephemeral ports from 0.0.0.0/0.
   * A NACL cannot name the AWS-managed prefix lists those endpoints route to, so the rules use 0.0.0.0/0;
   * in the isolated tier a deny rule for the VPC CIDR comes first, so the rules only admit addresses
   * outside the VPC (the endpoints' service ranges, the only outside addresses the isolated tier routes to)
   * and no other tier reaches the isolated tier through them. Set false to keep gateway endpoint traffic
   * out of those tiers entirely.
   *
   * @default true
   */
  readonly gatewayEndpointNaclRules?: boolean;

  /**
   * Who the interface endpoints' security group admits on TCP 443. `"security-groups"`: only workload groups admitted
   * one by one with `allowEndpointAccessFrom` (HardenedHost and ServicePlatform do this for their hosts), so a
   * workload reaches AWS APIs only when its group is named. `"subnets"`: also every private and isolated subnet's CIDR,
   * for workloads whose security groups are not managed here; anything in those subnets then reaches the endpoints.
   *
   * @default "security-groups"
   */
  readonly endpointAccess?: "security-groups" | "subnets";

  /**
   * Interface endpoints placed in the private tier, by service name after `com.amazonaws.<region>.`.
   * `s3` and `dynamodb` are served by gateway endpoints and cannot be listed. An empty list creates
   * no interface endpoints and no endpoint security group.
   *
   * @default ["sts", "kms", "secretsmanager", "logs", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr"]
   * @see https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html
   */
  readonly interfaceEndpoints?: InterfaceEndpointSpec[];

  /**
   * Retention of the VPC flow log group, in days; one of the values CloudWatch Logs accepts.
   *
   * @default 365
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-cwl.html
   */
  readonly flowLogRetentionDays?: number;

  /**
   * Most rules allowed in each direction of each NACL. AWS allows 20 unless the
   * "Rules per network ACL" quota was raised (40 at most).
   *
   * @default 20
   */
  readonly naclRuleLimit?: number;

  /**
   * Extra tags for every taggable resource. The keys `Name`, `zt:tier` and `managed-by` are set by the
   * construct and cannot be given here.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}
