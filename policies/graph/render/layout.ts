import { FlowEdge, FlowGraph, FlowNode, FlowUnknown, NodeKind } from "../types";
import { KUBERNETES_PREFIX } from "../readers/nodes";
import { CLUSTER_PREFIX, INTERNET_NODE, PLATFORM_PREFIX, VPC_NODE, cidrNode, gatewayNode, groupNode, prefixListNode } from "../../shared/service-graph";

/**
 * What the picture renderers (Mermaid, DOT) share: the graphs in a fixed order, a short id for every node (`n0`, `n1`,
 * ... in that order, unique over all stacks, so no name has to be made safe for the target syntax), and one labelled
 * arrow per pair of nodes that carries every port range of the pair (`TCP 80, 443; UDP 53`) and, for a gateway, the
 * routes (`TCP 8443: GET /orders, POST /orders`).
 */

/** One node as drawn. */
export interface LaidNode {
  /** Id in the picture: `n0`, `n1`, ... */
  readonly key: string;
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
}

/** One arrow as drawn: every edge between two nodes, in one label. */
export interface LaidEdge {
  readonly from: string;
  readonly to: string;
  /** The port ranges, `TCP 443`, `TCP 80, 443; UDP 53`, `all`, then the routes of gateway edges: `TCP 8443: GET /orders`. */
  readonly label: string;
}

/** One stack as drawn. */
export interface LaidGraph {
  readonly stack: string;
  readonly nodes: readonly LaidNode[];
  readonly edges: readonly LaidEdge[];
  readonly unknown: readonly FlowUnknown[];
}

/** Compares two strings by code unit, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares edges by from, to, protocol, first port and last port. */
export function compareEdges(a: FlowEdge, b: FlowEdge): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.protocol, b.protocol) || a.fromPort - b.fromPort || a.toPort - b.toPort;
}

/**
 * The graphs in a fixed order, whatever order they came in: by stack, nodes by id, edges by from, to, protocol and
 * ports, unknown results by address and text, each edge's layers by name with their addresses sorted, and its routes.
 */
export function sortedGraphs(graphs: readonly FlowGraph[]): FlowGraph[] {
  return [...graphs]
    .sort((a, b) => compareText(a.stack, b.stack))
    .map((g) => ({
      stack: g.stack,
      nodes: [...g.nodes].sort((a, b) => compareText(a.id, b.id)).map((n) => ({ id: n.id, kind: n.kind, label: n.label, addresses: [...n.addresses].sort(compareText) })),
      edges: [...g.edges].sort(compareEdges).map((e) => ({
        from: e.from,
        to: e.to,
        protocol: e.protocol,
        fromPort: e.fromPort,
        toPort: e.toPort,
        layers: [...e.layers].sort((a, b) => compareText(a.layer, b.layer)).map((l) => ({ layer: l.layer, addresses: [...l.addresses].sort(compareText) })),
        ...(e.routes !== undefined && e.routes.length > 0 ? { routes: [...new Set(e.routes)].sort(compareText) } : {}),
      })),
      unknown: [...g.unknown].sort((a, b) => compareText(a.address, b.address) || compareText(a.text, b.text)).map((u) => ({ address: u.address, text: u.text })),
    }));
}

/** Lays out the graphs for a picture: sorted, nodes that take part in a flow with short ids, and one labelled arrow per pair of nodes. */
export function layOut(graphs: readonly FlowGraph[]): LaidGraph[] {
  let next = 0;
  return sortedGraphs(graphs).map((g) => {
    // A picture draws flows: a node without one (an adopted default group with no rules) is left out; JSON keeps it.
    const ends = new Set<string>();
    for (const e of g.edges) ends.add(e.from).add(e.to);
    const nodes = withEndpoints(g).filter((n) => ends.has(n.id));
    const keys = new Map<string, string>();
    const laid = nodes.map((n) => {
      const key = `n${next++}`;
      keys.set(n.id, key);
      return { key, id: n.id, kind: n.kind, label: n.label };
    });
    const key = (id: string) => keys.get(id) as string;
    const edges = pairs(g.edges).map((p) => ({ from: key(p.from), to: key(p.to), label: edgeLabel(p.edges) }));
    return { stack: g.stack, nodes: laid, edges, unknown: g.unknown };
  });
}

/** The graph's nodes, plus a node for any edge end the node list leaves out (named by its id), sorted by id. */
function withEndpoints(g: FlowGraph): FlowNode[] {
  const known = new Set(g.nodes.map((n) => n.id));
  const extra = new Set<string>();
  for (const e of g.edges) for (const id of [e.from, e.to]) if (!known.has(id)) extra.add(id);
  const added = [...extra].map((id): FlowNode => ({ id, kind: kindOfId(id), label: id, addresses: [] }));
  return [...g.nodes, ...added].sort((a, b) => compareText(a.id, b.id));
}

/** The kind a node id names, by the prefixes of `policies/shared/service-graph.ts`; any other id is a service. */
export function kindOfId(id: string): NodeKind {
  if (id === INTERNET_NODE) return "internet";
  if (id === VPC_NODE) return "vpc";
  if (id.startsWith(PLATFORM_PREFIX)) return "platform";
  if (id.startsWith(gatewayNode(""))) return "gateway";
  if (id.startsWith(cidrNode(""))) return "cidr";
  if (id.startsWith(groupNode(""))) return "group";
  if (id.startsWith(prefixListNode(""))) return "prefix-list";
  if (id.startsWith(KUBERNETES_PREFIX)) return "pods";
  if (id.startsWith(CLUSTER_PREFIX)) return "cluster";
  return "service";
}

/** Sorted edges grouped by their pair of nodes, in order. */
function pairs(edges: readonly FlowEdge[]): { from: string; to: string; edges: FlowEdge[] }[] {
  const out: { from: string; to: string; edges: FlowEdge[] }[] = [];
  for (const e of edges) {
    const last = out[out.length - 1];
    if (last !== undefined && last.from === e.from && last.to === e.to) last.edges.push(e);
    else out.push({ from: e.from, to: e.to, edges: [e] });
  }
  return out;
}

/**
 * The label of the edges between one pair of nodes: per protocol, its port ranges joined with commas
 * (`TCP 80, 443, 1024-65535`), protocols joined with semicolons (`TCP 53; UDP 53`); `all` for every protocol.
 */
export function portsLabel(edges: readonly FlowEdge[]): string {
  const byProtocol = new Map<string, string[]>();
  for (const e of [...edges].sort(compareEdges)) {
    const name = protocolName(e.protocol);
    const ports = byProtocol.get(name) ?? [];
    const range = portRange(e);
    if (range !== undefined && !ports.includes(range)) ports.push(range);
    byProtocol.set(name, ports);
  }
  return [...byProtocol].map(([name, ports]) => (ports.length === 0 ? name : `${name} ${ports.join(", ")}`)).join("; ");
}

/**
 * The label of the arrow between one pair of nodes: its ports (`portsLabel`), then, when some edge carries routes,
 * every route once, sorted: `TCP 8443: GET /orders, POST /orders`.
 */
export function edgeLabel(edges: readonly FlowEdge[]): string {
  const routes = [...new Set(edges.flatMap((e) => e.routes ?? []))].sort(compareText);
  const ports = portsLabel(edges);
  return routes.length === 0 ? ports : `${ports}: ${routes.join(", ")}`;
}

/** Protocol numbers Terraform accepts in place of the names. */
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { "-1": "all", "1": "icmp", "6": "tcp", "17": "udp", "58": "icmpv6" };

/** A protocol by name: `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the number of another one. */
function normalProtocol(protocol: string): string {
  const p = protocol.toLowerCase();
  return PROTOCOL_NUMBERS[p] ?? p;
}

/** How a protocol is named in labels: `TCP`, `UDP`, `ICMP`, `ICMPv6`, `all`, `protocol 47`. */
export function protocolName(protocol: string): string {
  const p = normalProtocol(protocol);
  if (p === "all") return "all";
  if (p === "tcp" || p === "udp" || p === "icmp") return p.toUpperCase();
  if (p === "icmpv6") return "ICMPv6";
  return `protocol ${protocol}`;
}

/** The port range of a TCP or UDP edge (`443`, `1024-65535`); undefined for protocols without ports. */
function portRange(e: FlowEdge): string | undefined {
  const p = normalProtocol(e.protocol);
  if (p !== "tcp" && p !== "udp") return undefined;
  return e.fromPort === e.toPort ? `${e.fromPort}` : `${e.fromPort}-${e.toPort}`;
}

/** Text on one line: line breaks and other control characters become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
}
