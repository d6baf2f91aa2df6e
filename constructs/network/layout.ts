import {
  Ipv4Cidr,
  allocateBlocks,
  blockSize,
  cidrContains,
  cidrsOverlap,
  formatCidr,
  nextPowerOfTwo,
  parseCidr,
  splitBlock,
} from "./cidr";
import { Tier } from "./props";

/** Smallest subnet AWS accepts. */
export const MIN_SUBNET_PREFIX = 28;

/** How one enabled tier asks to be addressed. */
export interface TierAddressing {
  /** The tier. */
  readonly tier: Tier;
  /**
   * Fixed subnet prefix, if pinned.
   *
   * @default - the largest size that fits, shared with the other tiers without one
   */
  readonly subnetPrefix?: number;
  /**
   * Explicit subnet blocks, if given.
   *
   * @default - laid out from the VPC block
   */
  readonly cidrs?: readonly string[];
}

/** Subnet blocks per tier, one per availability zone, or the reason no layout exists. */
export type LayoutResult =
  | { readonly ok: true; readonly subnets: Partial<Record<Tier, string[]>> }
  | { readonly ok: false; readonly prop: string; readonly problem: string; readonly fix: string };

function problem(prop: string, text: string, fix: string): LayoutResult {
  return { ok: false, prop, problem: text, fix };
}

/**
 * Lays out one subnet per availability zone for each tier inside `vpc`.
 *
 * Explicit `cidrs` are checked and kept. Every other tier gets an aligned group of
 * `nextPowerOfTwo(zoneCount)` equal blocks, so a tier's subnets summarize to few CIDRs and a zone
 * can be added later without moving the others. Tiers without `subnetPrefix` share the largest
 * size that fits; when no size fits in groups, the subnets are packed without the spare room.
 * The same input always gives the same layout.
 */
export function layoutSubnets(vpc: Ipv4Cidr, zoneCount: number, tiers: readonly TierAddressing[]): LayoutResult {
  const subnets: Partial<Record<Tier, string[]>> = {};
  const explicit: { tier: Tier; block: Ipv4Cidr; text: string }[] = [];
  const minPrefix = vpc.prefix + 1;

  for (const tier of tiers) {
    if (tier.cidrs !== undefined && tier.subnetPrefix !== undefined) {
      return problem(`tiers.${tier.tier}`, `tiers.${tier.tier} sets both subnetPrefix and cidrs`, "set only one of them");
    }
    if (tier.subnetPrefix !== undefined) {
      const prefix = tier.subnetPrefix;
      if (!Number.isInteger(prefix) || prefix < minPrefix || prefix > MIN_SUBNET_PREFIX) {
        return problem(
          `tiers.${tier.tier}.subnetPrefix`,
          `tiers.${tier.tier}.subnetPrefix is ${prefix}`,
          `use an integer from ${minPrefix} (half of the VPC /${vpc.prefix}) to ${MIN_SUBNET_PREFIX} (the smallest subnet AWS allows)`,
        );
      }
    }
    if (tier.cidrs !== undefined) {
      if (tier.cidrs.length !== zoneCount) {
        return problem(
          `tiers.${tier.tier}.cidrs`,
          `tiers.${tier.tier}.cidrs has ${tier.cidrs.length} entries for ${zoneCount} availability zones`,
          "give exactly one CIDR block per availability zone, in the same order",
        );
      }
      const blocks: string[] = [];
      for (const text of tier.cidrs) {
        const parsed = parseCidr(text);
        if (!parsed.ok) {
          return problem(`tiers.${tier.tier}.cidrs`, `tiers.${tier.tier}.cidrs entry "${text}" ${parsed.reason}`, "use a block like \"10.0.1.0/24\"");
        }
        if (parsed.cidr.prefix > MIN_SUBNET_PREFIX) {
          return problem(
            `tiers.${tier.tier}.cidrs`,
            `tiers.${tier.tier}.cidrs entry "${text}" is smaller than /${MIN_SUBNET_PREFIX}`,
            `use a prefix of /${MIN_SUBNET_PREFIX} or shorter; AWS allows no smaller subnet`,
          );
        }
        if (!cidrContains(vpc, parsed.cidr) || parsed.cidr.prefix === vpc.prefix) {
          return problem(
            `tiers.${tier.tier}.cidrs`,
            `tiers.${tier.tier}.cidrs entry "${text}" is not inside the VPC CIDR ${formatCidr(vpc)}`,
            "pick a smaller block from the VPC range",
          );
        }
        for (const other of explicit) {
          if (cidrsOverlap(other.block, parsed.cidr)) {
            return problem(
              `tiers.${tier.tier}.cidrs`,
              `tiers.${tier.tier}.cidrs entry "${text}" overlaps "${other.text}" of the ${other.tier} tier`,
              "give every subnet its own block",
            );
          }
        }
        explicit.push({ tier: tier.tier, block: parsed.cidr, text });
        blocks.push(formatCidr(parsed.cidr));
      }
      subnets[tier.tier] = blocks;
    }
  }

  const derived = tiers.filter((tier) => tier.cidrs === undefined);
  if (derived.length === 0) {
    return { ok: true, subnets };
  }
  const reserved = explicit.map((entry) => entry.block);
  const candidates = derived.some((tier) => tier.subnetPrefix === undefined)
    ? Array.from({ length: MIN_SUBNET_PREFIX - minPrefix + 1 }, (_, i) => minPrefix + i)
    : [0];
  const groupSlots = nextPowerOfTwo(zoneCount);
  const groupBits = Math.log2(groupSlots);

  for (const grouped of [true, false]) {
    for (const candidate of candidates) {
      const prefixes = derived.map((tier) => tier.subnetPrefix ?? candidate);
      const requests = grouped
        ? prefixes.map((prefix) => prefix - groupBits)
        : prefixes.flatMap((prefix) => Array.from({ length: zoneCount }, () => prefix));
      const placed = allocateBlocks(vpc, requests, reserved);
      if (!placed) {
        continue;
      }
      derived.forEach((tier, i) => {
        const blocks = grouped ? splitBlock(placed[i], prefixes[i], zoneCount) : placed.slice(i * zoneCount, (i + 1) * zoneCount);
        subnets[tier.tier] = blocks.map(formatCidr);
      });
      return { ok: true, subnets };
    }
  }

  const wanted = derived
    .map((tier) =>
      tier.subnetPrefix === undefined ? `${zoneCount} x /${MIN_SUBNET_PREFIX} (${tier.tier})` : `${zoneCount} x /${tier.subnetPrefix} (${tier.tier})`,
    )
    .join(", ");
  const free = blockSize(vpc.prefix) - reserved.reduce((sum, block) => sum + blockSize(block.prefix), 0);
  return problem(
    "cidr",
    `the subnets do not fit in ${formatCidr(vpc)}: at least ${wanted} are needed and ${free} addresses are free`,
    "use a larger VPC cidr, longer subnetPrefix values, fewer tiers or fewer availability zones",
  );
}
