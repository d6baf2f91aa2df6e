import { KubernetesWorkload, NAME_LABEL, meshPrincipal } from "../kubernetes";
import { MeshManifest, compareText, edgeName, istioManifest } from "./manifest";
import { DEFAULT_METRICS_PATH, MetricsScraper, PlatformWorkload } from "./options";
import { MeshCall, MeshView } from "./view";

/** Pod selector of a service's workload: its name label, one of the labels the Kubernetes emitter gives its pods. */
export function selectorOf(w: KubernetesWorkload): { matchLabels: Record<string, string> } {
  return { matchLabels: { [NAME_LABEL]: w.service } };
}

/** Mesh principal of a platform workload, derived from its ServiceAccount as a service's is. */
function platformPrincipal(w: PlatformWorkload, trustDomain: string): string {
  return meshPrincipal({ service: w.serviceAccount, namespace: w.namespace, serviceAccount: w.serviceAccount }, trustDomain);
}

/**
 * STRICT mTLS mesh-wide (`default` in the root namespace) and in each mesh namespace (`default` there, so a
 * namespace stays STRICT even if the mesh-wide policy is changed). Principals are only known on mTLS connections:
 * every ALLOW policy below relies on these.
 */
export function peerAuthentications(view: MeshView, rootNamespace: string): MeshManifest[] {
  const strict = { mtls: { mode: "STRICT" } };
  return [rootNamespace, ...view.namespaces.filter((ns) => ns !== rootNamespace)].map((ns) => istioManifest("PeerAuthentication", ns, "default", strict));
}

/** An allow-nothing AuthorizationPolicy (`spec: {}`) in each mesh namespace: a request no ALLOW policy admits is denied. */
export function allowNothing(view: MeshView): MeshManifest[] {
  return view.namespaces.map((ns) => istioManifest("AuthorizationPolicy", ns, "allow-nothing", {}));
}

/**
 * Istio path patterns of a graph path prefix: the path itself and everything below it (`/orders`, `/orders/*`), or
 * only what is below a prefix that ends in `/` (`/api/*`). Istio matches exact paths, `prefix*` and `*suffix` only.
 */
export function istioPaths(prefix: string): string[] {
  return prefix.endsWith("/") ? [`${prefix}*`] : [prefix, `${prefix}/*`];
}

/** `storefront -> orders tcp/8443 GET,POST /orders`: an edge as the edges annotation lists it. */
export function describeEdge(call: { readonly edge: MeshCall["edge"] }): string {
  const { from, to, protocol, port, methods, paths } = call.edge;
  return [`${from} -> ${to} ${protocol}/${port}`, methods?.length ? methods.join(",") : "", paths?.length ? paths.join(",") : ""].filter(Boolean).join(" ");
}

/** The rule of one edge: the caller's principal, derived from its ServiceAccount, on the callee's port, methods and paths. */
function edgeRule(call: MeshCall, trustDomain: string): Record<string, unknown> {
  const { port, methods, paths } = call.edge;
  const operation: Record<string, unknown> = { ports: [String(port)] };
  if (methods?.length) operation.methods = [...methods];
  if (paths?.length) operation.paths = paths.flatMap(istioPaths);
  return { from: [{ source: { principals: [meshPrincipal(call.caller, trustDomain)] } }], to: [{ operation }] };
}

/**
 * One ALLOW policy per callee, in its namespace and selecting its pods, with one rule per edge that reaches it: the
 * caller's principal, the port, and the methods and paths where the edge declares them. Named after its callers
 * (`orders-from-storefront`); the edges annotation names the edge of each rule.
 */
export function callerPolicies(view: MeshView, trustDomain: string): MeshManifest[] {
  const byCallee = new Map<string, MeshCall[]>();
  for (const call of view.calls) byCallee.set(call.callee.service, [...(byCallee.get(call.callee.service) ?? []), call]);
  return [...byCallee.values()].map((calls) => {
    const callee = calls[0].callee;
    const ordered = [...calls].sort((a, b) => compareText(a.caller.service, b.caller.service) || a.edge.port - b.edge.port);
    const callers = [...new Set(ordered.map((c) => c.caller.service))];
    return istioManifest(
      "AuthorizationPolicy",
      callee.namespace,
      edgeName(callee.service, callers),
      { selector: selectorOf(callee), action: "ALLOW", rules: ordered.map((c) => edgeRule(c, trustDomain)) },
      ordered.map((c, i) => `rule ${i}: ${describeEdge(c)}`),
    );
  });
}

/**
 * For each edge-facing service: a RequestAuthentication with its issuer and key set, and an ALLOW policy that admits
 * requests carrying a valid token of that issuer (`requestPrincipals: ["<issuer>/*"]`) on its HTTP and gRPC ports.
 * A RequestAuthentication alone rejects bad tokens but lets a request without a token through; the allow-nothing
 * baseline and this policy make the token required. With an ingress gateway, the policy also requires its principal.
 */
export function edgeAuthentication(view: MeshView, ingressGateway: PlatformWorkload | undefined, trustDomain: string): MeshManifest[] {
  const gateway = ingressGateway ? { principals: [platformPrincipal(ingressGateway, trustDomain)] } : {};
  const through = ingressGateway ? ` through ${ingressGateway.namespace}/${ingressGateway.serviceAccount}` : "";
  const out: MeshManifest[] = [];
  for (const w of view.workloads.values()) {
    const auth = w.edgeFacing;
    if (!auth) continue;
    const jwtRule = { issuer: auth.issuer, jwksUri: auth.jwksUri, ...(auth.audiences?.length ? { audiences: [...auth.audiences] } : {}) };
    out.push(istioManifest("RequestAuthentication", w.namespace, `${w.service}-jwt`, { selector: selectorOf(w), jwtRules: [jwtRule] }));
    const ports = w.ports.filter((p) => p.protocol === "http" || p.protocol === "grpc").map((p) => String(p.port));
    out.push(
      istioManifest(
        "AuthorizationPolicy",
        w.namespace,
        edgeName(w.service, ["token-holders"]),
        { selector: selectorOf(w), action: "ALLOW", rules: [{ from: [{ source: { ...gateway, requestPrincipals: [`${auth.issuer}/*`] } }], to: [{ operation: { ports } }] }] },
        [`rule 0: requests with a token of ${auth.issuer}${through} -> ${w.service} tcp/${ports.join(",")}`],
      ),
    );
  }
  return out;
}

/**
 * The platform rule for a metrics scraper in the mesh: in each mesh namespace, GET on the metrics path and port from
 * the scraper's principal (derived from its ServiceAccount), for every workload there.
 */
export function metricsPolicies(view: MeshView, scraper: MetricsScraper | undefined, trustDomain: string): MeshManifest[] {
  if (!scraper) return [];
  const principal = platformPrincipal(scraper, trustDomain);
  const path = scraper.path ?? DEFAULT_METRICS_PATH;
  const rule = { from: [{ source: { principals: [principal] } }], to: [{ operation: { ports: [String(scraper.port)], methods: ["GET"], paths: [path] } }] };
  return view.namespaces.map((ns) =>
    istioManifest("AuthorizationPolicy", ns, edgeName("metrics", [scraper.serviceAccount]), { action: "ALLOW", rules: [rule] }, [
      `rule 0: ${scraper.namespace}/${scraper.serviceAccount} -> every workload tcp/${scraper.port} GET ${path}`,
    ]),
  );
}
