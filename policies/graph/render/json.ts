import { FlowGraph } from "../types";
import { sortedGraphs } from "./layout";

/** Schema id of the JSON form of the effective graphs. */
export const FLOW_GRAPH_SCHEMA = "ztb.flow-graph/v1";

/** The JSON form of the effective graphs, for tools. */
export interface FlowGraphDocument {
  readonly schema: typeof FLOW_GRAPH_SCHEMA;
  readonly graphs: readonly FlowGraph[];
}

/**
 * The effective graphs as JSON for tools: `{"schema": "ztb.flow-graph/v1", "graphs": [...]}`, each graph as
 * `FlowGraph` (policies/graph/types.ts), sorted (stacks, nodes by id, edges by from, to, protocol and ports),
 * pretty-printed with a final line break.
 */
export function jsonGraph(graphs: readonly FlowGraph[]): string {
  const doc: FlowGraphDocument = { schema: FLOW_GRAPH_SCHEMA, graphs: sortedGraphs(graphs) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
