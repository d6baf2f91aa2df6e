import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluate } from "../../../policies/engine/evaluate";
import { InputError, loadInputs } from "../../../policies/engine/input";
import { manifestOrigin, snakeCase, toTypedShape, typedTypeOf } from "../../../policies/engine/manifests";
import { Model } from "../../../policies/engine/model";
import { ztK8s009 } from "../../../policies/rules/kubernetes/zt-k8s-009-service-account-token-automount";
import { ztK8s011 } from "../../../policies/rules/kubernetes/zt-k8s-011-image-not-pinned-by-digest";
import { ztK8s013 } from "../../../policies/rules/kubernetes/zt-k8s-013-default-namespace";
import { ztK8s014 } from "../../../policies/rules/kubernetes/zt-k8s-014-pod-not-covered-by-network-policy";
import { configModel, planModel, resultsOf } from "../../support/rules";
import { ztb } from "../cli/helpers";

const DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

const deployment = (namespace: string | undefined, image: string) =>
  [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    ...(namespace === undefined ? [] : [`  namespace: ${namespace}`]),
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: app",
    `          image: ${image}`,
    "",
  ].join("\n");

function statuses(model: Model, rule: Parameters<typeof resultsOf>[0]): string[] {
  return resultsOf(rule, model).map((r) => `${r.address}:${r.status}`);
}

/** A temporary folder holding `files` (relative path → text), removed once `use` (and the promise it returns) is done. */
async function withFolder(files: Record<string, string>, use: (dir: string) => unknown): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-yaml-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    await use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("manifest shapes", () => {
  it("spells manifest fields as the typed provider does", () => {
    expect(["runAsNonRoot", "hostPID", "hostIPC", "nonResourceURLs", "apiVersion", "fsGroup", "name"].map(snakeCase)).toEqual([
      "run_as_non_root",
      "host_pid",
      "host_ipc",
      "non_resource_urls",
      "api_version",
      "fs_group",
      "name",
    ]);
  });

  it("reads core kinds of the core API groups as typed resources, and nothing else", () => {
    expect(typedTypeOf("apps/v1", "Deployment")).toBe("kubernetes_deployment_v1");
    expect(typedTypeOf("v1", "Namespace")).toBe("kubernetes_namespace_v1");
    expect(typedTypeOf("networking.k8s.io/v1", "NetworkPolicy")).toBe("kubernetes_network_policy_v1");
    expect(typedTypeOf("extensions/v1beta1", "DaemonSet")).toBe("kubernetes_daemon_set_v1");
    expect(typedTypeOf("apps/v1beta2", "ReplicaSet")).toBe("kubernetes_replication_controller_v1");
    expect(typedTypeOf("example.com/v1", "Deployment")).toBeUndefined();
    expect(typedTypeOf("security.istio.io/v1", "AuthorizationPolicy")).toBeUndefined();
    expect(typedTypeOf(undefined, "Pod")).toBeUndefined();
  });

  it("keeps maps as written, renames list fields to block names, and keeps a NetworkPolicy's ports", () => {
    const pod = toTypedShape(
      {
        metadata: { labels: { myLabel: "x", "app.kubernetes.io/name": "web" } },
        spec: { nodeSelector: { diskType: "ssd" }, containers: [{ name: "a", ports: [{ containerPort: 80 }], resources: { limits: { cpu: "1" } } }] },
      },
      "Pod",
    );
    expect(pod).toEqual({
      metadata: { labels: { myLabel: "x", "app.kubernetes.io/name": "web" } },
      spec: { node_selector: { diskType: "ssd" }, container: [{ name: "a", port: [{ container_port: 80 }], resources: { limits: { cpu: "1" } } }] },
    });
    expect(toTypedShape({ spec: { selector: { appName: "web" }, ports: [{ targetPort: 8080 }] } }, "Service")).toEqual({
      spec: { selector: { appName: "web" }, port: [{ target_port: 8080 }] },
    });
    expect(toTypedShape({ spec: { egress: [{ ports: [{ port: 53 }] }] } }, "NetworkPolicy")).toEqual({ spec: { egress: [{ ports: [{ port: 53 }] }] } });
  });
});

describe("kubernetes_manifest", () => {
  it("keeps an Istio or custom resource as a kubernetes_manifest, and a manifest computed at apply time as it is", () => {
    const model = configModel({
      resource: {
        kubernetes_manifest: {
          pa: { manifest: { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "a", namespace: "x" }, spec: {} } },
          computed: { manifest: "${yamldecode(file(\"app.yaml\"))}" },
          deployment: { manifest: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "x" }, spec: {} } },
        },
      },
    });
    expect(model.resources.map((r) => `${r.address}:${r.type}:${manifestOrigin(r)?.kind ?? "-"}`)).toEqual([
      "kubernetes_manifest.pa:kubernetes_manifest:-",
      "kubernetes_manifest.computed:kubernetes_manifest:-",
      "kubernetes_manifest.deployment:kubernetes_deployment_v1:Deployment",
    ]);
  });

  it("resolves a namespace named by reference to a kubernetes_manifest of kind Namespace", () => {
    const ns = "${kubernetes_manifest.apps.manifest.metadata.name}";
    const model = configModel({
      resource: {
        kubernetes_manifest: {
          apps: { manifest: { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } } },
          deny: { manifest: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny", namespace: ns }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } } },
          web: { manifest: { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: ns }, spec: { containers: [{ name: "a" }] } } },
        },
      },
    });
    expect(statuses(model, ztK8s013)).toEqual(["kubernetes_manifest.web:pass"]);
    expect(statuses(model, ztK8s014)).toEqual(["kubernetes_manifest.web:pass"]);
  });

  it("carries the suppressions of the kubernetes_manifest to the resource it is read as", () => {
    const model = configModel({
      resource: {
        kubernetes_manifest: {
          web: {
            manifest: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { template: { spec: { containers: [{ name: "a", image: `r/app@${DIGEST}` }] } } } },
            "//": { ztb: { suppressions: [{ id: "ZT-K8S-013", reason: "the cluster has one tenant and no other namespace" }] } },
          },
        },
      },
    });
    const [result] = evaluate(model, [ztK8s013]).results;
    expect(result).toMatchObject({ address: "kubernetes_manifest.web", status: "fail", suppressed: true });
  });

  it("reads values a plan leaves unknown until apply as unknown", () => {
    const model = planModel({
      format_version: "1.2",
      resource_changes: [
        {
          address: "kubernetes_manifest.web",
          mode: "managed",
          type: "kubernetes_manifest",
          name: "web",
          change: {
            actions: ["create"],
            after: { manifest: { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "apps" }, spec: { containers: [{ name: "a", image: null }] } } },
            after_unknown: { manifest: { spec: { containers: [{ image: true }] } }, object: true },
          },
        },
      ],
    });
    expect(statuses(model, ztK8s011)).toEqual(["kubernetes_manifest.web:unknown"]);
  });
});

describe("kubectl_manifest", () => {
  const kubectl = (body: Record<string, unknown>) => configModel({ resource: { kubectl_manifest: { web: body } } }, "test");

  it("applies override_namespace to the document", () => {
    const model = kubectl({ yaml_body: deployment(undefined, `r/app@${DIGEST}`), override_namespace: "apps" });
    expect(statuses(model, ztK8s013)).toEqual(["kubectl_manifest.web:pass"]);
    expect(statuses(kubectl({ yaml_body: deployment(undefined, `r/app@${DIGEST}`) }), ztK8s013)).toEqual(["kubectl_manifest.web:fail"]);
  });

  it("reads values interpolated into the body as unknown, and leaves a body an expression makes as it is", () => {
    const interpolated = kubectl({ yaml_body: deployment("${var.namespace}", "${aws_ecr_repository.app.repository_url}:v1") });
    expect(statuses(interpolated, ztK8s013)).toEqual(["kubectl_manifest.web:unknown"]);
    expect(statuses(interpolated, ztK8s011)).toEqual(["kubectl_manifest.web:fail"]);
    const computed = kubectl({ yaml_body: '${file("web.yaml")}' });
    expect(computed.resources.map((r) => r.type)).toEqual(["kubectl_manifest"]);
  });

  it("judges in a plan the body an expression made, known there", () => {
    const model = planModel({
      format_version: "1.2",
      resource_changes: [
        {
          address: "kubectl_manifest.web",
          mode: "managed",
          type: "kubectl_manifest",
          name: "web",
          change: { actions: ["create"], after: { yaml_body: deployment("apps", "r/app:1"), override_namespace: null }, after_unknown: { yaml_body_parsed: true } },
        },
      ],
    });
    expect(model.resources.map((r) => r.type)).toEqual(["kubernetes_deployment_v1"]);
    expect(statuses(model, ztK8s011)).toEqual(["kubectl_manifest.web:fail"]);
    expect(statuses(model, ztK8s013)).toEqual(["kubectl_manifest.web:pass"]);
  });

  it("refuses a body of several documents, or one that is not YAML, as the provider does", () => {
    const two = `${deployment("apps", "a")}---\n${deployment("apps", "b")}`;
    expect(() => kubectl({ yaml_body: two })).toThrow(new InputError("kubectl_manifest.web: yaml_body holds 2 YAML documents; a kubectl_manifest applies exactly one (split them with kubectl_file_documents)"));
    expect(() => kubectl({ yaml_body: "kind: [Deployment" })).toThrow(InputError);
    expect(() => kubectl({ yaml_body: "- a\n- b\n" })).toThrow(/yaml_body: YAML document 0 is not a mapping/);
  });
});

describe("YAML files", () => {
  it("reads every document of every YAML file of a folder, a List as its items, at <Kind>/<namespace>/<name>", async () => {
    const list = ["apiVersion: v1", "kind: List", "items:", "  - apiVersion: v1", "    kind: ServiceAccount", "    metadata: {name: ci}", ""].join("\n");
    await withFolder({ "apps/web.yaml": `---\n${deployment("apps", "r/app:1")}---\n# nothing\n---\n${deployment("apps", "r/app:2")}`, "b.yml": list, "notes.txt": "x" }, (dir) => {
      const model = loadInputs([dir]);
      expect(model.resources.map((r) => `${r.address}:${r.type}:${r.file?.endsWith(".yml") || r.file?.endsWith(".yaml")}:${manifestOrigin(r)?.document}`)).toEqual([
        "ServiceAccount/ci:kubernetes_service_account_v1:true:0",
        "Deployment/apps/web:kubernetes_deployment_v1:true:0",
        "Deployment/apps/web#2:kubernetes_deployment_v1:true:2",
      ]);
      expect(statuses(model, ztK8s009)).toEqual(["Deployment/apps/web:fail", "Deployment/apps/web#2:fail", "ServiceAccount/ci:fail"]);
    });
  });

  it("reads text that looks like a Terraform expression as text", async () => {
    await withFolder({ "web.yaml": deployment("apps", "${IMAGE}") }, (dir) => {
      const model = loadInputs([path.join(dir, "web.yaml")]);
      expect(resultsOf(ztK8s011, model).map((r) => `${r.status}:${r.message}`)).toEqual(['fail:container "app": image "${IMAGE}" has no tag (implicitly :latest) and no @sha256 digest']);
    });
  });

  it("stops the check with exit 2 on YAML that cannot be read", async () => {
    await withFolder({ "bad.yaml": "kind: [Deployment\n", "scalar.yaml": "just text\n" }, async (dir) => {
      const bad = await ztb(["check", path.join(dir, "bad.yaml")]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/bad\.yaml: not readable YAML/);
      const scalar = await ztb(["check", path.join(dir, "scalar.yaml")]);
      expect(scalar.code).toBe(2);
      expect(scalar.stderr).toMatch(/scalar\.yaml: YAML document 0 is not a mapping/);
      const folder = await ztb(["check", dir, "--only", "ZT-K8S-011"]);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toMatch(/bad\.yaml: not readable YAML/);
    });
  });

  it("checks a YAML file with ztb check, findings at the document's address", async () => {
    await withFolder({ "web.yaml": deployment("apps", "r/app:1") }, async (dir) => {
      const run = await ztb(["check", path.join(dir, "web.yaml"), "--only", "ZT-K8S-011", "--format", "json"]);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { findings: { ruleId: string; address: string }[] };
      expect(report.findings.map((f) => `${f.ruleId}:${f.address}`)).toEqual(["ZT-K8S-011:Deployment/apps/web"]);
    });
  });
});
