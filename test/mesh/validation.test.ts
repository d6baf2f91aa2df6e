import { Testing, TerraformStack } from "cdktf";
import { errorSource } from "../../constructs/core/errors";
import { MeshManifest, MeshOptions, MeshPolicies, meshManifests, validateMeshManifests } from "../../constructs/mesh";
import { KubernetesWorkload } from "../../constructs/kubernetes";
import { GraphDocument } from "../../policies/shared/service-graph";
import { expectInvalid } from "../core/validation-error";
import { GRAPH, OPTIONS, WORKLOADS, graphWith } from "./fixtures";

const build = (graph: GraphDocument = GRAPH, workloads: readonly KubernetesWorkload[] = WORKLOADS, options: MeshOptions = OPTIONS) => () => meshManifests(graph, workloads, options);
const [storefront, orders] = WORKLOADS;

describe("meshManifests refuses what the mesh cannot enforce", () => {
  test("a caller outside the mesh calling a mesh service (no principal; STRICT mTLS refuses it)", () => {
    const error = expectInvalid(
      build(graphWith([{ from: "ledger", to: "orders", protocol: "tcp", port: 9443, kind: "service", name: "api" }])),
      "graph.edges[0]",
      '"ledger" calls "orders" on TCP 9443, but "ledger" is not in the mesh',
    );
    expect(error.message).toContain("route it through an Istio ingress gateway");
    expect(error.message).toMatch(/^meshManifests "shop": /);
    // A gateway of the AWS stack is outside the mesh too, edge-facing callee or not.
    expectInvalid(build(graphWith([{ from: "gateway:edge", to: "storefront", protocol: "tcp", port: 8443, kind: "gateway", name: "https" }])), "graph.edges[0]", '"gateway:edge" is not in the mesh');
  });

  test("a mesh call to a port the callee's workload does not serve", () => {
    expectInvalid(build(graphWith([{ from: "storefront", to: "orders", protocol: "tcp", port: 8080, kind: "service" }])), "graph.edges[0]", "port 8080, which the workload of \"orders\" does not serve");
  });

  test("a destination outside the mesh without host names", () => {
    expectInvalid(build(GRAPH, WORKLOADS, { destinationHosts: { ledger: ["ledger.db.internal.example"], "vpc-endpoints": ["sts.eu-west-1.amazonaws.com"] } }), "destinationHosts.psp", 'Add destinationHosts["psp"]');
    expectInvalid(build(GRAPH, WORKLOADS, { destinationHosts: { psp: ["api.psp.example"], "vpc-endpoints": ["sts.eu-west-1.amazonaws.com"] } }), "destinationHosts.ledger", '"orders" calls "ledger" (ledger) on TCP 5432');
    expectInvalid(build(GRAPH, WORKLOADS, { destinationHosts: { psp: ["api.psp.example"], ledger: ["db.example.com"] } }), "destinationHosts.vpc-endpoints", "REGISTRY_ONLY");
    const blocks = graphWith([{ from: "orders", to: "cidr:198.51.100.0/24", protocol: "tcp", port: 8883, kind: "external", name: "broker" }]);
    expectInvalid(build(blocks, WORKLOADS, { destinationHosts: { broker: [] } }), "destinationHosts.broker", "names no host");
  });

  test("host names that are not exact DNS names", () => {
    for (const host of ["*.psp.example", "203.0.113.10", "psp", "API.psp.example", "api.psp.example."]) {
      expectInvalid(build(GRAPH, WORKLOADS, { destinationHosts: { ...OPTIONS.destinationHosts, psp: [host] } }), "destinationHosts.psp", `"${host}", which is not an exact DNS name`);
    }
  });

  test("workloads of services the graph does not declare, twice for one service, in a namespace that is not a DNS label or in the root namespace", () => {
    // The Kubernetes emitter's own checks, run on the same workloads.
    expectInvalid(build(GRAPH, [...WORKLOADS, { ...orders, service: "billing" }]), "workloads[2].service", '"billing" is not a service of the graph');
    expectInvalid(build(GRAPH, [...WORKLOADS, { ...orders, namespace: "orders-2" }]), "workloads[2].service", 'service "orders" has a workload at workloads[1] and another at workloads[2]');
    expectInvalid(build(GRAPH, [storefront, { ...orders, namespace: "Orders" }]), "workloads[1].namespace", '"Orders" is not a DNS label');
    expectInvalid(build(GRAPH, [storefront, { ...orders, namespace: "istio-system" }]), "workloads[1].namespace", "Istio's root namespace");
    expectInvalid(build(GRAPH, [storefront, { ...orders, namespace: "mesh" }], { ...OPTIONS, rootNamespace: "mesh" }), "workloads[1].namespace", "Istio's root namespace");
  });

  test("an edge-facing service without an issuer, with a key set not on https, or without an HTTP port", () => {
    const facing = (edgeFacing: KubernetesWorkload["edgeFacing"], ports = storefront.ports) => build(GRAPH, [{ ...storefront, edgeFacing, ports }, orders]);
    expectInvalid(facing({ issuer: " ", jwksUri: "https://id.example.com/jwks" }), "workloads[0].edgeFacing.issuer", "without a token issuer");
    expectInvalid(facing({ issuer: "https://id.example.com", jwksUri: "http://id.example.com/jwks" }), "workloads[0].edgeFacing.jwksUri", "not an https:// URL");
    expectInvalid(facing({ issuer: "https://id.example.com", jwksUri: "jwks.json" }), "workloads[0].edgeFacing.jwksUri", "not an https:// URL");
    const tcpOnly = graphWith([], [{ ...GRAPH.services[0], ports: [{ name: "raw", port: 8443, protocol: "tcp" }] }, ...GRAPH.services.slice(1)]);
    expectInvalid(
      () => meshManifests(tcpOnly, [{ ...storefront, ports: [{ name: "raw", port: 8443, protocol: "tcp" }] }, orders], OPTIONS),
      "workloads[0].edgeFacing",
      "serves no http or grpc port",
    );
  });

  test("options: root namespace, domains, ingress gateway and metrics scraper", () => {
    expectInvalid(build(GRAPH, WORKLOADS, { ...OPTIONS, rootNamespace: "Istio_System" }), "rootNamespace", "not a namespace name");
    expectInvalid(build(GRAPH, WORKLOADS, { ...OPTIONS, trustDomain: "cluster local" }), "trustDomain", "not a domain name");
    expectInvalid(build(GRAPH, WORKLOADS, { ...OPTIONS, clusterDomain: "" }), "clusterDomain", "not a domain name");
    const scraper = { namespace: "monitoring", serviceAccount: "prometheus", port: 9090 };
    expectInvalid(build(GRAPH, WORKLOADS, { ...OPTIONS, metricsScraper: { ...scraper, serviceAccount: "Prometheus" } }), "metricsScraper", "namespace and ServiceAccount are DNS labels");
    expectInvalid(build(GRAPH, WORKLOADS, { ...OPTIONS, ingressGateway: { namespace: "istio ingress", serviceAccount: "gateway" } }), "ingressGateway", 'names the workload "istio ingress/gateway"');
    expectInvalid(build(GRAPH, WORKLOADS, { ...OPTIONS, metricsScraper: { ...scraper, port: 0 } }), "metricsScraper.port", "0 is not a port");
    expectInvalid(build(GRAPH, WORKLOADS, { ...OPTIONS, metricsScraper: { ...scraper, path: "/metrics*" } }), "metricsScraper.path", "is not a path");
  });

  test("MeshPolicies names itself and its path in the error, before adding anything to the tree", () => {
    const stack = new TerraformStack(Testing.app(), "mesh");
    const error = expectInvalid(() => new MeshPolicies(stack, "istio", { graph: GRAPH, workloads: WORKLOADS }), "destinationHosts.ledger", 'MeshPolicies "istio": ');
    expect(error.path).toBe("mesh/istio");
    expect(stack.node.tryFindChild("istio")).toBeUndefined();
  });
});

describe("schema validation with @kubernetes-models/istio", () => {
  const source = errorSource("MeshPolicies", new TerraformStack(Testing.app(), "mesh"), "istio");
  const manifests = meshManifests(GRAPH, WORKLOADS, OPTIONS);

  /** The manifests with `edit` applied to a copy of the one of `kind` in `namespace` named `name`. */
  function edited(kind: string, namespace: string, name: string, edit: (spec: Record<string, unknown>) => void): MeshManifest[] {
    return manifests.map((m) => {
      if (m.kind !== kind || m.metadata.namespace !== namespace || m.metadata.name !== name) return m;
      const spec = structuredClone(m.spec) as Record<string, unknown>;
      edit(spec);
      return { ...m, spec };
    });
  }

  test("every manifest the emitter writes passes its upstream schema (v1beta1 models for the v1 kinds that have none)", () => {
    expect(() => validateMeshManifests(source, manifests)).not.toThrow();
    expect(() => validateMeshManifests(source, meshManifests(GRAPH, WORKLOADS, { ...OPTIONS, metricsScraper: { namespace: "monitoring", serviceAccount: "prometheus", port: 9090 }, ingressGateway: { namespace: "istio-ingress", serviceAccount: "edge-gateway" } }))).not.toThrow();
  });

  test("a kind the emitter does not write is refused by name", () => {
    const gateway = { ...manifests[0], kind: "Gateway" } as unknown as MeshManifest;
    expectInvalid(() => validateMeshManifests(source, [gateway]), "manifests[0]", "Gateway istio-system/default: the kind Gateway is not one the mesh emitter writes.");
  });

  const index = (kind: string, namespace: string, name: string) =>
    manifests.findIndex((m) => m.kind === kind && m.metadata.namespace === namespace && m.metadata.name === name);

  test.each([
    ["Sidecar", "orders", "default", (s: Record<string, unknown>) => void (s.outboundTrafficPolicy = { mode: "REGISTRY_ONY" }), "Sidecar orders/default: spec.outboundTrafficPolicy.mode must be equal to one of the allowed values"],
    ["PeerAuthentication", "istio-system", "default", (s: Record<string, unknown>) => void (s.mtls = { mode: "STRICTT" }), "PeerAuthentication istio-system/default: spec.mtls.mode must be equal to one of the allowed values"],
    ["AuthorizationPolicy", "web", "storefront-from-orders", (s: Record<string, unknown>) => void (s.action = "allow"), "AuthorizationPolicy web/storefront-from-orders: spec.action must be equal to one of the allowed values"],
    ["AuthorizationPolicy", "orders", "orders-from-storefront", (s: Record<string, unknown>) => void ((s.rules as { to: { operation: { ports: unknown[] } }[] }[])[1].to[0].operation.ports = [9443]), "spec.rules[1].to[0].operation.ports[0] must be string"],
    ["ServiceEntry", "orders", "psp-from-orders", (s: Record<string, unknown>) => void (s.resolution = "DSN"), "ServiceEntry orders/psp-from-orders: spec.resolution must be equal to one of the allowed values"],
    ["DestinationRule", "web", "storefront-istio-mutual", (s: Record<string, unknown>) => void (s.trafficPolicy = { tls: { mode: "ISTIO-MUTUAL" } }), "spec.trafficPolicy.tls.mode must be equal to one of the allowed values"],
    ["RequestAuthentication", "web", "storefront-jwt", (s: Record<string, unknown>) => void (s.jwtRules = [{ issuer: 42 }]), "RequestAuthentication web/storefront-jwt: spec.jwtRules[0].issuer must be string"],
    // A misspelt field: the API server would drop it and leave the mesh-wide mode unset, which means PERMISSIVE.
    ["PeerAuthentication", "istio-system", "default", (s: Record<string, unknown>) => void (s.mtls = { mdoe: "STRICT" }), "PeerAuthentication istio-system/default: spec.mtls.mdoe is not a field of the schema"],
    ["Sidecar", "web", "default", (s: Record<string, unknown>) => void (s.outboundTrafficPolcy = s.outboundTrafficPolicy), "Sidecar web/default: spec.outboundTrafficPolcy is not a field of the schema"],
    ["AuthorizationPolicy", "web", "storefront-from-token-holders", (s: Record<string, unknown>) => void ((s.rules as { from: { source: Record<string, unknown> }[] }[])[0].from[0].source = { requestPrincipal: ["*"] }), "spec.rules[0].from[0].source.requestPrincipal is not a field of the schema"],
  ])("a typo in %s %s/%s fails with the manifest and the field path", (kind, namespace, name, edit, message) => {
    const error = expectInvalid(() => validateMeshManifests(source, edited(kind, namespace, name, edit)), `manifests[${index(kind, namespace, name)}]`, message);
    expect(error.message).toMatch(/^MeshPolicies "istio": /);
  });
});
