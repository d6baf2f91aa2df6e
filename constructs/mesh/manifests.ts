import { ErrorSource } from "../core/errors";
import { KubernetesWorkload } from "../kubernetes";
import { GraphDocument } from "../../policies/shared/service-graph";
import { MeshManifest, sortManifests } from "./manifest";
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_ROOT_NAMESPACE, DEFAULT_TRUST_DOMAIN, MeshOptions } from "./options";
import { allowNothing, callerPolicies, edgeAuthentication, metricsPolicies, peerAuthentications } from "./security";
import { destinationRules, serviceEntries, sidecars } from "./traffic";
import { meshView } from "./view";

/**
 * The Istio settings of the services of `graph` that run on Kubernetes (`workloads`), derived from the graph's edges:
 *
 * - PeerAuthentication STRICT mesh-wide (root namespace) and in each mesh namespace;
 * - an allow-nothing AuthorizationPolicy per namespace, and one ALLOW policy per callee listing exactly its callers'
 *   principals (derived from their ServiceAccounts), ports, and methods and paths where an edge declares them;
 * - for edge-facing services, a RequestAuthentication (issuer, key set) and an ALLOW policy requiring a request
 *   principal of that issuer;
 * - a default Sidecar per namespace with REGISTRY_ONLY outbound traffic and egress hosts derived from the edges, and
 *   a ServiceEntry per destination outside the mesh (hosts from `options.destinationHosts`);
 * - a DestinationRule with ISTIO_MUTUAL per mesh service;
 * - with `options.metricsScraper`, a platform rule letting that scraper read metrics in each namespace.
 *
 * Health probes need no rule: Istio's sidecar injector rewrites HTTP, TCP and gRPC probes (the default
 * `rewriteAppHTTPProbers`) so that the kubelet calls the sidecar agent's status port 15020, which the sidecar does not
 * intercept, so neither mTLS nor AuthorizationPolicies apply to it. Without the rewrite, the kubelet's plaintext probe
 * fails at STRICT mTLS before any policy, so no rule could admit it: keep the rewrite on. Nor do metrics with Istio's
 * default merging, scraped on the same port; `metricsScraper` covers a scraper in the mesh reading the services' port.
 *
 * Pure and deterministic: the same graph and workloads give the same list, sorted by namespace (root first), kind
 * and name. Throws a ValidationError for what the mesh cannot enforce (see `meshView`).
 */
export function meshManifests(graph: GraphDocument, workloads: readonly KubernetesWorkload[], options: MeshOptions = {}): MeshManifest[] {
  return buildMeshManifests({ kind: "meshManifests", id: graph.platform, path: graph.platform }, graph, workloads, options);
}

/** {@link meshManifests} with errors naming `source`. */
export function buildMeshManifests(source: ErrorSource, graph: GraphDocument, workloads: readonly KubernetesWorkload[], options: MeshOptions): MeshManifest[] {
  const view = meshView(source, graph, workloads, options);
  const root = options.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const trustDomain = options.trustDomain ?? DEFAULT_TRUST_DOMAIN;
  const clusterDomain = options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  return sortManifests(
    [
      ...peerAuthentications(view, root),
      ...allowNothing(view),
      ...callerPolicies(view, trustDomain),
      ...edgeAuthentication(view, options.ingressGateway, trustDomain),
      ...metricsPolicies(view, options.metricsScraper, trustDomain),
      ...sidecars(view, clusterDomain),
      ...serviceEntries(view),
      ...destinationRules(view, clusterDomain),
    ],
    root,
  );
}
