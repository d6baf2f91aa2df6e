/**
 * The declared service graph as it travels in synthesized output and plans: the document a ServicePlatform writes,
 * and the names both the constructs (which write it) and the flow readers (which rebuild flows from Terraform) use
 * for the nodes of the graph. Plain data: nothing here knows an AWS or Kubernetes resource type beyond the one that
 * carries the document.
 */

/** Schema id of the declared-graph document; a reader refuses any other. */
export const SERVICE_GRAPH_SCHEMA = "ztb.service-graph/v1";

/**
 * The resource that carries the declared graph in a stack: `terraform_data.ztb_service_graph`, whose `input` is the
 * document as JSON text. `terraform_data` is built into Terraform (no provider, nothing created in the cloud), and its
 * input is known at plan time, so the declaration reaches plan JSON as well as `cdk.tf.json`.
 */
export const GRAPH_RESOURCE_TYPE = "terraform_data";
/** Terraform name of the resource that carries the declared graph. */
export const GRAPH_RESOURCE_NAME = "ztb_service_graph";
/** File written beside each stack's `cdk.tf.json` with the same document, for tools that read files. */
export const GRAPH_FILE_NAME = "service-graph.json";

/** Tag naming the service a security group (and every other resource of the service) belongs to. */
export const SERVICE_TAG = "zt:service";
/** Tag naming the platform component a security group belongs to (`vpc-endpoints`). */
export const PLATFORM_TAG = "zt:platform";
/** Tag naming the gateway an API, its stage and its private integration's load balancer group belong to. */
export const GATEWAY_TAG = "zt:gateway";
/**
 * Tag of a cluster's node security group, holding the cluster name: the group of every pod of that cluster (pods use
 * their nodes' network interfaces), named `cluster:<name>` in the flow graph.
 */
export const CLUSTER_NODES_TAG = "zt:cluster-nodes";
/** Prefix of cluster nodes: `cluster:<name>`. */
export const CLUSTER_PREFIX = "cluster:";

/** Node of the whole internet (`0.0.0.0/0`, `::/0`). */
export const INTERNET_NODE = "internet";
/** Node of the VPC's own CIDR block when a rule names all of it. */
export const VPC_NODE = "vpc";
/** Prefix of platform nodes: `platform:vpc-endpoints`, `platform:s3`. */
export const PLATFORM_PREFIX = "platform:";
/** Node of the interface endpoints' security group. */
export const ENDPOINTS_NODE = "platform:vpc-endpoints";

/** Node of a platform component, e.g. `platform:vpc-endpoints`, or a gateway endpoint, `platform:s3`. */
export function platformNode(component: string): string {
  return `${PLATFORM_PREFIX}${component}`;
}

/** Node id of a cluster's nodes (the security group every pod of the cluster uses): `cluster:<name>`. */
export function clusterNode(name: string): string {
  return `${CLUSTER_PREFIX}${name}`;
}

/** Node of a gateway (its API and the security group of its private integration's load balancer): `gateway:edge`. */
export function gatewayNode(name: string): string {
  return `gateway:${name}`;
}

/** Node of an address block that is neither the internet nor the whole VPC: `cidr:203.0.113.0/24`. */
export function cidrNode(cidr: string): string {
  return `cidr:${cidr}`;
}

/** Node of a security group without a service or platform tag, named by its Terraform address: `sg:aws_security_group.lb`. */
export function groupNode(addressOrId: string): string {
  return `sg:${addressOrId}`;
}

/** Node of a managed prefix list that is not a gateway endpoint's: `prefix-list:pl-0123`. */
export function prefixListNode(id: string): string {
  return `prefix-list:${id}`;
}

/** Application protocol of a service port. HTTP and gRPC run over TCP; only they carry methods and paths. */
export type ServicePortProtocol = "http" | "grpc" | "tcp" | "udp";

/** All service port protocols. */
export const SERVICE_PORT_PROTOCOLS: readonly ServicePortProtocol[] = ["http", "grpc", "tcp", "udp"];

/** Transport protocol a service port runs over. */
export function transportOf(protocol: ServicePortProtocol): "tcp" | "udp" {
  return protocol === "udp" ? "udp" : "tcp";
}

/** HTTP methods an edge may be limited to. */
export const HTTP_METHODS: readonly string[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** One port of a declared service. */
export interface GraphPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: ServicePortProtocol;
}

/** One service of the declared graph. */
export interface GraphService {
  /** Service name, also its node id. */
  readonly name: string;
  readonly ports: readonly GraphPort[];
  /**
   * Runtime kind (`ec2`, `kubernetes`), where it runs (`private` or `isolated` tier), and for a Kubernetes service the
   * cluster (`cluster`, whose node security group is tagged `zt:cluster-nodes` with its name) and namespace.
   */
  readonly runtime: { readonly kind: string; readonly tier?: string; readonly cluster?: string; readonly namespace?: string };
}

/**
 * What an edge is: a call between two declared services, a platform path the library adds (VPC endpoints), an
 * external destination a service declared, or a gateway path (the internet to a gateway, a gateway to a service).
 */
export type GraphEdgeKind = "service" | "platform" | "external" | "gateway";

/** One allowed flow of the declared graph, from node to node on one transport port. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
  readonly kind: GraphEdgeKind;
  /** Name of the callee's port (service edges) or of the external destination (external edges). */
  readonly name?: string;
  /** HTTP methods the edge is limited to, where a layer can enforce them. */
  readonly methods?: readonly string[];
  /** HTTP path prefixes the edge is limited to, where a layer can enforce them. */
  readonly paths?: readonly string[];
  /** Gateway edges: the routes they carry, `GET /orders/{id}`. */
  readonly routes?: readonly string[];
}

/**
 * Which layers the stack carrying a document holds: `all` (the platform's AWS stack: security groups, network ACLs,
 * gateways, and any Kubernetes layers in the same stack), or `kubernetes` (a Kubernetes stack that holds only the
 * Kubernetes and mesh layers of the graph, whose other layers are judged in the platform's own stack).
 */
export type GraphScope = "all" | "kubernetes";

/** The declared graph of one platform, as written into synthesized output. */
export interface GraphDocument {
  readonly schema: typeof SERVICE_GRAPH_SCHEMA;
  /**
   * Layers of the graph the carrying stack holds.
   *
   * @default "all"
   */
  readonly scope?: GraphScope;
  /** Name of the platform (the construct path of the ServicePlatform). */
  readonly platform: string;
  readonly services: readonly GraphService[];
  readonly edges: readonly GraphEdge[];
}

/** Reads a declared-graph document from JSON text; returns the reason when it is not one. */
export function parseGraphDocument(text: string): GraphDocument | { readonly error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `the declared service graph is not JSON: ${(e as Error).message}` };
  }
  if (typeof value !== "object" || value === null) return { error: "the declared service graph is not an object" };
  const doc = value as Partial<GraphDocument>;
  if (doc.schema !== SERVICE_GRAPH_SCHEMA) return { error: `the declared service graph has schema ${JSON.stringify(doc.schema)}, not ${SERVICE_GRAPH_SCHEMA}` };
  if (!Array.isArray(doc.services) || !Array.isArray(doc.edges)) return { error: "the declared service graph has no services or edges list" };
  for (const [i, e] of doc.edges.entries()) {
    const edge = e as Partial<GraphEdge>;
    if (typeof edge.from !== "string" || typeof edge.to !== "string" || typeof edge.port !== "number" || (edge.protocol !== "tcp" && edge.protocol !== "udp")) {
      return { error: `edges[${i}] of the declared service graph needs from, to, port and protocol (tcp or udp)` };
    }
  }
  return doc as GraphDocument;
}

/** Key of an edge for set comparisons: `from|to|tcp|443`. */
export function edgeKey(e: { readonly from: string; readonly to: string; readonly protocol: string; readonly port: number }): string {
  return `${e.from}|${e.to}|${e.protocol}|${e.port}`;
}
