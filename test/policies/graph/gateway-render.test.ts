import { FlowEdge, FlowGraph, FlowNode } from "../../../policies/graph/types";
import { dotGraph, edgeLabel, jsonGraph, mermaidGraph } from "../../../policies/graph/render";

function node(id: string, kind: FlowNode["kind"], label = id): FlowNode {
  return { id, kind, label, addresses: [] };
}

function routeEdge(from: string, to: string, port: number, routes: string[]): FlowEdge {
  return { from, to, protocol: "tcp", fromPort: port, toPort: port, layers: [{ layer: "gateway-route", addresses: ["aws_api_gateway_rest_api.api"] }], routes };
}

/** internet -> gateway `edge` -> orders, routes given out of order. */
const front: FlowGraph = {
  stack: "front",
  nodes: [node("orders", "service"), node("gateway:edge", "gateway", "edge"), node("internet", "internet")],
  edges: [routeEdge("gateway:edge", "orders", 8443, ["POST /orders", "GET /orders"]), routeEdge("internet", "gateway:edge", 443, ["POST /orders", "GET /orders", "GET /orders"])],
  unknown: [],
};

describe("routes on gateway edges", () => {
  test("the label holds the ports, then every route once, sorted", () => {
    expect(edgeLabel(front.edges.slice(0, 1))).toBe("TCP 8443: GET /orders, POST /orders");
    expect(edgeLabel([{ ...routeEdge("a", "b", 80, []), routes: undefined }])).toBe("TCP 80");
  });

  test("Mermaid draws the gateway as a flag and its routes on its arrows", () => {
    expect(mermaidGraph([front])).toBe(
      [
        "flowchart LR",
        '  n0>"edge"]',
        '  n1(["internet"])',
        '  n2["orders"]',
        '  n0 -->|"TCP 8443: GET /orders, POST /orders"| n2',
        '  n1 -->|"TCP 443: GET /orders, POST /orders"| n0',
        "",
      ].join("\n"),
    );
  });

  test("routes are escaped in Mermaid and DOT labels", () => {
    const odd: FlowGraph = { stack: "odd", nodes: [node("gateway:g", "gateway", "g"), node("s", "service")], edges: [routeEdge("gateway:g", "s", 443, ['GET /a|b"c\\d'])], unknown: [] };
    expect(mermaidGraph([odd])).toContain('  n0 -->|"TCP 443: GET /a#124;b#34;c\\d"| n1\n');
    expect(dotGraph([odd])).toContain('  "n0" -> "n1" [label="TCP 443: GET /a|b\\"c\\\\d"];\n');
  });

  test("a gateway node the node list leaves out is drawn as a gateway", () => {
    const g: FlowGraph = { stack: "s", nodes: [node("orders", "service")], edges: [routeEdge("gateway:edge", "orders", 8443, ["GET /orders"])], unknown: [] };
    expect(mermaidGraph([g]).split("\n")[1]).toBe('  n0>"gateway:edge"]');
    expect(dotGraph([g])).toContain('"n0" [label="gateway:edge", shape="cds"];');
  });

  test("JSON carries each edge's routes, sorted and once; edges without routes have none", () => {
    const doc = JSON.parse(jsonGraph([{ ...front, edges: [...front.edges, { ...routeEdge("vpc", "gateway:edge", 8443, []), routes: undefined }] }]));
    const edges = doc.graphs[0].edges as FlowEdge[];
    expect(edges.map((e) => [e.from, e.to, e.routes])).toEqual([
      ["gateway:edge", "orders", ["GET /orders", "POST /orders"]],
      ["internet", "gateway:edge", ["GET /orders", "POST /orders"]],
      ["vpc", "gateway:edge", undefined],
    ]);
  });

  test("the same text whatever order the routes and edges come in", () => {
    const reversed: FlowGraph = { ...front, edges: [...front.edges].reverse().map((e) => ({ ...e, routes: [...(e.routes ?? [])].reverse() })) };
    expect(mermaidGraph([reversed])).toBe(mermaidGraph([front]));
    expect(jsonGraph([reversed])).toBe(jsonGraph([front]));
  });
});
