import { TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { KubernetesServices } from "../../constructs/kubernetes";
import { MeshPolicies } from "../../constructs/mesh";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { synthModel } from "../support/rules";
import { THREE_SERVICE_OPTIONS, threeServiceGraph, threeServiceWorkloads } from "./fixtures";

/** The three-service graph without the gateway edges: the mesh admits no caller from outside it. */
function meshGraph() {
  const graph = threeServiceGraph();
  return { ...graph, edges: graph.edges.filter((e) => e.kind !== "gateway") };
}

function findings(withMesh: boolean): string[] {
  const stack = new TerraformStack(Testing.app(), "kubernetes");
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
  const graph = meshGraph();
  new KubernetesServices(stack, "services", { graph, workloads: threeServiceWorkloads(), ...THREE_SERVICE_OPTIONS, istio: {} });
  if (withMesh) {
    new MeshPolicies(stack, "mesh", {
      graph,
      workloads: threeServiceWorkloads(),
      destinationHosts: { ledger: ["ledger.db.internal.example"], s3: ["s3.eu-west-1.amazonaws.com"], "vpc-endpoints": ["sts.eu-west-1.amazonaws.com"], psp: ["api.psp.example"] },
    });
  }
  const report = evaluate(synthModel(stack), zeroTrustPack.rules);
  return report.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address}`);
}

describe("KubernetesServices with Istio sidecars", () => {
  test("namespaces in the mesh without the mesh settings fail the mesh rules", () => {
    const ids = new Set(findings(false).map((f) => f.split(" ")[0]));
    expect([...ids].sort()).toEqual(["ZT-MESH-002", "ZT-MESH-004", "ZT-MESH-006"]);
  });

  test("together with MeshPolicies of the same graph and workloads, the Kubernetes stack passes the pack", () => {
    expect(findings(true)).toEqual([]);
  });
});
