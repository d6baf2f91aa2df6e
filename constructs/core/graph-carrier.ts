import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { DataResource, IStackSynthesizer, ISynthesisSession, TerraformStack } from "cdktf";
import { ErrorSource, ValidationError } from "./errors";
import { GRAPH_FILE_NAME, GRAPH_RESOURCE_NAME, GraphDocument } from "../../policies/shared/service-graph";

/** The graph a stack carries, and the resource that carries it. */
interface Carried {
  readonly resource: DataResource;
  document: GraphDocument;
}

const CARRIED = new WeakMap<TerraformStack, Carried>();

/**
 * Writes the declared service graph into the stack of `scope`: `terraform_data.ztb_service_graph`, whose `input` is
 * the document (so it reaches plan JSON too), and `service-graph.json` beside the stack's `cdk.tf.json`. The pack's
 * service-graph rules read it from there.
 *
 * A stack carries one graph. A platform's own stack carries it with scope `all`; a Kubernetes stack of the same
 * platform (KubernetesServices, MeshPolicies) carries it with scope `kubernetes`, so the rules judge only the layers
 * that stack holds. Carrying the same graph again changes nothing (scope `all` wins over `kubernetes`); another graph
 * in the same stack is a ValidationError.
 */
export function carryGraph(scope: Construct, source: ErrorSource, document: GraphDocument): void {
  const stack = TerraformStack.of(scope);
  const carried = CARRIED.get(stack);
  if (carried !== undefined) {
    if (carried.document.platform !== document.platform || JSON.stringify(carried.document.edges) !== JSON.stringify(document.edges)) {
      throw new ValidationError(
        source,
        "graph",
        `the stack already carries the service graph of "${carried.document.platform}"; a stack holds the layers of one platform's graph, so give this one a stack of its own.`,
      );
    }
    if ((carried.document.scope ?? "all") === "kubernetes" && (document.scope ?? "all") === "all") {
      carried.document = document;
      carried.resource.addOverride("input", JSON.stringify(document));
    }
    return;
  }
  const resource = new DataResource(scope, "graph", {});
  resource.overrideLogicalId(GRAPH_RESOURCE_NAME);
  resource.addOverride("input", JSON.stringify(document));
  const entry: Carried = { resource, document };
  CARRIED.set(stack, entry);
  const inner = stack.synthesizer;
  const wrapped: IStackSynthesizer = {
    synthesize(session: ISynthesisSession): void {
      inner.synthesize(session);
      const stackFile = session.manifest.forStack(stack).synthesizedStackPath;
      fs.writeFileSync(path.join(session.outdir, path.dirname(stackFile), GRAPH_FILE_NAME), `${JSON.stringify(entry.document, null, 2)}\n`);
    },
  };
  stack.synthesizer = wrapped;
}
