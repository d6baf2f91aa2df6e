import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { parseAllDocuments } from "yaml";
import { KubernetesServices, KubernetesServicesProps, kubernetesManifests, manifestsToYaml } from "../../constructs/kubernetes";
import { expectInvalid } from "../core/validation-error";
import { evaluate } from "../../policies/engine/evaluate";
import { loadInputs } from "../../policies/engine/input";
import { zeroTrustPack } from "../../policies/packs";
import { synthModel } from "../support/rules";
import { THREE_SERVICE_OPTIONS, threeServiceGraph, threeServiceWorkloads } from "./fixtures";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Kubernetes stack (no AWS provider) holding the three-service workloads. */
function kubernetesStack(props: Partial<KubernetesServicesProps> = {}): { stack: TerraformStack; services: KubernetesServices; provider: KubernetesProvider } {
  const stack = new TerraformStack(Testing.app(), "kubernetes");
  const provider = new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config", alias: "cluster" });
  const services = new KubernetesServices(stack, "services", { graph: threeServiceGraph(), workloads: threeServiceWorkloads(), ...THREE_SERVICE_OPTIONS, provider, ...props });
  return { stack, services, provider };
}

function synthesized(stack: TerraformStack): Obj {
  return JSON.parse(Testing.synth(stack)) as Obj;
}

describe("KubernetesServices", () => {
  test("emits one kubernetes_manifest per manifest, holding the manifest as written, on the given provider", () => {
    const { stack, services } = kubernetesStack();
    const json = synthesized(stack);
    const resources = json.resource.kubernetes_manifest as Record<string, Obj>;
    // terraform_data.ztb_service_graph carries the graph with scope "kubernetes", for the pack's service-graph rules.
    expect(Object.keys(json.resource).sort()).toEqual(["kubernetes_default_service_account_v1", "kubernetes_manifest", "terraform_data"]);
    expect(JSON.parse((json.resource.terraform_data as Record<string, Obj>).ztb_service_graph.input as string).scope).toBe("kubernetes");
    expect(services.manifests).toEqual(kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), THREE_SERVICE_OPTIONS));
    const key = (m: Obj) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`;
    const sorted = (list: readonly Obj[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const asManifests = services.manifests.filter((m) => !(m.kind === "ServiceAccount" && m.metadata.name === "default"));
    expect(Object.keys(resources)).toHaveLength(asManifests.length);
    expect(sorted(Object.values(resources).map((r) => r.manifest))).toEqual(sorted(asManifests));
    for (const r of Object.values(resources)) expect(r.provider).toBe("kubernetes.cluster");
  });

  test("each namespace's default ServiceAccount, which Kubernetes creates itself, is adopted by kubernetes_default_service_account_v1 without token automount", () => {
    const { stack } = kubernetesStack();
    const accounts = Object.values(synthesized(stack).resource.kubernetes_default_service_account_v1 as Record<string, Obj>);
    expect(accounts.map((a) => ({ ...a, depends_on: undefined }))).toEqual([
      { metadata: { namespace: "shop", labels: { "app.kubernetes.io/part-of": "zt-platform" } }, automount_service_account_token: false, provider: "kubernetes.cluster" },
      { metadata: { namespace: "web", labels: { "app.kubernetes.io/part-of": "zt-platform" } }, automount_service_account_token: false, provider: "kubernetes.cluster" },
    ]);
  });

  test("namespaced objects wait for their Namespace, and a Deployment also for its account, quota, limits and the namespace's policies", () => {
    const { stack, services } = kubernetesStack();
    const ref = (key: string) => `${services.resources.get(key)!.terraformResourceType}.${stack.getLogicalId(services.resources.get(key)!)}`;
    const json = synthesized(stack);
    const dependsOn = (key: string) => {
      const r = services.resources.get(key)!;
      return json.resource[r.terraformResourceType][stack.getLogicalId(r)].depends_on as string[] | undefined;
    };
    expect(dependsOn("Namespace/shop")).toBeUndefined();
    expect(dependsOn("ServiceAccount/shop/default")).toEqual([ref("Namespace/shop")]);
    expect(dependsOn("NetworkPolicy/shop/orders-from-storefront")).toEqual([ref("Namespace/shop")]);
    expect(dependsOn("Service/shop/orders")).toEqual([ref("Namespace/shop")]);
    expect(dependsOn("Deployment/shop/orders")).toEqual(
      ["Namespace/shop", "ResourceQuota/shop/quota", "LimitRange/shop/limits", "NetworkPolicy/shop/default-deny", "NetworkPolicy/shop/allow-dns-to-kube-dns", "NetworkPolicy/shop/allow-eks-pod-identity-agent", "ServiceAccount/shop/orders-api"].map(ref),
    );
  });

  test("construct ids come from kind, namespace and name, so addresses stay put when other services change", () => {
    const { stack, services } = kubernetesStack();
    const ids = [...services.resources.values()].map((r) => r.node.id);
    expect(ids).toContain("namespace-shop");
    expect(ids).toContain("deployment-shop-orders");
    expect(ids).toContain("networkpolicy-web-storefront-to-orders-s3-vpc-endpoints");
    const graph = threeServiceGraph();
    const ordersOnly = kubernetesStack({
      workloads: threeServiceWorkloads().filter((w) => w.service === "orders"),
      graph: { ...graph, edges: graph.edges.filter((e) => e.from !== "storefront" && e.to !== "storefront") },
    });
    const address = (s: TerraformStack, k: KubernetesServices) => s.getLogicalId(k.resources.get("Deployment/shop/orders")!);
    expect(address(ordersOnly.stack, ordersOnly.services)).toBe(address(stack, services));
    expect(Object.keys(synthesized(stack).resource.kubernetes_manifest)).toContain(address(stack, services));
  });

  test("validates the manifests before emitting, and attributes errors to the construct", () => {
    const stack = new TerraformStack(Testing.app(), "kubernetes");
    const error = expectInvalid(
      () => new KubernetesServices(stack, "services", { graph: threeServiceGraph(), workloads: threeServiceWorkloads().map((w) => ({ ...w, image: "orders:latest" })), ...THREE_SERVICE_OPTIONS }),
      "workloads[0].image",
      "is not pinned by digest",
    );
    expect(error.message).toMatch(/^KubernetesServices "services": /);
    expect(error.path).toBe("kubernetes/services");
    expect(stack.node.tryFindChild("services")).toBeUndefined();
  });

  test("gives the namespace and ServiceAccount of each service for its Pod Identity association", () => {
    const { services } = kubernetesStack();
    expect([...services.podIdentityTargets()]).toEqual([
      ["storefront", { namespace: "web", serviceAccount: "storefront" }],
      ["orders", { namespace: "shop", serviceAccount: "orders-api" }],
    ]);
  });

  test("writes one YAML file per namespace that parses back to the same manifests, in order", () => {
    const { services } = kubernetesStack();
    const files = services.toYaml();
    expect([...files.keys()]).toEqual(["shop.yaml", "web.yaml"]);
    const parsed = [...files.values()].flatMap((text) => parseAllDocuments(text, { version: "1.1" }).map((d) => d.toJS() as Obj));
    const byNamespace = (ns: string) => services.manifests.filter((m) => (m.metadata.namespace ?? m.metadata.name) === ns);
    expect(parsed).toEqual([...byNamespace("shop"), ...byNamespace("web")]);
    expect(files.get("shop.yaml")!.startsWith("apiVersion: v1\nkind: Namespace\n")).toBe(true);
  });

  test("YAML text is deterministic, free of anchors, and quotes strings YAML 1.1 tools would read as booleans", () => {
    const { services } = kubernetesStack();
    const text = services.toYaml().get("shop.yaml")!;
    expect(manifestsToYaml(kubernetesManifests(threeServiceGraph(), threeServiceWorkloads(), THREE_SERVICE_OPTIONS)).get("shop.yaml")).toBe(text);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text).toContain('value: "on"');
  });

  test("writeYaml writes the files into a folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "ztb-k8s-"));
    try {
      const { services } = kubernetesStack();
      const out = join(dir, "gitops");
      expect(services.writeYaml(out)).toEqual([join(out, "shop.yaml"), join(out, "web.yaml")]);
      expect(readdirSync(out)).toEqual(["shop.yaml", "web.yaml"]);
      expect(readFileSync(join(out, "web.yaml"), "utf8")).toBe(services.toYaml().get("web.yaml"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the pack judges the synthesized stack's manifests with its Kubernetes rules and finds nothing", () => {
    const { stack } = kubernetesStack();
    const report = evaluate(synthModel(stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    const passed = new Set(report.results.filter((r) => r.status === "pass").map((r) => r.ruleId));
    // Namespaces (PSA, default deny, DNS), workloads (every container rule), accounts (token automount), coverage.
    for (const id of ["ZT-K8S-001", "ZT-K8S-002", "ZT-K8S-003", "ZT-K8S-005", "ZT-K8S-006", "ZT-K8S-007", "ZT-K8S-009", "ZT-K8S-010", "ZT-K8S-011", "ZT-K8S-012", "ZT-K8S-014", "ZT-K8S-018"]) {
      expect(passed).toContain(id);
    }
  });

  test("the pack judges the YAML folder the same way", () => {
    const dir = mkdtempSync(join(tmpdir(), "ztb-k8s-"));
    try {
      kubernetesStack().services.writeYaml(dir);
      const report = evaluate(loadInputs([dir]), zeroTrustPack.rules);
      expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
      expect(report.results.filter((r) => r.ruleId === "ZT-K8S-001" && r.status === "pass")).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
