import { Model, Resource } from "../../engine/model";
import { declaredGraphIn } from "../../graph/declared";
import { mergeRanges, PortRange } from "../../graph/readers/ranges";
import { DeclaredEnds } from "../../graph/readers/paths";
import { clusterNode, edgeKey, GRAPH_RESOURCE_NAME, GRAPH_RESOURCE_TYPE, GraphDocument, GraphScope } from "../../shared/service-graph";

/** Why the graph rules do not apply to a stack without a declared graph. */
export const NO_GRAPH = `no declared service graph in this input (${GRAPH_RESOURCE_TYPE}.${GRAPH_RESOURCE_NAME})`;

/**
 * The declared graph of a stack, indexed for lookups: its services, where its Kubernetes services run, and the ports of
 * each (from, to, protocol).
 */
export interface DeclaredIndex extends DeclaredEnds {
  readonly document: GraphDocument;
  readonly address: string;
  /** Layers the stack holds (the document's `scope`). */
  readonly scope: GraphScope;
  /** The declared services that run on each cluster, by the cluster's node (`cluster:<name>`), in declaration order. */
  readonly clusters: ReadonlyMap<string, readonly string[]>;
  /** Declared ports by `from|to|protocol`, merged. */
  readonly ports: ReadonlyMap<string, readonly PortRange[]>;
  /** The routes of each gateway edge (kind `gateway`), by `edgeKey` (`gateway:edge|orders|tcp|8443`). */
  readonly gatewayRoutes: ReadonlyMap<string, readonly string[]>;
}

/** The declared graph of the stack of `near`, indexed; its error, or undefined when the stack declares none. */
export function declaredIndex(model: Model, near: Resource): DeclaredIndex | { readonly error: string } | undefined {
  return model.memoIn("graph-rules:declared-index", near, buildIndex);
}

function buildIndex(near: Resource, model: Model): DeclaredIndex | { readonly error: string } | undefined {
  const found = declaredGraphIn(model, near);
  if (found === undefined || "error" in found) return found;
  const byKey = new Map<string, PortRange[]>();
  const gatewayRoutes = new Map<string, string[]>();
  for (const e of found.document.edges) {
    if (e.kind === "gateway") {
      const key = edgeKey(e);
      gatewayRoutes.set(key, [...(gatewayRoutes.get(key) ?? []), ...(e.routes ?? [])]);
    }
    const key = pairKey(e.from, e.to, e.protocol);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [{ from: e.port, to: e.port }]);
    else list.push({ from: e.port, to: e.port });
  }
  const ports = new Map<string, readonly PortRange[]>();
  byKey.forEach((list, key) => ports.set(key, mergeRanges(list)));
  const kubernetes = new Map<string, string | undefined>();
  const clusters = new Map<string, string[]>();
  for (const s of found.document.services) {
    if (s.runtime?.kind !== "kubernetes") continue;
    const cluster = typeof s.runtime.cluster === "string" && s.runtime.cluster !== "" ? s.runtime.cluster : undefined;
    kubernetes.set(s.name, cluster);
    if (cluster !== undefined) clusters.set(clusterNode(cluster), [...(clusters.get(clusterNode(cluster)) ?? []), s.name]);
  }
  const services = new Set(found.document.services.map((s) => s.name));
  const scope = found.document.scope === "kubernetes" ? "kubernetes" : "all";
  return { document: found.document, address: found.address, scope, services, kubernetes, clusters, ports, gatewayRoutes };
}

/** Key of a (from, to, protocol) triple. */
export function pairKey(from: string, to: string, protocol: string): string {
  return `${from}|${to}|${protocol}`;
}
