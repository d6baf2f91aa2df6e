import { DataResource, TerraformStack } from "cdktf";
import { HardenedHost } from "../../../constructs/compute";
import { HardenedCluster } from "../../../constructs/cluster";
import { Peer, Port } from "../../../constructs/core";
import { ServiceIdentity } from "../../../constructs/identity";
import { GraphDocument, GraphEdge, GraphService, GRAPH_RESOURCE_NAME, SERVICE_GRAPH_SCHEMA } from "../../../policies/shared/service-graph";
import { clusterProps, clusterStack } from "../../cluster/fixtures";
import { ACCOUNT, REGION } from "../../identity/harness";

const AMI = "ami-0abcdef1234567890";

/** The declared call of the fixture: `orders`, pods on cluster `main`, calls `ledger` on its hosts on TCP 5432. */
export const ORDERS_TO_LEDGER: GraphEdge = { from: "orders", to: "ledger", protocol: "tcp", port: 5432, kind: "service", name: "postgres" };

/** `orders` on Kubernetes cluster `main` (namespace `shop`), `ledger` on EC2 hosts in the private tier. */
export const CLUSTER_SERVICES: readonly GraphService[] = [
  { name: "orders", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "kubernetes", tier: "private", cluster: "main", namespace: "shop" } },
  { name: "ledger", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", tier: "private" } },
];

/** The platform edges of ledger's hosts (HTTPS to the interface endpoints and to S3), which every host group has. */
export const LEDGER_PLATFORM_EDGES: readonly GraphEdge[] = [
  { from: "ledger", to: "platform:vpc-endpoints", protocol: "tcp", port: 443, kind: "platform", name: "vpc-endpoints" },
  { from: "ledger", to: "platform:s3", protocol: "tcp", port: 443, kind: "platform", name: "s3" },
];

/** The graph of the fixture: ledger's platform edges and `edges` (by default orders -> ledger), between `services`. */
export function clusterGraph(edges: readonly GraphEdge[] = [ORDERS_TO_LEDGER], services: readonly GraphService[] = CLUSTER_SERVICES): GraphDocument {
  return { schema: SERVICE_GRAPH_SCHEMA, platform: "zt-platform/services", services, edges: [...LEDGER_PLATFORM_EDGES, ...edges] };
}

/** What to change in {@link clusterGraphStack}. */
export interface ClusterGraphOptions {
  /** The declared graph the stack carries. */
  readonly graph?: GraphDocument;
  /** Leave the cluster out: no node security group tagged `zt:cluster-nodes` in the stack. */
  readonly withoutCluster?: boolean;
  /** The nodes' egress to ledger only (written through a Peer): ledger's group does not admit them. */
  readonly withoutLedgerIngress?: boolean;
}

/**
 * The AWS stack of a platform whose `orders` pods run on a HardenedCluster `main` (one node group) and whose `ledger`
 * runs on a HardenedHost group, in one SegmentedNetwork: the nodes reach ledger on TCP 5432 through connections, and
 * the declared graph rides in `terraform_data.ztb_service_graph` as a platform writes it.
 */
export function clusterGraphStack(options: ClusterGraphOptions = {}): TerraformStack {
  const { stack, network } = clusterStack("platform");
  const identity = new ServiceIdentity(stack, "ledger-identity", { serviceName: "ledger", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
  const ledger = new HardenedHost(stack, "ledger", { identity, network, amiId: AMI });
  if (!options.withoutCluster) {
    const cluster = new HardenedCluster(stack, "cluster", clusterProps(network));
    if (options.withoutLedgerIngress) cluster.nodeConnections.allowTo(Peer.securityGroupId(ledger.securityGroupId), Port.tcp(5432));
    else ledger.connections.allowFrom(cluster.nodeConnections, Port.tcp(5432));
  }
  const carrier = new DataResource(stack, "graph", {});
  carrier.addOverride("input", JSON.stringify(options.graph ?? clusterGraph()));
  carrier.overrideLogicalId(GRAPH_RESOURCE_NAME);
  return stack;
}
