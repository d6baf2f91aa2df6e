import { ValidationError } from "../../constructs/core";
import { KubernetesManifestOptions, KubernetesWorkload, kubernetesManifests } from "../../constructs/kubernetes";
import type { GraphDocument } from "../../policies/shared/service-graph";
import { expectInvalid } from "../core/validation-error";
import { THREE_SERVICE_OPTIONS, pinned, threeServiceGraph, threeServiceWorkloads } from "./fixtures";

/** The three-service manifests with the storefront workload changed. */
function withStorefront(change: Partial<KubernetesWorkload>, options: KubernetesManifestOptions = THREE_SERVICE_OPTIONS): () => unknown {
  const workloads = threeServiceWorkloads().map((w) => (w.service === "storefront" ? { ...w, ...change } : w));
  return () => kubernetesManifests(threeServiceGraph(), workloads, options);
}

function withOptions(options: Partial<KubernetesManifestOptions>, graph: GraphDocument = threeServiceGraph()): () => unknown {
  return () => kubernetesManifests(graph, threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, ...options });
}

describe("kubernetesManifests validation", () => {
  test("errors are ValidationErrors attributed to the platform", () => {
    const error = expectInvalid(withStorefront({ image: "registry.example.com/storefront:1.4" }), "workloads[0].image", "is not pinned by digest");
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect(error.kind).toBe("KubernetesManifests");
    expect(error.message).toMatch(/^KubernetesManifests "zt-platform": /);
  });

  test("a tag-only image, or a digest that is not sha256 of 64 hex digits, is refused", () => {
    expectInvalid(withStorefront({ image: "registry.example.com/storefront:1.4" }), "workloads[0].image", '"registry.example.com/storefront:1.4" is not pinned by digest');
    expectInvalid(withStorefront({ image: "registry.example.com/storefront" }), "workloads[0].image", "<repository>@sha256:<64 hex digits>");
    expectInvalid(withStorefront({ image: "registry.example.com/storefront@sha256:abc" }), "workloads[0].image", "is not pinned by digest");
    // A tag next to the digest is fine: the digest decides what runs.
    expect(withStorefront({ image: `registry.example.com/storefront:1.4@sha256:${"0f".repeat(32)}` })()).toHaveLength(24);
  });

  test("a namespace that is not a DNS label, or that belongs to Kubernetes, is refused", () => {
    expectInvalid(withStorefront({ namespace: "Web" }), "workloads[0].namespace", '"Web" is not a DNS label');
    expectInvalid(withStorefront({ namespace: "web_team" }), "workloads[0].namespace", "is not a DNS label");
    expectInvalid(withStorefront({ namespace: "w".repeat(64) }), "workloads[0].namespace", "is not a DNS label");
    expectInvalid(withStorefront({ namespace: "-web" }), "workloads[0].namespace", "is not a DNS label");
    expectInvalid(withStorefront({ namespace: "default" }), "workloads[0].namespace", "belongs to Kubernetes itself");
    expectInvalid(withStorefront({ namespace: "kube-system" }), "workloads[0].namespace", "belongs to Kubernetes itself");
  });

  test("a duplicate service, or a workload for a service the graph does not declare, is refused", () => {
    const workloads = threeServiceWorkloads();
    expectInvalid(() => kubernetesManifests(threeServiceGraph(), [...workloads, { ...workloads[0], namespace: "web2" }], THREE_SERVICE_OPTIONS), "workloads[2].service", 'service "storefront" has a workload at workloads[0] and another at workloads[2]');
    expectInvalid(withStorefront({ service: "storefrnt" }), "workloads[0].service", '"storefrnt" is not a service of the graph; did you mean "storefront"?');
    expectInvalid(withStorefront({ service: "billing" }), "workloads[0].service", "the graph declares storefront, orders, ledger");
  });

  test("a workload for a service the graph runs on EC2 is refused", () => {
    const workloads = [...threeServiceWorkloads(), { service: "ledger", namespace: "ledger", image: pinned("ledger"), ports: [{ name: "postgres", port: 5432, protocol: "tcp" as const }] }];
    expectInvalid(() => kubernetesManifests(threeServiceGraph(), workloads, THREE_SERVICE_OPTIONS), "workloads[2].service", 'service "ledger" runs on ec2 in the graph; declare its runtime as Kubernetes, or leave out its workload');
  });

  test("ports that differ from the graph's ports of the service are refused", () => {
    expectInvalid(withStorefront({ ports: [{ name: "https", port: 8080, protocol: "http" }] }), "workloads[0].ports", '(https 8080/http) differ from the ports the graph declares for "storefront" (https 8443/http)');
    expectInvalid(withStorefront({ ports: [{ name: "web", port: 8443, protocol: "http" }] }), "workloads[0].ports", "differ from the ports the graph declares");
    expectInvalid(withStorefront({ ports: [{ name: "https", port: 8443, protocol: "tcp" }] }), "workloads[0].ports", "differ from the ports the graph declares");
    expectInvalid(withStorefront({ ports: [] }), "workloads[0].ports", "(none) differ");
  });

  test("missing or invalid requests and limits are refused", () => {
    const ok = { request: "100m", limit: "200m" };
    const memory = { request: "64Mi", limit: "128Mi" };
    expectInvalid(withStorefront({ resources: { cpu: ok } as never }), "workloads[0].resources.memory", "has no memory; give both a request and a limit");
    expectInvalid(withStorefront({ resources: { cpu: { request: "100m" }, memory } as never }), "workloads[0].resources.cpu.limit", "undefined is not a positive Kubernetes quantity");
    expectInvalid(withStorefront({ resources: { cpu: { request: "lots", limit: "1" }, memory } }), "workloads[0].resources.cpu.request", '"lots" is not a positive Kubernetes quantity');
    expectInvalid(withStorefront({ resources: { cpu: ok, memory: { request: "64MB", limit: "128Mi" } } }), "workloads[0].resources.memory.request", '"64MB" is not a positive');
    expectInvalid(withStorefront({ resources: { cpu: { request: "0", limit: "1" }, memory } }), "workloads[0].resources.cpu.request", "is not a positive");
    expectInvalid(withStorefront({ resources: { cpu: { request: "2", limit: "500m" }, memory } }), "workloads[0].resources.cpu", "requests 2, more than its limit 500m");
    expectInvalid(withStorefront({ resources: { cpu: ok, memory: { request: "1Gi", limit: "512Mi" } } }), "workloads[0].resources.memory", "requests 1Gi, more than its limit 512Mi");
  });

  test("a ServiceAccount that is `default`, shared or not a valid name is refused", () => {
    expectInvalid(withStorefront({ serviceAccount: "default" }), "workloads[0].serviceAccount", 'is "default", the account every pod of the namespace gets');
    expectInvalid(withStorefront({ serviceAccount: "Store Front" }), "workloads[0].serviceAccount", "is not a valid ServiceAccount name");
    expectInvalid(withStorefront({ namespace: "shop", serviceAccount: "orders-api" }), "workloads[1].serviceAccount", 'services "storefront" and "orders" share the ServiceAccount shop/orders-api');
  });

  test("a user that is root or not a whole number is refused", () => {
    expectInvalid(withStorefront({ runAsUser: 0 }), "workloads[0].runAsUser", "is 0; use a non-root numeric user id (1 or more)");
    expectInvalid(withStorefront({ runAsUser: 1.5 }), "workloads[0].runAsUser", "is 1.5");
  });

  test("replicas below 1 or not whole, bad environment names and non-string values are refused", () => {
    expectInvalid(withStorefront({ replicas: 0 }), "workloads[0].replicas", "is 0; use a whole number of at least 1");
    expectInvalid(withStorefront({ replicas: 1.5 }), "workloads[0].replicas", "is 1.5");
    expectInvalid(withStorefront({ env: { "1ST": "x" } }), "workloads[0].env", 'the variable name "1ST"');
    expectInvalid(withStorefront({ env: { PORT: 8443 as never } }), "workloads[0].env.PORT", "is not a string");
  });

  test("a probe on a port the workload does not serve, on a UDP port, or with a relative path is refused", () => {
    expectInvalid(withStorefront({ probes: { readiness: { port: "http" } } }), "workloads[0].probes.readiness.port", 'probes a port "http" the workload does not serve; use one of https');
    expectInvalid(withStorefront({ probes: { liveness: { port: "https", path: "healthz" } } }), "workloads[0].probes.liveness.path", 'path "healthz" must start with "/"');
    const graph = threeServiceGraph();
    const udpGraph = { ...graph, services: graph.services.map((s) => (s.name === "storefront" ? { ...s, ports: [...s.ports, { name: "stats", port: 8125, protocol: "udp" as const }] } : s)) };
    const workloads = threeServiceWorkloads().map((w) => (w.service === "storefront" ? { ...w, ports: [...w.ports, { name: "stats", port: 8125, protocol: "udp" as const }], probes: { readiness: { port: "stats" } } } : w));
    expectInvalid(() => kubernetesManifests(udpGraph, workloads, THREE_SERVICE_OPTIONS), "workloads[0].probes.readiness.port", 'port "stats" is UDP, which the kubelet cannot probe');
  });

  test("an Istio control plane in a namespace that is not a DNS label, or selected by no labels, is refused", () => {
    expectInvalid(withOptions({ istio: { namespace: "Istio System" } }), "istio.namespace", '"Istio System" is not a DNS label');
    expectInvalid(withOptions({ istio: { podLabels: {} } }), "istio.podLabels", "selects no pods");
    expectInvalid(withOptions({ istio: { revision: "1.24/canary" } }), "istio.revision", '"1.24/canary" cannot be a label value');
    expectInvalid(withOptions({ istio: { sidecarResources: { cpu: { request: "1", limit: "100m" }, memory: { request: "1Mi", limit: "1Mi" } } } }), "istio.sidecarResources.cpu", "requests 1, more than its limit 100m");
    expectInvalid(withOptions({ istio: {}, limitRange: { max: { cpu: "1", memory: "2Gi" } } }), "istio.sidecarResources.cpu.limit", "2000m is above the namespace's maximum 1 (limitRange.max.cpu)");
  });

  test("the platform must be a label value and the Pod Security version a pinned minor version", () => {
    expectInvalid(withOptions({ platform: "zt/platform" }), "platform", '"zt/platform" cannot be a label value');
    expectInvalid(withOptions({ podSecurityVersion: "latest" }), "podSecurityVersion", '"latest" is not a pinned Kubernetes minor version');
    expectInvalid(withOptions({ podSecurityVersion: "1.33" }), "podSecurityVersion", "is not a pinned");
  });

  test("a quota below what the namespace's workloads need during a rollout, or not a quantity, is refused", () => {
    expectInvalid(withOptions({ quota: { pods: "3" } }), "quota.pods", 'quota.pods is 3, but the workloads of namespace "shop" need 4 during a rollout');
    expectInvalid(withOptions({ quota: { "limits.memory": "1Gi" } }), "quota.limits.memory", "need 2048Mi");
    expectInvalid(withOptions({ quota: { "requests.cpu": "many" } }), "quota.requests.cpu", '"many" is not a positive Kubernetes quantity');
  });

  test("LimitRange quantities must be valid, defaults within the maximum, and every workload's limits within it", () => {
    expectInvalid(withOptions({ limitRange: { default: { cpu: "1", memory: "big" } } }), "limitRange.memory.limit", '"big" is not a positive');
    expectInvalid(withOptions({ limitRange: { defaultRequest: { cpu: "1", memory: "64Mi" } } }), "limitRange.cpu", "requests 1, more than its limit 500m");
    expectInvalid(withOptions({ limitRange: { max: { cpu: "250m", memory: "1Gi" } } }), "limitRange.max.cpu", "requests 500m, more than its limit 250m");
    expectInvalid(withOptions({ limitRange: { max: { cpu: "750m", memory: "1Gi" } } }), "workloads[1].resources.cpu.limit", "1 is above the namespace's maximum 750m");
  });

  test("an EC2 service calling a Kubernetes service is refused: there is no pod identity to admit", () => {
    const graph = threeServiceGraph([{ from: "ledger", to: "orders", protocol: "tcp", port: 9090, kind: "service", name: "grpc" }]);
    const edges = graph.edges.length - 1;
    expectInvalid(
      withOptions({}, graph),
      `graph.edges[${edges}]`,
      'edge ledger -> orders tcp/9090: "orders" runs on Kubernetes but "ledger" does not, so there is no pod identity to admit; route the call through the gateway or run "ledger" on Kubernetes.',
    );
  });

  test("an edge to a port the Kubernetes callee does not serve is refused", () => {
    const graph = threeServiceGraph([{ from: "storefront", to: "orders", protocol: "tcp", port: 9091, kind: "service", name: "grpc" }]);
    expectInvalid(withOptions({}, graph), `graph.edges[${graph.edges.length - 1}]`, 'edge storefront -> orders tcp/9091 reaches a port "orders" does not serve (https 8443/tcp, grpc 9090/tcp)');
    const udp = threeServiceGraph([{ from: "storefront", to: "orders", protocol: "udp", port: 9090, kind: "service", name: "grpc" }]);
    expectInvalid(withOptions({}, udp), `graph.edges[${udp.edges.length - 1}]`, "edge storefront -> orders udp/9090 reaches a port");
  });

  test("a destination or gateway off the cluster without address blocks is refused, naming where to give them", () => {
    expectInvalid(withOptions({ cidrs: { "platform:s3": ["52.218.0.0/17"], "gateway:edge": ["10.40.0.0/22"] } }), "cidrs", 'edge orders -> ledger tcp/5432 (graph.edges[3]) leaves the cluster for "ledger", whose address blocks are unknown; give them in cidrs["ledger"].');
    expectInvalid(withOptions({ cidrs: { ledger: ["10.40.32.0/20"], "gateway:edge": ["10.40.0.0/22"] } }), "cidrs", 'give them in cidrs["platform:s3"]');
    expectInvalid(withOptions({ vpcCidr: undefined }), "cidrs", 'give them in cidrs["platform:vpc-endpoints"] or the VPC\'s block in vpcCidr');
    expectInvalid(withOptions({ cidrs: { ledger: ["10.40.32.0/20"], "platform:s3": ["52.218.0.0/17"] } }), "cidrs", 'comes from gateway "gateway:edge", whose address blocks are unknown; give them in cidrs["gateway:edge"]');
    expectInvalid(withOptions({ cidrs: { ledger: ["10.40.32.1/20"], "platform:s3": ["52.218.0.0/17"], "gateway:edge": ["10.40.0.0/22"] } }), "cidrs", 'the address block "10.40.32.1/20" of "ledger" has host bits set');
  });

  test("address blocks may come from a function of the node", () => {
    const cidrs = (node: string) => (node === "ledger" ? ["10.40.32.0/20"] : node === "platform:s3" ? ["52.218.0.0/17"] : node === "gateway:edge" ? ["10.40.0.0/22"] : undefined);
    expect(withOptions({ cidrs })()).toHaveLength(24);
  });
});
