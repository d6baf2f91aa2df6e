import { TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { KubernetesServices, KubernetesWorkload } from "../../../constructs/kubernetes";
import { MeshPolicies } from "../../../constructs/mesh";
import { stackConfig } from "../../../policies/gate";
import { Model } from "../../../policies/engine/model";
import { GraphDocument, GraphEdge, GRAPH_RESOURCE_NAME, GRAPH_RESOURCE_TYPE, SERVICE_GRAPH_SCHEMA } from "../../../policies/shared/service-graph";
import { configModel } from "../../support/rules";

const DIGEST = `sha256:${"c".repeat(64)}`;

/**
 * Three services on Kubernetes: `storefront` (namespace `web`) calls `orders` (namespace `shop`, account `orders-api`) on
 * TCP 8443 (GET /orders), and `orders` calls `payments` (namespace `pay`) on TCP 9090 and a payment provider off the
 * cluster (`198.51.100.0/24`) on TCP 443.
 */
export const K8S_GRAPH: GraphDocument = {
  schema: SERVICE_GRAPH_SCHEMA,
  platform: "zt-platform/services",
  services: [
    { name: "storefront", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "kubernetes" } },
    { name: "orders", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "kubernetes" } },
    { name: "payments", ports: [{ name: "grpc", port: 9090, protocol: "grpc" }], runtime: { kind: "kubernetes" } },
  ],
  edges: [
    { from: "storefront", to: "orders", protocol: "tcp", port: 8443, kind: "service", name: "https", methods: ["GET"], paths: ["/orders"] },
    { from: "orders", to: "payments", protocol: "tcp", port: 9090, kind: "service", name: "grpc" },
    { from: "orders", to: "cidr:198.51.100.0/24", protocol: "tcp", port: 443, kind: "external", name: "psp" },
  ],
};

/** The declared service edges of {@link K8S_GRAPH} as `from -> to tcp/port`. */
export const DECLARED_SERVICE_EDGES = K8S_GRAPH.edges.filter((e) => e.kind === "service").map((e) => `${e.from} -> ${e.to} ${e.protocol}/${e.port}`);

/** The workloads of {@link K8S_GRAPH}. */
export const K8S_WORKLOADS: readonly KubernetesWorkload[] = [
  { service: "storefront", namespace: "web", image: `registry.example.com/storefront@${DIGEST}`, ports: [{ name: "https", port: 8443, protocol: "http" }] },
  { service: "orders", namespace: "shop", serviceAccount: "orders-api", image: `registry.example.com/orders@${DIGEST}`, ports: [{ name: "https", port: 8443, protocol: "http" }] },
  { service: "payments", namespace: "pay", image: `registry.example.com/payments@${DIGEST}`, ports: [{ name: "grpc", port: 9090, protocol: "grpc" }] },
];

/** Mesh options of the fixture: the payment provider's host name, and no Pod Identity agent entry. */
export const MESH_OPTIONS = { destinationHosts: { psp: ["api.psp.example"] }, podIdentityAgent: false } as const;

/** What to add to {@link kubernetesGraphConfig}. */
export interface KubernetesGraphOptions {
  /** The graph the stack carries, and derives its manifests from unless told otherwise. */
  readonly graph?: GraphDocument;
  /** Derive the NetworkPolicies (KubernetesServices) from this graph instead: a layer that drifted from the declaration. */
  readonly servicesFrom?: GraphDocument;
  /** Derive the Istio settings (MeshPolicies) from this graph instead. */
  readonly meshFrom?: GraphDocument;
  /** Hand-added manifests, each a `kubernetes_manifest` named by its key. */
  readonly extra?: Readonly<Record<string, Record<string, unknown>>>;
  /** Leave out the declared graph. */
  readonly withoutGraph?: boolean;
  /** storefront faces the edge: its callers need a token, and come through the ingress gateway `istio-ingress/gateway`. */
  readonly edgeFacing?: boolean;
}

/** The ingress gateway of the edge-facing variant. */
export const INGRESS_GATEWAY = { namespace: "istio-ingress", serviceAccount: "gateway" } as const;

/** Name of the fixture's Kubernetes stack. */
export const K8S_STACK = "k8s";

/**
 * The synthesized JSON of a Kubernetes stack holding the manifests KubernetesServices and MeshPolicies derive from the
 * graph, and the declared graph in `terraform_data.ztb_service_graph` with scope `kubernetes`, as those constructs
 * carry it. Each construct is synthesized in a stack of its own (a stack carries the layers of one graph, so a layer
 * derived from another graph, a drift, cannot sit beside the others) and their resources are joined into one stack's
 * JSON, with the declared graph as the carrier.
 */
export function kubernetesGraphConfig(options: KubernetesGraphOptions = {}): Record<string, unknown> {
  const graph = options.graph ?? K8S_GRAPH;
  const edge = { issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json" };
  const workloads = options.edgeFacing ? K8S_WORKLOADS.map((w) => (w.service === "storefront" ? { ...w, edgeFacing: edge } : w)) : K8S_WORKLOADS;
  const services = layerConfig((stack) => new KubernetesServices(stack, "services", { graph: options.servicesFrom ?? graph, workloads }));
  const mesh = layerConfig((stack) => {
    const gateway = options.edgeFacing ? { ingressGateway: INGRESS_GATEWAY } : {};
    new MeshPolicies(stack, "mesh", { graph: options.meshFrom ?? graph, workloads, ...MESH_OPTIONS, ...gateway });
    for (const [id, manifest] of Object.entries(options.extra ?? {})) new Manifest(stack, id, { manifest });
  });
  const resource: Record<string, Record<string, unknown>> = {};
  for (const config of [services, mesh]) {
    for (const [type, byName] of Object.entries((config.resource ?? {}) as Record<string, Record<string, unknown>>)) resource[type] = { ...(resource[type] ?? {}), ...byName };
  }
  const carriers = { ...(resource[GRAPH_RESOURCE_TYPE] ?? {}) };
  delete carriers[GRAPH_RESOURCE_NAME];
  if (!options.withoutGraph) carriers[GRAPH_RESOURCE_NAME] = { input: JSON.stringify({ ...graph, scope: "kubernetes" }) };
  resource[GRAPH_RESOURCE_TYPE] = carriers;
  return { ...services, resource };
}

/** The model of {@link kubernetesGraphConfig}. */
export function kubernetesGraphModel(options: KubernetesGraphOptions = {}): Model {
  return configModel(kubernetesGraphConfig(options), K8S_STACK);
}

/** The synthesized JSON of a Kubernetes stack holding what `build` adds. */
function layerConfig(build: (stack: TerraformStack) => void): Record<string, unknown> {
  const stack = new TerraformStack(Testing.app(), K8S_STACK);
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
  build(stack);
  return stackConfig(stack);
}

/** {@link K8S_GRAPH} without its edges from `from` to `to`. */
export function graphWithout(from: string, to: string): GraphDocument {
  return { ...K8S_GRAPH, edges: K8S_GRAPH.edges.filter((e: GraphEdge) => e.from !== from || e.to !== to) };
}
