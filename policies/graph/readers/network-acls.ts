import { Model, Resource } from "../../engine/model";
import { AclEntry, aclEntries, ACL_TYPES } from "../../rules/network/_nacl";
import { cidrContains, cidrOverlaps } from "./nodes";
import { ALL_PORTS, EPHEMERAL_PORTS, intersectRanges, mergeRanges, PortRange, portsText, subtractRanges } from "./ranges";

/**
 * The network ACL layer between two subnets. Entries are read by `_nacl.ts` (inline blocks and aws_network_acl_rule)
 * and walked as AWS does: in rule-number order, the first entry that matches the peer subnet and the port decides,
 * and what no entry allows is denied. A flow needs the source subnet's ACL to let it out and the destination's to let
 * it in, and both to pass the return traffic on the ephemeral ports (1024-65535). Within one subnet ACLs do not apply.
 *
 * An entry whose CIDR covers only part of the peer subnet allows nothing for the whole subnet, and denies what it
 * matches (some hosts of the subnet are cut off). Route tables are not read: a flow to the internet from a subnet
 * without a route to a gateway shows as allowed when its security group and ACL allow it.
 */

/** The ACL of a subnet: its association, an ACL listing it, or the managed default ACL of the VPC; undefined when none of the configuration governs it (AWS's own default ACL allows everything). */
export function aclOfSubnet(subnet: Resource, model: Model): Resource | undefined {
  return model.memoFor("graph:acl-of-subnet", subnet, findAcl);
}

function findAcl(subnet: Resource, model: Model): Resource | undefined {
  for (const association of model.referrers(subnet, "aws_network_acl_association", "subnet_id")) {
    const acl = model.referenced(association, "network_acl_id", ACL_TYPES)[0];
    if (acl !== undefined) return acl;
  }
  for (const type of ACL_TYPES) {
    const listing = model.referrers(subnet, type, "subnet_ids")[0];
    if (listing !== undefined) return listing;
  }
  const vpc = model.referenced(subnet, "vpc_id", ["aws_vpc"])[0];
  if (vpc === undefined) return undefined;
  return model.referrers(vpc, "aws_default_network_acl", "default_network_acl_id")[0];
}

/** What one ACL lets through for one direction and peer: allowed ports, or why it cannot be told before apply. */
export type AclAnswer = { readonly allowed: readonly PortRange[] } | { readonly unknown: string };

/**
 * The ports of `ranges` over `protocol` that `acl` lets through in one direction (`egress` to, or ingress from, the
 * subnet block `peer`). Protocol `all` is let through only by entries for every protocol; ICMP and other protocols
 * without ports by entries for them or for every protocol.
 */
export function aclAllows(acl: Resource, model: Model, egress: boolean, peer: string, protocol: string, ranges: readonly PortRange[]): AclAnswer {
  const entries = orderedEntries(acl, model, egress);
  if (typeof entries === "string") return { unknown: entries };
  let undecided = mergeRanges(ranges);
  const allowed: PortRange[] = [];
  for (const e of entries) {
    if (undecided.length === 0) break;
    const covered = entryPorts(e, protocol);
    if (covered === undefined) continue;
    if (typeof covered === "string") return { unknown: `${e.label}: ${covered}` };
    const full = e.cidrs.some((c) => cidrContains(c, peer));
    const partial = !full && e.cidrs.some((c) => cidrOverlaps(c, peer));
    if (!full && !partial) {
      if (e.unknownCidrs.length > 0) return { unknown: `${e.label} has a CIDR unknown until apply` };
      continue;
    }
    if (e.action === undefined) return { unknown: `${e.label} has an action unknown until apply` };
    const hit = intersectRanges(undecided, covered);
    if (hit.length === 0) continue;
    if (e.action === "allow" && full) allowed.push(...hit);
    if (e.action === "deny" || full) undecided = subtractRanges(undecided, hit);
  }
  return { allowed: mergeRanges(allowed) };
}

/** The entries of one direction in evaluation order, or why they cannot be read; read once per model and ACL. */
function orderedEntries(acl: Resource, model: Model, egress: boolean): readonly AclEntry[] | string {
  const both = model.memoFor("graph:acl-entries", acl, readEntries);
  return egress ? both.egress : both.ingress;
}

function readEntries(acl: Resource, model: Model): { readonly ingress: readonly AclEntry[] | string; readonly egress: readonly AclEntry[] | string } {
  const set = aclEntries(acl, model);
  const ordered = (egress: boolean): readonly AclEntry[] | string => {
    if (set.unreadable.length > 0) return set.unreadable.join("; ");
    const entries = set.entries.filter((e) => e.egress === egress);
    const numberless = entries.find((e) => e.ruleNumber === undefined);
    if (numberless !== undefined) return `${numberless.label} has a rule number unknown until apply`;
    return entries.sort((a, b) => a.ruleNumber! - b.ruleNumber!);
  };
  return { ingress: ordered(false), egress: ordered(true) };
}

/**
 * The ports an entry matches for a flow over `protocol`: undefined when it does not concern the protocol, a reason
 * when its protocol or ports are unknown until apply. An entry for one protocol does not let `all` through, but
 * matches it (a deny of part of it leaves `all` short).
 */
function entryPorts(e: AclEntry, protocol: string): readonly PortRange[] | string | undefined {
  if (e.protocol === undefined) return "its protocol is unknown until apply";
  if (e.protocol === "all") return [ALL_PORTS];
  if (protocol === "all") return e.action === "deny" ? [ALL_PORTS] : undefined;
  if (e.protocol !== protocol) return undefined;
  if (protocol !== "tcp" && protocol !== "udp") return [ALL_PORTS];
  if (e.fromPort === undefined || e.toPort === undefined) return "its ports are unknown until apply";
  return [{ from: e.fromPort, to: e.toPort }];
}

/** What the ACLs between two subnets let through for a flow, and what each check held back. */
export interface AclCrossing {
  readonly from: Resource;
  readonly to: Resource;
  /** The ACLs on the way (addresses), source first. */
  readonly acls: readonly string[];
  /** Allowed ports, or why they cannot be told before apply. */
  readonly answer: AclAnswer;
  /** One text per check that held back some of the ports. */
  readonly blocked: readonly string[];
}

/**
 * The ACL checks for a flow between two subnets of the configuration: the source ACL's egress, the destination ACL's
 * ingress, and for TCP and UDP the return traffic on the ephemeral ports both ways (all of them, or the flow is
 * blocked). Undefined within one subnet, or when no ACL of the configuration governs either subnet.
 */
export function crossAcls(from: Resource, to: Resource, protocol: string, ranges: readonly PortRange[], model: Model): AclCrossing | undefined {
  if (from === to) return undefined;
  // Many edges cross the same pair of subnets on the same ports: each crossing is judged once per model.
  const cache = model.memo("graph:acl-crossings", () => new Map<string, AclCrossing | undefined>());
  const key = `${from.stack}\u0000${from.address}\u0000${to.address}\u0000${protocol}\u0000${ranges.map((r) => `${r.from}-${r.to}`).join(",")}`;
  if (cache.has(key)) return cache.get(key);
  const crossing = judgeCrossing(from, to, protocol, ranges, model);
  cache.set(key, crossing);
  return crossing;
}

function judgeCrossing(from: Resource, to: Resource, protocol: string, ranges: readonly PortRange[], model: Model): AclCrossing | undefined {
  const out = aclOfSubnet(from, model);
  const into = aclOfSubnet(to, model);
  if (out === undefined && into === undefined) return undefined;
  const acls = [...new Set([out, into].filter((a): a is Resource => a !== undefined).map((a) => a.address))];
  const fromCidr = from.str("cidr_block");
  const toCidr = to.str("cidr_block");
  if (fromCidr === undefined || toCidr === undefined) {
    return { from, to, acls, answer: { unknown: `the CIDR of ${fromCidr === undefined ? from.address : to.address} is unknown until apply` }, blocked: [] };
  }
  const blocked: string[] = [];
  let allowed: readonly PortRange[] = mergeRanges(ranges);
  const checks: { acl: Resource | undefined; egress: boolean; peer: string; ports: readonly PortRange[]; what: string; whole: boolean }[] = [
    { acl: out, egress: true, peer: toCidr, ports: allowed, what: `egress to ${toCidr}`, whole: false },
    { acl: into, egress: false, peer: fromCidr, ports: allowed, what: `ingress from ${fromCidr}`, whole: false },
  ];
  if (protocol === "tcp" || protocol === "udp") {
    checks.push(
      { acl: into, egress: true, peer: fromCidr, ports: [EPHEMERAL_PORTS], what: `return traffic (egress to ${fromCidr})`, whole: true },
      { acl: out, egress: false, peer: toCidr, ports: [EPHEMERAL_PORTS], what: `return traffic (ingress from ${toCidr})`, whole: true },
    );
  }
  for (const c of checks) {
    if (c.acl === undefined || allowed.length === 0) continue;
    const ports = c.whole ? c.ports : allowed;
    const answer = aclAllows(c.acl, model, c.egress, c.peer, protocol, ports);
    if ("unknown" in answer) return { from, to, acls, answer, blocked };
    const held = subtractRanges(ports, answer.allowed);
    if (held.length === 0) continue;
    blocked.push(`${c.acl.address} ${c.what} does not allow ${portsText(protocol, held)}`);
    allowed = c.whole ? [] : answer.allowed;
  }
  return { from, to, acls, answer: { allowed }, blocked };
}
