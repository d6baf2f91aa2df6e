import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { KubernetesServices } from "../../../constructs/kubernetes";
import { MeshPolicies } from "../../../constructs/mesh";
import { graphText } from "../../../policies/cli/graph";
import { evaluate } from "../../../policies/engine/evaluate";
import { Model } from "../../../policies/engine/model";
import { Result } from "../../../policies/engine/types";
import { effectiveGraph } from "../../../policies/graph";
import { FlowEdge } from "../../../policies/graph/types";
import { ztGraph001 } from "../../../policies/rules/graph/zt-graph-001-undeclared-flow";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { configModel } from "../../support/rules";
import { tempFolder } from "../../support/temp-folder";
import { DECLARED_SERVICE_EDGES, graphWithout, K8S_GRAPH, K8S_WORKLOADS, kubernetesGraphConfig, kubernetesGraphModel, MESH_OPTIONS } from "./kubernetes-fixture";

const SERVICES = new Set(K8S_GRAPH.services.map((s) => s.name));

/** Edges between two services of the graph as `from -> to protocol/port`, one per port. */
function serviceEdges(edges: readonly FlowEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    if (!SERVICES.has(e.from) || !SERVICES.has(e.to)) continue;
    for (let port = e.fromPort; port <= e.toPort && out.length < 100; port++) out.push(`${e.from} -> ${e.to} ${e.protocol}/${port}`);
  }
  return out.sort();
}

/** The results of the graph rules other than passes and not-applicable ones, as `rule status address: message`. */
function findings(model: Model): string[] {
  return evaluate(model, [ztGraph001, ztGraph002])
    .results.filter((r: Result) => r.status !== "pass")
    .map((r) => `${r.ruleId} ${r.status} ${r.address}: ${r.message}`);
}

/** The results of one rule whose status is `status`. */
function resultsWith(model: Model, rule: typeof ztGraph001, status: Result["status"]): Result[] {
  return evaluate(model, [rule]).results.filter((r) => r.status === status);
}

/** A NetworkPolicy manifest of `namespace` selecting `service`'s pods, admitting `from` on TCP `port`. */
function ingressPolicy(namespace: string, service: string, from: Record<string, unknown>, port: number): Record<string, unknown> {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: `${service}-extra`, namespace },
    spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": service } }, policyTypes: ["Ingress"], ingress: [{ from: [from], ports: [{ protocol: "TCP", port }] }] },
  };
}

/** An AuthorizationPolicy manifest of `namespace` on `service`'s pods. */
function authorizationPolicy(namespace: string, service: string, action: "ALLOW" | "DENY", principal: string, port: number): Record<string, unknown> {
  return {
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    metadata: { name: `${service}-${action.toLowerCase()}-extra`, namespace },
    spec: { selector: { matchLabels: { "app.kubernetes.io/name": service } }, action, rules: [{ from: [{ source: { principals: [principal] } }], to: [{ operation: { ports: [String(port)] } }] }] },
  };
}

const ORDERS_PRINCIPAL = "cluster.local/ns/shop/sa/orders-api";
const STOREFRONT_PRINCIPAL = "cluster.local/ns/web/sa/storefront";
const PAYMENTS_FROM_STOREFRONT = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "web" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "storefront" } } };

describe("Kubernetes layers in the effective graph", () => {
  test("the manifests KubernetesServices and MeshPolicies derive from three services give exactly the declared service edges, through all three layers", () => {
    const [graph] = effectiveGraph(kubernetesGraphModel());
    expect(serviceEdges(graph.edges)).toEqual([...DECLARED_SERVICE_EDGES].sort());
    const edge = graph.edges.find((e) => e.from === "storefront" && e.to === "orders")!;
    expect(edge.layers.map((l) => l.layer)).toEqual(["network-policy-egress", "network-policy-ingress", "authorization-policy"]);
    expect(edge.layers.map((l) => l.addresses.length)).toEqual([1, 1, 1]);
    expect(graph.nodes.filter((n) => n.kind === "service").map((n) => n.id)).toEqual(["orders", "payments", "storefront"]);
    // The platform paths every namespace opens stand alone: DNS to kube-dns, named by its selector.
    expect(graph.edges.some((e) => e.from === "orders" && e.to === "k8s:kube-system/k8s-app=kube-dns" && e.protocol === "udp" && e.fromPort === 53)).toBe(true);
    expect(graph.nodes.find((n) => n.id === "k8s:kube-system/k8s-app=kube-dns")?.kind).toBe("pods");
    expect(graph.unknown).toEqual([]);
  });

  test("an edge only one layer leaves out is not in the graph", () => {
    const [mesh] = effectiveGraph(kubernetesGraphModel({ meshFrom: graphWithout("orders", "payments") }));
    expect(serviceEdges(mesh.edges)).toEqual(["storefront -> orders tcp/8443"]);
    const [policies] = effectiveGraph(kubernetesGraphModel({ servicesFrom: graphWithout("storefront", "orders") }));
    expect(serviceEdges(policies.edges)).toEqual(["orders -> payments tcp/9090"]);
  });

  test("a DENY AuthorizationPolicy takes its port away from the callers it names", () => {
    const model = kubernetesGraphModel({ extra: { deny: authorizationPolicy("pay", "payments", "DENY", ORDERS_PRINCIPAL, 9090) } });
    expect(serviceEdges(effectiveGraph(model)[0].edges)).toEqual(["storefront -> orders tcp/8443"]);
    expect(resultsWith(model, ztGraph002, "fail").map((r) => r.message)).toEqual([
      "declared edge orders -> payments TCP 9090 is blocked by authorization-policy of payments: kubernetes_manifest.deny rule 0 (DENY) refuses orders on TCP 9090",
    ]);
  });

  test("ztb graph draws the Kubernetes edges of the synthesized stack and of the same manifests as GitOps YAML", () => {
    const file = tmp.write("k8s/cdk.tf.json", kubernetesGraphConfig({ withoutGraph: true }));
    const mermaid = graphText([file]);
    const lines = mermaid.split("\n");
    const key = (label: string) => lines.find((l) => l.includes(`"${label}"`))!.trim().split(/[[({]/)[0];
    expect(lines).toContain(`  ${key("storefront")} -->|"TCP 8443"| ${key("orders")}`);
    expect(lines).toContain(`  ${key("orders")} -->|"TCP 9090"| ${key("payments")}`);
    expect(lines).toContain(`  ${key("kube-system/k8s-app=kube-dns")}[("kube-system/k8s-app=kube-dns")]`);
    const yaml = path.join(tmp.path, "gitops");
    const servicesStack = new TerraformStack(Testing.app(), "yaml");
    new KubernetesServices(servicesStack, "services", { graph: K8S_GRAPH, workloads: K8S_WORKLOADS }).writeYaml(yaml);
    new MeshPolicies(servicesStack, "mesh", { graph: K8S_GRAPH, workloads: K8S_WORKLOADS, ...MESH_OPTIONS }).writeYaml(yaml);
    expect(fs.readdirSync(yaml).length).toBeGreaterThan(0);
    const fromYaml = JSON.parse(graphText([yaml], "json")).graphs[0].edges as FlowEdge[];
    const fromStack = JSON.parse(graphText([file], "json")).graphs[0].edges as FlowEdge[];
    expect(serviceEdges(fromYaml)).toEqual(serviceEdges(fromStack));
  });
});

const tmp = tempFolder("ztb-k8s-graph-");

describe("typed Kubernetes resources", () => {
  /** A Deployment of `service` in `namespace` serving `https` on 8443, in the typed provider's shape (block lists). */
  const deployment = (service: string, namespace: string) => ({
    metadata: [{ name: service, namespace }],
    spec: [
      {
        selector: [{ match_labels: { "app.kubernetes.io/name": service } }],
        template: [
          {
            metadata: [{ labels: { "app.kubernetes.io/name": service } }],
            spec: [{ service_account_name: service, container: [{ name: "app", image: "registry.example.com/app", port: [{ name: "https", container_port: 8443 }] }] }],
          },
        ],
      },
    ],
  });
  const pods = (service: string, namespace: string) => [{ namespace_selector: [{ match_labels: { "kubernetes.io/metadata.name": namespace } }], pod_selector: [{ match_labels: { "app.kubernetes.io/name": service } }] }];
  const config = {
    resource: {
      kubernetes_deployment_v1: { web: deployment("web", "front"), api: deployment("api", "back") },
      kubernetes_network_policy_v1: {
        api_from_web: {
          metadata: [{ name: "api-from-web", namespace: "back" }],
          spec: [{ pod_selector: [{ match_labels: { "app.kubernetes.io/name": "api" } }], policy_types: ["Ingress"], ingress: [{ from: pods("web", "front"), ports: [{ port: "https", protocol: "TCP" }] }] }],
        },
        web_to_api: {
          metadata: [{ name: "web-to-api", namespace: "front" }],
          spec: [{ pod_selector: [{}], policy_types: ["Egress"], egress: [{ to: pods("api", "back"), ports: [{ port: "8000", end_port: 9000, protocol: "TCP" }] }] }],
        },
      },
    },
  };

  test("NetworkPolicies and workloads of the typed provider give the edge: ports by name resolve to the pods' container port", () => {
    const [graph] = effectiveGraph(configModel(config, "typed"));
    expect(graph.edges.map((e) => `${e.from} -> ${e.to} ${e.protocol} ${e.fromPort}-${e.toPort} [${e.layers.map((l) => `${l.layer}:${l.addresses.join("+")}`).join(" ")}]`)).toEqual([
      "web -> api tcp 8443-8443 [network-policy-egress:kubernetes_network_policy_v1.web_to_api network-policy-ingress:kubernetes_network_policy_v1.api_from_web]",
    ]);
    expect(graph.nodes.map((n) => `${n.id} ${n.kind} ${n.addresses.join(",")}`)).toEqual(["api service kubernetes_deployment_v1.api", "web service kubernetes_deployment_v1.web"]);
  });
});

describe("ZT-GRAPH-001 and ZT-GRAPH-002 on Kubernetes layers", () => {
  test("the derived manifests pass both rules, every NetworkPolicy and AuthorizationPolicy judged", () => {
    const model = kubernetesGraphModel();
    expect(findings(model)).toEqual([]);
    const judged = resultsWith(model, ztGraph001, "pass").map((r) => r.address);
    expect(judged.filter((a) => a.includes("_networkpolicy-"))).toHaveLength(10);
    expect(judged.filter((a) => a.includes("_authorizationpolicy-") && a.includes("-from-"))).toHaveLength(2);
    expect(resultsWith(model, ztGraph002, "pass").map((r) => r.findingId).sort()).toEqual([
      "ZT-GRAPH-002[orders|cidr:198.51.100.0/24|tcp|443]",
      "ZT-GRAPH-002[orders|payments|tcp|9090]",
      "ZT-GRAPH-002[storefront|orders|tcp|8443]",
    ]);
  });

  test("an edge-facing service's token policy, through the ingress gateway, is an edge entry: drawn from the gateway's principal, not an undeclared caller", () => {
    const model = kubernetesGraphModel({ edgeFacing: true });
    expect(findings(model)).toEqual([]);
    const [graph] = effectiveGraph(model);
    expect(graph.edges.filter((e) => e.to === "storefront").map((e) => `${e.from} -> ${e.to} ${e.protocol}/${e.fromPort} ${e.layers.map((l) => l.layer).join(",")}`)).toEqual([
      "k8s:istio-ingress/sa/gateway -> storefront tcp/8443 authorization-policy",
    ]);
    // A workload holding a token may call it too, as far as the AuthorizationPolicy goes; the NetworkPolicies do not let orders in.
    expect(serviceEdges(graph.edges)).toEqual([...DECLARED_SERVICE_EDGES].sort());
  });

  test("without a declared graph in the stack, neither rule applies", () => {
    expect(evaluate(kubernetesGraphModel({ withoutGraph: true }), [ztGraph001, ztGraph002]).results.filter((r) => r.status !== "pass")).toEqual([]);
    expect(resultsWith(kubernetesGraphModel({ withoutGraph: true }), ztGraph001, "pass")).toEqual([]);
  });

  test("a hand-added NetworkPolicy admitting an undeclared caller fails ZT-GRAPH-001 on it, naming both services and the port", () => {
    const model = kubernetesGraphModel({ extra: { extra_ingress: ingressPolicy("pay", "payments", PAYMENTS_FROM_STOREFRONT, 9090) } });
    expect(findings(model)).toEqual([
      "ZT-GRAPH-001 fail kubernetes_manifest.extra_ingress: kubernetes_manifest.extra_ingress ingress[0] (network-policy-ingress) allows storefront -> payments on TCP 9090, which the service graph does not declare",
    ]);
  });

  test("a NetworkPolicy admitting a whole namespace, or every pod, fails ZT-GRAPH-001: it admits callers nobody declared", () => {
    const namespace = kubernetesGraphModel({ extra: { wide: ingressPolicy("pay", "payments", { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }, 9090) } });
    expect(findings(namespace)).toEqual([
      "ZT-GRAPH-001 fail kubernetes_manifest.wide: kubernetes_manifest.wide ingress[0] (network-policy-ingress) admits k8s:shop/*, any caller it holds, to payments on TCP 9090; the service graph declares callers one by one",
    ]);
    const any = kubernetesGraphModel({ extra: { wide: ingressPolicy("pay", "payments", { namespaceSelector: {} }, 9090) } });
    expect(findings(any)).toEqual([expect.stringContaining("admits k8s:*, any caller it holds, to payments on TCP 9090")]);
  });

  test("an AuthorizationPolicy admitting an undeclared caller's principal fails ZT-GRAPH-001", () => {
    const model = kubernetesGraphModel({ extra: { extra_allow: authorizationPolicy("pay", "payments", "ALLOW", STOREFRONT_PRINCIPAL, 9090) } });
    expect(findings(model)).toEqual([
      "ZT-GRAPH-001 fail kubernetes_manifest.extra_allow: kubernetes_manifest.extra_allow rule 0 (authorization-policy) allows storefront -> payments on TCP 9090, which the service graph does not declare",
    ]);
  });

  test("an AuthorizationPolicy missing a declared caller's principal fails ZT-GRAPH-002 naming the authorization-policy layer", () => {
    const model = kubernetesGraphModel({ meshFrom: graphWithout("orders", "payments") });
    expect(findings(model)).toEqual([
      expect.stringMatching(
        /^ZT-GRAPH-002 fail terraform_data\.ztb_service_graph: declared edge orders -> payments TCP 9090 is blocked by authorization-policy of payments: no ALLOW rule of the AuthorizationPolicies of payments \(kubernetes_manifest\.mesh_authorizationpolicy-pay-allow-nothing_[0-9A-F]+\) admits orders on TCP 9090$/,
      ),
    ]);
  });

  test("NetworkPolicies that leave out a declared edge fail ZT-GRAPH-002 naming the egress and ingress layers", () => {
    const model = kubernetesGraphModel({ servicesFrom: graphWithout("orders", "payments") });
    const [message] = resultsWith(model, ztGraph002, "fail").map((r) => r.message);
    expect(message).toMatch(/^declared edge orders -> payments TCP 9090 is blocked by network-policy-egress of orders: no egress rule of the NetworkPolicies selecting orders \(.*\) reaches payments on TCP 9090; declared edge orders -> payments TCP 9090 is blocked by network-policy-ingress of payments: no ingress rule of the NetworkPolicies selecting payments \(.*\) admits orders on TCP 9090$/);
  });

  test("a declared destination off the cluster needs an egress rule whose address block holds it", () => {
    const model = kubernetesGraphModel({ servicesFrom: graphWithout("orders", "cidr:198.51.100.0/24") });
    expect(resultsWith(model, ztGraph002, "fail").map((r) => r.message)).toEqual([
      expect.stringMatching(/^declared edge orders -> cidr:198\.51\.100\.0\/24 TCP 443 is blocked by network-policy-egress of orders: no egress rule of the NetworkPolicies selecting orders \(.*\) reaches cidr:198\.51\.100\.0\/24 on TCP 443$/),
    ]);
  });

  test("a hand-added egress rule to the internet fails ZT-GRAPH-001 unless the graph declares it", () => {
    const egress = (service: string, namespace: string) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `${service}-to-internet`, namespace },
      spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": service } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }] },
    });
    const model = kubernetesGraphModel({ extra: { payments_out: egress("payments", "pay") } });
    expect(findings(model)).toEqual([
      "ZT-GRAPH-001 fail kubernetes_manifest.payments_out: kubernetes_manifest.payments_out egress[0] (network-policy-egress) allows payments -> internet on TCP 443, which the service graph does not declare",
    ]);
    const declared = { from: "payments", to: "internet", protocol: "tcp" as const, port: 443, kind: "external" as const, name: "web" };
    const graph = { ...K8S_GRAPH, edges: [...K8S_GRAPH.edges, declared] };
    expect(findings(kubernetesGraphModel({ graph, servicesFrom: K8S_GRAPH, meshFrom: K8S_GRAPH, extra: { payments_out: egress("payments", "pay") } }))).toEqual([]);
  });

  test("a NetworkPolicy whose pod selector is unknown until apply is unknown, never a pass", () => {
    const selector = { podSelector: { matchLabels: { "app.kubernetes.io/name": "${var.caller}" } } };
    const model = kubernetesGraphModel({ extra: { from_variable: ingressPolicy("pay", "payments", selector, 9090) } });
    expect(resultsWith(model, ztGraph001, "unknown").map((r) => r.address)).toEqual(["kubernetes_manifest.from_variable"]);
  });
});
