import { EDGES_ANNOTATION, MeshManifest, meshManifests } from "../../constructs/mesh";
import { GRAPH, OPTIONS, WORKLOADS, graphWith } from "./fixtures";

const manifests = meshManifests(GRAPH, WORKLOADS, OPTIONS);

/** The one manifest of `kind` named `namespace/name`. */
function find(list: readonly MeshManifest[], kind: string, namespace: string, name: string): MeshManifest {
  const found = list.filter((m) => m.kind === kind && m.metadata.namespace === namespace && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${namespace}/${name}, found ${found.length}`);
  return found[0];
}

/** `Kind namespace/name` of every manifest, in order. */
function labels(list: readonly MeshManifest[]): string[] {
  return list.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`);
}

describe("meshManifests", () => {
  test("lists every manifest once, by namespace (root first), kind and name, with the v1 APIs", () => {
    expect(labels(manifests)).toEqual([
      "PeerAuthentication istio-system/default",
      "PeerAuthentication orders/default",
      "AuthorizationPolicy orders/allow-nothing",
      "AuthorizationPolicy orders/orders-from-storefront",
      "Sidecar orders/default",
      "ServiceEntry orders/eks-pod-identity-agent-from-orders",
      "ServiceEntry orders/ledger-from-orders",
      "ServiceEntry orders/psp-from-orders",
      "ServiceEntry orders/vpc-endpoints-from-orders",
      "DestinationRule orders/orders-istio-mutual",
      "PeerAuthentication web/default",
      "AuthorizationPolicy web/allow-nothing",
      "AuthorizationPolicy web/storefront-from-orders",
      "AuthorizationPolicy web/storefront-from-token-holders",
      "RequestAuthentication web/storefront-jwt",
      "Sidecar web/default",
      "ServiceEntry web/eks-pod-identity-agent-from-storefront",
      "DestinationRule web/storefront-istio-mutual",
    ]);
    for (const m of manifests) {
      expect(m.apiVersion).toBe(["Sidecar", "ServiceEntry", "DestinationRule"].includes(m.kind) ? "networking.istio.io/v1" : "security.istio.io/v1");
    }
  });

  test("STRICT mTLS mesh-wide in the root namespace and in each mesh namespace", () => {
    const strict = manifests.filter((m) => m.kind === "PeerAuthentication");
    expect(strict.map((m) => [m.metadata.namespace, m.metadata.name, m.spec])).toEqual([
      ["istio-system", "default", { mtls: { mode: "STRICT" } }],
      ["orders", "default", { mtls: { mode: "STRICT" } }],
      ["web", "default", { mtls: { mode: "STRICT" } }],
    ]);
    expect(labels(meshManifests(GRAPH, WORKLOADS, { ...OPTIONS, rootNamespace: "mesh-root" })).slice(0, 1)).toEqual(["PeerAuthentication mesh-root/default"]);
  });

  test("an allow-nothing AuthorizationPolicy (no selector, no rules) in each namespace", () => {
    expect(find(manifests, "AuthorizationPolicy", "orders", "allow-nothing").spec).toEqual({});
    expect(find(manifests, "AuthorizationPolicy", "web", "allow-nothing").spec).toEqual({});
  });

  test("one ALLOW policy per callee: exactly its callers' principals, ports, methods and paths, one rule per edge", () => {
    const orders = find(manifests, "AuthorizationPolicy", "orders", "orders-from-storefront");
    expect(orders.spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "orders" } },
      action: "ALLOW",
      rules: [
        { from: [{ source: { principals: ["cluster.local/ns/web/sa/storefront"] } }], to: [{ operation: { ports: ["7000"] } }] },
        {
          from: [{ source: { principals: ["cluster.local/ns/web/sa/storefront"] } }],
          to: [{ operation: { ports: ["9443"], methods: ["GET", "POST"], paths: ["/orders", "/orders/*"] } }],
        },
      ],
    });
    expect(orders.metadata.annotations).toEqual({ [EDGES_ANNOTATION]: "rule 0: storefront -> orders tcp/7000\nrule 1: storefront -> orders tcp/9443 GET,POST /orders" });
    // The caller's ServiceAccount is the one its workload names; a prefix ending in "/" covers what is below it only.
    expect(find(manifests, "AuthorizationPolicy", "web", "storefront-from-orders").spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "storefront" } },
      action: "ALLOW",
      rules: [
        {
          from: [{ source: { principals: ["cluster.local/ns/orders/sa/orders-api"] } }],
          to: [{ operation: { ports: ["8443"], methods: ["GET"], paths: ["/catalog/*", "/health", "/health/*"] } }],
        },
      ],
    });
  });

  test("principals carry the trust domain given", () => {
    const policy = find(meshManifests(GRAPH, WORKLOADS, { ...OPTIONS, trustDomain: "prod.example.com" }), "AuthorizationPolicy", "web", "storefront-from-orders");
    expect(JSON.stringify(policy.spec)).toContain('"principals":["prod.example.com/ns/orders/sa/orders-api"]');
  });

  test("a callee with several callers: one policy named after them, a rule per caller, callers sorted", () => {
    const third = { ...WORKLOADS[1], service: "billing", namespace: "billing", serviceAccount: undefined, ports: [{ name: "api", port: 9443, protocol: "http" as const }] };
    const graph = graphWith(
      [
        { from: "storefront", to: "orders", protocol: "tcp", port: 9443, kind: "service", name: "api" },
        { from: "billing", to: "orders", protocol: "tcp", port: 9443, kind: "service", name: "api", methods: ["PUT"] },
      ],
      [...GRAPH.services, { name: "billing", ports: [{ name: "api", port: 9443, protocol: "http" }], runtime: { kind: "kubernetes" } }],
    );
    const policy = find(meshManifests(graph, [...WORKLOADS, third], OPTIONS), "AuthorizationPolicy", "orders", "orders-from-billing-storefront");
    expect(policy.spec.rules).toEqual([
      { from: [{ source: { principals: ["cluster.local/ns/billing/sa/billing"] } }], to: [{ operation: { ports: ["9443"], methods: ["PUT"] } }] },
      { from: [{ source: { principals: ["cluster.local/ns/web/sa/storefront"] } }], to: [{ operation: { ports: ["9443"] } }] },
    ]);
  });

  test("edge-facing service: RequestAuthentication with issuer and JWKS, and a policy requiring a request principal of that issuer", () => {
    expect(find(manifests, "RequestAuthentication", "web", "storefront-jwt").spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "storefront" } },
      jwtRules: [{ issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json", audiences: ["shop"] }],
    });
    expect(find(manifests, "AuthorizationPolicy", "web", "storefront-from-token-holders").spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "storefront" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { requestPrincipals: ["https://id.example.com/*"] } }], to: [{ operation: { ports: ["8443"] } }] }],
    });
    expect(manifests.filter((m) => m.kind === "RequestAuthentication").map((m) => m.metadata.name)).toEqual(["storefront-jwt"]);
  });

  test("with an ingress gateway, the token policy also requires the gateway's principal", () => {
    const list = meshManifests(GRAPH, WORKLOADS, { ...OPTIONS, ingressGateway: { namespace: "istio-ingress", serviceAccount: "edge-gateway" } });
    const policy = find(list, "AuthorizationPolicy", "web", "storefront-from-token-holders");
    expect(policy.spec.rules).toEqual([
      {
        from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/edge-gateway"], requestPrincipals: ["https://id.example.com/*"] } }],
        to: [{ operation: { ports: ["8443"] } }],
      },
    ]);
    expect(policy.metadata.annotations).toEqual({ [EDGES_ANNOTATION]: "rule 0: requests with a token of https://id.example.com through istio-ingress/edge-gateway -> storefront tcp/8443" });
  });

  test("a default Sidecar per namespace: REGISTRY_ONLY with exactly the hosts its services call", () => {
    expect(find(manifests, "Sidecar", "orders", "default").spec).toEqual({
      egress: [
        {
          hosts: [
            "./api.psp.example",
            "./eks-pod-identity-agent.internal",
            "./ledger.db.internal.example",
            "./secretsmanager.eu-west-1.amazonaws.com",
            "./sts.eu-west-1.amazonaws.com",
            "web/storefront.web.svc.cluster.local",
          ],
        },
      ],
      outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
    });
    expect(find(manifests, "Sidecar", "web", "default").spec).toEqual({
      egress: [{ hosts: ["./eks-pod-identity-agent.internal", "orders/orders.orders.svc.cluster.local"] }],
      outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
    });
    const other = find(meshManifests(GRAPH, WORKLOADS, { ...OPTIONS, clusterDomain: "k8s.internal" }), "Sidecar", "web", "default");
    expect(other.spec.egress).toEqual([{ hosts: ["./eks-pod-identity-agent.internal", "orders/orders.orders.svc.k8s.internal"] }]);
  });

  test("a namespace whose services call nothing reaches the Pod Identity agent only, or no host at all without it", () => {
    const list = meshManifests(graphWith([GRAPH.edges[0]]), WORKLOADS, OPTIONS);
    expect(find(list, "Sidecar", "orders", "default").spec).toEqual({ egress: [{ hosts: ["./eks-pod-identity-agent.internal"] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });
    const without = meshManifests(graphWith([GRAPH.edges[0]]), WORKLOADS, { ...OPTIONS, podIdentityAgent: false });
    expect(find(without, "Sidecar", "orders", "default").spec).toEqual({ egress: [{ hosts: ["~/*"] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });
    expect(without.some((m) => m.metadata.name.startsWith("eks-pod-identity-agent"))).toBe(false);
  });

  test("the EKS Pod Identity agent, where the pods' SDKs get credentials, is in each namespace's registry, matched by address", () => {
    for (const [ns, service] of [["orders", "orders"], ["web", "storefront"]]) {
      const entry = find(manifests, "ServiceEntry", ns, `eks-pod-identity-agent-from-${service}`);
      expect(entry.spec).toEqual({
        hosts: ["eks-pod-identity-agent.internal"],
        addresses: ["169.254.170.23/32", "fd00:ec2::23/128"],
        ports: [{ number: 80, name: "tcp-80", protocol: "TCP" }],
        location: "MESH_EXTERNAL",
        resolution: "NONE",
        exportTo: ["."],
      });
      expect(entry.metadata.annotations).toEqual({ [EDGES_ANNOTATION]: `${service} -> eks-pod-identity-agent (platform:eks-pod-identity-agent) tcp/80` });
    }
  });

  test("ServiceEntries for destinations outside the mesh, in the caller's namespace only", () => {
    const entry = (spec: Record<string, unknown>) => ({ location: "MESH_EXTERNAL", exportTo: ["."], ...spec });
    expect(find(manifests, "ServiceEntry", "orders", "psp-from-orders").spec).toEqual(
      entry({ hosts: ["api.psp.example"], ports: [{ number: 443, name: "tls-443", protocol: "TLS" }], resolution: "DNS" }),
    );
    expect(find(manifests, "ServiceEntry", "orders", "vpc-endpoints-from-orders").spec).toEqual(
      entry({ hosts: ["secretsmanager.eu-west-1.amazonaws.com", "sts.eu-west-1.amazonaws.com"], ports: [{ number: 443, name: "tls-443", protocol: "TLS" }], resolution: "DNS" }),
    );
    // A service outside the mesh: TCP, so that its own protocol (PostgreSQL's plaintext start) passes as it is.
    expect(find(manifests, "ServiceEntry", "orders", "ledger-from-orders").spec).toEqual(
      entry({ hosts: ["ledger.db.internal.example"], ports: [{ number: 5432, name: "tcp-5432", protocol: "TCP" }], resolution: "DNS" }),
    );
    expect(find(manifests, "ServiceEntry", "orders", "psp-from-orders").metadata.annotations).toEqual({ [EDGES_ANNOTATION]: "orders -> psp (internet) tcp/443" });
    // ledger's own platform edge is not the mesh's: ledger runs on EC2.
    expect(manifests.filter((m) => m.kind === "ServiceEntry" && m.metadata.namespace === "web").map((m) => m.metadata.name)).toEqual(["eks-pod-identity-agent-from-storefront"]);
  });

  test("a destination of address blocks: its blocks as addresses, resolution NONE, TCP", () => {
    const graph = graphWith([
      { from: "orders", to: "cidr:198.51.100.0/24", protocol: "tcp", port: 8883, kind: "external", name: "broker" },
      { from: "orders", to: "cidr:203.0.113.0/28", protocol: "tcp", port: 8883, kind: "external", name: "broker" },
    ]);
    const list = meshManifests(graph, WORKLOADS, { destinationHosts: { broker: ["mqtt.broker.example"] } });
    expect(find(list, "ServiceEntry", "orders", "broker-from-orders").spec).toEqual({
      hosts: ["mqtt.broker.example"],
      addresses: ["198.51.100.0/24", "203.0.113.0/28"],
      ports: [{ number: 8883, name: "tcp-8883", protocol: "TCP" }],
      location: "MESH_EXTERNAL",
      resolution: "NONE",
      exportTo: ["."],
    });
    expect(find(list, "Sidecar", "orders", "default").spec.egress).toEqual([{ hosts: ["./eks-pod-identity-agent.internal", "./mqtt.broker.example"] }]);
  });

  test("a DestinationRule with ISTIO_MUTUAL per mesh service", () => {
    expect(find(manifests, "DestinationRule", "orders", "orders-istio-mutual").spec).toEqual({ host: "orders.orders.svc.cluster.local", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } });
    expect(find(manifests, "DestinationRule", "web", "storefront-istio-mutual").spec).toEqual({ host: "storefront.web.svc.cluster.local", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } });
  });

  test("UDP edges, which Istio's sidecars do not proxy, add no mesh setting", () => {
    const dns = { name: "dns", port: 5353, protocol: "udp" as const };
    const udp = { ...WORKLOADS[1], ports: [...WORKLOADS[1].ports, dns] };
    const services = GRAPH.services.map((s) => (s.name === "orders" ? { ...s, ports: [...s.ports, dns] } : s));
    const list = meshManifests(graphWith([{ from: "storefront", to: "orders", protocol: "udp", port: 5353, kind: "service", name: "dns" }], services), [WORKLOADS[0], udp], OPTIONS);
    expect(list.some((m) => m.metadata.name === "orders-from-storefront")).toBe(false);
    expect(find(list, "Sidecar", "web", "default").spec.egress).toEqual([{ hosts: ["./eks-pod-identity-agent.internal"] }]);
  });

  test("a metrics scraper in the mesh gets a platform rule in each namespace: GET on the metrics path and port", () => {
    const list = meshManifests(GRAPH, WORKLOADS, { ...OPTIONS, metricsScraper: { namespace: "monitoring", serviceAccount: "prometheus", port: 9090 } });
    for (const ns of ["orders", "web"]) {
      expect(find(list, "AuthorizationPolicy", ns, "metrics-from-prometheus").spec).toEqual({
        action: "ALLOW",
        rules: [
          {
            from: [{ source: { principals: ["cluster.local/ns/monitoring/sa/prometheus"] } }],
            to: [{ operation: { ports: ["9090"], methods: ["GET"], paths: ["/metrics"] } }],
          },
        ],
      });
    }
    expect(manifests.some((m) => m.metadata.name.startsWith("metrics-"))).toBe(false);
  });

  test("deterministic: the order of workloads and edges does not change the output", () => {
    const again = meshManifests(graphWith([...GRAPH.edges].reverse()), [...WORKLOADS].reverse(), OPTIONS);
    expect(JSON.stringify(again)).toBe(JSON.stringify(manifests));
  });

  test("pure: frozen inputs are read, never changed", () => {
    const freeze = <T>(value: T): T => {
      if (value !== null && typeof value === "object") for (const v of Object.values(value)) freeze(v);
      return Object.freeze(value);
    };
    const inputs = freeze(structuredClone({ graph: GRAPH, workloads: WORKLOADS, options: OPTIONS }));
    expect(meshManifests(inputs.graph, inputs.workloads, inputs.options)).toEqual(manifests);
  });

  test("a policy serving too many callers for one name is named by their count", () => {
    const many = Array.from({ length: 30 }, (_, i) => `caller-number-${i}`);
    const workloads = many.map((service) => ({ ...WORKLOADS[0], service, edgeFacing: undefined }));
    const graph = graphWith(
      many.map((from) => ({ from, to: "orders", protocol: "tcp" as const, port: 9443, kind: "service" as const })),
      [...GRAPH.services, ...many.map((name) => ({ name, ports: GRAPH.services[0].ports, runtime: { kind: "kubernetes" } }))],
    );
    const names = meshManifests(graph, [...workloads, WORKLOADS[1]], OPTIONS).map((m) => m.metadata.name);
    expect(names).toContain("orders-from-30-callers");
  });
});
