import { evaluate } from "../../../policies/engine/evaluate";
import { Model } from "../../../policies/engine/model";
import { effectiveGraph } from "../../../policies/graph";
import { blocksWithout } from "../../../policies/graph/readers/address-blocks";
import { ztGraph001 } from "../../../policies/rules/graph/zt-graph-001-undeclared-flow";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { GraphEdge, GraphService } from "../../../policies/shared/service-graph";
import { configModel } from "../../support/rules";
import { carrier, deployment, egressPolicy, graphDocument, ipBlock } from "./typed-kubernetes";

/** The isolated tier's subnet (ledger's hosts) and a private subnet (payments' hosts) of the VPC 10.0.0.0/16. */
const ISOLATED = "10.0.128.0/20";
const PRIVATE = "10.0.0.0/20";

const SERVICES: readonly GraphService[] = [
  { name: "orders", ports: [], runtime: { kind: "kubernetes", tier: "private", cluster: "main", namespace: "shop" } },
  { name: "ledger", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", tier: "isolated" } },
  { name: "payments", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", tier: "private" } },
];
const call = (to: string): GraphEdge => ({ from: "orders", to, protocol: "tcp", port: 5432, kind: to.startsWith("cidr:") ? "external" : "service" });
const EDGES: readonly GraphEdge[] = [call("ledger"), call("payments")];

const sg = (group: string) => `\${aws_security_group.${group}.id}`;
/** Egress from the cluster's nodes to a host group on TCP 5432, and that group's ingress from the nodes. */
const nodesTo = (group: string) => ({
  egress: { security_group_id: sg("nodes"), ip_protocol: "tcp", from_port: 5432, to_port: 5432, referenced_security_group_id: sg(group) },
  ingress: { security_group_id: sg(group), ip_protocol: "tcp", from_port: 5432, to_port: 5432, referenced_security_group_id: sg("nodes") },
});

/**
 * A platform stack that also runs orders' pods: the cluster's node group reaches ledger (isolated tier) and payments
 * (private tier) on TCP 5432, and orders' NetworkPolicy lets it reach `to`.
 */
function platformWithPods(to: readonly Record<string, unknown>[], edges: readonly GraphEdge[] = EDGES, nodesReachPayments = true): Model {
  const ledger = nodesTo("ledger");
  const payments = nodesTo("payments");
  const egress: Record<string, unknown> = { nodes_to_ledger: ledger.egress };
  if (nodesReachPayments) egress.nodes_to_payments = payments.egress;
  return configModel({
    resource: {
      aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
      aws_subnet: { isolated: { vpc_id: "${aws_vpc.main.id}", cidr_block: ISOLATED }, private: { vpc_id: "${aws_vpc.main.id}", cidr_block: PRIVATE } },
      aws_security_group: { nodes: { tags: { "zt:cluster-nodes": "main" } }, ledger: { tags: { "zt:service": "ledger" } }, payments: { tags: { "zt:service": "payments" } } },
      aws_vpc_security_group_egress_rule: egress,
      aws_vpc_security_group_ingress_rule: { ledger_from_nodes: ledger.ingress, payments_from_nodes: payments.ingress },
      aws_instance: {
        ledger: { ami: "ami-0abcdef1234567890", instance_type: "t3.micro", subnet_id: "${aws_subnet.isolated.id}", vpc_security_group_ids: [sg("ledger")] },
        payments: { ami: "ami-0abcdef1234567890", instance_type: "t3.micro", subnet_id: "${aws_subnet.private.id}", vpc_security_group_ids: [sg("payments")] },
      },
      kubernetes_deployment_v1: { orders: deployment("orders", "shop") },
      kubernetes_network_policy_v1: { orders_egress: egressPolicy("orders", "shop", to, 5432) },
      terraform_data: carrier(graphDocument(SERVICES, edges)),
    },
  });
}

/** A Kubernetes stack (scope "kubernetes") with orders' pods and NetworkPolicy only. */
function podsOnly(to: readonly Record<string, unknown>[], edges: readonly GraphEdge[] = EDGES): Model {
  return configModel({
    resource: {
      kubernetes_deployment_v1: { orders: deployment("orders", "shop") },
      kubernetes_network_policy_v1: { orders_egress: egressPolicy("orders", "shop", to, 5432) },
      terraform_data: carrier(graphDocument(SERVICES, edges, "kubernetes")),
    },
  });
}

function outcomes(model: Model): string[] {
  return evaluate(model, [ztGraph002]).results.map((r) => `${r.status} ${r.item}${r.status === "pass" ? "" : `: ${r.message}`}`);
}

describe("NetworkPolicy ipBlock except blocks", () => {
  test("are subtracted: the rest of the block is named exactly, as the fewest CIDRs, and never the blocks left out", () => {
    expect(blocksWithout("10.0.0.0/16", [ISOLATED])).toEqual(["10.0.0.0/17", "10.0.144.0/20", "10.0.160.0/19", "10.0.192.0/18"]);
    expect(blocksWithout("10.0.0.0/16", ["10.0.0.0/17", "10.0.128.0/17"])).toEqual([]);
    expect(blocksWithout("2001:db8::/32", ["2001:db8::/33"])).toEqual(["2001:db8:8000::/33"]);
    expect(blocksWithout("10.0.0.0/16", ["fd00::/8"])).toEqual(["10.0.0.0/16"]);
    expect(blocksWithout("10.0.0.0/16", ["10.0.0.0"])).toBe('except block "10.0.0.0" is not a CIDR');

    const manifest = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "orders-egress", namespace: "shop" },
      spec: {
        podSelector: { matchLabels: { "app.kubernetes.io/name": "orders" } },
        policyTypes: ["Egress"],
        egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/16", except: [ISOLATED] } }], ports: [{ protocol: "TCP", port: 5432 }] }],
      },
    };
    const model = configModel({ resource: { kubernetes_deployment_v1: { orders: deployment("orders", "shop") }, kubernetes_manifest: { orders_egress: { manifest } } } });
    const [graph] = effectiveGraph(model);
    expect(graph.edges.map((e) => `${e.from} -> ${e.to} ${e.protocol}/${e.fromPort}`)).toEqual([
      "orders -> cidr:10.0.0.0/17 tcp/5432",
      "orders -> cidr:10.0.144.0/20 tcp/5432",
      "orders -> cidr:10.0.160.0/19 tcp/5432",
      "orders -> cidr:10.0.192.0/18 tcp/5432",
    ]);
    expect(graph.unknown).toEqual([]);
  });

  test("an ipBlock of the VPC except the isolated subnets does not reach a service in the isolated tier", () => {
    expect(outcomes(platformWithPods([ipBlock("10.0.0.0/16")]))).toEqual(["pass orders|ledger|tcp|5432", "pass orders|payments|tcp|5432"]);
    expect(outcomes(platformWithPods([ipBlock("10.0.0.0/16", [ISOLATED])]))).toEqual([
      "fail orders|ledger|tcp|5432: declared edge orders -> ledger TCP 5432 is blocked by network-policy-egress of orders: no egress rule of the NetworkPolicies selecting orders (kubernetes_network_policy_v1.orders_egress) reaches ledger on TCP 5432",
      "pass orders|payments|tcp|5432",
    ]);
  });

  test("with the pods and the cluster's node group in one stack, both the node group and the NetworkPolicies are judged", () => {
    expect(outcomes(platformWithPods([ipBlock("10.0.0.0/16", [ISOLATED])], EDGES, false))).toEqual([
      "fail orders|ledger|tcp|5432: declared edge orders -> ledger TCP 5432 is blocked by network-policy-egress of orders: no egress rule of the NetworkPolicies selecting orders (kubernetes_network_policy_v1.orders_egress) reaches ledger on TCP 5432",
      "fail orders|payments|tcp|5432: declared edge orders -> payments TCP 5432 is blocked by security-group-egress of cluster:main: no egress rule allows payments on TCP 5432",
    ]);
  });

  test("nor a declared address block inside an except block", () => {
    const edges = [call("cidr:10.0.128.0/24"), call("cidr:10.0.1.0/24")];
    expect(outcomes(podsOnly([ipBlock("10.0.0.0/16", [ISOLATED])], edges))).toEqual([
      "fail orders|cidr:10.0.128.0/24|tcp|5432: declared edge orders -> cidr:10.0.128.0/24 TCP 5432 is blocked by network-policy-egress of orders: no egress rule of the NetworkPolicies selecting orders (kubernetes_network_policy_v1.orders_egress) reaches cidr:10.0.128.0/24 on TCP 5432",
      "pass orders|cidr:10.0.1.0/24|tcp|5432",
    ]);
  });

  test("where the stack does not hold the other end's addresses, an ipBlock with except blocks is unknown for it, never a pass", () => {
    expect(outcomes(podsOnly([ipBlock("10.0.0.0/16")]))).toEqual(["pass orders|ledger|tcp|5432", "pass orders|payments|tcp|5432"]);
    const unknown = (end: string) =>
      `unknown orders|${end}|tcp|5432: declared edge orders -> ${end} TCP 5432 may be blocked by network-policy-egress of orders: no egress rule of the NetworkPolicies selecting orders (kubernetes_network_policy_v1.orders_egress) reaches ${end} on TCP 5432 as far as can be read; kubernetes_network_policy_v1.orders_egress egress[0] names 10.0.0.0/16 except ${ISOLATED}, and the addresses of ${end} are not in this configuration: the except blocks may hold them`;
    expect(outcomes(podsOnly([ipBlock("10.0.0.0/16", [ISOLATED])]))).toEqual([unknown("ledger"), unknown("payments")]);
    // Another rule that surely reaches the end decides it.
    expect(outcomes(podsOnly([ipBlock("10.0.0.0/16", [ISOLATED]), ipBlock("10.0.0.0/8")]))).toEqual(["pass orders|ledger|tcp|5432", "pass orders|payments|tcp|5432"]);
  });

  test("the internet less private blocks is still the internet: an undeclared egress to it fails ZT-GRAPH-001", () => {
    const model = podsOnly([ipBlock("0.0.0.0/0", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])]);
    expect(evaluate(model, [ztGraph001]).results.map((r) => `${r.status}: ${r.message}`)).toEqual([
      "fail: kubernetes_network_policy_v1.orders_egress egress[0] (network-policy-egress) allows orders -> internet on TCP 5432, which the service graph does not declare",
    ]);
  });
});
