import { TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { KubernetesWorkload } from "../../constructs/kubernetes";
import { MeshOptions, MeshPolicies } from "../../constructs/mesh";
import { GraphDocument, GraphEdge, SERVICE_GRAPH_SCHEMA } from "../../policies/shared/service-graph";

const DIGEST = `sha256:${"a".repeat(64)}`;

/** storefront (namespace web, edge-facing) and orders (namespace orders) on Kubernetes; ledger on EC2. */
export const GRAPH: GraphDocument = {
  schema: SERVICE_GRAPH_SCHEMA,
  platform: "shop",
  services: [
    { name: "storefront", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "kubernetes" } },
    { name: "orders", ports: [{ name: "api", port: 9443, protocol: "http" }, { name: "events", port: 7000, protocol: "tcp" }], runtime: { kind: "kubernetes" } },
    { name: "ledger", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", tier: "isolated" } },
  ],
  edges: [
    { from: "storefront", to: "orders", protocol: "tcp", port: 9443, kind: "service", name: "api", methods: ["GET", "POST"], paths: ["/orders"] },
    { from: "storefront", to: "orders", protocol: "tcp", port: 7000, kind: "service", name: "events" },
    { from: "orders", to: "storefront", protocol: "tcp", port: 8443, kind: "service", name: "https", methods: ["GET"], paths: ["/catalog/", "/health"] },
    { from: "orders", to: "ledger", protocol: "tcp", port: 5432, kind: "service", name: "postgres" },
    { from: "orders", to: "internet", protocol: "tcp", port: 443, kind: "external", name: "psp" },
    { from: "orders", to: "platform:vpc-endpoints", protocol: "tcp", port: 443, kind: "platform", name: "vpc-endpoints" },
    { from: "ledger", to: "platform:vpc-endpoints", protocol: "tcp", port: 443, kind: "platform", name: "vpc-endpoints" },
  ],
};

/** The two Kubernetes services of {@link GRAPH}. */
export const WORKLOADS: readonly KubernetesWorkload[] = [
  {
    service: "storefront",
    namespace: "web",
    image: `registry.example.com/storefront@${DIGEST}`,
    ports: [{ name: "https", port: 8443, protocol: "http" }],
    edgeFacing: { issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json", audiences: ["shop"] },
  },
  {
    service: "orders",
    namespace: "orders",
    serviceAccount: "orders-api",
    image: `registry.example.com/orders@${DIGEST}`,
    ports: [{ name: "api", port: 9443, protocol: "http" }, { name: "events", port: 7000, protocol: "tcp" }],
  },
];

/** Host names of the destinations outside the mesh that orders calls. */
export const OPTIONS: MeshOptions = {
  destinationHosts: {
    psp: ["api.psp.example"],
    ledger: ["ledger.db.internal.example"],
    "vpc-endpoints": ["secretsmanager.eu-west-1.amazonaws.com", "sts.eu-west-1.amazonaws.com"],
  },
};

/** {@link GRAPH} with `edges` in place of its edges. */
export function graphWith(edges: readonly GraphEdge[], services = GRAPH.services): GraphDocument {
  return { ...GRAPH, services, edges };
}

/** A Kubernetes stack holding the mesh policies of {@link GRAPH}. */
export function meshStack(options: MeshOptions = OPTIONS): { stack: TerraformStack; mesh: MeshPolicies } {
  const stack = new TerraformStack(Testing.app(), "mesh");
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
  const mesh = new MeshPolicies(stack, "mesh", { graph: GRAPH, workloads: WORKLOADS, ...options });
  return { stack, mesh };
}
