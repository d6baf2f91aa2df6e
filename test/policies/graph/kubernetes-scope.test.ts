import { evaluate } from "../../../policies/engine/evaluate";
import { Model } from "../../../policies/engine/model";
import { ztGraph001 } from "../../../policies/rules/graph/zt-graph-001-undeclared-flow";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { GraphEdge, GraphScope, GraphService } from "../../../policies/shared/service-graph";
import { configModel } from "../../support/rules";
import { carrier, deployment, egressPolicy, graphDocument, ipBlock } from "./typed-kubernetes";

/** `orders` on cluster `main`; `ledger` and `payments` on EC2 hosts. */
const SERVICES: readonly GraphService[] = [
  { name: "orders", ports: [], runtime: { kind: "kubernetes", tier: "private", cluster: "main", namespace: "shop" } },
  { name: "ledger", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", tier: "private" } },
  { name: "payments", ports: [], runtime: { kind: "ec2", tier: "private" } },
];
const ORDERS_TO_LEDGER: GraphEdge = { from: "orders", to: "ledger", protocol: "tcp", port: 5432, kind: "service", name: "postgres" };
const PAYMENTS_TO_LEDGER: GraphEdge = { from: "payments", to: "ledger", protocol: "tcp", port: 5432, kind: "service", name: "postgres" };

/** A Kubernetes stack: orders' pods and their egress NetworkPolicy to ledger's subnet on `port`, and the graph in `scope`. */
function kubernetesStack(edges: readonly GraphEdge[], scope: GraphScope, port = 5432): Model {
  return configModel(
    {
      resource: {
        kubernetes_deployment_v1: { orders: deployment("orders", "shop") },
        kubernetes_network_policy_v1: { orders_egress: egressPolicy("orders", "shop", [ipBlock("10.0.0.0/20")], port) },
        terraform_data: carrier(graphDocument(SERVICES, edges, scope)),
      },
    },
    "k8s",
  );
}

function outcomes(model: Model): string[] {
  return evaluate(model, [ztGraph002]).results.map((r) => `${r.status} ${r.item}${r.status === "pass" ? "" : `: ${r.message}`}`);
}

describe('ZT-GRAPH-002 in a Kubernetes stack (scope "kubernetes")', () => {
  test("judges only the edges with an end whose pods run in the stack, in the Kubernetes layers: an EC2 -> EC2 edge is not failed", () => {
    expect(outcomes(kubernetesStack([ORDERS_TO_LEDGER, PAYMENTS_TO_LEDGER], "kubernetes"))).toEqual(["pass orders|ledger|tcp|5432"]);
    // The platform's own stack (scope "all") holds every layer: there, a service without a security group has no path.
    expect(outcomes(kubernetesStack([ORDERS_TO_LEDGER, PAYMENTS_TO_LEDGER], "all"))).toEqual([
      "pass orders|ledger|tcp|5432",
      "fail payments|ledger|tcp|5432: declared edge payments -> ledger TCP 5432 has no path: service payments has no security group in the configuration (no security group is tagged zt:service = payments)",
    ]);
  });

  test("still fails a Kubernetes layer that blocks a declared edge", () => {
    expect(outcomes(kubernetesStack([ORDERS_TO_LEDGER, PAYMENTS_TO_LEDGER], "kubernetes", 5433))).toEqual([
      "fail orders|ledger|tcp|5432: declared edge orders -> ledger TCP 5432 is blocked by network-policy-egress of orders: no egress rule of the NetworkPolicies selecting orders (kubernetes_network_policy_v1.orders_egress) reaches ledger on TCP 5432",
    ]);
  });

  test("is not applicable when no declared edge has an end whose pods run there, saying where the other layers are judged", () => {
    const model = kubernetesStack([PAYMENTS_TO_LEDGER], "kubernetes");
    expect(outcomes(model)).toEqual([]);
    const graph = model.resources.find((r) => r.address === "terraform_data.ztb_service_graph")!;
    expect(ztGraph002.check(graph, model)).toEqual(
      expect.objectContaining({
        status: "na",
        reason:
          'no declared edge has an end whose pods run in this stack; the graph\'s scope is "kubernetes" (this stack holds only the Kubernetes and mesh layers), and the security groups, network ACLs and gateways are judged in the platform\'s stack',
      }),
    );
  });

  test("ZT-GRAPH-001 judges the stack's NetworkPolicies as in any scope", () => {
    const model = configModel({
      resource: {
        kubernetes_deployment_v1: { orders: deployment("orders", "shop") },
        kubernetes_network_policy_v1: { orders_egress: egressPolicy("orders", "shop", [ipBlock("0.0.0.0/0")], 443) },
        terraform_data: carrier(graphDocument(SERVICES, [ORDERS_TO_LEDGER], "kubernetes")),
      },
    });
    expect(evaluate(model, [ztGraph001]).results.map((r) => `${r.status}: ${r.message}`)).toEqual([
      "fail: kubernetes_network_policy_v1.orders_egress egress[0] (network-policy-egress) allows orders -> internet on TCP 443, which the service graph does not declare",
    ]);
  });
});
