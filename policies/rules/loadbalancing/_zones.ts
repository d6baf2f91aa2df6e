import { fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";

/** How many Availability Zones a load balancer spans, as far as the configuration tells. */
export type ZoneSpread =
  | { readonly kind: "known"; readonly zones: number }
  | { readonly kind: "unknown"; readonly message: string }
  | { readonly kind: "absent" };

/** The fewest Availability Zones a load balancer must span. */
export const MIN_ZONES = 2;

const ABSENT: ZoneSpread = { kind: "absent" };

/**
 * The number of distinct entries of the list at `path` (availability zone names or subnet ids). Elastic Load
 * Balancing takes one subnet per Availability Zone, so distinct subnets are distinct zones. A list computed as a whole
 * counts the distinct resources it references (`[aws_subnet.a.id, aws_subnet.b.id]` in a plan); a list whose length
 * is known only after apply is unknown.
 */
export function listSpread(lb: View, path: string): ZoneSpread {
  const v = lb.configuredValue(path);
  if (v.kind === "absent") return ABSENT;
  const items = v.kind === "known" ? lb.items(path) : undefined;
  if (items !== undefined) {
    const keys = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.kind === "absent") continue;
      const raw = lb.rawAt(`${path}.${i}`);
      keys.add(item.kind === "known" ? String(item.value) : typeof raw === "string" ? raw : `#${i}`);
    }
    return { kind: "known", zones: keys.size };
  }
  return referencedSpread(lb, path);
}

/** The number of distinct `attr` values of the blocks at `path` (`subnet_mapping` blocks and their `subnet_id`). */
export function blockSpread(lb: View, path: string, attr: string): ZoneSpread {
  if (lb.blocksUnknown(path)) return { kind: "unknown", message: `the ${path} blocks are computed at apply time` };
  const blocks = lb.blocks(path);
  if (blocks.length === 0) return ABSENT;
  const keys = new Set<string>();
  for (let i = 0; i < blocks.length; i++) {
    const raw = blocks[i].rawAt(attr);
    const refs = blocks[i].refs(attr);
    keys.add(typeof raw === "string" ? raw : refs.length > 0 ? refs[0].address : `#${i}`);
  }
  return { kind: "known", zones: keys.size };
}

function referencedSpread(lb: View, path: string): ZoneSpread {
  const addresses = new Set<string>();
  for (const ref of lb.refs(path)) if (ref.kind === "resource") addresses.add(ref.address);
  if (addresses.size >= MIN_ZONES) return { kind: "known", zones: addresses.size };
  return { kind: "unknown", message: `${path} is computed at apply time` };
}

/** The verdict on a load balancer's zone spread; `names` says what the configuration should set. */
export function spreadOutcome(spread: ZoneSpread, names: string): Outcome {
  if (spread.kind === "unknown") return unknown(spread.message);
  if (spread.kind === "absent") return fail(`names no ${names}`);
  return spread.zones >= MIN_ZONES ? pass() : fail(`spans ${spread.zones} Availability Zone${spread.zones === 1 ? "" : "s"}`);
}
