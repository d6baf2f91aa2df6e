import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadInputs } from "../../../policies/engine/input";
import { withLocations } from "../../../policies/engine/locations";
import { loadManifestYaml } from "../../../policies/engine/manifests";
import { evaluate } from "../../../policies/engine/evaluate";
import { Model } from "../../../policies/engine/model";
import { ztK8s009 } from "../../../policies/rules/kubernetes/zt-k8s-009-service-account-token-automount";
import { ztK8s011 } from "../../../policies/rules/kubernetes/zt-k8s-011-image-not-pinned-by-digest";
import { ztK8s013 } from "../../../policies/rules/kubernetes/zt-k8s-013-default-namespace";
import { ztK8s016 } from "../../../policies/rules/kubernetes/zt-k8s-016-binding-to-all-users";
import { ztK8s020 } from "../../../policies/rules/kubernetes/zt-k8s-020-host-path-volume";
import { ztK8s021 } from "../../../policies/rules/kubernetes/zt-k8s-021-service-exposed-outside-cluster";
import { ztMesh003 } from "../../../policies/rules/mesh/zt-mesh-003-authorization-policy-allows-any-caller";
import { configModel, resultsOf } from "../../support/rules";
import { ztb } from "../cli/helpers";

const DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

/** Two documents and a List; the comments name each line's number. */
const ORDERS = [
  "# orders", // 1
  "---", // 2
  "apiVersion: apps/v1", // 3
  "kind: Deployment", // 4
  "metadata:", // 5
  "  name: orders", // 6
  "spec:", // 7
  "  template:", // 8
  "    spec:", // 9
  "      initContainers:", // 10
  "        - name: migrate", // 11
  `          image: r/migrate@${DIGEST}`, // 12
  "      containers:", // 13
  `        - image: r/orders@${DIGEST}`, // 14
  "          name: orders", // 15
  "        - name: sidecar", // 16
  "          image: r/sidecar:1", // 17
  "      volumes:", // 18
  "        - name: docker", // 19
  "          hostPath: {path: /var/run/docker.sock}", // 20
  "---", // 21
  "apiVersion: v1", // 22
  "kind: List", // 23
  "items:", // 24
  "  - apiVersion: v1", // 25
  "    kind: ServiceAccount", // 26
  "    metadata: {name: ci, namespace: apps}", // 27
  "  - apiVersion: rbac.authorization.k8s.io/v1", // 28
  "    kind: ClusterRoleBinding", // 29
  "    metadata: {name: everyone}", // 30
  "    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}", // 31
  "    subjects:", // 32
  "      - {kind: ServiceAccount, name: ci, namespace: apps}", // 33
  "      - kind: Group", // 34
  "        name: system:authenticated", // 35
  "        apiGroup: rbac.authorization.k8s.io", // 36
  "---", // 37
  "apiVersion: security.istio.io/v1", // 38
  "kind: AuthorizationPolicy", // 39
  "metadata: {name: orders, namespace: apps}", // 40
  "spec:", // 41
  "  action: ALLOW", // 42
  "  rules:", // 43
  "    - to: [{operation: {methods: [GET]}}]", // 44
  "    - from: [{source: {namespaces: [apps]}}]", // 45
  "",
].join("\n");

/** `address[item] line:column` of each result of `rule` that is not a pass. */
function places(model: Model, rule: Parameters<typeof resultsOf>[0]): string[] {
  return resultsOf(rule, model)
    .filter((r) => r.status !== "pass")
    .map((r) => `${r.address}${r.item === undefined ? "" : `[${r.item}]`} ${r.line}:${r.column}`);
}

describe("findings on YAML manifests carry their line", () => {
  const model = new Model(loadManifestYaml(ORDERS, "k8s", "k8s/orders.yaml"));

  it("a finding on a document points at its first key; one on an item of a List at the item", () => {
    expect(places(model, ztK8s013)).toEqual(["Deployment/orders 3:1"]);
    expect(places(model, ztK8s009)).toEqual(["Deployment/orders 3:1", "ServiceAccount/apps/ci 25:5"]);
  });

  it("a finding on a container, a volume, a subject or a rule points at that entry", () => {
    expect(places(model, ztK8s011)).toEqual(["Deployment/orders[Container::sidecar] 16:11"]);
    expect(places(model, ztK8s020)).toEqual(["Deployment/orders[Volume::docker] 19:11"]);
    expect(places(model, ztK8s016)).toEqual(["ClusterRoleBinding/everyone[Subject::Group/system:authenticated] 34:9"]);
    expect(places(model, ztMesh003)).toEqual(["AuthorizationPolicy/apps/orders[Rule::0] 44:7"]);
  });

  it("an item below a part points at the part; an item the reader cannot place points at the manifest", () => {
    const orders = model.resources.find((r) => r.address === "Deployment/orders")!;
    expect(orders.locate("Container::orders:Env::TOKEN")).toEqual({ line: 14, column: 11 });
    expect(orders.locate("Container::init_container[0]")).toEqual({ line: 3, column: 1 });
    expect(orders.locate("Container::migrate")).toEqual({ line: 11, column: 11 });
    const service = new Model(loadManifestYaml("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n", "k8s", "web.yaml"));
    expect(places(service, ztK8s021)).toEqual(["Service/web[Type::NodePort] 5:9"]);
  });

  it("withLocations keeps them and reads no YAML file again", () => {
    const report = evaluate(model, [ztK8s011, ztK8s013]);
    const read = jest.fn(() => "");
    const located = withLocations(report, read);
    expect(read).not.toHaveBeenCalled();
    expect(located.findings.map((f) => `${f.file}:${f.line}:${f.column}`).sort()).toEqual(["k8s/orders.yaml:16:11", "k8s/orders.yaml:3:1"]);
  });

  it("Terraform carriers of manifests keep the location of their resource in the JSON file", () => {
    const tf = configModel({
      resource: {
        kubernetes_manifest: { web: { manifest: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "apps" } } } },
      },
    });
    expect(resultsOf(ztK8s009, tf).map((r) => `${r.address} ${r.line}`)).toEqual(["kubernetes_manifest.web undefined"]);
  });
});

describe("ztb check on a folder of YAML manifests", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-yaml-lines-"));
  const file = path.join(dir, "k8s", "orders.yaml");
  beforeAll(() => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, ORDERS);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the file and line of each finding in the text report", async () => {
    const run = await ztb(["check", path.join(dir, "k8s"), "--only", "ZT-K8S-011,ZT-K8S-013"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`at ${file}:16:11`);
    expect(run.stdout).toContain(`at ${file}:3:1`);
  });

  it("gives SARIF the line and column as the region of each result", async () => {
    const run = await ztb(["check", path.join(dir, "k8s"), "--only", "ZT-K8S-011", "--format", "sarif"]);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }[] }[] };
    const [location] = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation);
    expect(location.artifactLocation.uri).toMatch(/k8s\/orders\.yaml$/);
    expect(location.region).toEqual({ startLine: 16, startColumn: 11 });
  });

  it("loads the folder's manifests with their lines", () => {
    const model = loadInputs([dir]);
    expect(places(model, ztK8s011)).toEqual(["Deployment/orders[Container::sidecar] 16:11"]);
  });
});
