import { mkdtempSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { KubernetesServices } from "../../constructs/kubernetes";
import { MeshPolicies } from "../../constructs/mesh";
import { evaluate } from "../../policies/engine/evaluate";
import { loadInputs } from "../../policies/engine/input";
import { Report } from "../../policies/engine/types";
import { zeroTrustPack } from "../../policies/packs";
import { synthModel } from "../support/rules";
import { GRAPH, OPTIONS, WORKLOADS } from "./fixtures";

/** One Kubernetes stack with the graph's workloads (KubernetesServices, with sidecars) and their mesh settings (MeshPolicies). */
function kubernetesStack(): { stack: TerraformStack; services: KubernetesServices; mesh: MeshPolicies } {
  const stack = new TerraformStack(Testing.app(), "k8s");
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
  const services = new KubernetesServices(stack, "services", { graph: GRAPH, workloads: WORKLOADS, cidrs: { ledger: ["10.0.32.0/20"], internet: ["0.0.0.0/0"] }, vpcCidr: "10.0.0.0/16", istio: {} });
  const mesh = new MeshPolicies(stack, "mesh", { graph: GRAPH, workloads: WORKLOADS, ...OPTIONS });
  return { stack, services, mesh };
}

/** The ZT-MESH rules that passed, with the number of resources each passed. */
function meshPasses(report: Report): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of report.results) if (r.ruleId.startsWith("ZT-MESH") && r.status === "pass") out[r.ruleId] = (out[r.ruleId] ?? 0) + 1;
  return out;
}

/**
 * Every ZT-MESH rule, with the number of resources it passes: the mesh manifests, and the two namespaces, which join
 * the mesh through their injection label (STRICT mTLS, allow-nothing and REGISTRY_ONLY there).
 */
const MESH_PASSES = { "ZT-MESH-001": 3, "ZT-MESH-002": 2, "ZT-MESH-003": 5, "ZT-MESH-004": 2, "ZT-MESH-005": 2, "ZT-MESH-006": 2, "ZT-MESH-007": 2, "ZT-MESH-008": 1 };

describe("MeshPolicies beside KubernetesServices in one Kubernetes stack", () => {
  test("the zero-trust pack finds nothing in the stack and judges every mesh manifest", () => {
    const report = evaluate(synthModel(kubernetesStack().stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(meshPasses(report)).toEqual(MESH_PASSES);
  });

  test("both write their YAML into one folder without a clash, and the pack judges the folder the same way", () => {
    const dir = mkdtempSync(join(tmpdir(), "ztb-mesh-gitops-"));
    try {
      const { services, mesh } = kubernetesStack();
      services.writeYaml(dir);
      mesh.writeYaml(dir);
      expect(readdirSync(dir).sort()).toEqual([...services.toYaml().keys(), ...mesh.toYaml().keys()].sort());
      const report = evaluate(loadInputs([dir]), zeroTrustPack.rules);
      expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
      expect(meshPasses(report)).toEqual(MESH_PASSES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
