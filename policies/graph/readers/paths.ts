import { Model, Resource } from "../../engine/model";
import { rulesOfGroup } from "../../rules/network/_security-group-rules";
import { CLUSTER_NODES_TAG, clusterNode, GATEWAY_TAG, GraphEdge, INTERNET_NODE, VPC_NODE } from "../../shared/service-graph";
import { Flow, FlowLayer } from "../types";
import { AuthorizationFlow, authorizationPolicyLayer } from "./authorization-policies";
import { gatewayRouteLayer, RouteFlow, RouteLayer, routeServed } from "./gateways";
import { subnetsOfGroup } from "./hosts";
import { crossAcls } from "./network-acls";
import { AddressRange, networkPolicyLayer, PodPeer, PolicyFlow, PolicyUnknown } from "./network-policies";
import { cidrContains, cidrOverlaps, isGatewayNode, kubernetesNodesIn } from "./nodes";
import { portsText } from "./ranges";
import { GroupFlow, GroupLayer } from "./security-groups";

/**
 * Whether each layer on the path of one declared edge lets it through: the source's security-group egress and the
 * destination's security-group ingress where the ends are groups of the configuration, then the network ACLs between
 * their hosts' subnets. A rule to or from an address block counts for a group when the block holds every subnet the
 * group's hosts run in (the internet and the VPC hold them all).
 *
 * A declared Kubernetes service (graph `runtime.kind` `kubernetes`) has no security group of its own: its pods use the
 * node security group of their cluster (tagged `zt:cluster-nodes` with the cluster's name, node `cluster:<name>`), so
 * that end is judged through the cluster's node groups and the subnets of its node groups, exactly as a host group is.
 * When the stack also runs the service's pods, the Kubernetes layers are judged as well (`kubernetesVerdicts`).
 *
 * A gateway edge (kind `gateway`) is judged by the gateway-route layer as well: into a gateway, its API must be
 * reachable from the internet and serve every declared route (the security group of its load balancer is not on that
 * path); from a gateway to a service, some route of its API must reach the service on the port, the routes together
 * must serve every declared route, and the security groups between the load balancer and the hosts must let it through.
 */

/** What the declared graph says about the ends of its edges. */
export interface DeclaredEnds {
  /** The declared services: one that the stack gives no security group is a `MissingEnd`. */
  readonly services: ReadonlySet<string>;
  /** The declared services that run on Kubernetes, with their cluster (`runtime.cluster`; undefined when none is named). */
  readonly kubernetes: ReadonlyMap<string, string | undefined>;
}

/** No declared ends: every end is judged by the groups the stack holds for its node, none is missing. */
export const NO_DECLARED_ENDS: DeclaredEnds = Object.freeze({ services: new Set<string>(), kubernetes: new Map<string, string | undefined>() });

/** One layer's answer for one declared edge. */
export interface LayerVerdict {
  readonly layer: FlowLayer;
  /** Whose layer: the node, or the subnets between which the ACLs sit. */
  readonly of: string;
  readonly status: "allow" | "block" | "unknown";
  /** Why it blocks, or what is unknown. Empty when it allows. */
  readonly text: string;
}

/** Why a declared edge cannot be judged at all: an end that should be a group of the configuration is not. */
export interface MissingEnd {
  readonly missing: string;
}

/**
 * The verdict of every layer on the path of `edge`. A declared service end without a security group is a `MissingEnd`,
 * and so is a declared Kubernetes service whose pods the stack does not run when its cluster has no node group in the
 * stack. Any other end without a group (the internet, an address block, a gateway endpoint's prefix list) is judged by
 * the other end's rules alone.
 */
export function layersOnPath(edge: GraphEdge, layer: GroupLayer, ends: DeclaredEnds, model: Model): LayerVerdict[] | MissingEnd {
  const pods = kubernetesVerdicts(edge, layer, ends, model);
  if (pods !== undefined) {
    // Pods of the stack: the Kubernetes layers, and the security groups and ACLs the stack holds on the path.
    const groups = groupLayers(edge, layer, ends, model, true);
    return "missing" in groups ? pods : [...groups, ...pods];
  }
  const gateway = edge.kind === "gateway" ? [edge.to, edge.from].find(isGatewayNode) : undefined;
  if (gateway === undefined) return groupLayers(edge, layer, ends, model, false);
  const routes = gatewayRouteLayer(model, layer.nodes.near);
  if (!routes.apis.has(gateway)) {
    return { missing: `gateway ${gateway} has no API in the configuration (no API is tagged ${GATEWAY_TAG} = ${gateway.slice(gateway.indexOf(":") + 1)})` };
  }
  if (gateway === edge.to) return [routeVerdict(edge, gateway, routes)];
  const groups = groupLayers(edge, layer, ends, model, false);
  return "missing" in groups ? groups : [routeVerdict(edge, gateway, routes), ...groups];
}

/**
 * The gateway-route layer's verdict on a gateway edge: the routes into the gateway from the internet (any caller from
 * outside comes that way), or from the gateway to the edge's service on its port; each declared route must be served.
 */
function routeVerdict(edge: GraphEdge, gateway: string, routes: RouteLayer): LayerVerdict {
  const into = gateway === edge.to;
  const matching = routes.flows.filter((f) => (into ? f.to === gateway && f.from === INTERNET_NODE : f.from === gateway && f.to === edge.to) && carries(f, edge));
  const unknown = routes.unknown.filter((u) => u.gateway === gateway && (into || u.concerns === "routes")).map((u) => u.text);
  const what = portsText(edge.protocol, [{ from: edge.port, to: edge.port }]);
  let blockText: string;
  if (matching.length === 0) {
    const closed = routes.closed.get(gateway);
    blockText = into ? `${gateway} is not reachable from the internet${closed !== undefined ? ` (${closed})` : ""}` : `no route of ${gateway} reaches ${edge.to} on ${what}`;
  } else {
    const served = matching.flatMap((f) => f.routes);
    const missing = (edge.routes ?? []).filter((r) => !routeServed(served, r));
    if (missing.length === 0) return { layer: "gateway-route", of: gateway, status: "allow", text: "" };
    blockText = into ? `no route of ${gateway} serves ${missing.join(", ")}` : `no route of ${gateway} to ${edge.to} on ${what} serves ${missing.join(", ")}`;
  }
  return verdict("gateway-route", gateway, false, unknown, blockText);
}

/** True when a route flow carries the edge's protocol and port. */
function carries(f: RouteFlow, edge: GraphEdge): boolean {
  return f.protocol === edge.protocol && f.fromPort <= edge.port && edge.port <= f.toPort;
}

/** One end of an edge as the security-group layer sees it: the node its peers' rules name, and its groups in the stack. */
interface GroupEnd {
  /** The node rules name it by: the service, or `cluster:<name>` for a Kubernetes service. */
  readonly node: string;
  /** How messages name it: `ledger`, `orders (on cluster:main)`. */
  readonly label: string;
  readonly groups: readonly Resource[];
}

/**
 * The groups of one end: a declared Kubernetes service's cluster node groups, any other node's own groups. Without
 * groups, a declared service is missing, unless `podsHere` (the stack runs pods of the edge, whose Kubernetes layers are
 * judged instead).
 */
function groupEnd(end: string, layer: GroupLayer, ends: DeclaredEnds, podsHere: boolean): GroupEnd | MissingEnd {
  if (ends.kubernetes.has(end)) {
    const cluster = ends.kubernetes.get(end);
    const groups = cluster === undefined ? [] : layer.nodes.groupsOf(clusterNode(cluster));
    if (groups.length > 0) return { node: clusterNode(cluster!), label: `${end} (on ${clusterNode(cluster!)})`, groups };
    if (podsHere) return { node: end, label: end, groups };
    if (cluster === undefined) return { missing: `service ${end} runs on Kubernetes, and the declared graph names no cluster for it (runtime.cluster)` };
    return {
      missing: `service ${end} runs on Kubernetes cluster ${cluster}, and no security group in the configuration is tagged ${CLUSTER_NODES_TAG} = ${cluster} (the node group its pods use)`,
    };
  }
  const groups = layer.nodes.groupsOf(end);
  if (!podsHere && ends.services.has(end) && groups.length === 0) {
    return { missing: `service ${end} has no security group in the configuration (no security group is tagged zt:service = ${end})` };
  }
  return { node: end, label: end, groups };
}

/** The security-group and network ACL verdicts on the path of an edge. */
function groupLayers(edge: GraphEdge, layer: GroupLayer, ends: DeclaredEnds, model: Model, podsHere: boolean): LayerVerdict[] | MissingEnd {
  const from = groupEnd(edge.from, layer, ends, podsHere);
  if ("missing" in from) return from;
  const to = groupEnd(edge.to, layer, ends, podsHere);
  if ("missing" in to) return to;
  const sources = from.groups;
  const targets = to.groups;
  const out: LayerVerdict[] = [];
  const what = portsText(edge.protocol, [{ from: edge.port, to: edge.port }]);
  if (sources.length > 0) {
    const allowed = flowsOf(sources, layer).some((f) => f.layer === "security-group-egress" && admits(f, edge) && reaches(f.to, f.peer, to.node, targets, model));
    out.push(verdict("security-group-egress", from.node, allowed, unknownOn(sources, layer, model), `no egress rule allows ${to.label} on ${what}`));
  }
  if (targets.length > 0) {
    const allowed = flowsOf(targets, layer).some((f) => f.layer === "security-group-ingress" && admits(f, edge) && reaches(f.from, f.peer, from.node, sources, model));
    out.push(verdict("security-group-ingress", to.node, allowed, unknownOn(targets, layer, model), `no ingress rule admits ${from.label} on ${what}`));
  }
  if (sources.length > 0 && targets.length > 0) out.push(...aclVerdicts(edge, sources, targets, model));
  return out;
}

/** The flows the rules of some groups allow. */
function flowsOf(groups: readonly Resource[], layer: GroupLayer): readonly GroupFlow[] {
  return groups.length === 1 ? (layer.byGroup.get(groups[0]) ?? []) : groups.flatMap((g) => layer.byGroup.get(g) ?? []);
}

function verdict(layer: FlowLayer, of: string, allowed: boolean, unknown: readonly string[], blockText: string): LayerVerdict {
  if (allowed) return { layer, of, status: "allow", text: "" };
  if (unknown.length > 0) return { layer, of, status: "unknown", text: `${blockText} as far as can be read; ${unknown.join("; ")}` };
  return { layer, of, status: "block", text: blockText };
}

/** True when a flow's protocol and ports hold the edge's port. */
function admits(f: GroupFlow, edge: GraphEdge): boolean {
  return (f.protocol === "all" || f.protocol === edge.protocol) && f.fromPort <= edge.port && edge.port <= f.toPort;
}

/**
 * True when a rule's peer (`node`, and `peer` when it is a group) stands for the edge's other end: the same node, one
 * of its groups, or an address block that holds every subnet the other end's hosts run in.
 */
function reaches(node: string, peer: Resource | undefined, end: string, endGroups: readonly Resource[], model: Model): boolean {
  if (node === end || (peer !== undefined && endGroups.includes(peer))) return true;
  if (endGroups.length === 0) return false;
  if (node === INTERNET_NODE || node === VPC_NODE) return true;
  if (!node.startsWith("cidr:")) return false;
  const block = node.slice("cidr:".length);
  return endGroups.every((g) => {
    const placed = subnetsOfGroup(g, model);
    if ("unknown" in placed || placed.subnets.length === 0) return false;
    return placed.subnets.every((s) => {
      const cidr = s.str("cidr_block");
      return cidr !== undefined && cidrContains(block, cidr);
    });
  });
}

/** What cannot be read of the rules of some groups: the layer's unknowns declared by those groups' rule resources. */
function unknownOn(groups: readonly Resource[], layer: GroupLayer, model: Model): string[] {
  const origins = new Set<string>();
  for (const g of groups) {
    origins.add(g.address);
    const set = rulesOfGroup(g, model);
    for (const r of set.rules) origins.add(r.origin);
    for (const u of set.unreadable) origins.add(u.origin);
  }
  return layer.unknown.filter((u) => origins.has(u.address)).map((u) => u.text);
}

/** The network ACL verdicts between every pair of subnets of the two ends' hosts; none when they are not known. */
function aclVerdicts(edge: GraphEdge, sources: readonly Resource[], targets: readonly Resource[], model: Model): LayerVerdict[] {
  const from = sources.map((g) => subnetsOfGroup(g, model));
  const to = targets.map((g) => subnetsOfGroup(g, model));
  const unknown = [...from, ...to].find((s): s is { unknown: string } => "unknown" in s);
  if (unknown !== undefined) return [{ layer: "network-acl", of: `${edge.from} -> ${edge.to}`, status: "unknown", text: unknown.unknown }];
  const subnetsOf = (list: typeof from) => [...new Set(list.flatMap((s) => ("subnets" in s ? s.subnets : [])))];
  const out: LayerVerdict[] = [];
  for (const a of subnetsOf(from)) {
    for (const b of subnetsOf(to)) {
      const crossing = crossAcls(a, b, edge.protocol, [{ from: edge.port, to: edge.port }], model);
      if (crossing === undefined) continue;
      const of = `subnets ${a.address} and ${b.address}`;
      if ("unknown" in crossing.answer) out.push({ layer: "network-acl", of, status: "unknown", text: crossing.answer.unknown });
      else if (crossing.answer.allowed.length === 0) out.push({ layer: "network-acl", of, status: "block", text: crossing.blocked.join("; ") });
      else out.push({ layer: "network-acl", of, status: "allow", text: "" });
    }
  }
  return out;
}

/**
 * The verdicts of the Kubernetes layers on the path of an edge with an end that is a Kubernetes service of the stack
 * (`readers/nodes.ts`); undefined when neither end is one. The caller's NetworkPolicy egress where some policy isolates
 * its pods for egress, the callee's NetworkPolicy ingress where some policy isolates them for ingress, and the callee's
 * AuthorizationPolicies where some applies to it (TCP only: Istio does not authorize UDP). A rule counts when its peer
 * covers the other end: a selector or principal that picks its pods; for an end off the cluster (not a Kubernetes
 * service of the stack), an address block, which must hold the end's block for `cidr:` and be the internet for the
 * internet (the addresses of other nodes are not in a Kubernetes stack, so any address block counts for them); an
 * AuthorizationPolicy source that is not a workload (a token, an address block, `k8s:*`) for an end off the mesh.
 *
 * An ipBlock with except blocks (`PodPeer.range`) counts only where the end lies inside the block and outside every
 * except block: for `cidr:` and the internet by the end's block; for another node by the subnets its groups' hosts
 * run in (a declared Kubernetes service's cluster node groups), when the stack holds them. When it does not, the
 * except blocks may hold the end: that rule's answer is unknown, never a pass.
 */
export function kubernetesVerdicts(edge: GraphEdge, layer: GroupLayer, ends: DeclaredEnds, model: Model): LayerVerdict[] | undefined {
  const near = layer.nodes.near;
  const nodes = kubernetesNodesIn(model, near);
  const caller = nodes.services.get(edge.from);
  const callee = nodes.services.get(edge.to);
  if (caller === undefined && callee === undefined) return undefined;
  const policies = networkPolicyLayer(model, near);
  const what = portsText(edge.protocol, [{ from: edge.port, to: edge.port }]);
  const out: LayerVerdict[] = [];
  const unknownOf = (list: readonly PolicyUnknown[], service: string) => list.filter((u) => u.services.length === 0 || u.services.includes(service)).map((u) => u.text);
  const policyVerdict = (kind: "egress" | "ingress", self: string, other: string, pods: boolean, blockText: string): LayerVerdict => {
    const flowLayer = kind === "egress" ? "network-policy-egress" : "network-policy-ingress";
    const service = nodes.services.get(self)!;
    const blocks = () => endBlocks(other, layer, ends, model);
    const answers = policies.flows
      .filter((f) => f.layer === flowLayer && f.service === service && carriesPort(f, edge))
      .map((f) => ({ f, covered: covers(f.peer, other, pods, blocks) }));
    const allowed = answers.some((a) => a.covered === true);
    const open = answers.filter((a) => a.covered === undefined).map((a) => rangeUnknown(a.f, other));
    return verdict(flowLayer, self, allowed, [...unknownOf(policies.unknown, self), ...new Set(open)], blockText);
  };
  if (caller !== undefined && policies.egressIsolated.has(caller.name)) {
    out.push(policyVerdict("egress", edge.from, edge.to, callee !== undefined, `no egress rule of the NetworkPolicies selecting ${edge.from} (${policies.egressIsolated.get(caller.name)!.join(", ")}) reaches ${edge.to} on ${what}`));
  }
  if (callee !== undefined && policies.ingressIsolated.has(callee.name)) {
    out.push(policyVerdict("ingress", edge.to, edge.from, caller !== undefined, `no ingress rule of the NetworkPolicies selecting ${edge.to} (${policies.ingressIsolated.get(callee.name)!.join(", ")}) admits ${edge.from} on ${what}`));
  }
  const mesh = authorizationPolicyLayer(model, near);
  if (callee !== undefined && edge.protocol === "tcp" && mesh.governed.has(callee.name)) {
    const matches = (f: AuthorizationFlow) => f.service === callee && carriesPort(f, edge) && (caller !== undefined ? covers(f.peer, edge.from, true, () => undefined) === true : f.peer.wide || f.peer.services.length === 0);
    const denied = mesh.denies.find(matches);
    const allowed = denied === undefined && mesh.flows.some(matches);
    const why = denied !== undefined ? `${denied.rule} (DENY) refuses ${edge.from} on ${what}` : `no ALLOW rule of the AuthorizationPolicies of ${edge.to} (${mesh.governed.get(callee.name)!.join(", ")}) admits ${edge.from} on ${what}`;
    out.push(verdict("authorization-policy", edge.to, allowed, unknownOf(mesh.unknown, callee.name), why));
  }
  return out;
}

/** True when a flow's protocol and ports hold the edge's port. */
function carriesPort(f: Flow, edge: GraphEdge): boolean {
  return (f.protocol === "all" || f.protocol === edge.protocol) && f.fromPort <= edge.port && edge.port <= f.toPort;
}

/**
 * Whether a rule's peer stands for the edge's other end `end` (a Kubernetes service of the stack when `pods`); undefined
 * when an ipBlock with except blocks may or may not hold it (`blocks` gives the end's address blocks, when known).
 */
function covers(peer: PodPeer, end: string, pods: boolean, blocks: () => readonly string[] | undefined): boolean | undefined {
  if (pods) return peer.services.some((s) => s.name === end);
  if (!peer.block) return false;
  if (end === INTERNET_NODE) return peer.node === INTERNET_NODE;
  const range = peer.range;
  if (end.startsWith("cidr:")) {
    const block = end.slice("cidr:".length);
    if (range !== undefined) return inRange(block, range);
    return peer.node === INTERNET_NODE || (peer.node.startsWith("cidr:") && cidrContains(peer.node.slice("cidr:".length), block));
  }
  if (range === undefined) return true;
  const known = blocks();
  if (known === undefined) return undefined;
  return known.every((b) => inRange(b, range));
}

/** True when a known block lies inside an address range: within its block, and sharing no address with an except block. */
function inRange(block: string, range: AddressRange): boolean {
  return cidrContains(range.cidr, block) && !range.except.some((e) => cidrOverlaps(e, block));
}

/** Why a rule whose ipBlock leaves blocks out may or may not reach an end whose addresses the stack does not hold. */
function rangeUnknown(f: PolicyFlow, end: string): string {
  const range = f.peer.range!;
  return `${f.rule} names ${range.cidr} except ${range.except.join(", ")}, and the addresses of ${end} are not in this configuration: the except blocks may hold them`;
}

/**
 * The address blocks of a node off the cluster: the subnets its groups' hosts run in (a declared Kubernetes service's
 * cluster node groups); undefined when the stack holds no group of it, or its hosts' subnets are not known.
 */
function endBlocks(end: string, layer: GroupLayer, ends: DeclaredEnds, model: Model): readonly string[] | undefined {
  const found = groupEnd(end, layer, ends, true);
  if ("missing" in found || found.groups.length === 0) return undefined;
  const blocks: string[] = [];
  for (const g of found.groups) {
    const placed = subnetsOfGroup(g, model);
    if ("unknown" in placed || placed.subnets.length === 0) return undefined;
    for (const s of placed.subnets) {
      const cidr = s.str("cidr_block");
      if (cidr === undefined) return undefined;
      blocks.push(cidr);
    }
  }
  return blocks;
}
