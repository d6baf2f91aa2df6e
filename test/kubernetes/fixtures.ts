import type { GraphDocument, GraphEdge } from "../../policies/shared/service-graph";
import { SERVICE_GRAPH_SCHEMA } from "../../policies/shared/service-graph";
import type { KubernetesManifestOptions, KubernetesWorkload } from "../../constructs/kubernetes";

/** A digest-pinned image of `name`. */
export function pinned(name: string): string {
  return `registry.example.com/${name}@sha256:${"ab".repeat(32)}`;
}

const https = { protocol: "tcp" as const, port: 443, kind: "platform" as const };

/**
 * Three services: `storefront` (Kubernetes, namespace `web`) calls `orders` (Kubernetes, namespace `shop`) on 8443,
 * which calls `ledger` (EC2, isolated tier) on 5432 and an external block on 443; the gateway reaches `storefront`;
 * every service has the platform edges to the VPC endpoints and S3.
 */
export function threeServiceGraph(extraEdges: readonly GraphEdge[] = []): GraphDocument {
  const platformEdges = (service: string): GraphEdge[] => [
    { from: service, to: "platform:vpc-endpoints", ...https, name: "vpc-endpoints" },
    { from: service, to: "platform:s3", ...https, name: "s3" },
  ];
  return {
    schema: SERVICE_GRAPH_SCHEMA,
    platform: "zt-platform/services",
    services: [
      { name: "storefront", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "kubernetes" } },
      {
        name: "orders",
        ports: [
          { name: "https", port: 8443, protocol: "http" },
          { name: "grpc", port: 9090, protocol: "grpc" },
        ],
        runtime: { kind: "kubernetes" },
      },
      { name: "ledger", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", tier: "isolated" } },
    ],
    edges: [
      { from: "internet", to: "gateway:edge", protocol: "tcp", port: 443, kind: "gateway", routes: ["GET /orders"] },
      { from: "gateway:edge", to: "storefront", protocol: "tcp", port: 8443, kind: "gateway", name: "https", routes: ["GET /orders"] },
      { from: "storefront", to: "orders", protocol: "tcp", port: 8443, kind: "service", name: "https", methods: ["GET"], paths: ["/orders"] },
      { from: "orders", to: "ledger", protocol: "tcp", port: 5432, kind: "service", name: "postgres" },
      { from: "orders", to: "cidr:198.51.100.0/24", protocol: "tcp", port: 443, kind: "external", name: "psp" },
      ...platformEdges("storefront"),
      ...platformEdges("orders"),
      ...platformEdges("ledger"),
      ...extraEdges,
    ],
  };
}

/** The Kubernetes workloads of {@link threeServiceGraph}: storefront in `web`, orders in `shop`. */
export function threeServiceWorkloads(): KubernetesWorkload[] {
  return [
    { service: "storefront", namespace: "web", image: pinned("storefront"), ports: [{ name: "https", port: 8443, protocol: "http" }] },
    {
      service: "orders",
      namespace: "shop",
      serviceAccount: "orders-api",
      image: pinned("orders"),
      replicas: 3,
      ports: [
        { name: "https", port: 8443, protocol: "http" },
        { name: "grpc", port: 9090, protocol: "grpc" },
      ],
      resources: { cpu: { request: "250m", limit: "1" }, memory: { request: "256Mi", limit: "512Mi" } },
      env: { LOG_LEVEL: "info", FEATURE_X: "on" },
    },
  ];
}

/** Options of {@link threeServiceGraph}: the tier and platform address blocks of the nodes off the cluster. */
export const THREE_SERVICE_OPTIONS: KubernetesManifestOptions = {
  platform: "zt-platform",
  vpcCidr: "10.40.0.0/16",
  cidrs: {
    ledger: ["10.40.32.0/20", "10.40.48.0/20"],
    "platform:s3": ["52.218.0.0/17"],
    "gateway:edge": ["10.40.0.0/22"],
  },
};
