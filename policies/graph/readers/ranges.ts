/**
 * Port ranges as the flow readers combine them: sorted lists of inclusive [from, to] ranges, merged where they
 * overlap or touch.
 */

/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Every port: what protocol `all` (and a protocol without ports) opens. */
export const ALL_PORTS: PortRange = Object.freeze({ from: 0, to: 65535 });

/** The ephemeral ports return traffic uses, as AWS documents for network ACLs. */
export const EPHEMERAL_PORTS: PortRange = Object.freeze({ from: 1024, to: 65535 });

/** Sorts ranges and joins the ones that overlap or touch (`1-5` and `6-9` become `1-9`). */
export function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to + 1) {
      if (r.to > last.to) out[out.length - 1] = { from: last.from, to: r.to };
    } else out.push(r);
  }
  return out;
}

/** The ports both lists hold. */
export function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
    }
  }
  return mergeRanges(out);
}

/** The ports of `a` that `b` does not hold. */
export function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  let rest = mergeRanges(a);
  for (const cut of b) {
    const next: PortRange[] = [];
    for (const r of rest) {
      if (cut.to < r.from || cut.from > r.to) next.push(r);
      else {
        if (cut.from > r.from) next.push({ from: r.from, to: cut.from - 1 });
        if (cut.to < r.to) next.push({ from: cut.to + 1, to: r.to });
      }
    }
    rest = next;
  }
  return rest;
}

/** True when `outer` holds every port of `inner`. */
export function rangesCover(outer: readonly PortRange[], inner: readonly PortRange[]): boolean {
  return subtractRanges(inner, outer).length === 0;
}

/** A range as text: `5432`, `8000-8100`. */
export function rangeText(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

/** What a protocol and its port ranges open, for messages: `TCP 5432`, `UDP 53, 123`, `all traffic`, `ICMP`. */
export function portsText(protocol: string, ranges: readonly PortRange[]): string {
  if (protocol === "all") return "all traffic";
  const name = protocol.toUpperCase();
  if (protocol !== "tcp" && protocol !== "udp") return name;
  return `${name} ${ranges.map(rangeText).join(", ")}`;
}
