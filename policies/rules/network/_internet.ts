/**
 * Internet reach: when a set of CIDRs counts as "the internet".
 *
 * A rule that admits 0.0.0.0/0 admits the internet, but so does one that admits 0.0.0.0/1 and 128.0.0.0/1, or the
 * 256 /8 networks one by one. Every network rule that looks for the internet decides it here, with one definition:
 *
 * - IPv4: the public addresses a set of CIDRs covers (their union, leaving out the private, shared, loopback,
 *   link-local, documentation, benchmarking, multicast and reserved ranges of the IANA special-purpose registry)
 *   number at least 2^25, one 128th of the IPv4 space: as many as a /7. Any /0 to /6 reaches the internet, and so
 *   does a /7 or a set of smaller networks with that many public addresses; a /8 of public space does not.
 * - IPv6: the set covers at least 2^118 addresses of global unicast space (2000::/3), one 128th of it: as many as a
 *   /10. `::/0` and `2000::/3` reach the internet; a /32 of one provider does not.
 *
 * The threshold is deliberately low: whoever opens a port to that many addresses has opened it to the internet,
 * whatever the intention.
 */

/** One IP family: its name, its whole-range CIDR, and the share of it that counts as the internet. */
export interface Family {
  readonly v6: boolean;
  /** `IPv4` / `IPv6`. */
  readonly name: string;
  /** `0.0.0.0/0` / `::/0`. */
  readonly world: string;
  /** Item text for internet reach made of several CIDRs: `public-ipv4` / `public-ipv6`. */
  readonly pieces: string;
}

export const IPV4: Family = { v6: false, name: "IPv4", world: "0.0.0.0/0", pieces: "public-ipv4" };
export const IPV6: Family = { v6: true, name: "IPv6", world: "::/0", pieces: "public-ipv6" };
export const FAMILIES: readonly Family[] = [IPV4, IPV6];

/** How rule documentation names the internet. */
export const INTERNET_TEXT =
  "the internet (0.0.0.0/0, ::/0, or CIDRs that together cover at least 2^25 public IPv4 addresses or 2^118 global unicast IPv6 addresses, such as 0.0.0.0/1 plus 128.0.0.0/1)";

/** Where the findings of a security group or network ACL rule land, for rule documentation. */
export const FINDING_PLACE_TEXT =
  "A finding is reported on the resource that declares the rule: the group or ACL for an inline block, the aws_security_group_rule, aws_vpc_security_group_ingress_rule, aws_vpc_security_group_egress_rule or aws_network_acl_rule otherwise.";

/** Public IPv4 addresses a set of CIDRs must cover to reach the internet: 2^25 (a /7's worth). */
export const MIN_PUBLIC_IPV4 = 2n ** 25n;
/** Global unicast IPv6 addresses a set of CIDRs must cover to reach the internet: 2^118 (a /10's worth). */
export const MIN_PUBLIC_IPV6 = 2n ** 118n;

/** A half-open address interval [start, end). */
export interface Span {
  readonly start: bigint;
  readonly end: bigint;
}

/** A CIDR read as its family and address interval (host bits ignored, as AWS masks them). */
export interface ParsedCidr {
  readonly v6: boolean;
  readonly span: Span;
}

/** IANA special-purpose IPv4 ranges that are not reachable on the internet. */
const RESERVED_V4: readonly string[] = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
];

/** Parsed CIDRs by text: the same few CIDRs recur across a configuration. Cleared when it grows past `MAX_CACHED`. */
const PARSED = new Map<string, ParsedCidr | undefined>();
const MAX_CACHED = 10_000;

const V4_END = 2n ** 32n;
const V6_END = 2n ** 128n;
/** 2000::/3. */
const GLOBAL_UNICAST: Span = { start: 2n ** 125n, end: 2n ** 126n };

/** The public parts of the IPv4 space, sorted. */
const PUBLIC_V4: readonly Span[] = subtract([{ start: 0n, end: V4_END }], merge(RESERVED_V4.map((c) => parseCidr(c)!.span)));
const PUBLIC_V6: readonly Span[] = [GLOBAL_UNICAST];

/** Parses `a.b.c.d/n` or an IPv6 CIDR; undefined when it is not one. */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const cached = PARSED.get(cidr);
  if (cached !== undefined || PARSED.has(cidr)) return cached;
  const parsed = parse(cidr.trim());
  if (PARSED.size >= MAX_CACHED) PARSED.clear();
  PARSED.set(cidr, parsed);
  return parsed;
}

function parse(s: string): ParsedCidr | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const addr = s.slice(0, slash);
  const v6 = addr.includes(":");
  const value = v6 ? parseV6(addr) : parseV4(addr);
  const width = v6 ? 128 : 32;
  if (value === undefined || bits > width) return undefined;
  const size = 1n << BigInt(width - bits);
  const start = (value / size) * size;
  return { v6, span: { start, end: start + size } };
}

function parseV4(addr: string): bigint | undefined {
  const parts = addr.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return undefined;
    const n = Number(parts[i]);
    if (n > 255) return undefined;
    value = value * 256n + BigInt(n);
  }
  return value;
}

function parseV6(addr: string): bigint | undefined {
  let text = addr;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) stands for the last two groups.
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = parseV4(tail);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] === "" ? [] : halves[0].split(":");
  const rest = halves.length === 2 && halves[1] !== "" ? halves[1].split(":") : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = halves.length === 1 ? head : [...head, ...new Array<string>(missing).fill("0"), ...rest];
  let value = 0n;
  for (let i = 0; i < groups.length; i++) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(groups[i])) return undefined;
    value = (value << 16n) + BigInt(parseInt(groups[i], 16));
  }
  return value;
}

/** Sorts and joins overlapping or touching spans. */
export function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Span[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) {
      if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end };
    } else {
      out.push(s);
    }
  }
  return out;
}

/** `a` without `b`; both sorted and merged. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < a.length; i++) {
    let pieces: Span[] = [a[i]];
    for (let j = 0; j < b.length; j++) {
      const cut = b[j];
      const next: Span[] = [];
      for (let k = 0; k < pieces.length; k++) {
        const p = pieces[k];
        if (cut.end <= p.start || cut.start >= p.end) next.push(p);
        else {
          if (cut.start > p.start) next.push({ start: p.start, end: cut.start });
          if (cut.end < p.end) next.push({ start: cut.end, end: p.end });
        }
      }
      pieces = next;
    }
    out.push(...pieces);
  }
  return out;
}

/** `a` within `b`; both sorted and merged. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = a[i].start > b[j].start ? a[i].start : b[j].start;
    const end = a[i].end < b[j].end ? a[i].end : b[j].end;
    if (start < end) out.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

/** Number of addresses in merged spans. */
export function sizeOf(spans: readonly Span[]): bigint {
  let n = 0n;
  for (let i = 0; i < spans.length; i++) n += spans[i].end - spans[i].start;
  return n;
}

/** The whole address space of a family, as spans. */
export function wholeSpace(family: Family): Span[] {
  return [{ start: 0n, end: family.v6 ? V6_END : V4_END }];
}

/** The internet part of a family's address space. */
export function publicSpace(family: Family): readonly Span[] {
  return family.v6 ? PUBLIC_V6 : PUBLIC_V4;
}

/** The internet addresses of one family a list of CIDRs covers, merged (CIDRs of the other family are left out). */
export function publicSpans(cidrs: readonly string[], family: Family): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < cidrs.length; i++) {
    const r = reachOf(cidrs[i]);
    if (r !== undefined && r.family === family) for (let j = 0; j < r.spans.length; j++) spans.push(r.spans[j]);
  }
  return spans.length <= 1 ? spans : merge(spans);
}

/** True when merged spans of internet addresses are enough to count as the internet. */
export function spansReach(spans: readonly Span[], family: Family): boolean {
  return sizeOf(spans) >= (family.v6 ? MIN_PUBLIC_IPV6 : MIN_PUBLIC_IPV4);
}

/** True when the CIDRs of `family` in the list, together, reach the internet. */
export function reachesInternet(cidrs: readonly string[], family: Family): boolean {
  return spansReach(publicSpans(cidrs, family), family);
}

/** What a CIDR holds of the internet: its family, its internet addresses, and whether they reach it alone. */
interface CidrReach {
  readonly family: Family;
  readonly spans: readonly Span[];
  readonly size: bigint;
  readonly alone: boolean;
}

/** `CidrReach` by CIDR text (null when not a CIDR), shared by every rule: the same CIDRs recur across a configuration. */
const REACH = new Map<string, CidrReach | null>();

function reachOf(cidr: string): CidrReach | undefined {
  let r = REACH.get(cidr);
  if (r === undefined) {
    const p = parseCidr(cidr);
    if (p === undefined) r = null;
    else {
      const family = p.v6 ? IPV6 : IPV4;
      const spans = intersect([p.span], publicSpace(family));
      r = { family, spans, size: sizeOf(spans), alone: spansReach(spans, family) };
    }
    if (REACH.size >= MAX_CACHED) REACH.clear();
    REACH.set(cidr, r);
  }
  return r ?? undefined;
}

/** The family of a CIDR, undefined when it is not one. */
export function familyOf(cidr: string): Family | undefined {
  return reachOf(cidr)?.family;
}

/** True when one CIDR reaches the internet on its own (`0.0.0.0/0`, `::/0`, `0.0.0.0/1`, `16.0.0.0/4`, ...). */
export function isInternetCidr(cidr: string): boolean {
  return reachOf(cidr)?.alone === true;
}

/** True when a CIDR holds any internet address. */
export function hasPublicAddresses(cidr: string): boolean {
  const r = reachOf(cidr);
  return r !== undefined && r.size > 0n;
}

/** The number of internet addresses of a CIDR (0 when it is not one). */
export function publicSize(cidr: string): bigint {
  return reachOf(cidr)?.size ?? 0n;
}

/** The share of a family's internet addresses that merged spans cover, in percent with one decimal, rounded down. */
export function percentOfInternet(spans: readonly Span[], family: Family): string {
  const permille = Number((sizeOf(spans) * 1000n) / sizeOf(publicSpace(family)));
  return `${Math.floor(permille / 10)}.${permille % 10}`;
}

/**
 * The smallest prefix of `pieces` (largest first) whose CIDRs together reach the internet, or undefined when all of
 * them together do not. Used to name the rules that open the hole, leaving out narrow CIDRs that do not matter.
 */
export function piecesThatReach<T extends { readonly cidr: string }>(pieces: readonly T[], family: Family): T[] | undefined {
  let total = 0n;
  for (let i = 0; i < pieces.length; i++) if (familyOf(pieces[i].cidr) === family) total += publicSize(pieces[i].cidr);
  if (total < (family.v6 ? MIN_PUBLIC_IPV6 : MIN_PUBLIC_IPV4)) return undefined;
  const sized = pieces
    .map((p) => ({ p, spans: publicSpans([p.cidr], family) }))
    .filter((s) => s.spans.length > 0)
    .sort((a, b) => {
      const d = sizeOf(b.spans) - sizeOf(a.spans);
      return d > 0n ? 1 : d < 0n ? -1 : 0;
    });
  if (!spansReach(merge(sized.flatMap((s) => s.spans)), family)) return undefined;
  let covered: Span[] = [];
  for (let i = 0; i < sized.length; i++) {
    covered = merge([...covered, ...sized[i].spans]);
    if (spansReach(covered, family)) return sized.slice(0, i + 1).map((s) => s.p);
  }
  return undefined;
}
