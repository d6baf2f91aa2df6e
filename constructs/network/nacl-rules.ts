import { ADMIN_PORTS } from "../../policies/shared/ports";
import { Ipv4Cidr, formatCidr, parseCidr, summarizeCidrs } from "./cidr";
import { Tier } from "./props";
import type { NetworkConfig } from "./validation";

/** IANA protocol number for TCP as the NACL API stores it. */
export const PROTOCOL_TCP = "6";
/** NACL protocol value meaning every protocol. */
export const PROTOCOL_ALL = "-1";
/** Anywhere on IPv4. */
export const ANYWHERE = "0.0.0.0/0";

/**
 * Remote administration ports the policy pack looks for on rules open to the internet (SSH, Telnet, RDP, WinRM and
 * VNC): the list the rules use, so what the pack flags and what the ACLs keep closed stay one list.
 */
export const REMOTE_ADMIN_PORTS: readonly number[] = ADMIN_PORTS.map((p) => p.port);

/** Ephemeral port range used for return traffic from inside the VPC. */
export const EPHEMERAL_PORTS: readonly [number, number] = [1024, 65535];

/**
 * Ephemeral port ranges admitted from the internet. They skip every remote administration port the
 * policy pack looks for (RDP, VNC, WinRM; SSH and Telnet are below the range), so no rule ever admits
 * 0.0.0.0/0 to an administration port. A return packet addressed to one of those ports is dropped,
 * which only matters for the rare connection that picked it as its source port.
 */
export const INTERNET_EPHEMERAL_RANGES: readonly (readonly [number, number])[] = portRangesWithout(
  EPHEMERAL_PORTS,
  REMOTE_ADMIN_PORTS,
);

/** `range` split into the ranges that remain once every port of `holes` is left out. */
export function portRangesWithout(range: readonly [number, number], holes: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let from = range[0];
  for (const hole of [...new Set(holes)].sort((a, b) => a - b)) {
    if (hole < from || hole > range[1]) continue;
    if (hole > from) out.push([from, hole - 1]);
    from = hole + 1;
  }
  if (from <= range[1]) out.push([from, range[1]]);
  return out;
}

/** What a NACL rule does with the traffic it matches. */
export type NaclRuleAction = "allow" | "deny";

/** One numbered rule of a NACL. */
export interface NaclRuleSpec {
  /** Rule number; rules are evaluated from the lowest, and the first that matches decides. */
  readonly ruleNumber: number;
  /** Whether matching traffic is allowed or denied. */
  readonly action: NaclRuleAction;
  /** `"6"` (TCP) or `"-1"` (all protocols). */
  readonly protocol: string;
  /** Peer block: source for ingress, destination for egress. */
  readonly cidrBlock: string;
  /** First port (0 for all protocols). */
  readonly fromPort: number;
  /** Last port (0 for all protocols). */
  readonly toPort: number;
  /** What the rule is for. */
  readonly purpose: string;
}

/** Ingress and egress rules of one tier's NACL. */
export interface TierNaclRules {
  /** Rules for traffic entering the tier's subnets. */
  readonly ingress: NaclRuleSpec[];
  /** Rules for traffic leaving the tier's subnets. */
  readonly egress: NaclRuleSpec[];
}

interface Band {
  readonly purpose: string;
  readonly action: NaclRuleAction;
  readonly protocol: string;
  readonly cidrs: readonly string[];
  readonly ranges: readonly (readonly [number, number])[];
}

function numberBands(bands: readonly (Band | false)[]): NaclRuleSpec[] {
  const rules: NaclRuleSpec[] = [];
  bands.forEach((band, bandIndex) => {
    if (!band) {
      return;
    }
    let offset = 0;
    for (const cidrBlock of band.cidrs) {
      for (const [fromPort, toPort] of band.ranges) {
        rules.push({ ruleNumber: (bandIndex + 1) * 100 + offset, action: band.action, protocol: band.protocol, cidrBlock, fromPort, toPort, purpose: band.purpose });
        offset += 1;
      }
    }
  });
  return rules;
}

function summarized(cidrs: readonly string[] | undefined): string[] {
  const blocks = (cidrs ?? []).map((text) => {
    const parsed = parseCidr(text);
    if (!parsed.ok) {
      throw new Error(`invalid subnet CIDR ${text}`);
    }
    return parsed.cidr;
  });
  return summarizeCidrs(blocks as Ipv4Cidr[]).map(formatCidr);
}

const ALL_PORTS: readonly (readonly [number, number])[] = [[0, 0]];
const ports = (list: readonly number[]) => list.map((port) => [port, port] as const);
const unique = (list: readonly number[]) => [...new Set(list)];

/**
 * The NACL rules of every enabled tier. Rules are grouped in bands of 100 by purpose (band n
 * starts at n*100), so adding a data port renumbers only its own band.
 *
 * Gateway endpoint traffic reaches the private and isolated tiers from the public address ranges of
 * S3 and DynamoDB. A NACL cannot name the AWS-managed prefix lists of those ranges, and copying the
 * ranges into rules would go stale as AWS adds addresses (and would not fit the rule quota), so the
 * isolated tier admits them as "anywhere outside the VPC": a deny rule for the whole VPC CIDR comes
 * after the private tier's rules and before the 0.0.0.0/0 rules, in both directions. The public tier,
 * and any other address inside the VPC, never reaches the isolated tier, whatever its source port.
 * Only the gateway endpoints route outside traffic into the isolated tier's subnets.
 */
export function tierNaclRules(config: NetworkConfig): Partial<Record<Tier, TierNaclRules>> {
  const vpc = [config.vpcCidr];
  const publicCidrs = summarized(config.subnetCidrs.public);
  const privateCidrs = summarized(config.subnetCidrs.private);
  const isolatedCidrs = summarized(config.subnetCidrs.isolated);
  const hasPublic = config.tiers.includes("public");
  const hasIsolated = config.tiers.includes("isolated");
  const hasNat = config.natMode !== "none";
  const hasInterfaceEndpoints = config.interfaceEndpoints.length > 0;
  const gateway = config.gatewayEndpointNaclRules;
  const tcp = (purpose: string, cidrs: readonly string[], ranges: readonly (readonly [number, number])[]): Band => ({
    purpose,
    action: "allow",
    protocol: PROTOCOL_TCP,
    cidrs,
    ranges,
  });
  const all = (purpose: string, cidrs: readonly string[]): Band => ({ purpose, action: "allow", protocol: PROTOCOL_ALL, cidrs, ranges: ALL_PORTS });
  const denyAll = (purpose: string, cidrs: readonly string[]): Band => ({ purpose, action: "deny", protocol: PROTOCOL_ALL, cidrs, ranges: ALL_PORTS });
  const privateInternetPorts = unique([...config.internetEgressPorts, ...(gateway ? [443] : [])]);

  const rules: Partial<Record<Tier, TierNaclRules>> = {};
  if (hasPublic) {
    rules.public = {
      ingress: numberBands([
        tcp("HTTPS from the internet", [ANYWHERE], ports(config.allowHttpIngress ? [443, 80] : [443])),
        all("anything from inside the VPC", vpc),
        tcp("return traffic from the internet", [ANYWHERE], INTERNET_EPHEMERAL_RANGES),
      ]),
      egress: numberBands([
        all("anything to inside the VPC", vpc),
        tcp("responses to internet clients", [ANYWHERE], [EPHEMERAL_PORTS]),
        hasNat && tcp("NAT forwarding to the internet", [ANYWHERE], ports(config.internetEgressPorts)),
      ]),
    };
  }
  rules.private = {
    ingress: numberBands([
      all("anything from the private tier", privateCidrs),
      hasPublic && all("anything from the public tier", publicCidrs),
      hasIsolated && hasInterfaceEndpoints && tcp("isolated tier to interface endpoints", isolatedCidrs, ports([443])),
      tcp("return traffic from inside the VPC", vpc, [EPHEMERAL_PORTS]),
      (hasNat || gateway) && tcp("return traffic from NAT and gateway endpoints", [ANYWHERE], INTERNET_EPHEMERAL_RANGES),
    ]),
    egress: numberBands([
      all("anything to the private tier", privateCidrs),
      tcp("responses to inside the VPC", vpc, [EPHEMERAL_PORTS]),
      hasIsolated && tcp("data ports of the isolated tier", isolatedCidrs, ports(config.dataPorts)),
      privateInternetPorts.length > 0 && tcp("through NAT and gateway endpoints", [ANYWHERE], ports(privateInternetPorts)),
    ]),
  };
  if (hasIsolated) {
    rules.isolated = {
      ingress: numberBands([
        tcp("data ports from the private tier", privateCidrs, ports(config.dataPorts)),
        hasInterfaceEndpoints && tcp("responses from interface endpoints", privateCidrs, [EPHEMERAL_PORTS]),
        gateway && denyAll("nothing else from inside the VPC", vpc),
        gateway && tcp("return traffic from gateway endpoints", [ANYWHERE], INTERNET_EPHEMERAL_RANGES),
      ]),
      egress: numberBands([
        tcp("responses to the private tier", privateCidrs, [EPHEMERAL_PORTS]),
        hasInterfaceEndpoints && tcp("interface endpoints in the private tier", privateCidrs, ports([443])),
        gateway && denyAll("nothing else inside the VPC", vpc),
        gateway && tcp("gateway endpoints", [ANYWHERE], ports([443])),
      ]),
    };
  }
  return rules;
}

/** Describes the first NACL direction with more rules than `limit`, or undefined when all fit. */
export function naclRuleLimitProblem(rules: Partial<Record<Tier, TierNaclRules>>, limit: number): string | undefined {
  for (const [tier, tierRules] of Object.entries(rules) as [Tier, TierNaclRules][]) {
    for (const direction of ["ingress", "egress"] as const) {
      const count = tierRules[direction].length;
      if (count > limit) {
        return `the ${tier} tier's NACL needs ${count} ${direction} rules but naclRuleLimit is ${limit}`;
      }
    }
  }
  return undefined;
}
