import { createHash } from "node:crypto";
import { ErrorSource, ValidationError } from "../core/errors";
import { parseCidr } from "../network/cidr";
import { GraphDocument, GraphEdge, INTERNET_NODE, cidrNode, edgeKey, transportOf } from "../../policies/shared/service-graph";
import type { ResolvedWorkload } from "./check";
import { NAMESPACE_NAME_LABEL, PART_OF_LABEL, workloadLabels } from "./identity";
import type { KubernetesManifest } from "./manifest";

/**
 * Annotation on every generated NetworkPolicy listing the declared edges it allows, one line per rule
 * (`rule 0: storefront -> orders tcp/8443`): the same annotation the mesh's generated policies carry.
 */
export const EDGES_ANNOTATION = "zero-trust-blueprint.io/edges";

/** Name of each namespace's NetworkPolicy that denies all ingress and egress of every pod. */
export const DEFAULT_DENY_POLICY = "default-deny";
/** Name of each namespace's NetworkPolicy that lets every pod resolve names through kube-dns. */
export const ALLOW_DNS_POLICY = "allow-dns-to-kube-dns";

/** Address blocks of a node that does not run on Kubernetes: a map from node id, or a function of the node id. */
export type NodeAddresses = Readonly<Record<string, readonly string[]>> | ((node: string) => readonly string[] | undefined);

/** What the edge emitter needs besides the graph: the Kubernetes workloads and the address blocks of other nodes. */
export interface EdgePolicyContext {
  /** What errors are attributed to. */
  readonly source: ErrorSource;
  /** Value of the `app.kubernetes.io/part-of` label. */
  readonly platform: string;
  /** The Kubernetes workloads, by service name. */
  readonly workloads: ReadonlyMap<string, ResolvedWorkload>;
  /**
   * Address blocks of the nodes off the cluster.
   *
   * @default - none
   */
  readonly cidrs?: NodeAddresses;
  /**
   * The VPC's block, for the platform edges to the interface endpoints.
   *
   * @default - none
   */
  readonly vpcCidr?: string;
}

type Peer = Record<string, unknown>;

interface Rule {
  readonly edge: GraphEdge;
  /** Peers of the edge's other end: one pod selector, or one address block each. */
  readonly peers: readonly Peer[];
}

const MAX_NAME = 253;
const CIDR_PREFIX = cidrNode("");

/** A NetworkPolicy of `namespace` selecting `podSelector` (`{}`: every pod). */
function networkPolicy(namespace: string, name: string, platform: string, podSelector: Record<string, unknown>, spec: Record<string, unknown>, edges?: readonly GraphEdge[]): KubernetesManifest {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: {
      name,
      namespace,
      labels: { [PART_OF_LABEL]: platform },
      ...(edges ? { annotations: { [EDGES_ANNOTATION]: edges.map((e, i) => `rule ${i}: ${edgeText(e)}`).join("\n") } } : {}),
    },
    spec: { podSelector, ...spec },
  };
}

/** The policy that denies every ingress and egress of every pod of the namespace, until narrower policies allow it. */
export function defaultDenyPolicy(namespace: string, platform: string): KubernetesManifest {
  return networkPolicy(namespace, DEFAULT_DENY_POLICY, platform, {}, { policyTypes: ["Ingress", "Egress"] });
}

/** The policy that lets every pod of the namespace reach kube-dns (namespace kube-system, `k8s-app: kube-dns`) on port 53. */
export function allowDnsPolicy(namespace: string, platform: string): KubernetesManifest {
  return networkPolicy(namespace, ALLOW_DNS_POLICY, platform, {}, {
    policyTypes: ["Egress"],
    egress: [
      {
        to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    ],
  });
}

/**
 * The EKS Pod Identity agent, which serves the pods' AWS credentials from the node's host network at these link-local
 * addresses on TCP 80. A pod's egress to its node is not exempt from NetworkPolicies, so default deny cuts it off.
 */
export const EKS_POD_IDENTITY_AGENT = { cidrs: ["169.254.170.23/32", "fd00:ec2::23/128"], port: 80 } as const;
/** Name of each namespace's NetworkPolicy that lets pods fetch AWS credentials from the EKS Pod Identity agent. */
export const ALLOW_POD_IDENTITY_AGENT_POLICY = "allow-eks-pod-identity-agent";

/** The policy that lets every pod of the namespace reach the EKS Pod Identity agent on TCP 80. */
export function allowPodIdentityAgentPolicy(namespace: string, platform: string): KubernetesManifest {
  return networkPolicy(namespace, ALLOW_POD_IDENTITY_AGENT_POLICY, platform, {}, {
    policyTypes: ["Egress"],
    egress: [{ to: EKS_POD_IDENTITY_AGENT.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: EKS_POD_IDENTITY_AGENT.port }] }],
  });
}

/** Port on which Istio sidecars fetch their configuration and certificates from istiod. */
export const ISTIOD_XDS_PORT = 15012;
/** Name of each namespace's NetworkPolicy that lets Istio sidecars reach istiod. */
export const ALLOW_ISTIOD_POLICY = "allow-istiod";

/** The policy that lets every pod's Istio sidecar reach istiod (its namespace and pod labels) on TCP 15012. */
export function allowIstiodPolicy(namespace: string, platform: string, istiodNamespace: string, istiodLabels: Readonly<Record<string, string>>): KubernetesManifest {
  return networkPolicy(namespace, ALLOW_ISTIOD_POLICY, platform, {}, {
    policyTypes: ["Egress"],
    egress: [
      {
        to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: istiodNamespace } }, podSelector: { matchLabels: { ...istiodLabels } } }],
        ports: [{ protocol: "TCP", port: ISTIOD_XDS_PORT }],
      },
    ],
  });
}

/**
 * The NetworkPolicies of the graph's edges: per Kubernetes callee one policy admitting each caller (its namespace
 * and pod labels, or a gateway's address blocks) on the edge's exact port, and per Kubernetes caller one policy
 * letting it reach each destination (a callee's namespace and pod labels, or the address blocks of a destination
 * off the cluster) on that port. Each policy is named after its edges and lists them in an annotation.
 */
export function edgePolicies(graph: GraphDocument, ctx: EdgePolicyContext): KubernetesManifest[] {
  const ingress = new Map<string, Rule[]>();
  const egress = new Map<string, Rule[]>();
  const seen = new Set<string>();
  graph.edges.forEach((edge, index) => {
    if (seen.has(edgeKey(edge))) return;
    seen.add(edgeKey(edge));
    const caller = ctx.workloads.get(edge.from);
    const callee = ctx.workloads.get(edge.to);
    if (callee) checkServed(ctx, edge, index, callee);
    if (callee) push(ingress, callee.service, { edge, peers: caller ? [podPeer(caller, ctx.platform)] : callerBlocks(ctx, edge, index) });
    if (caller) push(egress, caller.service, { edge, peers: callee ? [podPeer(callee, ctx.platform)] : destinationBlocks(ctx, edge, index) });
  });
  const out: KubernetesManifest[] = [];
  for (const service of [...ctx.workloads.keys()].sort()) {
    const w = ctx.workloads.get(service)!;
    const admitted = sortRules(ingress.get(service), (e) => e.from);
    if (admitted.length > 0) out.push(directionPolicy(w, ctx.platform, "Ingress", admitted));
    const reached = sortRules(egress.get(service), (e) => e.to);
    if (reached.length > 0) out.push(directionPolicy(w, ctx.platform, "Egress", reached));
  }
  return out;
}

/** Throws unless the callee serves the edge's port on the edge's transport. */
function checkServed(ctx: EdgePolicyContext, edge: GraphEdge, index: number, callee: ResolvedWorkload): void {
  if (callee.ports.some((p) => p.port === edge.port && transportOf(p.protocol) === edge.protocol)) return;
  const served = callee.ports.map((p) => `${p.name} ${p.port}/${transportOf(p.protocol)}`).join(", ");
  throw new ValidationError(ctx.source, `graph.edges[${index}]`, `edge ${edgeText(edge)} reaches a port "${callee.service}" does not serve (${served}); declare the call on one of its ports.`);
}

function push(map: Map<string, Rule[]>, key: string, rule: Rule): void {
  const list = map.get(key) ?? [];
  list.push(rule);
  map.set(key, list);
}

function sortRules(rules: readonly Rule[] | undefined, peerOf: (e: GraphEdge) => string): Rule[] {
  const key = (r: Rule) => `${peerOf(r.edge)}|${r.edge.protocol}|${String(r.edge.port).padStart(5, "0")}`;
  return [...(rules ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function directionPolicy(w: ResolvedWorkload, platform: string, direction: "Ingress" | "Egress", rules: readonly Rule[]): KubernetesManifest {
  const ingress = direction === "Ingress";
  const peers = unique(rules.map((r) => nodeLabel(ingress ? r.edge.from : r.edge.to)));
  const name = policyName(`${w.service}-${ingress ? "from" : "to"}-${peers.join("-")}`);
  const list = rules.map((r) => ({ [ingress ? "from" : "to"]: r.peers, ports: [{ protocol: r.edge.protocol.toUpperCase(), port: r.edge.port }] }));
  return networkPolicy(w.namespace, name, platform, { matchLabels: workloadLabels(w, platform) }, { policyTypes: [direction], [ingress ? "ingress" : "egress"]: list }, rules.map((r) => r.edge));
}

function podPeer(w: ResolvedWorkload, platform: string): Peer {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: w.namespace } }, podSelector: { matchLabels: workloadLabels(w, platform) } };
}

/** A caller off the cluster: only a gateway, by its address blocks; any other has no pod identity to admit. */
function callerBlocks(ctx: EdgePolicyContext, edge: GraphEdge, index: number): Peer[] {
  const blocks = edge.kind === "gateway" ? givenBlocks(ctx, edge.from) : undefined;
  if (blocks) return ipBlock(ctx, edge.from, blocks);
  if (edge.kind === "gateway") {
    throw new ValidationError(ctx.source, "cidrs", `edge ${edgeText(edge)} (graph.edges[${index}]) comes from gateway "${edge.from}", whose address blocks are unknown; give them in cidrs["${edge.from}"] (the subnets of its load balancer).`);
  }
  throw new ValidationError(ctx.source, `graph.edges[${index}]`, `edge ${edgeText(edge)}: "${edge.to}" runs on Kubernetes but "${edge.from}" does not, so there is no pod identity to admit; route the call through the gateway or run "${edge.from}" on Kubernetes.`);
}

/** A destination off the cluster: the internet, a declared address block, or the address blocks given for the node. */
function destinationBlocks(ctx: EdgePolicyContext, edge: GraphEdge, index: number): Peer[] {
  if (edge.to === INTERNET_NODE) return [{ ipBlock: { cidr: "0.0.0.0/0" } }];
  if (edge.to.startsWith(CIDR_PREFIX)) return ipBlock(ctx, edge.to, [edge.to.slice(CIDR_PREFIX.length)]);
  const blocks = givenBlocks(ctx, edge.to) ?? (edge.kind === "platform" && edge.name === "vpc-endpoints" && ctx.vpcCidr !== undefined ? [ctx.vpcCidr] : undefined);
  if (blocks) return ipBlock(ctx, edge.to, blocks);
  const vpc = edge.kind === "platform" && edge.name === "vpc-endpoints" ? " or the VPC's block in vpcCidr" : "";
  throw new ValidationError(ctx.source, "cidrs", `edge ${edgeText(edge)} (graph.edges[${index}]) leaves the cluster for "${edge.to}", whose address blocks are unknown; give them in cidrs["${edge.to}"]${vpc}.`);
}

function givenBlocks(ctx: EdgePolicyContext, node: string): readonly string[] | undefined {
  const blocks = typeof ctx.cidrs === "function" ? ctx.cidrs(node) : ctx.cidrs?.[node];
  return blocks && blocks.length > 0 ? blocks : undefined;
}

/** One peer per address block (peers of a rule are alternatives), after checking each block. */
function ipBlock(ctx: EdgePolicyContext, node: string, blocks: readonly string[]): Peer[] {
  for (const block of blocks) {
    const parsed = parseCidr(block);
    if (!parsed.ok) throw new ValidationError(ctx.source, "cidrs", `the address block "${block}" of "${node}" ${parsed.reason}.`);
  }
  return unique([...blocks].sort()).map((cidr) => ({ ipBlock: { cidr } }));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A node id as a name part: `platform:vpc-endpoints` -> `vpc-endpoints`, `cidr:198.51.100.0/24` -> `198-51-100-0-24`. */
function nodeLabel(node: string): string {
  const bare = node.includes(":") ? node.slice(node.indexOf(":") + 1) : node;
  return bare.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "node";
}

/** A policy name within the 253 characters of a DNS subdomain; a longer one keeps its start and a hash of the rest. */
function policyName(name: string): string {
  if (name.length <= MAX_NAME) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 10);
  return `${name.slice(0, MAX_NAME - 11).replace(/-+$/, "")}-${hash}`;
}

/** `storefront -> orders tcp/8443`. */
export function edgeText(edge: GraphEdge): string {
  return `${edge.from} -> ${edge.to} ${edge.protocol}/${edge.port}`;
}
