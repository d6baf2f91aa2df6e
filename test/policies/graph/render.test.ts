import { FlowEdge, FlowGraph, FlowLayer, FlowNode } from "../../../policies/graph/types";
import { dotGraph, FLOW_GRAPH_SCHEMA, jsonGraph, mermaidGraph, portsLabel, renderGraph } from "../../../policies/graph/render";

function node(id: string, kind: FlowNode["kind"], label = id): FlowNode {
  return { id, kind, label, addresses: [`aws_security_group.${id.replace(/\W/g, "_")}`] };
}

function edge(from: string, to: string, protocol: string, fromPort: number, toPort = fromPort, layer: FlowLayer = "security-group-ingress"): FlowEdge {
  return { from, to, protocol, fromPort, toPort, layers: [{ layer, addresses: [`aws_vpc_security_group_ingress_rule.${from}_${to}_${fromPort}`] }] };
}

/** Three services, the endpoints and the internet, with edges given out of order. */
const shop: FlowGraph = {
  stack: "shop",
  nodes: [node("payments", "service"), node("internet", "internet"), node("orders", "service"), node("platform:vpc-endpoints", "platform", "VPC endpoints"), node("edge", "service")],
  edges: [
    edge("orders", "platform:vpc-endpoints", "tcp", 443),
    edge("orders", "payments", "tcp", 8443),
    edge("internet", "edge", "tcp", 443),
    edge("edge", "orders", "tcp", 8080),
    edge("internet", "edge", "tcp", 80),
  ],
  unknown: [],
};

describe("portsLabel", () => {
  test("names one port, a range, every protocol and protocols without ports", () => {
    expect(portsLabel([edge("a", "b", "tcp", 8443)])).toBe("TCP 8443");
    expect(portsLabel([edge("a", "b", "udp", 53)])).toBe("UDP 53");
    expect(portsLabel([edge("a", "b", "tcp", 1024, 65535)])).toBe("TCP 1024-65535");
    expect(portsLabel([edge("a", "b", "all", 0, 65535)])).toBe("all");
    expect(portsLabel([edge("a", "b", "-1", 0, 65535)])).toBe("all");
    expect(portsLabel([edge("a", "b", "icmp", 0, 65535)])).toBe("ICMP");
    expect(portsLabel([edge("a", "b", "icmpv6", 0, 65535)])).toBe("ICMPv6");
    expect(portsLabel([edge("a", "b", "47", 0, 0)])).toBe("protocol 47");
    expect(portsLabel([edge("a", "b", "6", 22)])).toBe("TCP 22");
  });
  test("joins the port ranges of one pair per protocol, in order, each once", () => {
    expect(portsLabel([edge("a", "b", "tcp", 443), edge("a", "b", "tcp", 80)])).toBe("TCP 80, 443");
    expect(portsLabel([edge("a", "b", "udp", 53), edge("a", "b", "tcp", 53), edge("a", "b", "tcp", 1024, 65535)])).toBe("TCP 53, 1024-65535; UDP 53");
    expect(portsLabel([edge("a", "b", "tcp", 443), edge("a", "b", "tcp", 443, 443, "security-group-egress")])).toBe("TCP 443");
  });
});

describe("mermaidGraph", () => {
  test("draws one stack as a flowchart: shapes by kind, short ids in node order, one arrow per pair with its ports", () => {
    expect(mermaidGraph([shop])).toBe(
      [
        "flowchart LR",
        '  n0["edge"]',
        '  n1(["internet"])',
        '  n2["orders"]',
        '  n3["payments"]',
        '  n4{{"VPC endpoints"}}',
        '  n0 -->|"TCP 8080"| n2',
        '  n1 -->|"TCP 80, 443"| n0',
        '  n2 -->|"TCP 8443"| n3',
        '  n2 -->|"TCP 443"| n4',
        "",
      ].join("\n"),
    );
  });
  test("gives the VPC, address blocks, prefix lists and untagged groups shapes of their own", () => {
    const g: FlowGraph = {
      stack: "net",
      nodes: [node("vpc", "vpc", "VPC"), node("cidr:203.0.113.0/24", "cidr", "203.0.113.0/24"), node("prefix-list:pl-0123", "prefix-list", "pl-0123"), node("sg:aws_security_group.lb", "group", "aws_security_group.lb")],
      edges: [edge("cidr:203.0.113.0/24", "sg:aws_security_group.lb", "tcp", 443), edge("sg:aws_security_group.lb", "vpc", "all", 0, 65535), edge("sg:aws_security_group.lb", "prefix-list:pl-0123", "tcp", 443)],
      unknown: [],
    };
    expect(mermaidGraph([g]).split("\n").slice(1, 5)).toEqual([
      '  n0[/"203.0.113.0/24"/]',
      '  n1[/"pl-0123"\\]',
      '  n2("aws_security_group.lb")',
      '  n3[["VPC"]]',
    ]);
    expect(mermaidGraph([g])).toContain('  n2 -->|"all"| n3\n');
  });
  test("escapes labels that would end the string, start an entity, a comment, Markdown or HTML, and keeps them on one line", () => {
    const odd: FlowGraph = {
      stack: "odd",
      nodes: [node('we"ird', "service", 'say "hi" #1 <b>&amp;</b> `x` a|b %% c\nnext'), node("end", "service", "end")],
      edges: [edge('we"ird', "end", "tcp", 1)],
      unknown: [],
    };
    expect(mermaidGraph([odd])).toBe(
      ["flowchart LR", '  n0["end"]', '  n1["say #34;hi#34; #35;1 #60;b#62;#38;amp;#60;/b#62; #96;x#96; a#124;b #37;#37; c next"]', '  n1 -->|"TCP 1"| n0', ""].join("\n"),
    );
  });
  test("lists every unknown result as a comment line, on one line each", () => {
    const g: FlowGraph = {
      ...shop,
      unknown: [
        { address: "aws_security_group_rule.b", text: "peer unknown until apply" },
        { address: "aws_security_group_rule.a", text: "ports come from\na variable" },
      ],
    };
    const lines = mermaidGraph([g]).trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual(["  %% unknown: aws_security_group_rule.a: ports come from a variable", "  %% unknown: aws_security_group_rule.b: peer unknown until apply"]);
  });
  test("draws several stacks as one subgraph each, sorted, with ids unique over all of them and only nodes that take part in a flow", () => {
    const other: FlowGraph = { stack: 'a "stack"', nodes: [node("internet", "internet")], edges: [], unknown: [{ address: "aws_security_group.x", text: "unknown peer" }] };
    expect(mermaidGraph([shop, other])).toBe(
      [
        "flowchart LR",
        '  subgraph s0["a #34;stack#34;"]',
        "    %% unknown: aws_security_group.x: unknown peer",
        "  end",
        '  subgraph s1["shop"]',
        '    n0["edge"]',
        '    n1(["internet"])',
        '    n2["orders"]',
        '    n3["payments"]',
        '    n4{{"VPC endpoints"}}',
        '    n0 -->|"TCP 8080"| n2',
        '    n1 -->|"TCP 80, 443"| n0',
        '    n2 -->|"TCP 8443"| n3',
        '    n2 -->|"TCP 443"| n4',
        "  end",
        "",
      ].join("\n"),
    );
  });
  test("an empty graph still renders, and says it has no flows", () => {
    expect(mermaidGraph([{ stack: "empty", nodes: [], edges: [], unknown: [] }])).toBe("flowchart LR\n  %% no flows\n");
    expect(mermaidGraph([])).toBe("flowchart LR\n  %% no flows\n");
    expect(dotGraph([])).toBe('digraph "ztb-flows" {\n  rankdir="LR";\n}\n');
    expect(JSON.parse(jsonGraph([]))).toEqual({ schema: FLOW_GRAPH_SCHEMA, graphs: [] });
  });
  test("an edge to a node the node list leaves out gets a node named by its id", () => {
    const g: FlowGraph = { stack: "s", nodes: [node("orders", "service")], edges: [edge("orders", "cidr:10.9.0.0/16", "tcp", 5432)], unknown: [] };
    expect(mermaidGraph([g])).toBe(["flowchart LR", '  n0[/"cidr:10.9.0.0/16"/]', '  n1["orders"]', '  n1 -->|"TCP 5432"| n0', ""].join("\n"));
  });
  test("is the same text whatever order the graphs, nodes and edges come in", () => {
    const reversed: FlowGraph = { ...shop, nodes: [...shop.nodes].reverse(), edges: [...shop.edges].reverse() };
    const other: FlowGraph = { stack: "other", nodes: [node("internet", "internet")], edges: [], unknown: [] };
    expect(mermaidGraph([other, reversed])).toBe(mermaidGraph([shop, other]));
  });
});

describe("dotGraph", () => {
  test("draws the same content as a digraph, every id and label quoted", () => {
    expect(dotGraph([shop])).toBe(
      [
        'digraph "ztb-flows" {',
        '  rankdir="LR";',
        '  "n0" [label="edge", shape="box"];',
        '  "n1" [label="internet", shape="ellipse", style="dashed"];',
        '  "n2" [label="orders", shape="box"];',
        '  "n3" [label="payments", shape="box"];',
        '  "n4" [label="VPC endpoints", shape="hexagon"];',
        '  "n0" -> "n2" [label="TCP 8080"];',
        '  "n1" -> "n0" [label="TCP 80, 443"];',
        '  "n2" -> "n3" [label="TCP 8443"];',
        '  "n2" -> "n4" [label="TCP 443"];',
        "}",
        "",
      ].join("\n"),
    );
  });
  test("escapes quotes and backslashes, and draws several stacks as clusters with their unknown results as comments", () => {
    const odd: FlowGraph = {
      stack: 'b\\"x',
      nodes: [node("a", "group", 'say "hi" \\N'), node("b", "cidr", "10.0.0.0/8")],
      edges: [edge("a", "b", "udp", 53)],
      unknown: [{ address: "aws_security_group_rule.u", text: "peer\nunknown" }],
    };
    const plain: FlowGraph = { stack: "a", nodes: [node("vpc", "vpc", "VPC"), node("prefix-list:pl-1", "prefix-list", "pl-1")], edges: [edge("vpc", "prefix-list:pl-1", "tcp", 443)], unknown: [] };
    expect(dotGraph([odd, plain])).toBe(
      [
        'digraph "ztb-flows" {',
        '  rankdir="LR";',
        '  subgraph "cluster_s0" {',
        '    label="a";',
        '    "n0" [label="pl-1", shape="trapezium"];',
        '    "n1" [label="VPC", shape="box3d"];',
        '    "n1" -> "n0" [label="TCP 443"];',
        "  }",
        '  subgraph "cluster_s1" {',
        '    label="b\\\\\\"x";',
        '    "n2" [label="say \\"hi\\" \\\\N", shape="box", style="rounded"];',
        '    "n3" [label="10.0.0.0/8", shape="parallelogram"];',
        '    "n2" -> "n3" [label="UDP 53"];',
        "    // unknown: aws_security_group_rule.u: peer unknown",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("jsonGraph", () => {
  test("writes the schema and the graphs, sorted, pretty-printed with a final line break", () => {
    const text = jsonGraph([{ ...shop, unknown: [{ address: "b", text: "t" }, { address: "a", text: "t" }] }, { stack: "a", nodes: [], edges: [], unknown: [] }]);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "schema": "ztb.flow-graph/v1",\n');
    const doc = JSON.parse(text);
    expect(doc.schema).toBe(FLOW_GRAPH_SCHEMA);
    expect(doc.graphs.map((g: FlowGraph) => g.stack)).toEqual(["a", "shop"]);
    const g: FlowGraph = doc.graphs[1];
    expect(g.nodes.map((n) => n.id)).toEqual(["edge", "internet", "orders", "payments", "platform:vpc-endpoints"]);
    expect(g.edges.map((e) => `${e.from}>${e.to}:${e.fromPort}`)).toEqual([
      "edge>orders:8080",
      "internet>edge:80",
      "internet>edge:443",
      "orders>payments:8443",
      "orders>platform:vpc-endpoints:443",
    ]);
    expect(g.edges[0]).toEqual(edge("edge", "orders", "tcp", 8080));
    expect(g.unknown.map((u) => u.address)).toEqual(["a", "b"]);
  });
});

describe("renderGraph", () => {
  test("picks the renderer by format", () => {
    expect(renderGraph([shop], "mermaid")).toBe(mermaidGraph([shop]));
    expect(renderGraph([shop], "dot")).toBe(dotGraph([shop]));
    expect(renderGraph([shop], "json")).toBe(jsonGraph([shop]));
  });
});
