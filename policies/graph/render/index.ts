import { FlowGraph } from "../types";
import { dotGraph } from "./dot";
import { jsonGraph } from "./json";
import { mermaidGraph } from "./mermaid";

export { dotGraph, dotString } from "./dot";
export { jsonGraph, FLOW_GRAPH_SCHEMA } from "./json";
export type { FlowGraphDocument } from "./json";
export { mermaidGraph, mermaidText } from "./mermaid";
export { edgeLabel, portsLabel, protocolName, sortedGraphs } from "./layout";

/** A picture or document format of the effective graphs. */
export type GraphFormat = "mermaid" | "dot" | "json";

/** Every graph format; the first is the default. */
export const GRAPH_FORMATS: readonly GraphFormat[] = ["mermaid", "dot", "json"];

/** Whether `format` names a graph format. */
export function isGraphFormat(format: string): format is GraphFormat {
  return (GRAPH_FORMATS as readonly string[]).includes(format);
}

/** Renders the effective graphs in one of the formats: a pure function, the same text for the same graphs. */
export function renderGraph(graphs: readonly FlowGraph[], format: GraphFormat): string {
  switch (format) {
    case "mermaid":
      return mermaidGraph(graphs);
    case "dot":
      return dotGraph(graphs);
    case "json":
      return jsonGraph(graphs);
  }
}
