import { Construct, IConstruct } from "constructs";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { EnvironmentOverrides, resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource, sourceOf } from "../core/errors";
import { Port } from "../core/port";
import { isToken } from "../core/validate";
import { parseCidr } from "./cidr";
import { GatewayEndpointService } from "./endpoint-services";
import { TIERS, Tier } from "./props";

/** A gateway endpoint as hosts name it in their egress rules. */
export interface GatewayEndpointRef {
  /** Id of the endpoint. */
  readonly id: string;
  /** Managed prefix list of the service the endpoint routes to. */
  readonly prefixListId: string;
}

/** An interface endpoint as resource policies name it. */
export interface InterfaceEndpointRef {
  /** Id of the endpoint (`vpce-...`). */
  readonly id: string;
}

/**
 * A VPC as other constructs consume it: subnets by tier, its endpoints, and the account and region it is in.
 * Implemented by `SegmentedNetwork` and by networks imported with `SegmentedNetwork.fromNetworkAttributes`.
 */
export interface INetwork extends IConstruct {
  /** Id of the VPC. */
  readonly vpcId: string;
  /** CIDR block of the VPC. */
  readonly vpcCidr: string;
  /** Account of the VPC. */
  readonly accountId: string;
  /** Region of the VPC. */
  readonly region: string;
  /** Whether the private tier reaches the internet through NAT. */
  readonly hasNat: boolean;
  /** Security group of the interface endpoints; undefined when there are none. */
  readonly endpointSecurityGroupId?: string;
  /** True when the network's resources are managed by these constructs (false for an imported network). */
  readonly managed: boolean;
  /** Whether the tier exists in this network. */
  hasTier(tier: Tier): boolean;
  /** Subnet ids of a tier; throws a ValidationError when the tier does not exist. */
  subnetIds(tier: Tier): string[];
  /**
   * Subnet CIDR blocks of a tier (the address blocks of its hosts, for layers that name addresses such as Kubernetes
   * NetworkPolicies); undefined when they are not known (an imported network given no `subnetCidrs`).
   */
  tierCidrs(tier: Tier): string[] | undefined;
  /** The gateway endpoint of `s3` or `dynamodb`; throws a ValidationError when there is none. */
  gatewayEndpoint(service: GatewayEndpointService): GatewayEndpointRef;
  /** The interface endpoint of a service, or undefined when the service has none. */
  interfaceEndpoint(service: string): InterfaceEndpointRef | undefined;
  /**
   * Admits TCP 443 from a workload security group to the interface endpoints. Returns undefined, adding nothing,
   * when the endpoints' security group is not managed here (its rules must already admit the workload).
   */
  allowEndpointAccessFrom(securityGroupId: string, description?: string): VpcSecurityGroupIngressRule | undefined;
  /**
   * Why the network ACLs keep traffic on `port` from hosts in tier `from` from reaching tier `to` (or the internet),
   * or undefined when they let it through. An imported network's ACLs are not known here: it returns undefined.
   */
  tierPathProblem(from: Tier, to: Tier | "internet", port: Port): string | undefined;
}

/** Attributes of an existing VPC for `SegmentedNetwork.fromNetworkAttributes`. */
export interface NetworkAttributes extends EnvironmentOverrides {
  /**
   * Id of the VPC.
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/configure-your-vpc.html
   */
  readonly vpcId: string;
  /** CIDR block of the VPC, e.g. `10.30.0.0/16`. */
  readonly vpcCidr: string;
  /**
   * Subnet ids by tier, one per availability zone. Workloads go to `private` (or `isolated`), never `public`.
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html
   */
  readonly subnetIds: Partial<Record<Tier, string[]>>;
  /**
   * Subnet CIDR blocks by tier, e.g. `{ private: ["10.30.0.0/20", "10.30.16.0/20"] }`; needed when pods call hosts of
   * the tier (their NetworkPolicies name the tier's blocks).
   *
   * @default {} (unknown)
   */
  readonly subnetCidrs?: Partial<Record<Tier, string[]>>;
  /**
   * Whether the private subnets route to the internet through NAT gateways.
   *
   * @default false
   */
  readonly hasNat?: boolean;
  /**
   * Security group of the VPC's interface endpoints. Its rules must already admit TCP 443 from the workloads:
   * an imported group is never changed.
   * @default - no interface endpoints: workloads get no egress rule to them
   * @see https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
   */
  readonly endpointSecurityGroupId?: string;
  /**
   * Interface endpoint ids by service name, e.g. `{ secretsmanager: "vpce-0123..." }`.
   *
   * @default {}
   */
  readonly interfaceEndpointIds?: Readonly<Record<string, string>>;
  /**
   * Gateway endpoints by service, with their prefix lists, e.g. `{ s3: { id: "vpce-...", prefixListId: "pl-..." } }`.
   *
   * @default {} (hosts then need `s3GatewayEgress: false`)
   * @see https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
   */
  readonly gatewayEndpoints?: Partial<Record<GatewayEndpointService, GatewayEndpointRef>>;
}

const KIND = "SegmentedNetwork";

function checkAttributes(source: ErrorSource, attrs: NetworkAttributes): void {
  if (!isToken(attrs.vpcId) && !/^vpc-[0-9a-f]+$/.test(attrs.vpcId)) {
    throw new ValidationError(source, "vpcId", `vpcId "${attrs.vpcId}" is not a VPC id; pass the id of the existing VPC (vpc-...).`);
  }
  if (!isToken(attrs.vpcCidr) && !parseCidr(attrs.vpcCidr).ok) {
    throw new ValidationError(source, "vpcCidr", `vpcCidr "${attrs.vpcCidr}" is not an IPv4 CIDR block; pass the VPC's block, e.g. "10.30.0.0/16".`);
  }
  for (const [tier, ids] of Object.entries(attrs.subnetIds ?? {})) {
    if (!TIERS.includes(tier as Tier)) {
      throw new ValidationError(source, "subnetIds", `subnetIds has tier "${tier}"; use ${TIERS.map((t) => `"${t}"`).join(", ")}.`);
    }
    for (const id of ids ?? []) {
      if (!isToken(id) && !/^subnet-[0-9a-f]+$/.test(id)) {
        throw new ValidationError(source, "subnetIds", `subnetIds.${tier} entry "${id}" is not a subnet id; pass the ids of the existing subnets (subnet-...).`);
      }
    }
  }
  for (const [tier, cidrs] of Object.entries(attrs.subnetCidrs ?? {})) {
    if (!TIERS.includes(tier as Tier)) {
      throw new ValidationError(source, "subnetCidrs", `subnetCidrs has tier "${tier}"; use ${TIERS.map((t) => `"${t}"`).join(", ")}.`);
    }
    for (const cidr of cidrs ?? []) {
      if (!isToken(cidr) && !parseCidr(cidr).ok) {
        throw new ValidationError(source, "subnetCidrs", `subnetCidrs.${tier} entry "${cidr}" is not an IPv4 CIDR block; pass the subnets' blocks, e.g. "10.30.0.0/20".`);
      }
    }
  }
  const sg = attrs.endpointSecurityGroupId;
  if (sg !== undefined && !isToken(sg) && !/^sg-[0-9a-f]+$/.test(sg)) {
    throw new ValidationError(source, "endpointSecurityGroupId", `endpointSecurityGroupId "${sg}" is not a security group id; pass the id of the endpoints' group (sg-...).`);
  }
}

/**
 * An existing VPC: read, never modified. These constructs cannot guarantee of it what `SegmentedNetwork`
 * guarantees of its own: its NACLs, routes, flow logs, endpoint policies and the rules of its endpoint security
 * group are whatever they are; hosts placed in it still get their own security group and egress rules.
 */
export class ImportedNetwork extends Construct implements INetwork {
  /** Id of the VPC. */
  readonly vpcId: string;
  /** CIDR block of the VPC. */
  readonly vpcCidr: string;
  /** Account of the VPC. */
  readonly accountId: string;
  /** Region of the VPC. */
  readonly region: string;
  /** Whether the private subnets route through NAT. */
  readonly hasNat: boolean;
  /** Security group of the interface endpoints, when given. */
  readonly endpointSecurityGroupId?: string;
  /** False: nothing of the network is managed here. */
  readonly managed = false;
  private readonly attrs: NetworkAttributes;

  /** Reads the attributes of an existing VPC; creates nothing. */
  constructor(scope: Construct, id: string, attrs: NetworkAttributes) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    checkAttributes(source, attrs);
    const env = resolveEnvironment(scope, source, attrs);
    this.attrs = attrs;
    this.vpcId = attrs.vpcId;
    this.vpcCidr = attrs.vpcCidr;
    this.accountId = env.accountId;
    this.region = env.region;
    this.hasNat = attrs.hasNat ?? false;
    this.endpointSecurityGroupId = attrs.endpointSecurityGroupId;
  }

  /** Whether subnets of the tier were given. */
  hasTier(tier: Tier): boolean {
    return (this.attrs.subnetIds[tier] ?? []).length > 0;
  }

  /** Subnet ids of the tier, as given. */
  subnetIds(tier: Tier): string[] {
    if (!this.hasTier(tier)) {
      throw new ValidationError(sourceOf(KIND, this), "subnetIds", `has no ${tier} subnets; pass them in subnetIds.${tier}.`);
    }
    return [...this.attrs.subnetIds[tier]!];
  }

  /** Subnet CIDR blocks of the tier, as given; undefined when none were. */
  tierCidrs(tier: Tier): string[] | undefined {
    const cidrs = this.attrs.subnetCidrs?.[tier];
    return cidrs === undefined || cidrs.length === 0 ? undefined : [...cidrs];
  }

  /** The gateway endpoint of the service, as given. */
  gatewayEndpoint(service: GatewayEndpointService): GatewayEndpointRef {
    const endpoint = this.attrs.gatewayEndpoints?.[service];
    if (endpoint === undefined) {
      throw new ValidationError(sourceOf(KIND, this), "gatewayEndpoints", `has no ${service} gateway endpoint; pass gatewayEndpoints.${service} with its id and prefix list id.`);
    }
    return endpoint;
  }

  /** The interface endpoint of the service, when its id was given. */
  interfaceEndpoint(service: string): InterfaceEndpointRef | undefined {
    const id = this.attrs.interfaceEndpointIds?.[service];
    return id === undefined ? undefined : { id };
  }

  /** Adds nothing: the imported endpoint security group is never changed. */
  tierPathProblem(): undefined {
    return undefined;
  }

  allowEndpointAccessFrom(): undefined {
    return undefined;
  }
}
