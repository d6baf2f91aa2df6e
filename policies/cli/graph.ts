import { UsageError } from "../engine/select";
import { effectiveGraph } from "../graph";
import { FlowGraph } from "../graph/types";
import { GRAPH_FORMATS, GraphFormat, isGraphFormat, renderGraph } from "../graph/render";
import { OptionSpec, parseArgs, single } from "./args";
import { loadCommandInputs } from "./inputs";
import { writeFileAtomic } from "./output-file";

/** Where `ztb graph` writes. */
export interface GraphIo {
  readonly stdout: { write(chunk: string): unknown };
}

const GRAPH_OPTIONS: Record<string, OptionSpec> = {
  format: { value: true },
  output: { value: true },
  "allow-empty": { value: false },
};

/** Options of `graphText`. */
export interface GraphTextOptions {
  /** Let inputs without a managed resource through (an empty picture); without it they are an `InputError`. */
  readonly allowEmpty?: boolean;
}

/**
 * The effective allowed flows of the inputs, rendered: what `ztb graph <paths...> --format <format>` prints. Reads the
 * inputs as `ztb check` does (a `cdktf.out` folder, a stack folder, a Terraform JSON file, plan JSON), never the
 * declared graph. Throws `InputError` (one line) on bad input.
 */
export function graphText(paths: readonly string[], format: GraphFormat = "mermaid", opts: GraphTextOptions = {}): string {
  return renderGraph(effectiveGraph(loadCommandInputs(paths, { allowEmpty: opts.allowEmpty }).model), format);
}

/**
 * `ztb graph <path...> [--format mermaid|dot|json] [--output FILE] [--allow-empty]`: prints or writes the effective
 * allowed flows. Returns 0 when the graph is rendered (it is information, not a verdict); throws `UsageError` or
 * `InputError` for the caller to report with exit 2.
 */
export function graphCommand(args: readonly string[], io: GraphIo): number {
  const p = parseArgs(args, GRAPH_OPTIONS, "graph");
  const format = single(p, "format") ?? GRAPH_FORMATS[0];
  if (!isGraphFormat(format)) throw new UsageError(`unknown format "${format}" for ztb graph; use one of ${GRAPH_FORMATS.join(", ")}`);
  if (p.positional.length === 0) throw new UsageError("graph needs at least one path (a cdktf.out folder, cdk.tf.json, *.tf.json or plan JSON)");
  const { model, filesRead } = loadCommandInputs(p.positional, { allowEmpty: p.options.has("allow-empty") });
  const graphs = effectiveGraph(model);
  const text = renderGraph(graphs, format);
  const output = single(p, "output");
  if (output === undefined || output === "-") {
    io.stdout.write(text);
    return 0;
  }
  writeFileAtomic(output, text, filesRead);
  io.stdout.write(`${graphSummary(graphs)} written to ${output}\n`);
  return 0;
}

/** `2 stacks, 6 nodes, 7 edges, 0 unknown`. */
function graphSummary(graphs: readonly FlowGraph[]): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const sum = (f: (g: FlowGraph) => number) => graphs.reduce((a, g) => a + f(g), 0);
  const parts = [count(sum((g) => g.nodes.length), "node"), count(sum((g) => g.edges.length), "edge"), `${sum((g) => g.unknown.length)} unknown`];
  if (graphs.length !== 1) parts.unshift(count(graphs.length, "stack"));
  return `graph of ${parts.join(", ")}`;
}
