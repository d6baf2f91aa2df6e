import { mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { TerraformStack, Testing } from "cdktf";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { parseAllDocuments } from "yaml";
import { MeshManifest, MeshPolicies, meshManifests } from "../../constructs/mesh";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { meshRules } from "../../policies/rules/mesh";
import { packVerdict } from "../identity/harness";
import { synthModel } from "../support/rules";
import { GRAPH, OPTIONS, WORKLOADS, meshStack } from "./fixtures";

type Resources = Record<string, Record<string, { manifest: MeshManifest; provider?: string }>>;

/** The `kubernetes_manifest` resources of a synthesized stack, by name. */
function manifestResources(stack: TerraformStack): Record<string, { manifest: MeshManifest; provider?: string }> {
  return (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource.kubernetes_manifest;
}

/** Failed mesh-rule results of a stack, as `ruleId address`. */
function meshFindings(stack: TerraformStack): string[] {
  return evaluate(synthModel(stack), meshRules)
    .findings.filter((f) => !f.suppressed)
    .map((f) => `${f.ruleId} ${f.address}`);
}

/** The two mesh namespaces of the fixture, injected with sidecars, as the Kubernetes emitter writes them. */
function addNamespaces(stack: TerraformStack): void {
  for (const name of ["web", "orders"]) new NamespaceV1(stack, `ns-${name}`, { metadata: { name, labels: { "istio-injection": "enabled" } } });
}

describe("MeshPolicies", () => {
  test("one kubernetes_manifest per manifest, holding it unchanged, with an id from its kind, namespace and name", () => {
    const { stack, mesh } = meshStack();
    const expected = meshManifests(GRAPH, WORKLOADS, OPTIONS);
    expect(mesh.manifests).toEqual(expected);
    const resources = manifestResources(stack);
    expect(Object.keys(resources)).toHaveLength(expected.length);
    const byId = new Map(Object.values(resources).map((r) => [`${r.manifest.kind}|${r.manifest.metadata.namespace}|${r.manifest.metadata.name}`, r.manifest]));
    for (const m of expected) expect(byId.get(`${m.kind}|${m.metadata.namespace}|${m.metadata.name}`)).toEqual(m);
    // Logical ids come from the construct ids: kind, namespace and name, never a position.
    const ids = Object.keys(resources).map((id) => id.replace(/_[0-9A-F]{8}$/, ""));
    expect(ids).toContain("mesh_sidecar-orders-default");
    expect(ids).toContain("mesh_authorizationpolicy-web-storefront-from-orders");
  });

  test("the manifests go through the provider given", () => {
    const stack = new TerraformStack(Testing.app(), "mesh");
    const provider = new KubernetesProvider(stack, "prod", { alias: "prod", configPath: "~/.kube/config" });
    new MeshPolicies(stack, "mesh", { graph: GRAPH, workloads: WORKLOADS, ...OPTIONS, provider });
    expect(new Set(Object.values(manifestResources(stack)).map((r) => r.provider))).toEqual(new Set(["kubernetes.prod"]));
  });

  test("the zero-trust pack finds nothing in the mesh stack", () => {
    const { stack } = meshStack();
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([]);
    expect(verdict.evaluated).toBeGreaterThan(0);
  });

  test("with the namespaces in the mesh, the mesh rules pass them too (STRICT, allow-nothing, REGISTRY_ONLY)", () => {
    const { stack } = meshStack();
    addNamespaces(stack);
    const results = evaluate(synthModel(stack), meshRules).results.filter((r) => r.address.startsWith("kubernetes_namespace_v1."));
    expect(results.map((r) => `${r.ruleId} ${r.address} ${r.status}`).sort()).toEqual(
      ["ZT-MESH-002", "ZT-MESH-004", "ZT-MESH-006"].flatMap((id) => [`${id} kubernetes_namespace_v1.ns-orders pass`, `${id} kubernetes_namespace_v1.ns-web pass`]),
    );
    expect(meshFindings(stack)).toEqual([]);
    // The edge-facing service's token is required: ZT-MESH-008 passes its RequestAuthentication.
    const jwt = evaluate(synthModel(stack), meshRules).results.filter((r) => r.ruleId === "ZT-MESH-008");
    expect(jwt.map((r) => `${r.address.replace(/_[0-9A-F]{8}$/, "")} ${r.status}`)).toEqual(["kubernetes_manifest.mesh_requestauthentication-web-storefront-jwt pass"]);
  });

  test.each([
    ["PeerAuthentication", "web", "default", (s: Record<string, unknown>) => void (s.mtls = { mode: "PERMISSIVE" }), ["ZT-MESH-001", "ZT-MESH-002"]],
    ["AuthorizationPolicy", "orders", "orders-from-storefront", (s: Record<string, unknown>) => void ((s.rules as { from: unknown }[])[0].from = [{ source: { principals: ["*"] } }]), ["ZT-MESH-003"]],
    ["AuthorizationPolicy", "web", "allow-nothing", (s: Record<string, unknown>) => void (s.rules = [{}]), ["ZT-MESH-003", "ZT-MESH-004"]],
    ["Sidecar", "orders", "default", (s: Record<string, unknown>) => void (s.outboundTrafficPolicy = { mode: "ALLOW_ANY" }), ["ZT-MESH-005", "ZT-MESH-006"]],
    ["AuthorizationPolicy", "web", "storefront-from-token-holders", (s: Record<string, unknown>) => void (s.rules = [{ from: [{ source: { principals: ["cluster.local/ns/orders/sa/orders-api"] } }] }]), ["ZT-MESH-008"]],
    ["DestinationRule", "web", "storefront-istio-mutual", (s: Record<string, unknown>) => void (s.trafficPolicy = { tls: { mode: "DISABLE" } }), ["ZT-MESH-007"]],
  ])("an insecure twin of %s %s/%s fails the mesh rules", (kind, namespace, name, edit, ids) => {
    const stack = new TerraformStack(Testing.app(), "twin");
    addNamespaces(stack);
    for (const m of meshManifests(GRAPH, WORKLOADS, OPTIONS)) {
      const spec = structuredClone(m.spec) as Record<string, unknown>;
      const target = m.kind === kind && m.metadata.namespace === namespace && m.metadata.name === name;
      if (target) edit(spec);
      new Manifest(stack, `${m.kind}-${m.metadata.namespace}-${m.metadata.name}`, { manifest: { ...m, spec } });
    }
    expect([...new Set(meshFindings(stack).map((f) => f.split(" ")[0]))].sort()).toEqual(ids);
    expect(evaluate(synthModel(stack), zeroTrustPack.rules).findings.some((f) => f.ruleId === ids[0])).toBe(true);
  });
});

describe("MeshPolicies YAML for GitOps", () => {
  test("one file per namespace whose documents parse back to its manifests, in order", () => {
    const { mesh } = meshStack();
    const files = mesh.toYaml();
    expect([...files.keys()]).toEqual(["istio-istio-system.yaml", "istio-orders.yaml", "istio-web.yaml"]);
    for (const ns of ["istio-system", "orders", "web"]) {
      const docs = parseAllDocuments(files.get(`istio-${ns}.yaml`)!).map((d) => d.toJS() as MeshManifest);
      expect(docs).toEqual(mesh.manifests.filter((m) => m.metadata.namespace === ns));
    }
    expect(files.get("istio-istio-system.yaml")).toBe("apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n");
    expect(meshStack().mesh.toYaml()).toEqual(files);
  });

  test("writeYaml writes those files and returns their paths", () => {
    const { mesh } = meshStack();
    const dir = join(mkdtempSync(join(tmpdir(), "ztb-mesh-")), "gitops", "istio");
    try {
      const written = mesh.writeYaml(dir);
      expect(written).toEqual(["istio-istio-system.yaml", "istio-orders.yaml", "istio-web.yaml"].map((f) => join(dir, f)));
      expect(readdirSync(dir).sort()).toEqual(["istio-istio-system.yaml", "istio-orders.yaml", "istio-web.yaml"]);
      for (const [file, text] of mesh.toYaml()) expect(readFileSync(join(dir, file), "utf8")).toBe(text);
    } finally {
      rmSync(join(dir, "..", ".."), { recursive: true, force: true });
    }
  });
});
