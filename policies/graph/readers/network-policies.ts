import { Model, Resource } from "../../engine/model";
import { View } from "../../engine/view";
import { asRecord, isExpr, NetworkPolicyInfo, networkPoliciesIn, selectorIsEmpty, selectorMatches } from "../../rules/kubernetes/_workloads";
import { cidrNode, INTERNET_NODE } from "../../shared/service-graph";
import { Flow, FlowUnknown } from "../types";
import { ANY_KUBERNETES_NODE, KubernetesNodes, kubernetesNodesIn, KubernetesService, kubernetesNode, labelsText } from "./nodes";
import { blocksReachInternet, blocksWithout } from "./address-blocks";
import { ALL_PORTS, PortRange } from "./ranges";

/**
 * The NetworkPolicy layer of one stack, read from what Terraform will create (`kubernetes_network_policy(_v1)`, and
 * NetworkPolicy manifests, which the engine reads as that type). A policy selects the pods of the services of its
 * namespace whose labels its pod selector matches; for each policy type it lists (Ingress, Egress), those pods are
 * isolated in that direction, and what they may receive or send is the union of the rules of every policy that selects
 * them. An ingress rule on callee pods is a flow from each of its peers; an egress rule a flow to each.
 *
 * A peer is a service node when its selectors pick exactly one service's pods with a non-empty pod selector; an address
 * block is the internet (`0.0.0.0/0`, `::/0`) or `cidr:<block>`; anything else is a Kubernetes node (`k8s:*`, `k8s:<namespace>/*`, `k8s:<namespace>/<labels>`; see `readers/nodes.ts`) with the
 * services of the stack it covers. A rule without ports opens every port of every protocol; a port given by name is the
 * container port of that name of the pods it reaches. What depends on values unknown until apply is listed in `unknown`.
 *
 * An `ipBlock` with `except` blocks admits its block less those: the reader subtracts them and names what remains
 * exactly, as the fewest CIDRs (`10.0.0.0/16` except `10.0.32.0/19` is `cidr:10.0.0.0/19`, `cidr:10.0.64.0/18` and
 * `cidr:10.0.128.0/17`, one peer each), or the internet when `0.0.0.0/0` or `::/0` less the except blocks still reaches
 * it; nothing remains, no peer. Each such peer keeps the ipBlock and its except blocks (`PodPeer.range`): an end whose
 * address blocks a Kubernetes stack does not know (a service on hosts, whose subnets are in the AWS stack) may lie in
 * an except block, so whether such a peer reaches it is judged against the range where the end's subnets are in the
 * stack, and is unknown where they are not (`readers/paths.ts`), never counted as reached.
 */

/** A peer of a rule: its node, the services of the stack it covers, and whether it may hold other pods or clients too. */
export interface PodPeer {
  readonly node: string;
  readonly services: readonly KubernetesService[];
  /** True for a selector that picks more than the pods of the services it covers (an empty pod selector, `k8s:*`). */
  readonly wide: boolean;
  /** True for an address block (off the cluster, as far as the rule says). */
  readonly block: boolean;
  /** True when the rule admits only requests carrying a token (an AuthorizationPolicy source with requestPrincipals). */
  readonly token?: boolean;
  /** For an ipBlock with except blocks: the block and the blocks it leaves out (the peer's node is part of what remains). */
  readonly range?: AddressRange;
}

/** An address block less the blocks it leaves out (an ipBlock's `cidr` and `except`). */
export interface AddressRange {
  readonly cidr: string;
  readonly except: readonly string[];
}

/** A flow of the NetworkPolicy layer. */
export interface PolicyFlow extends Flow {
  readonly layer: "network-policy-ingress" | "network-policy-egress";
  /** The service whose pods the policy selects (the callee of an ingress rule, the caller of an egress rule). */
  readonly service: KubernetesService;
  /** The other end. */
  readonly peer: PodPeer;
}

/** A part of the layer that cannot be read before apply, with the services whose flows it may concern (empty: any). */
export interface PolicyUnknown extends FlowUnknown {
  readonly services: readonly string[];
}

/** The flows of the NetworkPolicy layer of one stack. */
export interface NetworkPolicyLayer {
  readonly flows: readonly PolicyFlow[];
  /** Services isolated for ingress, with the addresses of the policies that select them for it. */
  readonly ingressIsolated: ReadonlyMap<string, readonly string[]>;
  /** Services isolated for egress, with the addresses of the policies that select them for it. */
  readonly egressIsolated: ReadonlyMap<string, readonly string[]>;
  readonly unknown: readonly PolicyUnknown[];
}

/** The NetworkPolicy layer of the stack of `near`, computed once per model and stack. */
export function networkPolicyLayer(model: Model, near: Resource): NetworkPolicyLayer {
  return model.memoIn("graph:network-policy-layer", near, readLayer);
}

function readLayer(near: Resource, model: Model): NetworkPolicyLayer {
  const nodes = kubernetesNodesIn(model, near);
  const reader = new PolicyReader(nodes);
  for (const np of networkPoliciesIn(model, near).all) reader.read(np);
  return reader.layer();
}

/** A rule's ports: protocol and range, one entry each. */
type RulePort = { readonly protocol: string; readonly range: PortRange };

class PolicyReader {
  private readonly flows: PolicyFlow[] = [];
  private readonly unknown: PolicyUnknown[] = [];
  private readonly ingress = new Map<string, string[]>();
  private readonly egress = new Map<string, string[]>();

  constructor(private readonly nodes: KubernetesNodes) {}

  layer(): NetworkPolicyLayer {
    return { flows: this.flows, ingressIsolated: this.ingress, egressIsolated: this.egress, unknown: this.unknown };
  }

  read(np: NetworkPolicyInfo): void {
    const address = np.res.address;
    const namespace = np.namespace;
    if (namespace === undefined || namespace.startsWith("@")) {
      this.lost(address, `the namespace of ${address} is unknown until apply`, []);
      return;
    }
    const inNamespace = [...this.nodes.services.values()].filter((s) => s.namespace === namespace);
    const selected: KubernetesService[] = [];
    for (const s of inNamespace) {
      const m = selectorMatches(np.selector, s.labels);
      if (m === true) selected.push(s);
      else if (m === undefined) this.lost(address, `whether ${address} selects the pods of ${s.name} is unknown until apply`, [s.name]);
    }
    if (selected.length === 0) return;
    const names = selected.map((s) => s.name);
    if (np.types === undefined) {
      this.lost(address, `the policy types of ${address} are unknown until apply`, names);
      return;
    }
    const spec = np.res.blocks("spec")[0];
    for (const [type, kind, isolated] of [["Ingress", "ingress", this.ingress], ["Egress", "egress", this.egress]] as const) {
      if (!np.types.includes(type)) continue;
      for (const s of selected) isolated.set(s.name, [...(isolated.get(s.name) ?? []), address]);
      if (spec === undefined) continue;
      if (spec.blocksUnknown(kind) || spec.has(`dynamic.${kind}`)) {
        this.lost(address, `the ${kind} rules of ${address} are unknown until apply`, names);
        continue;
      }
      spec.blocks(kind).forEach((rule, i) => this.readRule(np.res, namespace, selected, kind, rule, i));
    }
  }

  private readRule(np: Resource, namespace: string, selected: readonly KubernetesService[], kind: "ingress" | "egress", rule: View, index: number): void {
    const label = `${np.address} ${kind}[${index}]`;
    const names = selected.map((s) => s.name);
    const peerField = kind === "ingress" ? "from" : "to";
    if (rule.blocksUnknown(peerField) || rule.blocksUnknown("ports")) {
      this.lost(np.address, `${label}: its peers or ports are unknown until apply`, names);
      return;
    }
    const peers: PodPeer[] = [];
    const written = rule.blocks(peerField);
    if (written.length === 0) peers.push({ node: ANY_KUBERNETES_NODE, services: [...this.nodes.services.values()], wide: true, block: false });
    for (const p of written) {
      const found = this.peersOf(p, namespace);
      if (typeof found === "string") this.lost(np.address, `${label}: ${found}`, names);
      else peers.push(...found);
    }
    for (const s of selected) {
      for (const peer of peers) {
        // Ports of an ingress rule are the selected pods'; of an egress rule, the pods the peer picks.
        const ports = rulePorts(rule, kind === "ingress" ? [s] : peer.services);
        if (typeof ports === "string") {
          this.lost(np.address, `${label}: ${ports}`, [s.name, ...peer.services.map((x) => x.name)]);
          continue;
        }
        for (const p of ports) {
          const ingress = kind === "ingress";
          this.flows.push({
            from: ingress ? peer.node : s.name,
            to: ingress ? s.name : peer.node,
            protocol: p.protocol,
            fromPort: p.range.from,
            toPort: p.range.to,
            layer: ingress ? "network-policy-ingress" : "network-policy-egress",
            address: np.address,
            rule: label,
            service: s,
            peer,
          });
        }
      }
    }
  }

  /** The peers one `from` or `to` entry names (several for an ipBlock with except blocks), or why they cannot be told before apply. */
  private peersOf(p: View, namespace: string): PodPeer[] | string {
    const ip = p.blocks("ip_block")[0];
    if (ip !== undefined) return blockPeers(ip);
    const peer = this.selectorPeer(p, namespace);
    return typeof peer === "string" ? peer : [peer];
  }

  /** The peer the selectors of one `from` or `to` entry name, or why it cannot be told before apply. */
  private selectorPeer(p: View, namespace: string): PodPeer | string {
    if (p.blocksUnknown("namespace_selector") || p.blocksUnknown("pod_selector")) return "its selectors are unknown until apply";
    const nsSelector = p.blocks("namespace_selector")[0];
    const hasNsSelector = p.blocks("namespace_selector").length > 0;
    const podSelector = p.blocks("pod_selector")[0];
    const anyNamespace = hasNsSelector && selectorIsEmpty(nsSelector) === true;
    const anyPod = selectorIsEmpty(podSelector);
    if (anyPod === undefined || (hasNsSelector && selectorIsEmpty(nsSelector) === undefined)) return "its selectors are unknown until apply";
    const services: KubernetesService[] = [];
    for (const s of this.nodes.services.values()) {
      const inNamespace = !hasNsSelector ? s.namespace === namespace : anyNamespace ? true : selectorMatches(nsSelector, this.nodes.namespaceLabels(s.namespace));
      const pods = selectorMatches(podSelector, s.labels);
      if (inNamespace === undefined || pods === undefined) return `whether its selectors pick the pods of ${s.name} is unknown until apply`;
      if (inNamespace && pods) services.push(s);
    }
    if (!anyPod && services.length === 1) return { node: services[0].name, services, wide: false, block: false };
    const nsPart = !hasNsSelector ? namespace : anyNamespace ? "*" : selectorText(nsSelector!, true);
    const podPart = anyPod ? "*" : selectorText(podSelector!, false);
    return { node: kubernetesNode(nsPart, podPart), services, wide: anyPod, block: false };
  }

  private lost(address: string, text: string, services: readonly string[]): void {
    this.unknown.push({ address, text, services });
  }
}

/**
 * The peers of an `ipBlock`: its block, or what remains of it once its except blocks are left out (one peer per CIDR of
 * the rest, or the internet when the rest still reaches it); why not when the block or an except block is unknown
 * until apply or not a CIDR.
 */
function blockPeers(ip: View): PodPeer[] | string {
  const cidr = ip.str("cidr");
  if (cidr === undefined) return "its ip_block's cidr is unknown until apply";
  const world = cidr === "0.0.0.0/0" || cidr === "::/0";
  const exceptValue = ip.get("except");
  if (exceptValue.kind === "absent") return [{ node: world ? INTERNET_NODE : cidrNode(cidr), services: [], wide: false, block: true }];
  const except = ip.list("except");
  if (exceptValue.kind === "unknown" || except === undefined || except.some((e) => typeof e !== "string" || isExpr(e))) return "its ip_block's except blocks are unknown until apply";
  if (except.length === 0) return [{ node: world ? INTERNET_NODE : cidrNode(cidr), services: [], wide: false, block: true }];
  const rest = blocksWithout(cidr, except as string[]);
  if (typeof rest === "string") return `its ip_block cannot be read: ${rest}`;
  const range: AddressRange = { cidr, except: except as string[] };
  if (world && blocksReachInternet(rest)) return [{ node: INTERNET_NODE, services: [], wide: false, block: true, range }];
  return rest.map((block) => ({ node: cidrNode(block), services: [], wide: false, block: true, range }));
}

/**
 * A selector as a node name part: its match labels (`k8s-app=kube-dns`), with its expressions (`tier In (a,b)`); a
 * namespace selector in braces unless it names one namespace by its name label.
 */
function selectorText(sel: View, namespace: boolean): string {
  const labels = asRecord(sel.known("match_labels")) ?? {};
  const expressions = sel.blocks("match_expressions").map((e) => `${e.str("key") ?? "?"} ${e.str("operator") ?? "?"}${e.list("values") ? ` (${e.list("values")!.join(",")})` : ""}`);
  const keys = Object.keys(labels);
  if (namespace && keys.length === 1 && keys[0] === "kubernetes.io/metadata.name" && expressions.length === 0) return String(labels[keys[0]]);
  const text = [labelsText(labels), ...expressions].filter((t) => t !== "*").join(",") || "*";
  return namespace ? `{${text}}` : text;
}

/** The ports of a rule, or why they cannot be told before apply: every port of every protocol when it lists none. */
function rulePorts(rule: View, reached: readonly KubernetesService[]): RulePort[] | string {
  const written = rule.blocks("ports");
  if (written.length === 0) return [{ protocol: "all", range: ALL_PORTS }];
  const out: RulePort[] = [];
  for (const p of written) {
    const protocolValue = p.get("protocol");
    if (protocolValue.kind === "unknown" || (protocolValue.kind === "known" && isExpr(protocolValue.value))) return "a protocol is unknown until apply";
    const protocol = protocolValue.kind === "known" ? String(protocolValue.value).toLowerCase() : "tcp";
    const port = p.get("port");
    if (port.kind === "unknown" || (port.kind === "known" && isExpr(port.value))) return "a port is unknown until apply";
    if (port.kind === "absent") {
      out.push({ protocol, range: ALL_PORTS });
      continue;
    }
    const text = String(port.value);
    if (/^\d+$/.test(text)) {
      const from = Number(text);
      const end = p.num("end_port");
      out.push({ protocol, range: { from, to: end !== undefined && end >= from ? end : from } });
      continue;
    }
    // A named port: the container port of that name on the pods it reaches (one number for all of them).
    const numbers = new Set(reached.map((s) => s.namedPorts.get(text)?.port));
    const [only] = [...numbers];
    if (numbers.size !== 1 || only === undefined) return `port "${text}" is a name that the pods it reaches do not give one number`;
    out.push({ protocol, range: { from: only, to: only } });
  }
  return out;
}
