import { FlowGraph, NodeKind } from "../types";
import { LaidGraph, LaidNode, layOut, oneLine } from "./layout";

/** Graphviz attributes of each kind of node. */
const SHAPES: Readonly<Record<NodeKind, string>> = {
  service: `shape="box"`,
  internet: `shape="ellipse", style="dashed"`,
  platform: `shape="hexagon"`,
  gateway: `shape="cds"`,
  vpc: `shape="box3d"`,
  cidr: `shape="parallelogram"`,
  "prefix-list": `shape="trapezium"`,
  pods: `shape="folder"`,
  cluster: `shape="component"`,
  group: `shape="box", style="rounded"`,
};

/**
 * The effective graphs in Graphviz DOT (`dot -Tsvg`): the same nodes, arrows and labels as the Mermaid picture, every
 * id and label quoted, unknown results as `// unknown: <address>: <text>` comment lines. Several stacks are drawn as
 * one cluster each.
 */
export function dotGraph(graphs: readonly FlowGraph[]): string {
  const laid = layOut(graphs);
  const lines = [`digraph "ztb-flows" {`, `  rankdir="LR";`];
  if (laid.length === 1) lines.push(...body(laid[0], "  "));
  else {
    laid.forEach((g, i) => {
      lines.push(`  subgraph "cluster_s${i}" {`, `    label=${dotString(g.stack)};`, ...body(g, "    "), "  }");
    });
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** The lines of one graph: nodes, arrows, then the unknown results. */
function body(g: LaidGraph, indent: string): string[] {
  return [
    ...g.nodes.map((n) => `${indent}${node(n)}`),
    ...g.edges.map((e) => `${indent}"${e.from}" -> "${e.to}" [label=${dotString(e.label)}];`),
    ...g.unknown.map((u) => `${indent}// unknown: ${oneLine(u.address)}: ${oneLine(u.text)}`),
  ];
}

function node(n: LaidNode): string {
  return `"${n.key}" [label=${dotString(n.label)}, ${SHAPES[n.kind] ?? SHAPES.service}];`;
}

/** A quoted DOT string: backslashes (which start Graphviz escapes such as `\N`) and quotes escaped, on one line. */
export function dotString(text: string): string {
  return `"${oneLine(text).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
