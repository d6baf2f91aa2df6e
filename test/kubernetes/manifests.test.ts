import { KubernetesManifest, kubernetesManifests } from "../../constructs/kubernetes";
import { THREE_SERVICE_OPTIONS, threeServiceGraph, threeServiceWorkloads } from "./fixtures";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(): KubernetesManifest[] {
  return kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), THREE_SERVICE_OPTIONS);
}

function find(manifests: readonly KubernetesManifest[], kind: string, namespace: string | undefined, name: string): Obj {
  const found = manifests.find((m) => m.kind === kind && m.metadata.namespace === namespace && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${namespace}/${name} in ${manifests.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`).join(", ")}`);
  return found as Obj;
}

const storefrontPods = { "app.kubernetes.io/name": "storefront", "app.kubernetes.io/part-of": "zt-platform" };
const ordersPods = { "app.kubernetes.io/name": "orders", "app.kubernetes.io/part-of": "zt-platform" };
const tcp = (port: number) => [{ protocol: "TCP", port }];

describe("kubernetesManifests", () => {
  test("lists each namespace's objects, its services' objects, then the edge policies, in a fixed order", () => {
    const names = build().map((m) => `${m.kind} ${m.metadata.namespace ?? "-"}/${m.metadata.name}`);
    expect(names).toEqual([
      "Namespace -/shop",
      "ServiceAccount shop/default",
      "ResourceQuota shop/quota",
      "LimitRange shop/limits",
      "NetworkPolicy shop/default-deny",
      "NetworkPolicy shop/allow-dns-to-kube-dns",
      "NetworkPolicy shop/allow-eks-pod-identity-agent",
      "ServiceAccount shop/orders-api",
      "Deployment shop/orders",
      "Service shop/orders",
      "Namespace -/web",
      "ServiceAccount web/default",
      "ResourceQuota web/quota",
      "LimitRange web/limits",
      "NetworkPolicy web/default-deny",
      "NetworkPolicy web/allow-dns-to-kube-dns",
      "NetworkPolicy web/allow-eks-pod-identity-agent",
      "ServiceAccount web/storefront",
      "Deployment web/storefront",
      "Service web/storefront",
      "NetworkPolicy shop/orders-from-storefront",
      "NetworkPolicy shop/orders-to-198-51-100-0-24-ledger-s3-vpc-endpoints",
      "NetworkPolicy web/storefront-from-edge",
      "NetworkPolicy web/storefront-to-orders-s3-vpc-endpoints",
    ]);
  });

  test("is deterministic: the same input gives equal output, whatever the order of workloads and edges", () => {
    const graph = threeServiceGraph();
    const shuffled = { ...graph, edges: [...graph.edges].reverse() };
    expect(kubernetesManifests(shuffled, threeServiceWorkloads().reverse(), THREE_SERVICE_OPTIONS)).toEqual(build());
  });

  test("each namespace enforces, audits and warns the restricted Pod Security Standard at a pinned version", () => {
    const labels = find(build(), "Namespace", undefined, "shop").metadata.labels;
    expect(labels).toEqual({
      "app.kubernetes.io/part-of": "zt-platform",
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.33",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.33",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.33",
    });
    const pinned = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, podSecurityVersion: "v1.31" });
    expect(find(pinned, "Namespace", undefined, "web").metadata.labels["pod-security.kubernetes.io/warn-version"]).toBe("v1.31");
  });

  test("each namespace denies all ingress and egress, then allows DNS to kube-dns on UDP and TCP 53", () => {
    const manifests = build();
    for (const ns of ["shop", "web"]) {
      expect(find(manifests, "NetworkPolicy", ns, "default-deny").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
      expect(find(manifests, "NetworkPolicy", ns, "allow-dns-to-kube-dns").spec).toEqual({
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
            ports: [
              { protocol: "UDP", port: 53 },
              { protocol: "TCP", port: 53 },
            ],
          },
        ],
      });
    }
  });

  test("each namespace lets its pods reach the EKS Pod Identity agent on the node, unless turned off", () => {
    expect(find(build(), "NetworkPolicy", "shop", "allow-eks-pod-identity-agent").spec).toEqual({
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "169.254.170.23/32" } }, { ipBlock: { cidr: "fd00:ec2::23/128" } }], ports: tcp(80) }],
    });
    const off = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, podIdentityAgent: false });
    expect(off.some((m) => m.metadata.name === "allow-eks-pod-identity-agent")).toBe(false);
  });

  test("the default ServiceAccount and each service's own account mount no token", () => {
    const manifests = build();
    expect(find(manifests, "ServiceAccount", "shop", "default").automountServiceAccountToken).toBe(false);
    expect(find(manifests, "ServiceAccount", "shop", "orders-api")).toMatchObject({ automountServiceAccountToken: false, metadata: { labels: ordersPods } });
    expect(find(manifests, "ServiceAccount", "web", "storefront").automountServiceAccountToken).toBe(false);
  });

  test("the quota fits the namespace's workloads during a rollout and forbids LoadBalancer and NodePort Services", () => {
    // orders: 3 replicas + 1 surge pod, each requesting 250m/256Mi and limited to 1/512Mi.
    expect(find(build(), "ResourceQuota", "shop", "quota").spec.hard).toEqual({
      "limits.cpu": "4000m",
      "limits.memory": "2048Mi",
      pods: "4",
      "requests.cpu": "1000m",
      "requests.memory": "1024Mi",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
    const raised = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, quota: { pods: "10", "count/secrets": "5" } });
    expect(find(raised, "ResourceQuota", "web", "quota").spec.hard).toMatchObject({ pods: "10", "count/secrets": "5", "requests.cpu": "300m" });
  });

  test("the LimitRange gives containers default requests and limits, and a maximum when one is set", () => {
    expect(find(build(), "LimitRange", "web", "limits").spec).toEqual({
      limits: [{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } }],
    });
    const capped = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, limitRange: { max: { cpu: "2", memory: "1Gi" } } });
    expect(find(capped, "LimitRange", "shop", "limits").spec.limits[0].max).toEqual({ cpu: "2", memory: "1Gi" });
  });

  test("the Deployment runs hardened pods as the service's own ServiceAccount", () => {
    const deployment = find(build(), "Deployment", "shop", "orders");
    expect(deployment.metadata.labels).toEqual(ordersPods);
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.selector).toEqual({ matchLabels: ordersPods });
    expect(deployment.spec.template.metadata.labels).toEqual(ordersPods);
    const pod = deployment.spec.template.spec;
    expect(pod).toMatchObject({
      serviceAccountName: "orders-api",
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      hostNetwork: false,
      hostPID: false,
      hostIPC: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    });
    expect(pod.containers).toHaveLength(1);
    const [container] = pod.containers;
    expect(container).toEqual({
      name: "orders",
      image: `registry.example.com/orders@sha256:${"ab".repeat(32)}`,
      ports: [
        { name: "https", containerPort: 8443, protocol: "TCP" },
        { name: "grpc", containerPort: 9090, protocol: "TCP" },
      ],
      env: [
        { name: "FEATURE_X", value: "on" },
        { name: "LOG_LEVEL", value: "info" },
      ],
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
      securityContext: {
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
      volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
    });
    expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }]);
  });

  test("a workload without replicas, resources or a ServiceAccount gets 2 replicas, the default resources and an account named after it", () => {
    const deployment = find(build(), "Deployment", "web", "storefront");
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.serviceAccountName).toBe("storefront");
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
    expect(deployment.spec.template.spec.containers[0].env).toBeUndefined();
  });

  test("a workload may name the numeric user its container runs as; otherwise the image's numeric user applies", () => {
    const workloads = threeServiceWorkloads().map((w) => (w.service === "orders" ? { ...w, runAsUser: 10001 } : w));
    const manifests = kubernetesManifests(threeServiceGraph(), workloads, THREE_SERVICE_OPTIONS);
    expect(find(manifests, "Deployment", "shop", "orders").spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } });
    expect(find(manifests, "Deployment", "web", "storefront").spec.template.spec.securityContext.runAsUser).toBeUndefined();
  });

  test("the Service is a ClusterIP with the graph's named ports", () => {
    expect(find(build(), "Service", "shop", "orders").spec).toEqual({
      type: "ClusterIP",
      selector: ordersPods,
      ports: [
        { name: "https", port: 8443, targetPort: "https", protocol: "TCP", appProtocol: "http" },
        { name: "grpc", port: 9090, targetPort: "grpc", protocol: "TCP", appProtocol: "grpc" },
      ],
    });
  });

  test("an edge between two Kubernetes services is an ingress rule on the callee and an egress rule on the caller, on its exact port", () => {
    const manifests = build();
    const ingress = find(manifests, "NetworkPolicy", "shop", "orders-from-storefront");
    expect(ingress.metadata.annotations).toEqual({ "zero-trust-blueprint.io/edges": "rule 0: storefront -> orders tcp/8443" });
    expect(ingress.spec).toEqual({
      podSelector: { matchLabels: ordersPods },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "web" } }, podSelector: { matchLabels: storefrontPods } }], ports: tcp(8443) }],
    });
    const egress = find(manifests, "NetworkPolicy", "web", "storefront-to-orders-s3-vpc-endpoints");
    expect(egress.metadata.annotations["zero-trust-blueprint.io/edges"]).toBe(
      ["rule 0: storefront -> orders tcp/8443", "rule 1: storefront -> platform:s3 tcp/443", "rule 2: storefront -> platform:vpc-endpoints tcp/443"].join("\n"),
    );
    expect(egress.spec).toEqual({
      podSelector: { matchLabels: storefrontPods },
      policyTypes: ["Egress"],
      egress: [
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } }, podSelector: { matchLabels: ordersPods } }], ports: tcp(8443) },
        { to: [{ ipBlock: { cidr: "52.218.0.0/17" } }], ports: tcp(443) },
        { to: [{ ipBlock: { cidr: "10.40.0.0/16" } }], ports: tcp(443) },
      ],
    });
  });

  test("a Kubernetes caller reaches an EC2 callee's tier blocks, a declared external block and the platform, each on its port", () => {
    const egress = find(build(), "NetworkPolicy", "shop", "orders-to-198-51-100-0-24-ledger-s3-vpc-endpoints");
    expect(egress.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: "198.51.100.0/24" } }], ports: tcp(443) },
      { to: [{ ipBlock: { cidr: "10.40.32.0/20" } }, { ipBlock: { cidr: "10.40.48.0/20" } }], ports: tcp(5432) },
      { to: [{ ipBlock: { cidr: "52.218.0.0/17" } }], ports: tcp(443) },
      { to: [{ ipBlock: { cidr: "10.40.0.0/16" } }], ports: tcp(443) },
    ]);
  });

  test("the gateway reaches its Kubernetes callee from the blocks given for it; EC2-only edges make no policy", () => {
    const manifests = build();
    expect(find(manifests, "NetworkPolicy", "web", "storefront-from-edge").spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: "10.40.0.0/22" } }], ports: tcp(8443) }]);
    const annotations = manifests.filter((m) => m.kind === "NetworkPolicy").map((m) => String(m.metadata.annotations?.["zero-trust-blueprint.io/edges"] ?? ""));
    expect(annotations.join("\n")).not.toContain("ledger -> ");
  });

  test("a callee with several callers lists each on its own port, under one policy named after them", () => {
    const graph = threeServiceGraph([{ from: "storefront", to: "orders", protocol: "tcp", port: 9090, kind: "service", name: "grpc" }]);
    const manifests = kubernetesManifests(graph, threeServiceWorkloads(), THREE_SERVICE_OPTIONS);
    const ingress = find(manifests, "NetworkPolicy", "shop", "orders-from-storefront");
    expect(ingress.spec.ingress.map((r: Obj) => r.ports)).toEqual([tcp(8443), tcp(9090)]);
    expect(ingress.metadata.annotations["zero-trust-blueprint.io/edges"]).toBe("rule 0: storefront -> orders tcp/8443\nrule 1: storefront -> orders tcp/9090");
  });

  test("UDP edges keep their protocol", () => {
    const graph = threeServiceGraph();
    const withUdp = {
      ...graph,
      services: graph.services.map((s) => (s.name === "storefront" ? { ...s, ports: [...s.ports, { name: "stats", port: 8125, protocol: "udp" as const }] } : s)),
      edges: [...graph.edges, { from: "orders", to: "storefront", protocol: "udp" as const, port: 8125, kind: "service" as const, name: "stats" }],
    };
    const workloads = threeServiceWorkloads().map((w) => (w.service === "storefront" ? { ...w, ports: [...w.ports, { name: "stats", port: 8125, protocol: "udp" as const }] } : w));
    const manifests = kubernetesManifests(withUdp, workloads, THREE_SERVICE_OPTIONS);
    expect(find(manifests, "NetworkPolicy", "web", "storefront-from-edge-orders").spec.ingress[1].ports).toEqual([{ protocol: "UDP", port: 8125 }]);
    expect(find(manifests, "Service", "web", "storefront").spec.ports[1]).toEqual({ name: "stats", port: 8125, targetPort: "stats", protocol: "UDP" });
  });

  test("probes check the named port the way its protocol allows: HTTP GET, gRPC health or a TCP connection", () => {
    const workloads = threeServiceWorkloads().map((w) =>
      w.service === "orders" ? { ...w, probes: { readiness: { port: "https", path: "/ready", scheme: "HTTPS" as const }, liveness: { port: "grpc" } } } : { ...w, probes: { liveness: { port: "https" } } },
    );
    const manifests = kubernetesManifests(threeServiceGraph(), workloads, THREE_SERVICE_OPTIONS);
    const orders = find(manifests, "Deployment", "shop", "orders").spec.template.spec.containers[0];
    expect(orders.readinessProbe).toEqual({ httpGet: { path: "/ready", port: "https", scheme: "HTTPS" } });
    expect(orders.livenessProbe).toEqual({ grpc: { port: 9090 } });
    const storefront = find(manifests, "Deployment", "web", "storefront").spec.template.spec.containers[0];
    expect(storefront.livenessProbe).toEqual({ httpGet: { path: "/", port: "https", scheme: "HTTP" } });
    expect(storefront.readinessProbe).toBeUndefined();
    const graph = threeServiceGraph();
    const tcpGraph = { ...graph, services: graph.services.map((s) => (s.name === "storefront" ? { ...s, ports: [{ name: "raw", port: 7000, protocol: "tcp" as const }] } : s)), edges: graph.edges.filter((e) => e.to !== "storefront" && e.from !== "storefront") };
    const tcpWorkloads = threeServiceWorkloads().map((w) => (w.service === "storefront" ? { ...w, ports: [{ name: "raw", port: 7000, protocol: "tcp" as const }], probes: { readiness: { port: "raw" } } } : w));
    expect(find(kubernetesManifests(tcpGraph, tcpWorkloads, THREE_SERVICE_OPTIONS), "Deployment", "web", "storefront").spec.template.spec.containers[0].readinessProbe).toEqual({ tcpSocket: { port: "raw" } });
  });

  test("with Istio sidecars, every namespace has sidecar injection on and lets its pods reach istiod on 15012", () => {
    const manifests = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, istio: {} });
    for (const ns of ["shop", "web"]) {
      expect(find(manifests, "Namespace", undefined, ns).metadata.labels["istio-injection"]).toBe("enabled");
      expect(find(manifests, "NetworkPolicy", ns, "allow-istiod").spec).toEqual({
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-system" } }, podSelector: { matchLabels: { app: "istiod" } } }], ports: tcp(15012) }],
      });
    }
    const revision = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, istio: { namespace: "mesh", revision: "1-24" } });
    expect(find(revision, "NetworkPolicy", "web", "allow-istiod").spec.egress[0].to[0]).toEqual({
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "mesh" } },
      podSelector: { matchLabels: { app: "istiod", "istio.io/rev": "1-24" } },
    });
    const labels = find(revision, "Namespace", undefined, "web").metadata.labels;
    expect(labels["istio.io/rev"]).toBe("1-24");
    expect(labels["istio-injection"]).toBeUndefined();
    const own = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, istio: { podLabels: { app: "istiod-canary" } } });
    expect(find(own, "NetworkPolicy", "web", "allow-istiod").spec.egress[0].to[0].podSelector).toEqual({ matchLabels: { app: "istiod-canary" } });
    expect(build().some((m) => m.metadata.name === "allow-istiod")).toBe(false);
    expect(find(build(), "Namespace", undefined, "web").metadata.labels["istio-injection"]).toBeUndefined();
  });

  test("with Istio sidecars, the quota counts each pod's sidecar too", () => {
    // orders: 4 pods during a rollout, each with the app (250m/256Mi, limits 1/512Mi) and Istio's default sidecar (100m/128Mi, limits 2/1Gi).
    const sidecars = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, istio: {} });
    expect(find(sidecars, "ResourceQuota", "shop", "quota").spec.hard).toMatchObject({ "requests.cpu": "1400m", "requests.memory": "1536Mi", "limits.cpu": "12000m", "limits.memory": "6144Mi", pods: "4" });
    const small = { cpu: { request: "50m", limit: "500m" }, memory: { request: "64Mi", limit: "256Mi" } };
    const sized = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), { ...THREE_SERVICE_OPTIONS, istio: { sidecarResources: small } });
    expect(find(sized, "ResourceQuota", "web", "quota").spec.hard).toMatchObject({ "requests.cpu": "450m", "requests.memory": "576Mi", "limits.cpu": "3000m", "limits.memory": "1536Mi" });
  });

  test("the platform label defaults to the graph's platform as a label value", () => {
    const { platform: _omit, ...rest } = THREE_SERVICE_OPTIONS;
    void _omit;
    const manifests = kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), rest);
    expect(find(manifests, "Deployment", "web", "storefront").metadata.labels["app.kubernetes.io/part-of"]).toBe("zt-platform-services");
  });
});
