/**
 * Pure IPv4 CIDR arithmetic used to lay out subnets deterministically.
 * Nothing here touches constructs or Terraform, so it can be tested on its own.
 */

/** An IPv4 block: `network` is the first address as an unsigned 32-bit integer. */
export interface Ipv4Cidr {
  /** First address of the block, as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0–32. */
  readonly prefix: number;
}

/** Result of {@link parseCidr}: either a block or the reason the text is not one. */
export type CidrParseResult =
  | { readonly ok: true; readonly cidr: Ipv4Cidr }
  | { readonly ok: false; readonly reason: string };

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Number of addresses in a block with the given prefix length. */
export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Formats an unsigned 32-bit integer as a dotted-quad address. */
export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** Formats a block as `a.b.c.d/n`. */
export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.network)}/${cidr.prefix}`;
}

/**
 * Parses `a.b.c.d/n`. Rejects octets above 255, octets with leading zeros,
 * prefixes above 32 and addresses with host bits set (naming the block that was probably meant).
 */
export function parseCidr(text: string): CidrParseResult {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return { ok: false, reason: "is not an IPv4 CIDR block in the form a.b.c.d/n" };
  }
  const parts = match.slice(1, 5);
  if (parts.some((part) => part.length > 1 && part.startsWith("0"))) {
    return { ok: false, reason: "has an octet with a leading zero" };
  }
  const octets = parts.map(Number);
  if (octets.some((octet) => octet > 255)) {
    return { ok: false, reason: "has an octet above 255" };
  }
  const prefix = Number(match[5]);
  if (prefix > 32) {
    return { ok: false, reason: "has a prefix length above 32" };
  }
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const network = address - (address % blockSize(prefix));
  if (network !== address) {
    return {
      ok: false,
      reason: `has host bits set; the block containing it is ${formatCidr({ network, prefix })}`,
    };
  }
  return { ok: true, cidr: { network, prefix } };
}

/** Last address of a block. */
export function lastAddress(cidr: Ipv4Cidr): number {
  return cidr.network + blockSize(cidr.prefix) - 1;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

/**
 * Places one aligned block per requested prefix inside `parent`, avoiding `reserved` blocks.
 *
 * Requests are placed largest first (ties keep their input order), each at the lowest free
 * aligned position. Largest-first placement of power-of-two blocks leaves no alignment gaps,
 * so when nothing is reserved every set of requests whose sizes add up to at most the parent
 * fits. The result is in the order of `prefixes`, or `undefined` when a request does not fit.
 */
export function allocateBlocks(
  parent: Ipv4Cidr,
  prefixes: readonly number[],
  reserved: readonly Ipv4Cidr[] = [],
): Ipv4Cidr[] | undefined {
  const order = prefixes.map((prefix, index) => ({ prefix, index })).sort((a, b) => a.prefix - b.prefix || a.index - b.index);
  const taken: Ipv4Cidr[] = [...reserved];
  const placed: Ipv4Cidr[] = new Array(prefixes.length);
  for (const { prefix, index } of order) {
    if (prefix < parent.prefix || prefix > 32) {
      return undefined;
    }
    const size = blockSize(prefix);
    let found: Ipv4Cidr | undefined;
    for (let network = parent.network; network + size - 1 <= lastAddress(parent); network += size) {
      const candidate = { network, prefix };
      if (!taken.some((block) => cidrsOverlap(block, candidate))) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      return undefined;
    }
    taken.push(found);
    placed[index] = found;
  }
  return placed;
}

/** Splits `block` into consecutive blocks of the given prefix length and returns the first `count`. */
export function splitBlock(block: Ipv4Cidr, prefix: number, count: number): Ipv4Cidr[] {
  const size = blockSize(prefix);
  return Array.from({ length: count }, (_, i) => ({ network: block.network + i * size, prefix }));
}

/**
 * The smallest list of blocks covering exactly the same addresses as `blocks`
 * (duplicates and contained blocks dropped, aligned neighbours merged), sorted by address.
 */
export function summarizeCidrs(blocks: readonly Ipv4Cidr[]): Ipv4Cidr[] {
  let current = [...blocks].sort((a, b) => a.network - b.network || a.prefix - b.prefix);
  let changed = true;
  while (changed) {
    changed = false;
    const next: Ipv4Cidr[] = [];
    for (const block of current) {
      const previous = next[next.length - 1];
      if (previous && cidrContains(previous, block)) {
        continue;
      }
      if (
        previous &&
        previous.prefix === block.prefix &&
        previous.prefix > 0 &&
        lastAddress(previous) + 1 === block.network &&
        previous.network % blockSize(previous.prefix - 1) === 0
      ) {
        next[next.length - 1] = { network: previous.network, prefix: previous.prefix - 1 };
        changed = true;
        continue;
      }
      next.push(block);
    }
    current = next;
  }
  return current;
}

/** Smallest power of two greater than or equal to `n` (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let value = 1;
  while (value < n) {
    value *= 2;
  }
  return value;
}
