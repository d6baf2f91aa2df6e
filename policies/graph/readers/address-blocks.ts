import { FAMILIES, merge, parseCidr, reachesInternet, Span, subtract } from "../../rules/network/_internet";

/**
 * Address blocks less other blocks, as the fewest CIDRs: what a Kubernetes `ipBlock` with `except` blocks admits, in a
 * form the flow graph's `cidr:` nodes can name exactly.
 */

/**
 * The addresses of `cidr` outside every block of `except`, as the fewest CIDRs in address order (empty when the except
 * blocks cover it all); why not when a block is not a CIDR. Except blocks of the other IP family take nothing away.
 */
export function blocksWithout(cidr: string, except: readonly string[]): string[] | string {
  const outer = parseCidr(cidr);
  if (outer === undefined) return `"${cidr}" is not a CIDR`;
  const cuts: Span[] = [];
  for (const e of except) {
    const cut = parseCidr(e);
    if (cut === undefined) return `except block "${e}" is not a CIDR`;
    if (cut.v6 === outer.v6) cuts.push(cut.span);
  }
  return subtract([outer.span], merge(cuts)).flatMap((span) => spanBlocks(span, outer.v6));
}

/** True when known CIDRs together reach the internet, as every network rule of the pack decides it (`_internet.ts`). */
export function blocksReachInternet(cidrs: readonly string[]): boolean {
  return FAMILIES.some((family) => reachesInternet(cidrs, family));
}

/** A span of addresses as the fewest CIDRs that make it up: at each step the largest aligned block that fits. */
function spanBlocks(span: Span, v6: boolean): string[] {
  const width = v6 ? 128 : 32;
  const out: string[] = [];
  let start = span.start;
  while (start < span.end) {
    let bits = width;
    while (bits > 0) {
      const size = 1n << BigInt(width - bits + 1);
      if (start % size !== 0n || start + size > span.end) break;
      bits--;
    }
    out.push(`${v6 ? ipv6Text(start) : ipv4Text(start)}/${bits}`);
    start += 1n << BigInt(width - bits);
  }
  return out;
}

function ipv4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
}

/** An IPv6 address in its compressed form: the longest run of two or more zero groups becomes `::`. */
function ipv6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => (value >> BigInt((7 - i) * 16)) & 0xffffn);
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const text = (list: readonly bigint[]) => list.map((g) => g.toString(16)).join(":");
  if (best.at < 0) return text(groups);
  return `${text(groups.slice(0, best.at))}::${text(groups.slice(best.at + best.length))}`;
}
