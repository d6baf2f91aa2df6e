import { FlowGraph, FlowUnknown, NodeKind } from "../types";
import { LaidGraph, LaidNode, layOut, oneLine } from "./layout";

/** Mermaid shape of each kind of node: the text before and after its quoted label. */
const SHAPES: Readonly<Record<NodeKind, readonly [string, string]>> = {
  service: ["[", "]"], // rectangle
  internet: ["([", "])"], // stadium
  platform: ["{{", "}}"], // hexagon
  gateway: [">", "]"], // asymmetric (flag): the front door
  vpc: ["[[", "]]"], // subroutine
  cidr: ["[/", "/]"], // parallelogram
  "prefix-list": ["[/", "\\]"], // trapezoid
  pods: ["[(", ")]"], // cylinder: a set of pods
  cluster: ["((", "))"], // circle: the nodes every pod of a cluster runs on
  group: ["(", ")"], // rounded rectangle
};

/**
 * The effective graphs as a Mermaid flowchart (`flowchart LR`), which GitHub and GitLab draw in pull requests and
 * Markdown files. Nodes have short ids (`n0`, `n1`, ...) and quoted labels; one arrow per pair of nodes carries its
 * ports (`TCP 80, 443`); every result a reader could not decide is a `%% unknown: <address>: <text>` comment line, so
 * nothing is left out silently. Several stacks are drawn as one subgraph each.
 */
export function mermaidGraph(graphs: readonly FlowGraph[]): string {
  const laid = layOut(graphs);
  const lines = ["flowchart LR"];
  if (laid.length === 0) lines.push("  %% no flows");
  else if (laid.length === 1) lines.push(...body(laid[0], "  "));
  else {
    laid.forEach((g, i) => {
      lines.push(`  subgraph s${i}["${mermaidText(g.stack)}"]`, ...body(g, "    "), "  end");
    });
  }
  return `${lines.join("\n")}\n`;
}

/** The lines of one graph: nodes, arrows, then the unknown results. */
function body(g: LaidGraph, indent: string): string[] {
  const lines = [
    ...g.nodes.map((n) => `${indent}${node(n)}`),
    ...g.edges.map((e) => `${indent}${e.from} -->|"${mermaidText(e.label)}"| ${e.to}`),
    ...g.unknown.map((u) => `${indent}${unknownComment(u)}`),
  ];
  return lines.length > 0 ? lines : [`${indent}%% no flows`];
}

function node(n: LaidNode): string {
  const [open, close] = SHAPES[n.kind] ?? SHAPES.service;
  return `${n.key}${open}"${mermaidText(n.label)}"${close}`;
}

function unknownComment(u: FlowUnknown): string {
  return `%% unknown: ${oneLine(u.address)}: ${oneLine(u.text)}`;
}

/**
 * Text that is safe inside a quoted Mermaid label: the characters that end the string, start an entity, a comment, a
 * Markdown string or HTML become Mermaid entity codes (`#34;`), and line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return oneLine(text).replace(/["#%&<>`|]/g, (c) => `#${c.charCodeAt(0)};`);
}
