import { IEnvironment, Partition } from "../core/environment";
import { ErrorSource, ValidationError } from "../core/errors";
import { formatCidr, parseCidr } from "./cidr";
import {
  DEFAULT_INTERFACE_ENDPOINTS,
  GATEWAY_ENDPOINT_SERVICES,
  KNOWN_INTERFACE_ENDPOINT_PREFIXES,
  ResolvedInterfaceEndpoint,
} from "./endpoint-services";
import { TierAddressing, layoutSubnets } from "./layout";
import { NatMode, SegmentedNetworkProps, TIERS, Tier } from "./props";

/** Default TCP ports from the private tier into the isolated tier. */
export const DEFAULT_DATA_PORTS: readonly number[] = [5432, 3306, 6379, 443];

/** Default TCP ports the private tier may reach on the internet through NAT. */
export const DEFAULT_INTERNET_EGRESS_PORTS: readonly number[] = [443];

/** Retention periods CloudWatch Logs accepts, in days (0 keeps events forever). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Tag keys the construct sets itself. */
export const RESERVED_TAG_KEYS: readonly string[] = ["Name", "zt:tier", "managed-by"];

const NAT_MODES: readonly NatMode[] = ["none", "single", "perAz"];
const NAME_PATTERN = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
const SERVICE_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;
const ACTION_PREFIX_PATTERN = /^[a-z0-9-]+$/;

/** Validated, defaulted settings of a SegmentedNetwork. */
export interface NetworkConfig extends IEnvironment {
  /** Name prefix of the network's resources. */
  readonly name: string;
  /** AWS region. */
  readonly region: string;
  /** Owning account id. */
  readonly accountId: string;
  /** ARN partition of the region. */
  readonly partition: Partition;
  /** Normalized VPC CIDR block. */
  readonly vpcCidr: string;
  /** Availability zones in layout order. */
  readonly availabilityZones: readonly string[];
  /** Enabled tiers in layout order. */
  readonly tiers: readonly Tier[];
  /** Subnet CIDR blocks of each enabled tier, one per availability zone. */
  readonly subnetCidrs: Readonly<Partial<Record<Tier, string[]>>>;
  /** NAT mode of the private tier. */
  readonly natMode: NatMode;
  /** TCP ports from the private into the isolated tier. */
  readonly dataPorts: readonly number[];
  /** TCP ports the private tier may reach on the internet (empty without NAT). */
  readonly internetEgressPorts: readonly number[];
  /** Whether the public tier admits TCP 80 from the internet. */
  readonly allowHttpIngress: boolean;
  /** Whether NACLs let private and isolated tiers use the gateway endpoints. */
  readonly gatewayEndpointNaclRules: boolean;
  /** Who the endpoint security group admits. */
  readonly endpointAccess: "security-groups" | "subnets";
  /** Interface endpoints with their IAM action prefixes. */
  readonly interfaceEndpoints: readonly ResolvedInterfaceEndpoint[];
  /** Flow log retention in days. */
  readonly flowLogRetentionDays: number;
  /** Most rules per NACL direction. */
  readonly naclRuleLimit: number;
  /** Extra tags for every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Builds the error thrown for invalid SegmentedNetwork properties: `problem; fix.` about `prop`. */
export function configError(source: ErrorSource, prop: string, problem: string, fix: string): ValidationError {
  return new ValidationError(source, prop, `${problem}; ${fix}.`);
}

function checkPorts(source: ErrorSource, prop: string, ports: readonly number[]): void {
  const seen = new Set<number>();
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw configError(source, prop, `${prop} contains ${port}`, "use TCP ports from 1 to 65535");
    }
    if (seen.has(port)) {
      throw configError(source, prop, `${prop} contains ${port} twice`, "list each port once");
    }
    seen.add(port);
  }
}

function checkZones(source: ErrorSource, region: string, zones: readonly string[]): void {
  if (zones.length < 2) {
    throw configError(source, "availabilityZones", `availabilityZones has ${zones.length} zone(s)`, "list at least 2 zones so every tier survives the loss of one");
  }
  if (zones.length > 6) {
    throw configError(source, "availabilityZones", `availabilityZones has ${zones.length} zones`, "list at most 6 zones");
  }
  const seen = new Set<string>();
  for (const zone of zones) {
    if (seen.has(zone)) {
      throw configError(source, "availabilityZones", `availabilityZones contains "${zone}" twice`, "list each zone once");
    }
    seen.add(zone);
    if (!new RegExp(`^${region}[a-z]$`).test(zone)) {
      throw configError(source, "availabilityZones", `availabilityZones entry "${zone}" is not a zone of region "${region}"`,
        `use zone names of that region, like "${region}a"`,
      );
    }
  }
}

function resolveEndpoints(source: ErrorSource, props: SegmentedNetworkProps): ResolvedInterfaceEndpoint[] {
  const specs = props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
  const seen = new Set<string>();
  return specs.map((spec) => {
    const service = typeof spec === "string" ? spec : spec.service;
    if (!SERVICE_PATTERN.test(service)) {
      throw configError(source, "interfaceEndpoints", `interfaceEndpoints entry "${service}" is not a service name`, 'use the part after "com.amazonaws.<region>.", like "ecr.api"');
    }
    if ((GATEWAY_ENDPOINT_SERVICES as readonly string[]).includes(service)) {
      throw configError(source, "interfaceEndpoints", `interfaceEndpoints contains "${service}"`, "remove it; s3 and dynamodb are always served by gateway endpoints");
    }
    if (seen.has(service)) {
      throw configError(source, "interfaceEndpoints", `interfaceEndpoints contains "${service}" twice`, "list each service once");
    }
    seen.add(service);
    if (typeof spec !== "string") {
      if (!ACTION_PREFIX_PATTERN.test(spec.actionPrefix)) {
        throw configError(source, "interfaceEndpoints", `interfaceEndpoints entry "${service}" has actionPrefix "${spec.actionPrefix}"`, 'use a bare IAM service prefix like "cloudwatch"');
      }
      return { service, actionPrefix: spec.actionPrefix };
    }
    const actionPrefix = KNOWN_INTERFACE_ENDPOINT_PREFIXES[service];
    if (actionPrefix === undefined) {
      throw configError(source, "interfaceEndpoints", `interfaceEndpoints entry "${service}" has no known IAM action prefix`,
        `pass { service: "${service}", actionPrefix: "<iam prefix>" } instead`,
      );
    }
    return { service, actionPrefix };
  });
}

function tierAddressing(source: ErrorSource, props: SegmentedNetworkProps): TierAddressing[] {
  const tiers = props.tiers ?? {};
  const enabled: Record<Tier, boolean> = {
    public: tiers.public?.enabled ?? false,
    private: true,
    isolated: tiers.isolated?.enabled ?? true,
  };
  for (const tier of ["public", "isolated"] as const) {
    const options = tiers[tier];
    if (!enabled[tier] && options && (options.subnetPrefix !== undefined || options.cidrs !== undefined)) {
      throw configError(source, `tiers.${tier}`, `tiers.${tier} sets addressing but the tier is disabled`, `set tiers.${tier}.enabled to true or remove the addressing`);
    }
  }
  return TIERS.filter((tier) => enabled[tier]).map((tier) => ({
    tier,
    subnetPrefix: tiers[tier]?.subnetPrefix,
    cidrs: tiers[tier]?.cidrs,
  }));
}

/**
 * Checks every property and fills in defaults for a network in `env`; throws a ValidationError naming the property
 * and the fix.
 */
export function resolveNetworkConfig(source: ErrorSource, props: SegmentedNetworkProps, env: IEnvironment): NetworkConfig {
  if (!NAME_PATTERN.test(props.name)) {
    throw configError(source, "name", `name "${props.name}" is not a DNS label of at most 32 characters`,
      "use lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
    );
  }
  if (env.partition === "aws-cn" || env.region.includes("-iso")) {
    throw configError(source, "region", `region "${env.region}" is in a partition this construct does not support`, "use a commercial or GovCloud (US) region");
  }
  const parsed = parseCidr(props.cidr);
  if (!parsed.ok) {
    throw configError(source, "cidr", `cidr "${props.cidr}" ${parsed.reason}`, 'use a block like "10.0.0.0/16"');
  }
  if (parsed.cidr.prefix < 16 || parsed.cidr.prefix > 24) {
    throw configError(source, "cidr", `cidr "${props.cidr}" has prefix /${parsed.cidr.prefix}`, "use a prefix from /16 to /24, the sizes AWS allows for a VPC");
  }
  checkZones(source, env.region, props.availabilityZones);

  if (props.endpointAccess !== undefined && props.endpointAccess !== "security-groups" && props.endpointAccess !== "subnets") {
    throw configError(source, "endpointAccess", `endpointAccess is ${JSON.stringify(props.endpointAccess)}`, 'use "security-groups" or "subnets"');
  }
  const natMode = props.natGateways ?? "none";
  if (!NAT_MODES.includes(natMode)) {
    throw configError(source, "natGateways", `natGateways is "${natMode}"`, 'use "none", "single" or "perAz"');
  }
  const addressing = tierAddressing(source, props);
  const tiers = addressing.map((entry) => entry.tier);
  const hasPublic = tiers.includes("public");
  if (natMode !== "none" && !hasPublic) {
    throw configError(source, "natGateways", `natGateways "${natMode}" needs the public tier`, 'set tiers.public.enabled to true or natGateways to "none"');
  }
  if (props.allowHttpIngress && !hasPublic) {
    throw configError(source, "allowHttpIngress", "allowHttpIngress needs the public tier", "set tiers.public.enabled to true or remove allowHttpIngress");
  }
  if (props.internetEgressPorts !== undefined && natMode === "none") {
    throw configError(source, "internetEgressPorts", "internetEgressPorts is set but there are no NAT gateways", 'set natGateways to "single" or "perAz", or remove internetEgressPorts');
  }
  if (props.dataPorts !== undefined && !tiers.includes("isolated")) {
    throw configError(source, "dataPorts", "dataPorts is set but the isolated tier is disabled", "enable the isolated tier or remove dataPorts");
  }
  const dataPorts = props.dataPorts ?? DEFAULT_DATA_PORTS;
  checkPorts(source, "dataPorts", dataPorts);
  const internetEgressPorts = natMode === "none" ? [] : (props.internetEgressPorts ?? DEFAULT_INTERNET_EGRESS_PORTS);
  checkPorts(source, "internetEgressPorts", internetEgressPorts);

  const flowLogRetentionDays = props.flowLogRetentionDays ?? 365;
  if (!LOG_RETENTION_DAYS.includes(flowLogRetentionDays)) {
    throw configError(source, "flowLogRetentionDays", `flowLogRetentionDays is ${flowLogRetentionDays}`, `use one of the values CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  const naclRuleLimit = props.naclRuleLimit ?? 20;
  if (!Number.isInteger(naclRuleLimit) || naclRuleLimit < 1 || naclRuleLimit > 40) {
    throw configError(source, "naclRuleLimit", `naclRuleLimit is ${naclRuleLimit}`, "use an integer from 1 to 40, the most AWS allows per NACL direction");
  }
  const tags = props.tags ?? {};
  for (const key of Object.keys(tags)) {
    if (RESERVED_TAG_KEYS.includes(key) || key.startsWith("aws:")) {
      throw configError(source, "tags", `tags sets the reserved key "${key}"`, `remove it; ${RESERVED_TAG_KEYS.join(", ")} are set by the construct and aws: keys belong to AWS`);
    }
  }
  const interfaceEndpoints = resolveEndpoints(source, props);

  const layout = layoutSubnets(parsed.cidr, props.availabilityZones.length, addressing);
  if (!layout.ok) {
    throw configError(source, layout.prop, layout.problem, layout.fix);
  }

  return {
    name: props.name,
    arnPrefix: env.arnPrefix,
    dnsSuffix: env.dnsSuffix,
    region: env.region,
    accountId: env.accountId,
    partition: env.partition,
    vpcCidr: formatCidr(parsed.cidr),
    availabilityZones: [...props.availabilityZones],
    tiers,
    subnetCidrs: layout.subnets,
    natMode,
    dataPorts: [...dataPorts],
    internetEgressPorts: [...internetEgressPorts],
    allowHttpIngress: props.allowHttpIngress ?? false,
    gatewayEndpointNaclRules: props.gatewayEndpointNaclRules ?? true,
    endpointAccess: props.endpointAccess ?? "security-groups",
    interfaceEndpoints,
    flowLogRetentionDays,
    naclRuleLimit,
    tags: { ...tags },
  };
}
