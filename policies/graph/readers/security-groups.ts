import { Model, Resource } from "../../engine/model";
import { Ref } from "../../engine/types";
import { invalidPorts } from "../../rules/network/_ports";
import { groupOf, GROUP_TYPES, ownRules, rulesOfGroup, SgRule, STANDALONE_TYPES, Unreadable } from "../../rules/network/_security-group-rules";
import { Flow, FlowUnknown } from "../types";
import { StackNodes } from "./nodes";
import { ALL_PORTS, PortRange } from "./ranges";

/**
 * The security-group layer of one stack: one flow per (rule, peer) from what Terraform will create (inline blocks,
 * aws_security_group_rule and the aws_vpc_security_group_*_rule resources, as `_security-group-rules.ts` normalizes
 * them). An ingress rule on group G from peer P is the flow P -> G; an egress rule on G to P is G -> P.
 */

/** A flow of the security-group layer, with the groups at its ends where they are groups of the configuration. */
export interface GroupFlow extends Flow {
  readonly layer: "security-group-ingress" | "security-group-egress";
  /** The group whose rule allows the flow; undefined for a rule on a group that is not in the configuration. */
  readonly group: Resource | undefined;
  /** The group of the configuration at the other end, if the peer is one. */
  readonly peer: Resource | undefined;
}

/** A part of the layer that cannot be read before apply, with the nodes whose flows it may concern. */
export interface GroupUnknown extends FlowUnknown {
  /** Nodes known to be an end of the flows it stands for (the rule's group, its known peers). */
  readonly ends: readonly string[];
  /** True when an end is unknown and may be any group (a peer group or the group itself unknown until apply). */
  readonly anyEnd: boolean;
}

/** The flows of the security-group layer of one stack, and what cannot be read before apply. */
export interface GroupLayer {
  readonly nodes: StackNodes;
  readonly flows: readonly GroupFlow[];
  readonly unknown: readonly GroupUnknown[];
  /** The flows of `flows` allowed by the rules of each group of the configuration. */
  readonly byGroup: ReadonlyMap<Resource, readonly GroupFlow[]>;
}

/** The security-group layer of the stack of `near`, computed once per model and stack. */
export function securityGroupLayer(model: Model, near: Resource): GroupLayer {
  return model.memoIn("graph:security-group-layer", near, readLayer);
}

function readLayer(near: Resource, model: Model): GroupLayer {
  const nodes = new StackNodes(model, near);
  const flows: GroupFlow[] = [];
  const unknown: GroupUnknown[] = [];
  const owners = new Map<string, Resource>();
  for (const g of nodes.groups) owners.set(g.address, g);
  for (const t of STANDALONE_TYPES) for (const r of model.ofTypeIn(t, near)) owners.set(r.address, r);
  const reader = new RuleReader(nodes, owners, flows, unknown);
  for (const g of nodes.groups) reader.read(rulesOfGroup(g, model), g, nodes.ofGroup(g));
  // A standalone rule whose group is not in the configuration still opens a path: named by the group's literal id.
  for (const t of STANDALONE_TYPES) {
    for (const r of model.ofTypeIn(t, near)) {
      if (groupOf(r, model) !== undefined) continue;
      const id = r.str("security_group_id");
      if (id === undefined) unknown.push({ address: r.address, text: `${r.address} belongs to a security group unknown until apply`, ends: [], anyEnd: true });
      else reader.read(ownRules(r), undefined, nodes.groupWithId(id) !== undefined ? nodes.ofGroup(nodes.groupWithId(id)!) : nodes.foreignGroup(id));
    }
  }
  const byGroup = new Map<Resource, GroupFlow[]>();
  for (const f of flows) {
    if (f.group === undefined) continue;
    const list = byGroup.get(f.group);
    if (list === undefined) byGroup.set(f.group, [f]);
    else list.push(f);
  }
  return { nodes, flows, unknown, byGroup };
}

/** One peer of a rule: its node, and its group when the peer is a group of the configuration. */
interface Peer {
  readonly node: string;
  readonly group: Resource | undefined;
}

/** Turns normalized rules into flows, resolving each peer to its node. */
class RuleReader {
  constructor(
    private readonly nodes: StackNodes,
    private readonly owners: ReadonlyMap<string, Resource>,
    private readonly flows: GroupFlow[],
    private readonly unknown: GroupUnknown[],
  ) {}

  read(set: { readonly rules: readonly SgRule[]; readonly unreadable: readonly Unreadable[] }, group: Resource | undefined, node: string): void {
    for (const u of set.unreadable) this.unknown.push({ address: u.origin, text: `${u.text}; its flows cannot be read before apply`, ends: [node], anyEnd: true });
    for (const rule of set.rules) this.readRule(rule, group, node);
  }

  private readRule(rule: SgRule, group: Resource | undefined, node: string): void {
    const owner = this.owners.get(rule.origin);
    const peers = this.peersOf(rule, group, owner, node);
    const ports = portsOf(rule);
    if (typeof ports === "string") {
      this.unknown.push({ address: rule.origin, text: `${rule.label}: ${ports}`, ends: [node, ...peers.map((p) => p.node)], anyEnd: false });
      return;
    }
    for (const peer of peers) {
      const ingress = rule.direction === "ingress";
      this.flows.push({
        from: ingress ? peer.node : node,
        to: ingress ? node : peer.node,
        protocol: rule.protocol ?? "all",
        fromPort: ports.from,
        toPort: ports.to,
        layer: ingress ? "security-group-ingress" : "security-group-egress",
        address: rule.origin,
        rule: rule.label,
        group,
        peer: peer.group,
      });
    }
  }

  /** The peers of a rule; the ones unknown until apply go to `unknown`. */
  private peersOf(rule: SgRule, group: Resource | undefined, owner: Resource | undefined, node: string): Peer[] {
    const n = this.nodes;
    const peers: Peer[] = [];
    // An unknown CIDR or prefix list is never a group; an unknown peer group may be any.
    const lost = (what: string, refs: readonly Ref[], anyEnd = false) =>
      this.unknown.push({ address: rule.origin, text: `${rule.label} names ${what} unknown until apply${refsText(refs)}`, ends: [node], anyEnd });
    for (const cidr of rule.cidrs) peers.push({ node: n.ofCidr(cidr), group: undefined });
    for (const refs of rule.unknownCidrs) {
      const node = owner !== undefined ? n.ofCidrRefs(owner, refs) : undefined;
      if (node !== undefined) peers.push({ node, group: undefined });
      else lost("a CIDR", refs);
    }
    for (const id of rule.peerGroups) {
      const known = n.groupWithId(id);
      peers.push(known !== undefined ? { node: n.ofGroup(known), group: known } : { node: n.foreignGroup(id), group: undefined });
    }
    for (const refs of rule.unknownPeers) {
      const peer = owner !== undefined ? n.groupOfRefs(owner, refs) : undefined;
      if (peer !== undefined) peers.push({ node: n.ofGroup(peer), group: peer });
      else lost("a security group", refs, true);
    }
    if (rule.self && group !== undefined) peers.push({ node: n.ofGroup(group), group });
    for (const id of rule.prefixLists) peers.push({ node: n.ofPrefixList(id), group: undefined });
    for (const refs of rule.unknownPrefixLists) {
      const node = owner !== undefined ? n.ofPrefixListRefs(owner, refs) : undefined;
      if (node !== undefined) peers.push({ node, group: undefined });
      else lost("a prefix list", refs);
    }
    return peers;
  }
}

/** The port range a rule opens, or why it cannot be read before apply. Protocol `all` and protocols without ports open every port. */
export function portsOf(rule: SgRule): PortRange | string {
  if (rule.protocol === undefined) return "its protocol is unknown until apply";
  if (rule.protocol !== "tcp" && rule.protocol !== "udp") return ALL_PORTS;
  const invalid = invalidPorts(rule);
  if (invalid !== undefined) return invalid;
  if (rule.fromPort === undefined || rule.toPort === undefined) return "its ports are unknown until apply";
  return { from: rule.fromPort, to: rule.toPort };
}

function refsText(refs: readonly Ref[]): string {
  const names = [...new Set(refs.map((r) => r.raw))];
  return names.length === 0 ? "" : ` (${names.join(", ")})`;
}

/** Resource types whose rules the layer reads. */
export const GROUP_RULE_TYPES: readonly string[] = [...GROUP_TYPES, ...STANDALONE_TYPES];
