import { evaluate } from "../../../policies/engine/evaluate";
import { Model } from "../../../policies/engine/model";
import { Result } from "../../../policies/engine/types";
import { effectiveGraph } from "../../../policies/graph";
import { renderGraph } from "../../../policies/graph/render";
import { FlowEdge } from "../../../policies/graph/types";
import { ztGraph001 } from "../../../policies/rules/graph/zt-graph-001-undeclared-flow";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { describeFixtureModes, synthModel } from "../../support/rules";
import { CLUSTER_SERVICES, clusterGraph, clusterGraphStack, ORDERS_TO_LEDGER } from "./cluster-fixture";

/** The node security group of the fixture's cluster, and the rules connections write between it and ledger's group. */
const NODES = /^aws_security_group\.cluster_node-firewall_group_[0-9A-F]+$/;
const NODES_TO_LEDGER = /^aws_vpc_security_group_egress_rule\.cluster_node-firewall_egress-tcp-5432-to-ledger_/;
const LEDGER_FROM_NODES = /^aws_vpc_security_group_ingress_rule\.ledger_firewall_ingress-tcp-5432-from-cluster_node-firewall_/;

/** Results of the graph rules other than passes, as `rule status: message`. */
function findings(model: Model): string[] {
  return evaluate(model, [ztGraph001, ztGraph002])
    .results.filter((r: Result) => r.status !== "pass")
    .map((r) => `${r.ruleId} ${r.status}: ${r.message}`);
}

/** Results of one rule on the rule resources whose address matches. */
function on(model: Model, rule: typeof ztGraph001, address: RegExp): Result[] {
  return evaluate(model, [rule]).results.filter((r) => address.test(r.address));
}

function edgeLine(e: FlowEdge): string {
  return `${e.from} -> ${e.to} ${e.protocol} ${e.fromPort}-${e.toPort} [${e.layers.map((l) => l.layer).join(" ")}]`;
}

describeFixtureModes("a platform stack whose orders pods run on a HardenedCluster and call ledger's hosts", () => clusterGraphStack(), (model: () => Model) => {
  test("the cluster's node security group is the node cluster:main, drawn like any node, with its flow to ledger through every layer", () => {
    const [graph] = effectiveGraph(model());
    const node = graph.nodes.find((n) => n.id === "cluster:main")!;
    expect({ kind: node.kind, label: node.label }).toEqual({ kind: "cluster", label: "main nodes" });
    expect(node.addresses).toEqual([expect.stringMatching(NODES)]);
    expect(graph.nodes.some((n) => n.id.startsWith("sg:") && NODES.test(n.id.slice(3)))).toBe(false);
    expect(graph.edges.filter((e) => e.to === "ledger").map(edgeLine)).toEqual(["cluster:main -> ledger tcp 5432-5432 [security-group-egress security-group-ingress network-acl]"]);
    const mermaid = renderGraph([graph], "mermaid").split("\n");
    const key = mermaid.find((l) => l.includes('(("main nodes"))'))!.trim().split("(")[0];
    expect(mermaid).toContain(`  ${key} -->|"TCP 5432"| ${mermaid.find((l) => l.includes('["ledger"]'))!.trim().split("[")[0]}`);
    expect(renderGraph([graph], "dot")).toMatch(/\[label="main nodes", shape="component"\];/);
  });

  test("ZT-GRAPH-001 passes the nodes' egress and ledger's ingress (orders, on cluster main, declares the call), and ZT-GRAPH-002 the edge", () => {
    expect(findings(model())).toEqual([]);
    expect(on(model(), ztGraph001, NODES_TO_LEDGER).map((r) => r.status)).toEqual(["pass"]);
    expect(on(model(), ztGraph001, LEDGER_FROM_NODES).map((r) => r.status)).toEqual(["pass"]);
    expect(evaluate(model(), [ztGraph002]).results.map((r) => `${r.status} ${r.item}`)).toContain("pass orders|ledger|tcp|5432");
  });
});

describe("ZT-GRAPH-001 on flows of a cluster's nodes", () => {
  const message = (on: string) =>
    `allows cluster:main -> ledger on TCP 5432, which the service graph does not declare: no service on cluster main declares that call (${on})`;

  test("fails the node group's egress and ledger's ingress when no service on the cluster declares the call, naming the cluster", () => {
    const model = synthModel(clusterGraphStack({ graph: clusterGraph([]) }));
    for (const address of [NODES_TO_LEDGER, LEDGER_FROM_NODES]) {
      const [result] = on(model, ztGraph001, address);
      expect(result.status).toBe("fail");
      expect(result.message).toContain(message("declared services on it: orders"));
      expect(result.item).toBe("cluster:main->ledger:tcp:5432");
    }
  });

  test("a call declared by a service on another cluster does not count for this one", () => {
    const elsewhere = CLUSTER_SERVICES.map((s) => (s.name === "orders" ? { ...s, runtime: { ...s.runtime, cluster: "batch" } } : s));
    const model = synthModel(clusterGraphStack({ graph: clusterGraph([ORDERS_TO_LEDGER], elsewhere) }));
    expect(on(model, ztGraph001, LEDGER_FROM_NODES).map((r) => `${r.status}: ${r.message}`)).toEqual([expect.stringContaining(message("no declared service runs on it"))]);
  });

  test("the call of any service on the cluster counts: the union over its services, in the flow's direction", () => {
    const services = [...CLUSTER_SERVICES, { name: "billing", ports: [], runtime: { kind: "kubernetes", tier: "private", cluster: "main", namespace: "billing" } }];
    const fromBilling = synthModel(clusterGraphStack({ graph: clusterGraph([{ ...ORDERS_TO_LEDGER, from: "billing" }], services) }));
    expect(on(fromBilling, ztGraph001, LEDGER_FROM_NODES).map((r) => r.status)).toEqual(["pass"]);
    // ledger calling orders is the other direction: it does not declare the nodes' calls to ledger.
    const reverse = synthModel(clusterGraphStack({ graph: clusterGraph([{ ...ORDERS_TO_LEDGER, from: "ledger", to: "orders" }]) }));
    expect(on(reverse, ztGraph001, LEDGER_FROM_NODES).map((r) => r.status)).toEqual(["fail"]);
  });
});

describe("ZT-GRAPH-002 on declared edges with a Kubernetes end whose pods run elsewhere", () => {
  test("judges the Kubernetes end through its cluster's node group: ledger's group not admitting the nodes blocks the edge", () => {
    const model = synthModel(clusterGraphStack({ withoutLedgerIngress: true }));
    expect(findings(model).filter((f) => f.startsWith("ZT-GRAPH-002"))).toEqual([
      "ZT-GRAPH-002 fail: declared edge orders -> ledger TCP 5432 is blocked by security-group-ingress of ledger: no ingress rule admits orders (on cluster:main) on TCP 5432",
    ]);
  });

  test("judges an EC2 caller of a Kubernetes service by the node group's ingress", () => {
    const model = synthModel(clusterGraphStack({ graph: clusterGraph([{ from: "ledger", to: "orders", protocol: "tcp", port: 8443, kind: "service", name: "https" }]) }));
    expect(evaluate(model, [ztGraph002]).results.filter((r) => r.status === "fail").map((r) => r.message)).toEqual([
      "declared edge ledger -> orders TCP 8443 is blocked by security-group-egress of ledger: no egress rule allows orders (on cluster:main) on TCP 8443; declared edge ledger -> orders TCP 8443 is blocked by security-group-ingress of cluster:main: no ingress rule admits ledger on TCP 8443",
    ]);
  });

  test("fails with no path when the stack holds no node group of the cluster, naming the cluster and the tag", () => {
    const model = synthModel(clusterGraphStack({ withoutCluster: true }));
    expect(evaluate(model, [ztGraph002]).results.filter((r) => r.status === "fail").map((r) => r.message)).toEqual([
      "declared edge orders -> ledger TCP 5432 has no path: service orders runs on Kubernetes cluster main, and no security group in the configuration is tagged zt:cluster-nodes = main (the node group its pods use)",
    ]);
  });
});
