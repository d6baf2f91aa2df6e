import { TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HardenedCluster } from "../../constructs/cluster";
import { StackEnvironment } from "../../constructs/core";
import { KubernetesServices } from "../../constructs/kubernetes";
import { MeshPolicies } from "../../constructs/mesh";
import { DEFAULT_INTERFACE_ENDPOINTS, SegmentedNetwork } from "../../constructs/network";
import { ServiceDeclaration, ServicePlatform, ServicePlatformProps } from "../../constructs/service";
import { CLUSTER_NODES_TAG, GraphDocument } from "../../policies/shared/service-graph";
import { clusterProps } from "../cluster/fixtures";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, newStack, ofType, only, packVerdict, parsePolicy } from "../identity/harness";
import { ADMIN } from "./fixtures";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const image = (name: string) => `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}@${DIGEST}`;
const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/main`;

/**
 * Four services: `api` (EC2, private tier) and `db` (EC2, isolated tier); on the cluster, in namespace `shop`,
 * `orders` calls `api` and `db`, and `billing` calls `orders` and `api` and reaches a payment provider.
 */
function services(): ServiceDeclaration[] {
  return [
    { name: "api", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "ec2", amiId: "ami-0abcdef1234567890" } },
    { name: "db", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", amiId: "ami-0abcdef1234567890", tier: "isolated" } },
    {
      name: "orders",
      ports: [{ name: "grpc", port: 9443, protocol: "grpc" }],
      runtime: { kind: "kubernetes", namespace: "shop", image: image("orders"), readinessPath: "/" },
      calls: [
        { service: "api", port: "https", methods: ["GET"], paths: ["/v1/items"] },
        { service: "db", port: "postgres" },
      ],
    },
    {
      name: "billing",
      ports: [{ name: "https", port: 8443, protocol: "http" }],
      runtime: { kind: "kubernetes", namespace: "shop", image: image("billing"), cpu: { request: "200m", limit: "1" }, readinessPath: "/ready" },
      calls: [
        { service: "orders", port: "grpc" },
        { service: "api", port: "https" },
      ],
      external: [{ name: "psp", port: 443, cidrs: ["198.51.100.0/24"], hosts: ["api.psp.example.com"], reason: "card payments go to the provider's API" }],
    },
  ];
}

/** A stack with a network (NAT, the endpoints nodes need), a cluster "main", and the platform of `declared`. */
function build(
  declared: ServiceDeclaration[] = services(),
  extra: Partial<ServicePlatformProps> = {},
  withCluster = true,
  serviceHosts: Record<string, string[]> = { api: ["api.internal.example.com"], db: ["db.internal.example.com"] },
) {
  const stack = newStack("aws");
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  const network = new SegmentedNetwork(stack, "network", {
    name: "shop",
    cidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    tiers: { public: { enabled: true } },
    natGateways: "single",
    interfaceEndpoints: [...DEFAULT_INTERFACE_ENDPOINTS, "ec2", "eks", "eks-auth"],
  });
  const cluster = new HardenedCluster(stack, "cluster", { ...clusterProps(network), kubernetesVersion: "1.35" });
  const platform = new ServicePlatform(stack, "services", {
    network,
    adminRoleArns: [ADMIN],
    services: declared,
    ...(withCluster ? { kubernetes: { cluster, serviceHosts } } : {}),
    ...extra,
  });
  return { stack, network, cluster, platform };
}

/** The Kubernetes stack of a platform: its services' manifests and mesh settings, from the platform's view. */
function kubernetesStack(platform: ServicePlatform): { stack: TerraformStack; services: KubernetesServices; mesh: MeshPolicies } {
  const stack = newStack("kubernetes");
  new KubernetesProvider(stack, "kubernetes", { configPath: "~/.kube/config" });
  const view = platform.kubernetes!;
  const k8s = new KubernetesServices(stack, "services", { graph: platform.graph, workloads: view.workloads, cidrs: view.cidrs, vpcCidr: view.vpcCidr, istio: {} });
  const mesh = new MeshPolicies(stack, "mesh", { graph: platform.graph, workloads: view.workloads, destinationHosts: view.destinationHosts });
  return { stack, services: k8s, mesh };
}

type Json = Record<string, unknown>;

describe("ServicePlatform with services on Kubernetes", () => {
  const { stack, network, platform } = build();
  const nodeGroupRef = (() => {
    const [name] = Object.entries(ofType(stack, "aws_security_group")).find(([, g]) => (g.tags as Json)?.[CLUSTER_NODES_TAG] === "main")!;
    return `\${aws_security_group.${name}.id}`;
  })();
  const hostGroupRef = (service: string) => {
    const [name] = Object.keys(ofType(stack, "aws_security_group")).filter((n) => n.startsWith(`services_${service}_hosts_`));
    return `\${aws_security_group.${name}.id}`;
  };
  const ingressOf = (groupRef: string) =>
    Object.values(ofType(stack, "aws_vpc_security_group_ingress_rule"))
      .filter((r) => r.security_group_id === groupRef)
      .map((r) => `${r.ip_protocol} ${r.from_port} ${String(r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.prefix_list_id)}`);
  const egressOf = (groupRef: string) =>
    Object.values(ofType(stack, "aws_vpc_security_group_egress_rule"))
      .filter((r) => r.security_group_id === groupRef)
      .map((r) => `${r.ip_protocol} ${r.from_port} ${String(r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.prefix_list_id)}`);

  test("each Kubernetes service gets a role only the cluster's pods may take, associated with its own ServiceAccount", () => {
    for (const service of ["orders", "billing"]) {
      const role = only(stack, "aws_iam_role", `services_${service}_identity_`);
      const trust = parsePolicy(role.assume_role_policy).Statement;
      expect(trust).toHaveLength(1);
      expect(trust[0]).toMatchObject({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] });
      expect(JSON.stringify(trust[0].Condition)).toContain(CLUSTER_ARN);
    }
    const associations = Object.values(ofType(stack, "aws_eks_pod_identity_association")).map((a) => `${a.namespace}/${a.service_account}`);
    expect(associations.sort()).toEqual(["kube-system/aws-node", "shop/billing", "shop/orders"]);
    expect(platform.service("orders").kubernetes).toMatchObject({ namespace: "shop", serviceAccount: "orders" });
  });

  test("only the EC2 services get host groups", () => {
    expect(Object.keys(ofType(stack, "aws_autoscaling_group")).map((n) => n.split("_")[1]).sort()).toEqual(["api", "db"]);
    expect(platform.service("orders").hosts).toBeUndefined();
    expect(platform.service("orders").connections).toBe(platform.kubernetes!.cluster.nodeConnections);
  });

  test("a call from pods to a host group is one rule pair from the node group, however many pod services make it", () => {
    expect(ingressOf(hostGroupRef("api")).filter((r) => r.endsWith(nodeGroupRef))).toEqual([`tcp 8443 ${nodeGroupRef}`]);
    expect(ingressOf(hostGroupRef("db")).filter((r) => r.endsWith(nodeGroupRef))).toEqual([`tcp 5432 ${nodeGroupRef}`]);
    const nodeEgress = egressOf(nodeGroupRef);
    expect(nodeEgress.filter((r) => r === `tcp 8443 ${hostGroupRef("api")}`)).toHaveLength(1);
    expect(nodeEgress.filter((r) => r === `tcp 5432 ${hostGroupRef("db")}`)).toHaveLength(1);
    // Pod-to-pod calls stay inside the node group (the cluster admits node-to-node traffic; NetworkPolicies narrow it).
    expect(nodeEgress.filter((r) => r.startsWith("tcp 9443"))).toEqual([]);
    // The external destination: egress of the node group to its blocks on its port, once.
    expect(nodeEgress.filter((r) => r.endsWith("198.51.100.0/24"))).toEqual(["tcp 443 198.51.100.0/24"]);
  });

  test("the declared graph names each Kubernetes service's cluster and namespace, and gives pods no S3 edge", () => {
    const runtime = (name: string) => platform.graph.services.find((s) => s.name === name)!.runtime;
    expect(runtime("orders")).toEqual({ kind: "kubernetes", tier: "private", cluster: "main", namespace: "shop" });
    expect(runtime("api")).toEqual({ kind: "ec2", tier: "private" });
    const platformEdges = (from: string) => platform.graph.edges.filter((e) => e.from === from && e.kind === "platform").map((e) => e.name);
    expect(platformEdges("orders")).toEqual(["vpc-endpoints"]);
    expect(platformEdges("api")).toEqual(["vpc-endpoints", "s3"]);
    const carried = JSON.parse(String((ofType(stack, "terraform_data").ztb_service_graph as Json).input)) as GraphDocument;
    expect(carried.scope).toBeUndefined();
    expect(carried.services).toEqual(platform.graph.services);
  });

  test("the Kubernetes view: workloads, the callee tiers' blocks, and the host names of every destination outside the mesh", () => {
    const view = platform.kubernetes!;
    expect(view.workloads).toEqual([
      { service: "orders", namespace: "shop", image: image("orders"), ports: [{ name: "grpc", port: 9443, protocol: "grpc" }], probes: { readiness: { port: "grpc" } } },
      {
        service: "billing",
        namespace: "shop",
        image: image("billing"),
        ports: [{ name: "https", port: 8443, protocol: "http" }],
        resources: { cpu: { request: "200m", limit: "1" }, memory: { request: "128Mi", limit: "256Mi" } },
        probes: { readiness: { port: "https", path: "/ready" } },
      },
    ]);
    expect(view.cidrs).toEqual({ api: network.tierCidrs("private"), db: network.tierCidrs("isolated") });
    expect(view.vpcCidr).toBe("10.0.0.0/16");
    expect(view.destinationHosts.api).toEqual(["api.internal.example.com"]);
    expect(view.destinationHosts.psp).toEqual(["api.psp.example.com"]);
    expect(view.destinationHosts["vpc-endpoints"]).toEqual(expect.arrayContaining([`secretsmanager.${REGION}.amazonaws.com`, `sts.${REGION}.amazonaws.com`, `eks-auth.${REGION}.amazonaws.com`]));
    expect(view.destinationHosts["vpc-endpoints"].some((h) => h.startsWith("ecr."))).toBe(false);
  });

  test("the AWS stack passes the pack with no unsuppressed finding", () => {
    expect(packVerdict(build().stack).unsuppressed).toEqual([]);
  });

  test("the Kubernetes stack built from the view synthesizes, carries the graph for its Kubernetes layers, and passes the pack", () => {
    const k8s = kubernetesStack(build().platform);
    const json = JSON.parse(Testing.synth(k8s.stack)) as { resource: Record<string, Record<string, Json>> };
    expect(JSON.parse(String(json.resource.terraform_data.ztb_service_graph.input)).scope).toBe("kubernetes");
    const kinds = Object.values(json.resource.kubernetes_manifest).map((m) => `${(m.manifest as Json).kind}/${((m.manifest as Json).metadata as Json).name}`);
    expect(kinds).toEqual(expect.arrayContaining(["Deployment/orders", "Deployment/billing", "AuthorizationPolicy/orders-from-billing", "ServiceEntry/api-from-billing-orders", "ServiceEntry/psp-from-billing"]));
    expect(kinds.filter((k) => k.startsWith("NetworkPolicy/orders-to-"))).toHaveLength(1);
    expect(packVerdict(k8s.stack).unsuppressed).toEqual([]);
  });
});

describe("ServicePlatform refuses Kubernetes declarations it cannot build", () => {
  const withService = (name: string, change: (s: ServiceDeclaration) => ServiceDeclaration) => services().map((s) => (s.name === name ? change(s) : s));

  test("an EC2 caller of a service in the mesh", () => {
    const declared = withService("api", (s) => ({ ...s, calls: [{ service: "orders", port: "grpc" }] }));
    expectInvalid(() => build(declared), "services[0].calls[0]", /runs on ec2 and calls "orders", which runs on Kubernetes in the mesh.*run "api" on Kubernetes too, or "orders" on EC2/);
  });

  test("a gateway route to a service in the mesh", () => {
    const declared = withService("billing", (s) => ({ ...s, routes: [{ method: "GET", path: "/bills", port: "https", authorizer: "customers" }] }));
    expectInvalid(() => build(declared), "services[3].routes[0]", /runs on Kubernetes and declares the route GET \/bills/);
  });

  test("a Kubernetes service without a cluster", () => {
    expectInvalid(() => build(services(), {}, false), "services[2].runtime", /runs on Kubernetes but the platform has no cluster/);
  });

  test("an image with a tag only", () => {
    const declared = withService("orders", (s) => ({ ...s, runtime: { kind: "kubernetes", namespace: "shop", image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/orders:1.4.2` } }));
    expectInvalid(() => build(declared), "services[2].runtime.image", /is not pinned by digest/);
  });

  test("a namespace that is not a DNS label, or one of Kubernetes' own", () => {
    const bad = withService("orders", (s) => ({ ...s, runtime: { kind: "kubernetes", namespace: "Shop_1", image: image("orders") } }));
    expectInvalid(() => build(bad), "services[2].runtime.namespace", /"Shop_1", which is not a DNS label/);
    const reserved = withService("orders", (s) => ({ ...s, runtime: { kind: "kubernetes", namespace: "kube-system", image: image("orders") } }));
    expectInvalid(() => build(reserved), "services[2].runtime.namespace", /belongs to Kubernetes itself/);
  });

  test("requests above limits, and bad quantities", () => {
    const declared = withService("orders", (s) => ({ ...s, runtime: { kind: "kubernetes", image: image("orders"), memory: { request: "1Gi", limit: "256Mi" } } }));
    expectInvalid(() => build(declared), "services[2].runtime.memory", /requests 1Gi of memory, more than its limit 256Mi/);
  });

  test("a call from pods to an EC2 service whose host names the platform does not know, or hosts for no such service", () => {
    expectInvalid(() => build(services(), {}, true, { db: ["db.internal.example.com"] }), "kubernetes.serviceHosts.api", /calls "api" on EC2, whose host names the platform does not know/);
    expectInvalid(() => build(services(), {}, true, { api: ["api.internal.example.com"], db: ["db.internal.example.com"], apj: ["x.example.com"] }), "kubernetes.serviceHosts.apj", /"apj" is not a service of the platform; did you mean "api"\?/);
    expectInvalid(() => build(services(), {}, true, { api: ["*.internal.example.com"], db: ["db.internal.example.com"] }), "kubernetes.serviceHosts.api", /not an exact|no wildcard/);
  });

  test("an external destination of a pod service without host names", () => {
    const declared = withService("billing", (s) => ({ ...s, external: [{ name: "psp", port: 443, cidrs: ["198.51.100.0/24"], reason: "card payments go to the provider's API" }] }));
    expectInvalid(() => build(declared), "services[3].external[0].hosts", /without hosts: its mesh sidecar reaches only named hosts/);
  });
});

describe("ServicePlatform with an image repository per service", () => {
  const CI = `arn:aws:iam::${ACCOUNT}:role/ci-image-publisher`;
  const { stack, platform } = build(services(), { images: { pushRoleArns: [CI] } });

  test("one repository per service, pulled only by its identity or, on Kubernetes, by the cluster's nodes, pushed only by CI", () => {
    const repositories = Object.values(ofType(stack, "aws_ecr_repository")).map((r) => r.name);
    expect(repositories.sort()).toEqual(["api", "billing", "db", "orders"]);
    const policyOf = (service: string) => JSON.stringify(only(stack, "aws_ecr_repository_policy", `services_${service}_images_`).policy);
    expect(policyOf("orders")).toContain("aws_iam_role.cluster_node-role");
    expect(policyOf("orders")).not.toContain("services_orders_identity");
    expect(policyOf("api")).toContain("aws_iam_role.services_api_identity_role");
    expect(policyOf("api")).toContain(CI);
    expect(platform.service("orders").images!.repositoryUrl).toBe(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/orders`);
  });

  test("the whole stack passes the pack", () => {
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });

  test("a Kubernetes service whose image is not from its own repository is refused", () => {
    const declared = services().map((s) => (s.name === "orders" ? { ...s, runtime: { kind: "kubernetes" as const, namespace: "shop", image: `registry.example.com/orders@${DIGEST}` } } : s));
    expectInvalid(() => build(declared, { images: { pushRoleArns: [CI] } }), "services[2].runtime.image", /is not an image of its own repository; use "123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/orders@sha256:/);
  });
});
