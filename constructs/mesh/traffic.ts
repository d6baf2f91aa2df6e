import { KubernetesWorkload } from "../kubernetes";
import { MeshManifest, edgeName, istioManifest } from "./manifest";
import { MeshDeparture, MeshView } from "./view";

/** Host name of a mesh service's Kubernetes Service: `<service>.<namespace>.svc.<clusterDomain>`. */
export function serviceHost(w: KubernetesWorkload, clusterDomain: string): string {
  return `${w.service}.${w.namespace}.svc.${clusterDomain}`;
}

/** Istio's egress host that matches nothing (`~` is no namespace): a namespace whose services call nothing. */
export const NO_EGRESS_HOST = "~/*";

/**
 * A default Sidecar per mesh namespace: REGISTRY_ONLY outbound traffic, and egress hosts derived from the edges that
 * leave the namespace: each mesh callee's Service host in its namespace (`orders/orders.orders.svc.cluster.local`) and
 * each ServiceEntry host of the namespace (`./api.psp.example`). A namespace whose services call nothing gets `~/*`.
 */
export function sidecars(view: MeshView, clusterDomain: string): MeshManifest[] {
  return view.namespaces.map((ns) => {
    const hosts = new Set<string>();
    for (const call of view.calls) if (call.caller.namespace === ns) hosts.add(`${call.callee.namespace}/${serviceHost(call.callee, clusterDomain)}`);
    for (const d of view.departures) if (d.caller.namespace === ns) for (const host of d.hosts) hosts.add(`./${host}`);
    const egress = hosts.size ? [...hosts].sort() : [NO_EGRESS_HOST];
    return istioManifest("Sidecar", ns, "default", { egress: [{ hosts: egress }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });
  });
}

/**
 * A ServiceEntry per namespace and destination outside the mesh, visible to that namespace only (`exportTo: ["."]`),
 * MESH_EXTERNAL, named after the destination and its callers (`psp-from-payments`):
 *
 * - an external destination or a platform path reached by host name (the internet, AWS endpoints) resolves by DNS with
 *   TLS ports: the sidecar tells the many hosts on port 443 apart by SNI, and plaintext to them is not offered;
 * - a service outside the mesh (on EC2) resolves by DNS with TCP ports, whatever its application protocol: the
 *   sidecar passes the application's own connection (TLS, or a protocol such as PostgreSQL's that starts in
 *   plaintext before TLS) through as it is;
 * - a destination of address blocks (`cidr:` nodes) lists them as `addresses` with resolution NONE and TCP ports:
 *   connections are matched by destination address (resolution STATIC would need one endpoint address per host,
 *   which a block is not).
 */
export function serviceEntries(view: MeshView): MeshManifest[] {
  const groups = new Map<string, MeshDeparture[]>();
  for (const d of view.departures) {
    const key = `${d.caller.namespace}|${d.destination}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()].map((departures) => {
    const { caller, destination } = departures[0];
    const addresses = [...new Set(departures.flatMap((d) => (d.cidr ? [d.cidr] : [])))].sort();
    const protocol = addresses.length || departures[0].edge.kind === "service" ? "TCP" : "TLS";
    const numbers = [...new Set(departures.map((d) => d.edge.port))].sort((a, b) => a - b);
    const callers = [...new Set(departures.map((d) => d.caller.service))].sort();
    const spec = {
      hosts: [...new Set(departures.flatMap((d) => d.hosts))].sort(),
      ...(addresses.length ? { addresses } : {}),
      ports: numbers.map((number) => ({ number, name: `${protocol.toLowerCase()}-${number}`, protocol })),
      location: "MESH_EXTERNAL",
      resolution: addresses.length ? "NONE" : "DNS",
      exportTo: ["."],
    };
    const edges = departures
      .map((d) => `${d.caller.service} -> ${destination} (${d.edge.to}) ${d.edge.protocol}/${d.edge.port}`)
      .sort();
    return istioManifest("ServiceEntry", caller.namespace, edgeName(destination, callers), spec, [...new Set(edges)]);
  });
}

/** A DestinationRule per mesh service, in its namespace: ISTIO_MUTUAL toward its Service host. */
export function destinationRules(view: MeshView, clusterDomain: string): MeshManifest[] {
  return [...view.workloads.values()].map((w) =>
    istioManifest("DestinationRule", w.namespace, `${w.service}-istio-mutual`, { host: serviceHost(w, clusterDomain), trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } }),
  );
}
