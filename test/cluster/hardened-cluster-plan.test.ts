import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel } from "../support/rules";
import { planCreatingExactly, plannedAfter } from "../support/terraform";
import { hardenedCluster } from "./fixtures";

type Json = Record<string, unknown>;

describe("HardenedCluster under terraform plan", () => {
  test("a network and a cluster with one node group plan clean, only creates, and the pack passes the plan", async () => {
    const { stack } = hardenedCluster({}, "cluster-plan");
    const { plan } = await planCreatingExactly(stack);

    const after = (type: string) => plannedAfter<Json>(plan, type);
    const [cluster] = after("aws_eks_cluster");
    expect(cluster.vpc_config).toEqual([expect.objectContaining({ endpoint_private_access: true, endpoint_public_access: false })]);
    expect(cluster.access_config).toEqual([{ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false }]);
    expect(cluster.enabled_cluster_log_types).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    expect(cluster.bootstrap_self_managed_addons).toBe(false);
    expect(after("aws_eks_addon").map((a) => [a.addon_name, a.configuration_values ?? null]).sort()).toEqual([
      ["coredns", null],
      ["eks-pod-identity-agent", null],
      ["kube-proxy", null],
      ["vpc-cni", '{"enableNetworkPolicy":"true"}'],
    ]);
    const [template] = after("aws_launch_template");
    expect(template.metadata_options).toEqual([expect.objectContaining({ http_tokens: "required", http_put_response_hop_limit: 1 })]);
    expect(template.key_name ?? null).toBeNull();
    const [group] = after("aws_eks_node_group");
    expect(group.remote_access).toEqual([]);

    const report = evaluate(stackPlanModel(plan as unknown as Json, stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.unknowns.map((u) => `${u.ruleId} ${u.address}: ${u.message}`)).toEqual([]);
  });
});
