import { Model, Resource } from "../../engine/model";
import { Ref } from "../../engine/types";
import { GROUP_TYPES } from "../../rules/network/_security-group-rules";
import { parseCidr } from "../../rules/network/_internet";
import {
  NAMESPACE_TYPES,
  WORKLOAD_TYPES,
  asRecord,
  isExpr,
  namespaceKeyOf,
  namespaceLabels,
  namespaceOf,
  ofTypesIn,
  podLabels,
  workloadOf,
} from "../../rules/kubernetes/_workloads";
import {
  cidrNode,
  CLUSTER_NODES_TAG,
  CLUSTER_PREFIX,
  clusterNode,
  ENDPOINTS_NODE,
  GATEWAY_TAG,
  gatewayNode,
  groupNode,
  INTERNET_NODE,
  PLATFORM_PREFIX,
  PLATFORM_TAG,
  platformNode,
  prefixListNode,
  SERVICE_TAG,
  VPC_NODE,
} from "../../shared/service-graph";
import { FlowNode, NodeKind } from "../types";

/**
 * How the resources of one stack name the nodes of the flow graph (`policies/shared/service-graph.ts`): a security
 * group by its `zt:gateway`, `zt:cluster-nodes`, `zt:service` or `zt:platform` tag, else by its address; an API by its `zt:gateway` tag,
 * else by its address; a CIDR as the internet, the VPC or itself; a prefix list as the gateway endpoint that owns it,
 * else itself. Built once per stack (`stackNodes`).
 */
export class StackNodes {
  /** Security groups of the stack. */
  readonly groups: readonly Resource[];
  private readonly nodes = new Map<string, { kind: NodeKind; label: string; addresses: Set<string> }>();
  private readonly groupNodes = new Map<Resource, string>();
  private readonly groupsById = new Map<string, Resource>();
  private readonly vpcCidrs = new Set<string>();
  private readonly endpointsByPrefixList = new Map<string, Resource>();

  constructor(
    readonly model: Model,
    /** A resource of the stack. */
    readonly near: Resource,
  ) {
    this.groups = GROUP_TYPES.flatMap((t) => model.ofTypeIn(t, near));
    for (const g of this.groups) {
      const id = g.str("id");
      if (id !== undefined) this.groupsById.set(id, g);
      const node = nodeOfGroup(g);
      this.groupNodes.set(g, node.id);
      this.add(node.id, node.kind, node.label, g.address);
    }
    for (const vpc of model.ofTypeIn("aws_vpc", near)) {
      const cidr = vpc.str("cidr_block");
      if (cidr !== undefined) this.vpcCidrs.add(cidr);
    }
    for (const endpoint of model.ofTypeIn("aws_vpc_endpoint", near)) {
      const id = endpoint.str("prefix_list_id");
      if (id !== undefined) this.endpointsByPrefixList.set(id, endpoint);
    }
  }

  /** The node a security group of the stack belongs to. */
  ofGroup(group: Resource): string {
    return this.groupNodes.get(group) ?? nodeOfGroup(group).id;
  }

  /** The groups that make a node (several groups may carry one service tag); none for a node that is not a group of the stack. */
  groupsOf(node: string): readonly Resource[] {
    if (this.byNode === undefined) {
      this.byNode = new Map();
      for (const g of this.groups) {
        const id = this.groupNodes.get(g)!;
        const list = this.byNode.get(id);
        if (list === undefined) this.byNode.set(id, [g]);
        else list.push(g);
      }
    }
    return this.byNode.get(node) ?? NO_GROUPS;
  }

  private byNode: Map<string, Resource[]> | undefined = undefined;

  /** The group of the stack with a known id (plans of existing groups), if any. */
  groupWithId(id: string): Resource | undefined {
    return this.groupsById.get(id);
  }

  /** The node of a group id that is not in the configuration: `sg:sg-0123`. */
  foreignGroup(id: string): string {
    return this.add(groupNode(id), "group", id);
  }

  /** The node of a known CIDR: the internet, the VPC, or the block itself. */
  ofCidr(cidr: string): string {
    if (cidr === "0.0.0.0/0" || cidr === "::/0") return this.add(INTERNET_NODE, "internet", "internet");
    if (this.vpcCidrs.has(cidr)) return this.add(VPC_NODE, "vpc", "VPC");
    return this.add(cidrNode(cidr), "cidr", cidr);
  }

  /**
   * The node of a CIDR unknown until apply, from the references it is computed from: the VPC for an aws_vpc's
   * `cidr_block`, a subnet's known block for an aws_subnet's; undefined when they do not name one.
   */
  ofCidrRefs(owner: Resource, refs: readonly Ref[]): string | undefined {
    const target = this.single(owner, refs, ["aws_vpc", "aws_subnet"]);
    if (target === undefined) return undefined;
    if (target.type === "aws_vpc") return this.add(VPC_NODE, "vpc", "VPC", target.address);
    const cidr = target.str("cidr_block");
    return cidr === undefined ? undefined : this.ofCidr(cidr);
  }

  /** The group a peer id unknown until apply names, from its references; undefined when they name none. */
  groupOfRefs(owner: Resource, refs: readonly Ref[]): Resource | undefined {
    return this.single(owner, refs, GROUP_TYPES);
  }

  /** The node of a known prefix list id: the gateway endpoint that owns it, else `prefix-list:<id>`. */
  ofPrefixList(id: string): string {
    const endpoint = this.endpointsByPrefixList.get(id);
    return endpoint !== undefined ? this.ofEndpoint(endpoint, id) : this.add(prefixListNode(id), "prefix-list", id);
  }

  /**
   * The node of a prefix list id unknown until apply: a gateway endpoint's `prefix_list_id` is `platform:<service>`,
   * a managed prefix list of the configuration is named by its address; undefined when the references name neither.
   */
  ofPrefixListRefs(owner: Resource, refs: readonly Ref[]): string | undefined {
    const target = this.single(owner, refs, ["aws_vpc_endpoint", "aws_ec2_managed_prefix_list", "data.aws_ec2_managed_prefix_list"]);
    if (target === undefined) return undefined;
    if (target.type === "aws_vpc_endpoint") return this.ofEndpoint(target, target.address);
    return this.add(prefixListNode(target.address), "prefix-list", target.address, target.address);
  }

  /**
   * The gateway node of an API (`aws_api_gateway_rest_api`, `aws_apigatewayv2_api`): `gateway:<zt:gateway tag>`, the
   * node its private integration's load balancer group shares; `gateway:<address>` for an API without the tag.
   */
  ofApi(api: Resource): string {
    const name = tagOf(api, GATEWAY_TAG);
    if (name !== undefined && name !== "") return this.add(gatewayNode(name), "gateway", name, api.address);
    return this.add(gatewayNode(api.address), "gateway", api.address, api.address);
  }

  /** Every node named so far, sorted by id. */
  all(): FlowNode[] {
    return [...this.nodes]
      .map(([id, n]) => ({ id, kind: n.kind, label: n.label, addresses: [...n.addresses].sort() }))
      .sort((a, b) => compare(a.id, b.id));
  }

  /** Records that node `id` appears in the graph. */
  private add(id: string, kind: NodeKind, label: string, address?: string): string {
    let node = this.nodes.get(id);
    if (node === undefined) this.nodes.set(id, (node = { kind, label, addresses: new Set() }));
    if (address !== undefined) node.addresses.add(address);
    return id;
  }

  /** A gateway endpoint as `platform:<service short name>` (`platform:s3`); by its prefix list when the name is unknown. */
  private ofEndpoint(endpoint: Resource, fallback: string): string {
    const service = shortServiceName(endpoint.str("service_name"));
    if (service === undefined) return this.add(prefixListNode(fallback), "prefix-list", fallback, endpoint.address);
    return this.add(platformNode(service), "platform", `${service} endpoint`, endpoint.address);
  }

  /** The one resource of `types` that references made by `owner` name; undefined when none or several. */
  private single(owner: Resource, refs: readonly Ref[], types: readonly string[]): Resource | undefined {
    const found = new Set<Resource>();
    for (const ref of refs) {
      if (ref.kind !== "resource" && ref.kind !== "data") continue;
      const target = this.model.resolve(owner, ref);
      if (target !== undefined && types.includes(target.mode === "data" ? `data.${target.type}` : target.type)) found.add(target);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }
}

const NO_GROUPS: readonly Resource[] = Object.freeze([]);

/** `s3` from `com.amazonaws.eu-west-1.s3`, `ecr.api` from `com.amazonaws.eu-west-1.ecr.api`. */
export function shortServiceName(serviceName: string | undefined): string | undefined {
  if (serviceName === undefined) return undefined;
  const parts = serviceName.split(".");
  return parts.length >= 4 ? parts.slice(3).join(".") : undefined;
}

/** The value of a tag of a resource (`tags`, or `tags_all` in plans), when known. */
export function tagOf(r: Resource, key: string): string | undefined {
  return tagIn(r.known("tags"), key) ?? tagIn(r.known("tags_all"), key);
}

function tagIn(tags: unknown, key: string): string | undefined {
  if (typeof tags !== "object" || tags === null) return undefined;
  const v = (tags as Record<string, unknown>)[key];
  return typeof v === "string" && !v.includes("${") ? v : undefined;
}

/**
 * The node of a group of the configuration: its gateway (the group of a gateway's load balancer), its cluster (the
 * node group of a Kubernetes cluster, `cluster:<name>`, which every pod of the cluster uses), its service, its platform
 * component, or its address.
 */
function nodeOfGroup(g: Resource): { id: string; kind: NodeKind; label: string } {
  const gateway = tagOf(g, GATEWAY_TAG);
  if (gateway !== undefined && gateway !== "") return { id: gatewayNode(gateway), kind: "gateway", label: gateway };
  const cluster = tagOf(g, CLUSTER_NODES_TAG);
  if (cluster !== undefined && cluster !== "") return { id: clusterNode(cluster), kind: "cluster", label: `${cluster} nodes` };
  const service = tagOf(g, SERVICE_TAG);
  if (service !== undefined && service !== "") return { id: service, kind: "service", label: service };
  const platform = tagOf(g, PLATFORM_TAG);
  if (platform !== undefined && platform !== "") {
    const id = platformNode(platform);
    return { id, kind: "platform", label: id === ENDPOINTS_NODE ? "VPC endpoints" : platform };
  }
  return { id: groupNode(g.address), kind: "group", label: g.address };
}

/** True when a node is a gateway (`gateway:...`). */
export function isGatewayNode(id: string): boolean {
  return id.startsWith(gatewayNode(""));
}

/** True when a node is the nodes of a Kubernetes cluster (`cluster:...`). */
export function isClusterNode(id: string): boolean {
  return id.startsWith(CLUSTER_PREFIX);
}

/** True when a node is a platform component (`platform:...`). */
export function isPlatformNode(id: string): boolean {
  return id.startsWith(PLATFORM_PREFIX);
}

/** True when the CIDR `outer` holds every address of `inner` (both known; false when either is not a CIDR). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return o !== undefined && i !== undefined && o.v6 === i.v6 && o.span.start <= i.span.start && i.span.end <= o.span.end;
}

/** True when two known CIDRs share an address. */
export function cidrOverlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x !== undefined && y !== undefined && x.v6 === y.v6 && x.span.start < y.span.end && y.span.start < x.span.end;
}

/** Code-point order, the same on every machine (no locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Kubernetes

/**
 * Label that names the service a pod belongs to (`app.kubernetes.io/name: <service>`), as the library's Kubernetes
 * emitter labels every pod; a workload whose pods carry it is the node of that service.
 */
export const SERVICE_LABEL = "app.kubernetes.io/name";
/** Label the API server gives every namespace, holding its name; namespace selectors may match it. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Prefix of the Kubernetes nodes that are not one service. The names:
 * - `k8s:*`: any pod or client (an empty `from` or `to`, a selector for every pod of every namespace, a mesh rule
 *   without a source or with principal `*`);
 * - `k8s:<namespace>/*`: every pod of one namespace (an empty pod selector, a mesh source naming the namespace);
 * - `k8s:<namespace>/<key>=<value>,...`: the pods a label selector picks when they are not one service's
 *   (`k8s:kube-system/k8s-app=kube-dns`); the namespace part is `*` for every namespace, or the namespace selector's
 *   labels in braces (`k8s:{team=shop}/*`);
 * - `k8s:<namespace>/sa/<account>`: a mesh principal that is no service of the stack;
 * - `k8s:principal:<pattern>`: a principal pattern with `*` in it (every account of a namespace, say);
 * - `k8s:token:<request principal>`: requests carrying a token of an issuer (a mesh source with requestPrincipals only).
 * A selector that picks exactly one service's pods is that service's node.
 */
export const KUBERNETES_PREFIX = "k8s:";
/** Node of any pod or client. */
export const ANY_KUBERNETES_NODE = `${KUBERNETES_PREFIX}*`;

/** A Kubernetes node that is not one service (see `KUBERNETES_PREFIX`): `k8s:shop/*`, `k8s:kube-system/k8s-app=kube-dns`. */
export function kubernetesNode(namespace: string, pods: string): string {
  return namespace === "*" && pods === "*" ? ANY_KUBERNETES_NODE : `${KUBERNETES_PREFIX}${namespace}/${pods}`;
}

/** True when a node is a Kubernetes node that is not one service (`k8s:...`). */
export function isKubernetesNode(id: string): boolean {
  return id.startsWith(KUBERNETES_PREFIX);
}

/** `k=v,k2=v2` of a known label map, keys sorted; `*` for none. */
export function labelsText(labels: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(labels).sort(compare);
  return keys.length === 0 ? "*" : keys.map((k) => `${k}=${String(labels[k])}`).join(",");
}

/** A service that runs on Kubernetes in the stack: a workload whose pods carry its `app.kubernetes.io/name` label. */
export interface KubernetesService {
  /** The service name (the label's value), also its node id. */
  readonly name: string;
  /** Namespace of its pods. */
  readonly namespace: string;
  /** Labels of its pods. */
  readonly labels: Readonly<Record<string, unknown>>;
  /** ServiceAccount of its pods (`default` when the pod spec names none); undefined when unknown until apply. */
  readonly account: string | undefined;
  /** The workload resource (its address is the node's). */
  readonly workload: Resource;
  /** Container ports by name, for NetworkPolicy ports given by name. */
  readonly namedPorts: ReadonlyMap<string, { readonly protocol: string; readonly port: number }>;
}

/** The Kubernetes side of a stack: its services, the labels of its namespaces, and workloads it cannot name. */
export interface KubernetesNodes {
  /** Services by name (one workload each; a second workload of the same service is listed in `unknown`). */
  readonly services: ReadonlyMap<string, KubernetesService>;
  /** Workloads whose service, namespace or labels are unknown until apply, with why. */
  readonly unknown: readonly { readonly address: string; readonly text: string }[];
  /** Labels of a namespace: those of the stack's namespace resource, and the name label the API server sets. */
  namespaceLabels(namespace: string): Readonly<Record<string, unknown>>;
}

/** The Kubernetes services of the stack of `near`, read once per model and stack. */
export function kubernetesNodesIn(model: Model, near: Resource): KubernetesNodes {
  return model.memoIn("graph:kubernetes-nodes", near, readKubernetesNodes);
}

function readKubernetesNodes(near: Resource, model: Model): KubernetesNodes {
  const services = new Map<string, KubernetesService>();
  const unknown: { address: string; text: string }[] = [];
  for (const w of ofTypesIn(model, WORKLOAD_TYPES, near)) {
    const labels = podLabels(w);
    if (labels.kind === "unknown") {
      unknown.push({ address: w.address, text: `the pod labels of ${w.address} are unknown until apply` });
      continue;
    }
    const known = labels.kind === "known" ? asRecord(labels.value) ?? {} : {};
    const name = known[SERVICE_LABEL];
    if (typeof name !== "string" || name === "") continue;
    if (isExpr(name)) {
      unknown.push({ address: w.address, text: `the ${SERVICE_LABEL} label of ${w.address} is unknown until apply` });
      continue;
    }
    const namespace = namespaceOf(w, model);
    if (namespace === undefined || namespace.startsWith("@")) {
      unknown.push({ address: w.address, text: `the namespace of ${w.address} is unknown until apply` });
      continue;
    }
    if (services.has(name)) {
      unknown.push({ address: w.address, text: `${w.address} runs pods of ${name} too (beside ${services.get(name)!.workload.address}); only the first is read` });
      continue;
    }
    services.set(name, { name, namespace, labels: known, account: accountOf(w, model), workload: w, namedPorts: namedPortsOf(w, model) });
  }
  const byName = new Map<string, Record<string, unknown>>();
  for (const ns of ofTypesIn(model, NAMESPACE_TYPES, near)) {
    const key = namespaceKeyOf(ns);
    if (!key.startsWith("@")) byName.set(key, namespaceLabels(ns, model).labels);
  }
  return {
    services,
    unknown,
    namespaceLabels: (namespace) => ({ ...(byName.get(namespace) ?? {}), [NAMESPACE_NAME_LABEL]: namespace }),
  };
}

/** The ServiceAccount of a workload's pods: `default` when the pod spec names none; undefined when unknown until apply. */
function accountOf(w: Resource, model: Model): string | undefined {
  const spec = workloadOf(w, model)?.spec;
  if (spec === undefined) return "default";
  const v = spec.get("service_account_name");
  if (v.kind === "absent") return "default";
  return v.kind === "known" && typeof v.value === "string" && !isExpr(v.value) ? v.value : undefined;
}

/** The named container ports of a workload's pods. */
function namedPortsOf(w: Resource, model: Model): Map<string, { protocol: string; port: number }> {
  const out = new Map<string, { protocol: string; port: number }>();
  for (const c of workloadOf(w, model)?.containers ?? []) {
    for (const p of c.view.blocks("port")) {
      const name = p.str("name");
      const port = p.num("container_port");
      if (name !== undefined && port !== undefined) out.set(name, { protocol: (p.str("protocol") ?? "TCP").toLowerCase(), port });
    }
  }
  return out;
}
