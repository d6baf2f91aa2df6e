import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { rulesOfGroup } from "./_security-group-rules";

export const ztNet004 = defineRule({
  id: "ZT-NET-004",
  title: "Default security group of a VPC allows traffic",
  severity: "medium",
  domain: "network",
  rationale:
    "Resources launched without an explicit security group land in the VPC's default group, which AWS creates allowing all traffic between its members and all egress. That is implicit trust by network location; zero trust needs the default to deny everything so every flow comes from a deliberately written rule.",
  remediation:
    "Declare an aws_default_security_group for every VPC with no ingress and no egress blocks (Terraform then removes AWS's default rules) and attach no aws_security_group_rule / aws_vpc_security_group_*_rule to it; give each workload its own security group.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
    cis: ["5.4"],
    checkov: ["CKV2_AWS_12"],
    cdkNag: ["NIST.800.53.R5-VPCDefaultSecurityGroupClosed"],
    securityHub: ["EC2.2"],
  },
  resourceTypes: ["aws_vpc", "aws_default_security_group"],
  check(resource, model) {
    if (resource.type === "aws_vpc") {
      // Without an aws_default_security_group the group keeps AWS's default allow rules.
      if (model.referrers(resource, "aws_default_security_group", "vpc_id").length > 0) return pass();
      return fail(
        "no aws_default_security_group manages this VPC's default security group, so it keeps AWS's default rules (all traffic between members, all egress)",
        "DefaultSecurityGroup",
      );
    }
    const set = rulesOfGroup(resource, model);
    const out: Outcome[] = set.rules.map((r) =>
      fail(`${r.label} adds an ${r.direction} rule to the default security group`, `${r.direction === "ingress" ? "Ingress" : "Egress"}::${r.key}`),
    );
    if (out.length === 0 && set.unreadable.length > 0) out.push(unknown(set.unreadable.map((u) => u.text).join("; ")));
    return out.length > 0 ? out : pass();
  },
});
