import { Model, Resource } from "../engine/model";
import { gatewayRouteLayer, RouteFlow } from "./readers/gateways";
import { subnetsOfGroup } from "./readers/hosts";
import { crossAcls } from "./readers/network-acls";
import { AuthorizationFlow, AuthorizationLayer, authorizationPolicyLayer } from "./readers/authorization-policies";
import { NetworkPolicyLayer, networkPolicyLayer, PolicyFlow } from "./readers/network-policies";
import { compare, isKubernetesNode, KUBERNETES_PREFIX, KubernetesService, kubernetesNodesIn } from "./readers/nodes";
import { layersOnPath, NO_DECLARED_ENDS } from "./readers/paths";
import { ALL_PORTS, intersectRanges, mergeRanges, PortRange, rangesCover, subtractRanges } from "./readers/ranges";
import { GroupFlow, GroupLayer, securityGroupLayer } from "./readers/security-groups";
import { INTERNET_NODE } from "../shared/service-graph";
import { FlowEdge, FlowGraph, FlowLayer, FlowNode, FlowUnknown } from "./types";

/**
 * The effective graph of each stack of a model: the flows every layer on their path allows, rebuilt from what
 * Terraform will create (never from a declaration).
 *
 * - Between two security groups of the configuration, an edge holds the ports that both the source's egress and the
 *   destination's ingress allow, with both layers and their rule addresses.
 * - Where one end is not a group (the internet, the VPC, an address block, a prefix list or gateway endpoint, a group
 *   outside the configuration), the one security-group rule that names it decides. A cluster's node security group
 *   (tagged `zt:cluster-nodes`) is the node `cluster:<name>`, like any group. A rule that admits the VPC's CIDR
 *   or a tier's block is an edge from `vpc` or `cidr:<block>`, not one per group in that range.
 * - Then the network ACL layer, for edges between two groups whose hosts' subnets are known (`readers/hosts.ts`): the
 *   ports some pair of the two groups' subnets lets through, both ways (`readers/network-acls.ts`). An edge no subnet
 *   pair lets through is dropped; one some pairs let through only in part is narrowed.
 * - Then the gateway-route layer (`readers/gateways.ts`): the internet to each API reachable from it on TCP 443, and each
 *   gateway to the services its private integrations reach, each edge with its routes. Between a gateway whose load
 *   balancer group is in the configuration and a service, a route counts only when the security groups between them
 *   let its port through too (and the edge lists the layers of both); a route they block leaves no edge.
 * - Then the Kubernetes layers (`kubernetesPieces`): NetworkPolicies (`readers/network-policies.ts`) and Istio
 *   AuthorizationPolicies (`readers/authorization-policies.ts`) between the services whose pods the stack runs.
 * - Route tables are not read: an edge to the internet from a group whose subnets have no route to a NAT or internet
 *   gateway still shows when its security group allows it.
 *
 * Stacks are in name order; each graph's nodes are sorted by id, its edges by from, to, protocol and first port, with
 * adjacent and overlapping port ranges merged.
 */
export function effectiveGraph(model: Model): FlowGraph[] {
  const firstOfStack = new Map<string, Resource>();
  for (const r of model.resources) if (!firstOfStack.has(r.stack)) firstOfStack.set(r.stack, r);
  return [...firstOfStack.keys()].sort(compare).map((stack) => effectiveGraphOf(model, firstOfStack.get(stack)!));
}

/** The effective graph of the stack of `near`, computed once per model and stack. */
export function effectiveGraphOf(model: Model, near: Resource): FlowGraph {
  return model.memoIn("graph:effective", near, buildGraph);
}

/** One piece of an edge before ranges are merged. */
export interface EdgePiece {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly ranges: readonly PortRange[];
  readonly layers: ReadonlyMap<FlowLayer, readonly string[]>;
  /** Groups at the two ends, when both are groups of the configuration (the network ACL layer looks at their hosts). */
  readonly groups?: { readonly from: Resource; readonly to: Resource };
  /** Routes the piece carries (gateway-route layer). */
  readonly routes?: readonly string[];
}

function buildGraph(near: Resource, model: Model): FlowGraph {
  const layer = securityGroupLayer(model, near);
  const unknown: FlowUnknown[] = layer.unknown.map((u) => ({ address: u.address, text: u.text }));
  const pieces = groupPieces(layer.flows).flatMap((p) => throughAcls(p, model, unknown));
  const gateways = gatewayRouteLayer(model, near);
  for (const u of gateways.unknown) unknown.push({ address: u.address, text: u.text });
  pieces.push(...routePieces(gateways.flows, layer, model));
  const pods = kubernetesPieces(model, near);
  pieces.push(...pods.pieces);
  unknown.push(...pods.unknown);
  const edges = joinPieces(pieces);
  // Nodes of the graph: every group and Kubernetes service of the stack, and the other nodes where an edge ends.
  const ends = new Set(edges.flatMap((e) => [e.from, e.to]));
  const nodes = [...layer.nodes.all().filter((n) => ends.has(n.id) || layer.nodes.groupsOf(n.id).length > 0), ...pods.nodes(ends)];
  const byId = new Map<string, FlowNode>();
  for (const n of nodes) byId.set(n.id, byId.has(n.id) ? { ...n, addresses: [...new Set([...byId.get(n.id)!.addresses, ...n.addresses])].sort() } : n);
  return { stack: near.stack, nodes: [...byId.values()].sort((a, b) => compare(a.id, b.id)), edges, unknown: sortUnknown(unknown) };
}

/**
 * The pieces of the Kubernetes layers. Between two Kubernetes services of the stack, the ports every layer that
 * governs the pair allows: the caller's NetworkPolicy egress when some policy isolates its pods for egress, the
 * callee's NetworkPolicy ingress when some policy isolates them for ingress, and, for TCP, the callee's
 * AuthorizationPolicies when some applies to it (ALLOW rules less DENY rules); each rule counts for the pair when its
 * peer covers the other service's pods. A pair no layer governs has no edge here (nothing in the configuration speaks
 * of it). A flow whose peer is not one service (an address block, `k8s:*`, a namespace, a token) stands alone, as a
 * security-group rule to an address block does.
 */
export function kubernetesPieces(model: Model, near: Resource): { pieces: EdgePiece[]; unknown: FlowUnknown[]; nodes: (ends: ReadonlySet<string>) => FlowNode[] } {
  const services = kubernetesNodesIn(model, near).services;
  const policies = networkPolicyLayer(model, near);
  const mesh = authorizationPolicyLayer(model, near);
  const unknown: FlowUnknown[] = [...kubernetesNodesIn(model, near).unknown, ...policies.unknown, ...mesh.unknown].map((u) => ({ address: u.address, text: u.text }));
  const pieces: EdgePiece[] = [];
  const index: LayerIndex = {
    egress: byService(policies.flows.filter((f) => f.layer === "network-policy-egress")),
    ingress: byService(policies.flows.filter((f) => f.layer === "network-policy-ingress")),
    allow: byService(mesh.flows),
    deny: byService(mesh.denies),
  };
  for (const caller of services.values()) {
    for (const callee of services.values()) {
      if (caller !== callee) pieces.push(...pairPieces(caller, callee, policies, mesh, index));
    }
  }
  const flows: readonly (PolicyFlow | AuthorizationFlow)[] = [...policies.flows, ...mesh.flows];
  const wide = new Map<string, FlowNode>();
  for (const f of flows) {
    if (services.has(f.peer.node)) continue;
    pieces.push({ from: f.from, to: f.to, protocol: f.protocol, ranges: [{ from: f.fromPort, to: f.toPort }], layers: new Map([[f.layer, [f.address]]]) });
    wide.set(f.peer.node, peerNode(f.peer.node));
  }
  const nodes = (ends: ReadonlySet<string>): FlowNode[] => [
    ...[...services.values()].map((s): FlowNode => ({ id: s.name, kind: "service", label: s.name, addresses: [s.workload.address] })),
    ...[...wide.values()].filter((n) => ends.has(n.id)),
  ];
  return { pieces, unknown, nodes };
}

/** The node of a peer that is not one service: Kubernetes pods, the internet or an address block. */
function peerNode(id: string): FlowNode {
  if (id === INTERNET_NODE) return { id, kind: "internet", label: "internet", addresses: [] };
  if (isKubernetesNode(id)) return { id, kind: "pods", label: id.slice(KUBERNETES_PREFIX.length), addresses: [] };
  return { id, kind: "cidr", label: id.startsWith("cidr:") ? id.slice("cidr:".length) : id, addresses: [] };
}

/** The flows of the Kubernetes layers by the service whose pods their policy selects. */
interface LayerIndex {
  readonly egress: ReadonlyMap<KubernetesService, readonly PolicyFlow[]>;
  readonly ingress: ReadonlyMap<KubernetesService, readonly PolicyFlow[]>;
  readonly allow: ReadonlyMap<KubernetesService, readonly AuthorizationFlow[]>;
  readonly deny: ReadonlyMap<KubernetesService, readonly AuthorizationFlow[]>;
}

function byService<T extends { readonly service: KubernetesService }>(flows: readonly T[]): Map<KubernetesService, T[]> {
  const out = new Map<KubernetesService, T[]>();
  for (const f of flows) {
    const list = out.get(f.service);
    if (list === undefined) out.set(f.service, [f]);
    else list.push(f);
  }
  return out;
}

/** The pieces from `caller` to `callee` that every Kubernetes layer governing the pair allows, per transport protocol. */
function pairPieces(caller: KubernetesService, callee: KubernetesService, policies: NetworkPolicyLayer, mesh: AuthorizationLayer, index: LayerIndex): EdgePiece[] {
  const out: EdgePiece[] = [];
  for (const protocol of ["tcp", "udp"]) {
    let ranges: PortRange[] = [ALL_PORTS];
    const layers = new Map<FlowLayer, string[]>();
    const narrow = (layer: FlowLayer, flows: readonly (PolicyFlow | AuthorizationFlow)[], subtract: readonly AuthorizationFlow[] = []) => {
      const allowed = flows.filter((f) => f.protocol === "all" || f.protocol === protocol);
      const denied = subtract.filter((f) => f.protocol === protocol).map((f) => ({ from: f.fromPort, to: f.toPort }));
      ranges = subtractRanges(intersectRanges(ranges, allowed.map((f) => ({ from: f.fromPort, to: f.toPort }))), denied);
      layers.set(layer, [...new Set(allowed.map((f) => f.address))]);
    };
    const covering = <T extends PolicyFlow | AuthorizationFlow>(flows: ReadonlyMap<KubernetesService, readonly T[]>, service: KubernetesService, peer: KubernetesService) =>
      (flows.get(service) ?? []).filter((f) => f.peer.services.includes(peer));
    if (policies.egressIsolated.has(caller.name)) narrow("network-policy-egress", covering(index.egress, caller, callee));
    if (policies.ingressIsolated.has(callee.name)) narrow("network-policy-ingress", covering(index.ingress, callee, caller));
    if (protocol === "tcp" && mesh.governed.has(callee.name)) narrow("authorization-policy", covering(index.allow, callee, caller), covering(index.deny, callee, caller));
    if (layers.size === 0 || ranges.length === 0) continue;
    out.push({ from: caller.name, to: callee.name, protocol, ranges, layers });
  }
  return out;
}

/**
 * The edges of the security-group layer: for a pair of groups of the configuration, the ports the source's egress
 * and the destination's ingress both allow; for any other peer, what the one rule allows.
 */
export function groupPieces(flows: readonly GroupFlow[]): EdgePiece[] {
  const pieces: EdgePiece[] = [];
  const ingressByPair = new Map<Resource, Map<Resource, GroupFlow[]>>();
  for (const f of flows) {
    if (f.layer !== "security-group-ingress" || f.group === undefined || f.peer === undefined) continue;
    let byPeer = ingressByPair.get(f.group);
    if (byPeer === undefined) ingressByPair.set(f.group, (byPeer = new Map()));
    const list = byPeer.get(f.peer);
    if (list === undefined) byPeer.set(f.peer, [f]);
    else list.push(f);
  }
  for (const f of flows) {
    const paired = f.group !== undefined && f.peer !== undefined;
    if (!paired) {
      pieces.push({ from: f.from, to: f.to, protocol: f.protocol, ranges: [{ from: f.fromPort, to: f.toPort }], layers: new Map([[f.layer, [f.address]]]) });
      continue;
    }
    if (f.layer !== "security-group-egress") continue;
    const source = f.group!;
    const target = f.peer!;
    for (const i of ingressByPair.get(target)?.get(source) ?? []) {
      const protocol = commonProtocol(f.protocol, i.protocol);
      if (protocol === undefined) continue;
      const from = Math.max(f.fromPort, i.fromPort);
      const to = Math.min(f.toPort, i.toPort);
      if (from > to) continue;
      pieces.push({
        from: f.from,
        to: f.to,
        protocol,
        ranges: [{ from, to }],
        layers: new Map<FlowLayer, string[]>([
          ["security-group-egress", [f.address]],
          ["security-group-ingress", [i.address]],
        ]),
        groups: { from: source, to: target },
      });
    }
  }
  return pieces;
}

/**
 * A piece between two groups as the network ACLs of their hosts' subnets leave it: the ports some subnet pair lets
 * through (a pair whose ACLs cannot be read before apply counts as letting all through, and is listed in `unknown`).
 * Protocol `all` that the ACLs do not let through whole is tried as TCP and UDP.
 */
function throughAcls(piece: EdgePiece, model: Model, unknown: FlowUnknown[]): EdgePiece[] {
  if (piece.groups === undefined) return [piece];
  const from = subnetsOfGroup(piece.groups.from, model);
  const to = subnetsOfGroup(piece.groups.to, model);
  for (const [group, subnets] of [[piece.groups.from, from], [piece.groups.to, to]] as const) {
    if ("unknown" in subnets) unknown.push({ address: group.address, text: `network ACLs between ${piece.from} and ${piece.to} not read: ${subnets.unknown}` });
  }
  if ("unknown" in from || "unknown" in to || from.subnets.length === 0 || to.subnets.length === 0) return [piece];
  const judge = (protocol: string, ranges: readonly PortRange[]): EdgePiece | undefined => {
    const allowed: PortRange[] = [];
    const acls = new Set<string>();
    for (const a of from.subnets) {
      for (const b of to.subnets) {
        const crossing = crossAcls(a, b, protocol, ranges, model);
        if (crossing === undefined) {
          allowed.push(...ranges);
          continue;
        }
        for (const acl of crossing.acls) acls.add(acl);
        if ("allowed" in crossing.answer) allowed.push(...crossing.answer.allowed);
        else {
          allowed.push(...ranges);
          unknown.push({ address: crossing.acls[0], text: `network ACLs between ${piece.from} and ${piece.to}: ${crossing.answer.unknown}` });
        }
      }
    }
    const merged = mergeRanges(allowed);
    if (merged.length === 0) return undefined;
    const layers = new Map(piece.layers);
    if (acls.size > 0) layers.set("network-acl", [...acls]);
    return { ...piece, protocol, ranges: merged, layers };
  };
  const whole = judge(piece.protocol, piece.ranges);
  if (piece.protocol !== "all" || (whole !== undefined && rangesCover(whole.ranges, [ALL_PORTS]))) return whole === undefined ? [] : [whole];
  return ["tcp", "udp"].map((p) => judge(p, [ALL_PORTS])).filter((p): p is EdgePiece => p !== undefined);
}

/**
 * The pieces of the gateway-route layer. A route from a gateway whose node has security groups in the configuration
 * (its load balancer's) counts only when those groups' egress and the service's ingress let its port through, judged as
 * a declared edge would be (`readers/paths.ts`: a rule naming an address block that holds the other end's subnets
 * counts); any other route flow stands alone.
 */
export function routePieces(flows: readonly RouteFlow[], layer: GroupLayer, model: Model): EdgePiece[] {
  const out: EdgePiece[] = [];
  for (const f of flows) {
    if (f.from === f.gateway && layer.nodes.groupsOf(f.from).length > 0) {
      const verdicts = layersOnPath({ from: f.from, to: f.to, protocol: "tcp", port: f.fromPort, kind: "service" }, layer, NO_DECLARED_ENDS, model);
      if (!("missing" in verdicts) && verdicts.some((v) => v.status === "block")) continue;
    }
    out.push({ from: f.from, to: f.to, protocol: f.protocol, ranges: [{ from: f.fromPort, to: f.toPort }], layers: new Map([[f.layer, [f.address]]]), routes: f.routes });
  }
  return out;
}

/** The protocol two rules both allow: the same one, or the narrower when one allows all; undefined when none. */
export function commonProtocol(a: string, b: string): string | undefined {
  if (a === b) return a;
  if (a === "all") return b;
  if (b === "all") return a;
  return undefined;
}

/** Edges from pieces: per (from, to, protocol), ranges merged where they overlap or touch, with the layers of each. */
export function joinPieces(pieces: readonly EdgePiece[]): FlowEdge[] {
  const byKey = new Map<string, { piece: EdgePiece; range: PortRange }[]>();
  for (const p of pieces) {
    const key = `${p.from}\u0000${p.to}\u0000${p.protocol}`;
    let list = byKey.get(key);
    if (list === undefined) byKey.set(key, (list = []));
    for (const range of mergeRanges(p.ranges)) list.push({ piece: p, range });
  }
  const edges: FlowEdge[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.range.from - b.range.from || a.range.to - b.range.to);
    let current: { from: number; to: number; layers: Map<FlowLayer, Set<string>>; routes: Set<string> } | undefined;
    const first = list[0].piece;
    const close = () => {
      if (current === undefined) return;
      const edge: FlowEdge = { from: first.from, to: first.to, protocol: first.protocol, fromPort: current.from, toPort: current.to, layers: layersOf(current.layers) };
      edges.push(current.routes.size === 0 ? edge : { ...edge, routes: [...current.routes].sort(compare) });
    };
    for (const { piece, range } of list) {
      if (current !== undefined && range.from <= current.to + 1) current.to = Math.max(current.to, range.to);
      else {
        close();
        current = { from: range.from, to: range.to, layers: new Map(), routes: new Set() };
      }
      for (const r of piece.routes ?? []) current.routes.add(r);
      piece.layers.forEach((addresses, layer) => {
        let set = current!.layers.get(layer);
        if (set === undefined) current!.layers.set(layer, (set = new Set()));
        for (const a of addresses) set.add(a);
      });
    }
    close();
  }
  return edges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.protocol, b.protocol) || a.fromPort - b.fromPort);
}

const LAYER_ORDER: readonly FlowLayer[] = [
  "gateway-route",
  "security-group-egress",
  "security-group-ingress",
  "network-acl",
  "network-policy-egress",
  "network-policy-ingress",
  "authorization-policy",
];

function layersOf(map: ReadonlyMap<FlowLayer, ReadonlySet<string>>): FlowEdge["layers"] {
  return LAYER_ORDER.filter((l) => map.has(l)).map((layer) => ({ layer, addresses: [...map.get(layer)!].sort() }));
}

/** Unknowns sorted by address and text, each once. */
function sortUnknown(list: readonly FlowUnknown[]): FlowUnknown[] {
  const seen = new Set<string>();
  const out: FlowUnknown[] = [];
  for (const u of list) {
    const key = `${u.address}\u0000${u.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(u);
    }
  }
  return out.sort((a, b) => compare(a.address, b.address) || compare(a.text, b.text));
}
