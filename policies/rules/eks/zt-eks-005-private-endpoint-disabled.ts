import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztEks005 = defineRule({
  id: "ZT-EKS-005",
  title: "EKS cluster API endpoint has no private access",
  severity: "low",
  domain: "eks",
  rationale:
    "Without private endpoint access, nodes and in-VPC clients reach the Kubernetes API over the public " +
    "endpoint, so the public endpoint cannot be turned off or narrowed without breaking the cluster. Enabling " +
    "private access is the prerequisite for removing internet exposure. It defaults to false.",
  remediation: "Set vpc_config.endpoint_private_access = true on the aws_eks_cluster.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-7", "AC-17"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r) {
    const v = r.get("vpc_config.endpoint_private_access");
    if (v.kind === "unknown") return unknown("endpoint_private_access is computed at apply time");
    if (r.bool("vpc_config.endpoint_private_access") === true) return pass();
    return fail(`endpoint_private_access is ${v.kind === "known" ? String(v.value) : "unset (false)"}`);
  },
});
