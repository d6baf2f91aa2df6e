import { Construct } from "constructs";
import { DefaultNetworkAcl } from "@cdktf/provider-aws/lib/default-network-acl";
import { DefaultRouteTable } from "@cdktf/provider-aws/lib/default-route-table";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Partition, resolveEnvironment } from "../core/environment";
import { ValidationError, errorSource, sourceOf } from "../core/errors";
import { Port } from "../core/port";
import { GatewayEndpointService } from "./endpoint-services";
import { VpcEndpoints } from "./endpoints";
import { VpcFlowLogs } from "./flow-logs";
import { TierNetworkAcl } from "./nacl";
import { TierNaclRules, naclRuleLimitProblem, tierNaclRules } from "./nacl-rules";
import { NatMode, SegmentedNetworkProps, Tier } from "./props";
import { resourceTags } from "./tags";
import { INetwork, ImportedNetwork, NetworkAttributes } from "./network";
import { NetworkConfig, configError, resolveNetworkConfig } from "./validation";

interface TierResources {
  readonly cidrs: string[];
  readonly subnets: Subnet[];
  readonly routeTables: RouteTable[];
  readonly networkAcl: TierNetworkAcl;
}

/**
 * A VPC split into tiers with zero-trust defaults:
 *
 * - `public` (optional) holds only load balancers and NAT gateways; `private` holds workloads;
 *   `isolated` (on by default) holds data stores and has no route out of the VPC.
 * - One subnet, route table and NACL association per tier and availability zone; one NACL per tier
 *   with explicit allow rules; the default NACL, security group and route table are adopted and emptied.
 * - No subnet assigns public IPs. Internet ingress reaches the public tier on 443 only (80 on request).
 * - Flow logs of all traffic go to a KMS-encrypted log group; S3 and DynamoDB are reached through
 *   gateway endpoints, other AWS APIs through interface endpoints, all limited to this account's principals
 *   (S3, DynamoDB, KMS and Secrets Manager also to this account's resources, besides the AWS-owned buckets
 *   hosts read; see `AWS_OWNED_BUCKETS`).
 * - The isolated tier's NACL denies the rest of the VPC before the rules that admit gateway endpoint traffic.
 *
 * Invalid properties throw a ValidationError at construction time with a message naming the property and the fix.
 * Account and region come from the stack's `StackEnvironment` (or the props).
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html
 */
export class SegmentedNetwork extends Construct implements INetwork {
  /**
   * An existing VPC, to place hosts and bind secrets in without managing it. Nothing is created and nothing of the
   * VPC is modified (see {@link ImportedNetwork} for what cannot be guaranteed about it).
   */
  public static fromNetworkAttributes(scope: Construct, id: string, attrs: NetworkAttributes): INetwork {
    return new ImportedNetwork(scope, id, attrs);
  }

  private readonly vpc: Vpc;
  /** Id of the VPC. */
  public readonly vpcId: string;
  /** CIDR block of the VPC, normalized. */
  public readonly vpcCidr: string;
  /** Name prefix of the network's resources. */
  public readonly name: string;
  /** Region of the VPC. */
  public readonly region: string;
  /** Account that owns the VPC. */
  public readonly accountId: string;
  /** ARN partition of the region (`aws` or `aws-us-gov`). */
  public readonly partition: Partition;
  /** True: the network's resources are managed here. */
  public readonly managed = true;
  /** Availability zones, in the order subnets were laid out. */
  public readonly availabilityZones: string[];
  /** Enabled tiers, in layout order. */
  public readonly tiers: Tier[];
  /** NAT mode of the private tier. */
  public readonly natMode: NatMode;
  /** Whether the private tier reaches the internet through NAT. */
  public readonly hasNat: boolean;
  /** TCP ports the private tier may open on the isolated tier (empty without an isolated tier). */
  public readonly dataPorts: number[];
  /** TCP ports the private tier may reach on the internet through NAT (empty without NAT). */
  public readonly internetEgressPorts: number[];
  /** Id of the internet gateway; present only with the public tier. */
  public readonly internetGatewayId?: string;
  /** Ids of the NAT gateways: none, one, or one per availability zone. */
  public readonly natGatewayIds: string[];
  /** ARN of the KMS key encrypting the flow log group. */
  public readonly flowLogKeyArn: string;
  /** Name of the CloudWatch log group receiving the flow logs. */
  public readonly flowLogGroupName: string;
  /** The VPC endpoints; their interface endpoints are connectable (`hosts.connections.allowTo(network.endpoints)`). */
  public readonly endpoints: VpcEndpoints;
  /** Id of the interface endpoints' security group; undefined when `interfaceEndpoints` is empty. */
  public readonly endpointSecurityGroupId?: string;
  /** Services with an interface endpoint, e.g. `["sts", "ecr.api"]`. */
  public readonly interfaceEndpointServices: string[];
  private readonly natGateways: NatGateway[];

  private readonly tierResources = new Map<Tier, TierResources>();

  constructor(scope: Construct, id: string, props: SegmentedNetworkProps) {
    const source = errorSource("SegmentedNetwork", scope, id);
    super(scope, id);
    const config = resolveNetworkConfig(source, props, resolveEnvironment(scope, source, props));
    const naclRules = tierNaclRules(config);
    const ruleProblem = naclRuleLimitProblem(naclRules, config.naclRuleLimit);
    if (ruleProblem) {
      throw configError(
        source,
        "naclRuleLimit",
        ruleProblem,
        'declare fewer dataPorts or internetEgressPorts, use tier cidrs that summarize into fewer blocks, or raise the "Rules per network ACL" quota and naclRuleLimit',
      );
    }

    this.name = config.name;
    this.region = config.region;
    this.accountId = config.accountId;
    this.partition = config.partition;
    this.vpcCidr = config.vpcCidr;
    this.availabilityZones = [...config.availabilityZones];
    this.tiers = [...config.tiers];
    this.natMode = config.natMode;
    this.hasNat = config.natMode !== "none";
    this.dataPorts = config.tiers.includes("isolated") ? [...config.dataPorts] : [];
    this.internetEgressPorts = [...config.internetEgressPorts];
    this.interfaceEndpointServices = config.interfaceEndpoints.map((endpoint) => endpoint.service);
    const tags = (name: string, tier?: Tier) => resourceTags(config.tags, name, tier);

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: config.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags(`${config.name}-vpc`),
    });
    this.vpcId = this.vpc.id;

    new DefaultNetworkAcl(this, "default-network-acl", {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      tags: tags(`${config.name}-default-unused`),
      // Subnets that fall back to the default NACL must not cause a diff; with no rules it denies everything.
      lifecycle: { ignoreChanges: ["subnet_ids"] },
    });
    new DefaultSecurityGroup(this, "default-security-group", {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: tags(`${config.name}-default-unused`),
    });
    new DefaultRouteTable(this, "default-route-table", {
      defaultRouteTableId: this.vpc.defaultRouteTableId,
      route: [],
      tags: tags(`${config.name}-default-unused`),
    });

    for (const tier of config.tiers) {
      this.tierResources.set(tier, this.createTier(config, tier, naclRules[tier]!));
    }

    this.natGateways = [];
    if (config.tiers.includes("public")) {
      const internetGateway = new InternetGateway(this, "internet-gateway", {
        vpcId: this.vpc.id,
        tags: tags(`${config.name}-igw`),
      });
      this.internetGatewayId = internetGateway.id;
      this.tierResources.get("public")!.routeTables.forEach((table, index) => {
        new Route(this, `public-default-route-${config.availabilityZones[index]}`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          gatewayId: internetGateway.id,
        });
      });
      const natZones = config.natMode === "perAz" ? config.availabilityZones : config.natMode === "single" ? config.availabilityZones.slice(0, 1) : [];
      for (const zone of natZones) {
        const zoneIndex = config.availabilityZones.indexOf(zone);
        const eip = new Eip(this, `nat-eip-${zone}`, {
          domain: "vpc",
          tags: tags(`${config.name}-nat-${zone}`),
          dependsOn: [internetGateway],
        });
        this.natGateways.push(
          new NatGateway(this, `nat-gateway-${zone}`, {
            allocationId: eip.id,
            subnetId: this.tierResources.get("public")!.subnets[zoneIndex].id,
            connectivityType: "public",
            tags: tags(`${config.name}-nat-${zone}`),
            dependsOn: [internetGateway],
          }),
        );
      }
      this.tierResources.get("private")!.routeTables.forEach((table, index) => {
        if (this.natGateways.length === 0) {
          return;
        }
        const natGateway = config.natMode === "perAz" ? this.natGateways[index] : this.natGateways[0];
        new Route(this, `private-nat-route-${config.availabilityZones[index]}`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: natGateway.id,
        });
      });
    }

    this.natGatewayIds = this.natGateways.map((gateway) => gateway.id);

    const flowLogs = new VpcFlowLogs(this, "flow-logs", {
      vpcId: this.vpc.id,
      name: config.name,
      env: config,
      retentionDays: config.flowLogRetentionDays,
      tags: config.tags,
    });
    this.flowLogKeyArn = flowLogs.key.arn;
    this.flowLogGroupName = flowLogs.logGroup.name;

    const internalTiers = config.tiers.filter((tier) => tier !== "public");
    this.endpoints = new VpcEndpoints(this, "endpoints", {
      vpcId: this.vpc.id,
      name: config.name,
      region: config.region,
      accountId: config.accountId,
      partition: config.partition,
      gatewayRouteTableIds: internalTiers.flatMap((tier) => this.routeTableIds(tier)),
      interfaceSubnetIds: this.subnetIds("private"),
      clientCidrs: config.endpointAccess === "subnets" ? internalTiers.flatMap((tier) => this.tierCidrs(tier)) : [],
      interfaceEndpoints: config.interfaceEndpoints,
      tags: config.tags,
    });
    this.endpointSecurityGroupId = this.endpoints.securityGroup?.id;
  }

  /** Whether the tier exists in this network. */
  public hasTier(tier: Tier): boolean {
    return this.tierResources.has(tier);
  }

  /** Subnet ids of a tier, one per availability zone in {@link availabilityZones} order. */
  public subnetIds(tier: Tier): string[] {
    return this.tier(tier).subnets.map((subnet) => subnet.id);
  }

  /** Subnet CIDR blocks of a tier, one per availability zone in {@link availabilityZones} order. */
  public tierCidrs(tier: Tier): string[] {
    return [...this.tier(tier).cidrs];
  }

  /** Route table ids of a tier, one per availability zone in {@link availabilityZones} order. */
  public routeTableIds(tier: Tier): string[] {
    return this.tier(tier).routeTables.map((table) => table.id);
  }

  /** Id of the NACL dedicated to a tier. */
  public networkAclId(tier: Tier): string {
    return this.tier(tier).networkAcl.networkAcl.id;
  }

  /** The gateway endpoint of `s3` or `dynamodb`. */
  public gatewayEndpoint(service: GatewayEndpointService): VpcEndpoint {
    return this.endpoints.gateway[service];
  }

  /** The interface endpoint of a service, or undefined when the service has none. */
  public interfaceEndpoint(service: string): VpcEndpoint | undefined {
    return this.endpoints.interface.get(service);
  }

  /**
   * Why the network ACLs keep traffic on `port` from hosts in tier `from` from reaching tier `to` (or the internet
   * through NAT), or undefined when they let it through. The private tier reaches itself on every port, the isolated
   * tier on its `dataPorts` (TCP), and the internet through NAT on `internetEgressPorts` (TCP); the isolated tier
   * starts no connection to another tier or the internet, and nothing inside the VPC starts one to the public tier.
   */
  public tierPathProblem(from: Tier, to: Tier | "internet", port: Port): string | undefined {
    const ports = port.fromPort === port.toPort ? `${port.protocol.toUpperCase()} ${port.fromPort}` : port.description;
    if (!this.hasTier(from)) return `the network has no ${from} tier`;
    if (to !== "internet" && !this.hasTier(to)) return `the network has no ${to} tier`;
    if (from === "public" || to === "public") return `services do not run in or call into the public tier; put the service in the private tier`;
    const within = (list: readonly number[]) => port.protocol === "tcp" && port.fromPort === port.toPort && list.includes(port.fromPort);
    if (to === "internet") {
      if (from !== "private") return `the ${from} tier has no route to the internet; run the service in the private tier`;
      if (!this.hasNat) return "the network has no NAT gateways; set natGateways on the network";
      if (!within(this.internetEgressPorts)) return `the private tier's network ACL lets only TCP ${this.internetEgressPorts.join(", ") || "(none)"} out to the internet, not ${ports}; add the port to the network's internetEgressPorts`;
      return undefined;
    }
    if (from === "private" && to === "private") return undefined;
    if (from === "private" && to === "isolated") {
      return within(this.dataPorts) ? undefined : `the isolated tier admits only TCP ${this.dataPorts.join(", ") || "(none)"} from the private tier, not ${ports}; add the port to the network's dataPorts`;
    }
    return `the ${from} tier starts no connection to the ${to} tier (its network ACLs let only responses out); run the caller in the private tier`;
  }

  /**
   * Admits TCP 443 from a workload security group to the interface endpoints
   * (an ingress rule referencing that group on {@link endpointSecurityGroup}).
   * Calling it twice with the same id returns the first rule.
   *
   * @throws when the network has no interface endpoints
   */
  public allowEndpointAccessFrom(securityGroupId: string, description?: string): VpcSecurityGroupIngressRule {
    return this.endpoints.allowAccessFrom(securityGroupId, description);
  }

  private tier(tier: Tier): TierResources {
    const resources = this.tierResources.get(tier);
    if (!resources) {
      throw new ValidationError(sourceOf("SegmentedNetwork", this), "tiers", `has no ${tier} tier; enable it in tiers.${tier} or check hasTier("${tier}") first.`);
    }
    return resources;
  }

  private createTier(config: NetworkConfig, tier: Tier, rules: TierNaclRules): TierResources {
    const cidrs = config.subnetCidrs[tier]!;
    const subnets: Subnet[] = [];
    const routeTables: RouteTable[] = [];
    const subnetIdsByZone = new Map<string, string>();
    config.availabilityZones.forEach((zone, index) => {
      const name = `${config.name}-${tier}-${zone}`;
      const subnet = new Subnet(this, `${tier}-subnet-${zone}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidrs[index],
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: resourceTags(config.tags, name, tier),
      });
      const routeTable = new RouteTable(this, `${tier}-route-table-${zone}`, {
        vpcId: this.vpc.id,
        tags: resourceTags(config.tags, name, tier),
      });
      new RouteTableAssociation(this, `${tier}-route-table-association-${zone}`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      subnets.push(subnet);
      routeTables.push(routeTable);
      subnetIdsByZone.set(zone, subnet.id);
    });
    const networkAcl = new TierNetworkAcl(this, `${tier}-nacl`, {
      vpcId: this.vpc.id,
      tier,
      rules,
      subnetIdsByZone,
      tags: resourceTags(config.tags, `${config.name}-${tier}`, tier),
    });
    return { cidrs: [...cidrs], subnets, routeTables, networkAcl };
  }
}
