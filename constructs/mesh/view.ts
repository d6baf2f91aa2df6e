import { ErrorSource, ValidationError } from "../core/errors";
import { KubernetesWorkload, isDnsLabel } from "../kubernetes";
import { resolveWorkloads } from "../kubernetes/check";
import { GraphDocument, GraphEdge, cidrNode } from "../../policies/shared/service-graph";
import { DEFAULT_ROOT_NAMESPACE, MeshOptions, PlatformWorkload } from "./options";
import { POD_IDENTITY_AGENT } from "./platform";

/** A call between two mesh services, on a TCP port of the callee. */
export interface MeshCall {
  /** Workload of the calling service. */
  readonly caller: KubernetesWorkload;
  /** Workload of the called service. */
  readonly callee: KubernetesWorkload;
  /** The graph's edge. */
  readonly edge: GraphEdge;
}

/** A call from a mesh service to a destination outside the mesh, by the name `destinationHosts` knows it by. */
export interface MeshDeparture {
  /** Workload of the calling service. */
  readonly caller: KubernetesWorkload;
  /** Name of the destination: an external destination's, a platform path's or a non-mesh service's. */
  readonly destination: string;
  /** Its host names, from `destinationHosts`. */
  readonly hosts: readonly string[];
  /**
   * The address block of a `cidr:` destination node.
   *
   * @default - a destination reached by host name
   */
  readonly cidr?: string;
  /** The graph's edge. */
  readonly edge: GraphEdge;
}

/** The declared graph as the mesh sees it: the services that run in it and the TCP edges that leave from them. */
export interface MeshView {
  /** Mesh services by name, in the order of the workloads. */
  readonly workloads: ReadonlyMap<string, KubernetesWorkload>;
  /** Namespaces of the mesh services, sorted. */
  readonly namespaces: readonly string[];
  /** TCP edges between mesh services. */
  readonly calls: readonly MeshCall[];
  /** TCP edges from mesh services to destinations outside the mesh. */
  readonly departures: readonly MeshDeparture[];
}

/** An exact DNS host name of two labels or more, without wildcards. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const CIDR_PREFIX = cidrNode("");

/**
 * Reads the graph and the workloads for the mesh, refusing what the mesh cannot enforce: a workload the Kubernetes
 * emitter refuses or one in Istio's root namespace, a non-mesh caller of a mesh service (it has no principal to admit,
 * and STRICT mTLS refuses its plaintext), a call to a port the callee's workload does not serve, a mesh caller's
 * destination outside the mesh without host names, and malformed options. Adds the EKS Pod Identity agent as a
 * destination of every mesh service unless `podIdentityAgent` is false.
 */
export function meshView(source: ErrorSource, graph: GraphDocument, workloads: readonly KubernetesWorkload[], options: MeshOptions): MeshView {
  checkOptions(source, options);
  const byService = workloadsByService(source, graph, workloads, options.rootNamespace ?? DEFAULT_ROOT_NAMESPACE);
  const calls: MeshCall[] = [];
  const departures: MeshDeparture[] = [];
  graph.edges.forEach((edge, i) => {
    const caller = byService.get(edge.from);
    const callee = byService.get(edge.to);
    const prop = `graph.edges[${i}]`;
    if (callee && !caller) {
      throw new ValidationError(
        source,
        prop,
        `"${edge.from}" calls "${edge.to}" on ${edge.protocol.toUpperCase()} ${edge.port}, but "${edge.from}" is not in the mesh: it has no principal a policy could admit and STRICT mTLS refuses its plaintext; run it on Kubernetes with a workload, or route it through an Istio ingress gateway.`,
      );
    }
    // UDP is not proxied by Istio's sidecars: NetworkPolicies carry those edges.
    if (!caller || edge.protocol !== "tcp") return;
    if (callee) {
      if (!callee.ports.some((p) => p.port === edge.port)) {
        throw new ValidationError(source, prop, `"${edge.from}" calls "${edge.to}" on port ${edge.port}, which the workload of "${edge.to}" does not serve; declare the port in its workload.`);
      }
      calls.push({ caller, callee, edge });
      return;
    }
    departures.push(departure(source, edge, caller, options));
  });
  if (options.podIdentityAgent !== false) for (const w of byService.values()) departures.push(...agentDepartures(w));
  const namespaces = [...new Set([...byService.values()].map((w) => w.namespace))].sort();
  return { workloads: byService, namespaces, calls, departures };
}

/** The departures of a mesh service to the EKS Pod Identity agent, one per address of the agent. */
function agentDepartures(caller: KubernetesWorkload): MeshDeparture[] {
  const { name, node, host, addresses, port } = POD_IDENTITY_AGENT;
  const edge: GraphEdge = { from: caller.service, to: node, protocol: "tcp", port, kind: "platform", name };
  return addresses.map((cidr) => ({ caller, destination: name, hosts: [host], cidr, edge }));
}

/** The departure of a mesh caller to a destination outside the mesh, with the destination's host names. */
function departure(source: ErrorSource, edge: GraphEdge, caller: KubernetesWorkload, options: MeshOptions): MeshDeparture {
  const destination = edge.kind === "external" || edge.kind === "platform" ? (edge.name ?? edge.to) : edge.to;
  const hosts = options.destinationHosts?.[destination] ?? [];
  if (hosts.length === 0) {
    throw new ValidationError(
      source,
      `destinationHosts.${destination}`,
      `"${caller.service}" calls "${destination}" (${edge.to}) on TCP ${edge.port}, outside the mesh, but destinationHosts names no host for it; under REGISTRY_ONLY its sidecar would drop the traffic. Add destinationHosts["${destination}"] with the host names it calls.`,
    );
  }
  const cidr = edge.to.startsWith(CIDR_PREFIX) ? edge.to.slice(CIDR_PREFIX.length) : undefined;
  return { caller, destination, hosts, edge, ...(cidr ? { cidr } : {}) };
}

/**
 * The workloads by service name, checked as the Kubernetes emitter checks them (one per graph service, a team namespace
 * that is a DNS label, an own ServiceAccount, ports as the graph declares them, ...), none in Istio's root namespace,
 * and edge-facing ones with a usable issuer.
 */
function workloadsByService(source: ErrorSource, graph: GraphDocument, workloads: readonly KubernetesWorkload[], root: string): Map<string, KubernetesWorkload> {
  const byService = new Map<string, KubernetesWorkload>();
  resolveWorkloads(source, graph, workloads).forEach((w, i) => {
    if (w.namespace === root) {
      throw new ValidationError(source, `workloads[${i}].namespace`, `runs "${w.service}" in "${root}", Istio's root namespace, where policies apply to the whole mesh; give the service its team's namespace.`);
    }
    if (w.edgeFacing) checkEdgeFacing(source, w, i);
    byService.set(w.service, w);
  });
  return byService;
}

/** An edge-facing workload names an issuer and an HTTPS key set, and serves HTTP or gRPC, where tokens travel. */
function checkEdgeFacing(source: ErrorSource, w: KubernetesWorkload, i: number): void {
  const auth = w.edgeFacing!;
  const prop = `workloads[${i}].edgeFacing`;
  if (auth.issuer.trim() === "") throw new ValidationError(source, `${prop}.issuer`, `"${w.service}" is edge-facing without a token issuer; name the issuer (iss) its tokens carry.`);
  if (!isHttpsUrl(auth.jwksUri)) {
    throw new ValidationError(source, `${prop}.jwksUri`, `"${w.service}" names the key set "${auth.jwksUri}", which is not an https:// URL; keys fetched without TLS can be forged.`);
  }
  if (!w.ports.some((p) => p.protocol === "http" || p.protocol === "grpc")) {
    throw new ValidationError(source, prop, `"${w.service}" is edge-facing but serves no http or grpc port, where request tokens travel.`);
  }
}

/** True for an absolute https URL with a host. */
function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The options' namespaces are DNS labels, host names exact, the scraper's port and path well formed. */
function checkOptions(source: ErrorSource, options: MeshOptions): void {
  if (options.rootNamespace !== undefined && !isDnsLabel(options.rootNamespace)) {
    throw new ValidationError(source, "rootNamespace", `"${options.rootNamespace}" is not a namespace name (a DNS label).`);
  }
  for (const prop of ["trustDomain", "clusterDomain"] as const) {
    const domain = options[prop];
    if (domain !== undefined && !isDnsLabel(domain) && !HOST_NAME.test(domain)) {
      throw new ValidationError(source, prop, `"${domain}" is not a domain name (lower-case DNS labels joined by ".").`);
    }
  }
  for (const [name, hosts] of Object.entries(options.destinationHosts ?? {})) {
    for (const host of hosts) {
      if (!HOST_NAME.test(host)) {
        throw new ValidationError(source, `destinationHosts.${name}`, `names the host "${host}", which is not an exact DNS name; wildcards and addresses would admit more than the one destination.`);
      }
    }
  }
  if (options.ingressGateway) checkPlatformWorkload(source, "ingressGateway", options.ingressGateway);
  const scraper = options.metricsScraper;
  if (scraper === undefined) return;
  checkPlatformWorkload(source, "metricsScraper", scraper);
  if (!Number.isInteger(scraper.port) || scraper.port < 1 || scraper.port > 65535) {
    throw new ValidationError(source, "metricsScraper.port", `${scraper.port} is not a port (1-65535).`);
  }
  if (scraper.path !== undefined && !/^\/[^\s*?#]*$/.test(scraper.path)) {
    throw new ValidationError(source, "metricsScraper.path", `"${scraper.path}" is not a path (it starts with "/" and has no spaces, wildcards, query or fragment).`);
  }
}

/** A platform workload's namespace and ServiceAccount are DNS labels. */
function checkPlatformWorkload(source: ErrorSource, prop: string, w: PlatformWorkload): void {
  if (!isDnsLabel(w.namespace) || !isDnsLabel(w.serviceAccount)) {
    throw new ValidationError(source, prop, `names the workload "${w.namespace}/${w.serviceAccount}"; namespace and ServiceAccount are DNS labels.`);
  }
}
