import { ztCmp002 } from "../../../policies/rules/compute/zt-cmp-002-imds-hop-limit";
import { ztEks010 } from "../../../policies/rules/eks/zt-eks-010-node-credentials-reachable-from-pods";
import { configModel, expectRule, resultsOf } from "../../support/rules";

const AMI = "ami-0123456789abcdef0";
const template = (hops: number) => ({ image_id: AMI, instance_type: "t3.micro", metadata_options: { http_tokens: "required", http_put_response_hop_limit: hops } });
const nodeGroup = (launchTemplate: Record<string, unknown>) => ({
  cluster_name: "c",
  node_group_name: "n",
  node_role_arn: "arn:aws:iam::111122223333:role/node",
  subnet_ids: ["subnet-0123456789abcdef0"],
  scaling_config: { desired_size: 1, min_size: 1, max_size: 1 },
  launch_template: { ...launchTemplate, version: "1" },
});

describe("ZT-CMP-002 and EKS node templates", () => {
  const model = configModel({
    resource: {
      aws_launch_template: { node_by_id: { ...template(3), name: "node-by-id" }, node_by_name: { ...template(4), name: "node-by-name" }, host: template(3), host_two: template(2) },
      aws_eks_node_group: {
        by_id: nodeGroup({ id: "${aws_launch_template.node_by_id.id}" }),
        by_name: nodeGroup({ name: "node-by-name" }),
      },
    },
  });

  it("leaves the launch templates of EKS node groups to ZT-EKS-010 and keeps judging other hosts' templates", () => {
    expectRule(ztCmp002, model, { fail: ["aws_launch_template.host"], pass: ["aws_launch_template.host_two"], unknown: [] });
    const mine = resultsOf(ztCmp002, model).map((r) => r.address);
    expect(mine).not.toContain("aws_launch_template.node_by_id");
    expect(mine).not.toContain("aws_launch_template.node_by_name");
  });

  it("reports the node templates' hop limit once, on the node group", () => {
    const hops = resultsOf(ztEks010, model).filter((r) => r.item === "HopLimit");
    expect(hops.map((r) => `${r.address}:${r.status}:${r.message}`)).toEqual([
      "aws_eks_node_group.by_id:fail:launch template aws_launch_template.node_by_id sets http_put_response_hop_limit = 3, so pods (one hop from the node) can fetch IMDSv2 tokens",
      "aws_eks_node_group.by_name:fail:launch template aws_launch_template.node_by_name sets http_put_response_hop_limit = 4, so pods (one hop from the node) can fetch IMDSv2 tokens",
    ]);
  });
});
