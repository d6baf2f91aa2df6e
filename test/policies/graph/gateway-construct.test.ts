import { DataResource, TerraformStack } from "cdktf";
import { Model } from "../../../policies/engine/model";
import { effectiveGraph } from "../../../policies/graph";
import { ztGraph001 } from "../../../policies/rules/graph/zt-graph-001-undeclared-flow";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { GraphDocument, GraphEdge, SERVICE_GRAPH_SCHEMA } from "../../../policies/shared/service-graph";
import { describeFixtureModes, resultsOf, synthModel } from "../../support/rules";
import { restGateway } from "../../gateway/rest-gateway-harness";
import { httpGateway } from "../../gateway/http-gateway-fixture";

const ORDERS = ["GET /orders/{id}", "POST /orders"];
const CATALOG = ["GET /catalog", "PUT /catalog/{sku}"];

/** The graph a platform would declare for the RestGateway harness: gateway `edge` to orders and catalog, and their platform paths. */
function declared(orders: readonly string[]): GraphDocument {
  const platform = (from: string): GraphEdge[] => [
    { from, to: "platform:vpc-endpoints", protocol: "tcp", port: 443, kind: "platform" },
    { from, to: "platform:s3", protocol: "tcp", port: 443, kind: "platform" },
  ];
  return {
    schema: SERVICE_GRAPH_SCHEMA,
    platform: "gateway/platform",
    services: ["orders", "catalog"].map((name) => ({ name, ports: [{ name: "https", port: 8443, protocol: "http" as const }], runtime: { kind: "ec2", tier: "private" } })),
    edges: [
      { from: "internet", to: "gateway:edge", protocol: "tcp", port: 443, kind: "gateway", routes: [...orders, ...CATALOG].sort() },
      { from: "gateway:edge", to: "orders", protocol: "tcp", port: 8443, kind: "gateway", name: "https", routes: [...orders] },
      { from: "gateway:edge", to: "catalog", protocol: "tcp", port: 8443, kind: "gateway", name: "https", routes: CATALOG },
      ...platform("orders"),
      ...platform("catalog"),
    ],
  };
}

/** The RestGateway harness stack with a declared graph listing `orders` as the routes to orders. */
function gatewayStack(orders: readonly string[] = ORDERS): TerraformStack {
  const { stack } = restGateway({}, "gateway-graph");
  const carrier = new DataResource(stack, "graph", {});
  carrier.addOverride("input", JSON.stringify(declared(orders)));
  carrier.overrideLogicalId("ztb_service_graph");
  return stack;
}

describeFixtureModes("a RestGateway in the graph", () => gatewayStack(), (model: () => Model) => {
  it("draws internet -> gateway -> each service with its routes", () => {
    const [graph] = effectiveGraph(model());
    expect(graph.unknown).toEqual([]);
    expect(graph.edges.filter((e) => e.routes !== undefined).map((e) => `${e.from} -> ${e.to} ${e.fromPort}: ${e.routes!.join(", ")}`)).toEqual([
      `gateway:edge -> catalog 8443: ${CATALOG.join(", ")}`,
      `gateway:edge -> orders 8443: ${ORDERS.join(", ")}`,
      `internet -> gateway:edge 443: ${[...CATALOG, ...ORDERS].sort().join(", ")}`,
    ]);
  });

  it("passes ZT-GRAPH-001 and ZT-GRAPH-002 against the graph it was built from", () => {
    for (const rule of [ztGraph001, ztGraph002]) {
      expect(resultsOf(rule, model()).filter((r) => r.status !== "pass").map((r) => `${r.ruleId} ${r.status} ${r.address}: ${r.message}`)).toEqual([]);
    }
  });
});

describe("a RestGateway route the declared graph does not list", () => {
  it("fails ZT-GRAPH-001 on its method, and ZT-GRAPH-002 on nothing", () => {
    const model = synthModel(gatewayStack(["GET /orders/{id}"]));
    const fails = resultsOf(ztGraph001, model).filter((r) => r.status === "fail");
    expect(fails.map((r) => [r.address.replace(/_[0-9A-F]{8}$/, ""), r.item])).toEqual([["aws_api_gateway_method.gateway_methodPOST--orders", "gateway:edge->orders:tcp:8443:POST /orders"]]);
    expect(resultsOf(ztGraph002, model).filter((r) => r.status !== "pass")).toEqual([]);
  });
});

describe("an HttpGateway in the graph", () => {
  it("draws internet -> gateway -> each service with its route keys", () => {
    const { stack } = httpGateway(undefined, "http-graph");
    const [graph] = effectiveGraph(synthModel(stack));
    expect(graph.unknown).toEqual([]);
    expect(graph.edges.filter((e) => e.routes !== undefined).map((e) => `${e.from} -> ${e.to} ${e.fromPort}: ${e.routes!.join(", ")}`)).toEqual([
      "gateway:shop -> catalog 8443: GET /catalog/{proxy+}",
      "gateway:shop -> orders 8443: DELETE /orders/{id}, GET /orders/{id}, POST /orders",
      "internet -> gateway:shop 443: DELETE /orders/{id}, GET /catalog/{proxy+}, GET /orders/{id}, POST /orders",
    ]);
  });
});
