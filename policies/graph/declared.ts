import { Model, Resource } from "../engine/model";
import { GraphDocument, GRAPH_RESOURCE_NAME, GRAPH_RESOURCE_TYPE, parseGraphDocument } from "../shared/service-graph";

/** Why the declared graph of a stack cannot be used. */
export interface DeclaredGraphError {
  readonly error: string;
  /** Address of the resource that carries it, when there is one. */
  readonly address?: string;
}

/** The declared graph of a stack, with the resource that carries it. */
export interface DeclaredGraph {
  readonly document: GraphDocument;
  readonly address: string;
}

/** True for the resource that carries a declared graph: `terraform_data.ztb_service_graph` (in any module). */
export function isGraphCarrier(r: Resource): boolean {
  return r.mode === "managed" && r.type === GRAPH_RESOURCE_TYPE && r.name === GRAPH_RESOURCE_NAME;
}

/**
 * The declared service graph of the stack of `near`: the `input` of its `terraform_data.ztb_service_graph`, the
 * document as JSON text in synthesized JSON and the planned value in a plan. Undefined when the stack has none; an
 * error when it has several, or when the input is unknown until apply or not a declared-graph document.
 */
export function declaredGraphOf(model: Model, near: Resource): GraphDocument | DeclaredGraphError | undefined {
  const found = declaredGraphIn(model, near);
  return found === undefined || "error" in found ? found : found.document;
}

/** Like `declaredGraphOf`, with the carrier's address; computed once per model and stack. */
export function declaredGraphIn(model: Model, near: Resource): DeclaredGraph | DeclaredGraphError | undefined {
  return model.memoIn("graph:declared", near, readDeclared);
}

function readDeclared(near: Resource, model: Model): DeclaredGraph | DeclaredGraphError | undefined {
  const carriers = model.ofTypeIn(GRAPH_RESOURCE_TYPE, near).filter(isGraphCarrier);
  if (carriers.length === 0) return undefined;
  if (carriers.length > 1) {
    return { error: `the stack holds ${carriers.length} declared service graphs (${carriers.map((c) => c.address).join(", ")}); one platform per stack` };
  }
  return readCarrier(carriers[0]);
}

/** The document a carrier holds, or why it cannot be read. */
export function readCarrier(carrier: Resource): DeclaredGraph | DeclaredGraphError {
  const address = carrier.address;
  const input = carrier.get("input");
  if (input.kind === "absent") return { error: `${address} has no input`, address };
  if (input.kind === "unknown") return { error: `the input of ${address} is unknown until apply`, address };
  const text = typeof input.value === "string" ? input.value : JSON.stringify(input.value);
  const parsed = parseGraphDocument(text);
  return "error" in parsed ? { error: parsed.error, address } : { document: parsed, address };
}
