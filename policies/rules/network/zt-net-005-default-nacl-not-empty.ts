import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { aclEntries } from "./_nacl";

export const ztNet005 = defineRule({
  id: "ZT-NET-005",
  title: "Default network ACL allows traffic",
  severity: "low",
  domain: "network",
  rationale:
    "Every subnet without its own network ACL is governed by the VPC's default ACL, which AWS creates allowing all traffic in both directions. Leaving it open means new subnets start with no subnet-level boundary; zero trust starts from deny and adds explicit allows.",
  remediation:
    "Manage the default ACL with an aws_default_network_acl that has no ingress and no egress blocks (Terraform then removes the allow-all entries, leaving the implicit deny) and associate each subnet with a purpose-built aws_network_acl.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-7", "SC-7(5)"],
  },
  resourceTypes: ["aws_default_network_acl"],
  check(resource, model) {
    // Deny entries only restate the implicit deny; allow entries (inline or aws_network_acl_rule) are findings.
    const set = aclEntries(resource, model);
    const out: Outcome[] = [];
    const entries = set.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const item = `${e.egress ? "Egress" : "Ingress"}::${e.ruleNumber ?? e.label}`;
      if (e.action === "allow") out.push(fail(`${e.label} allows ${e.egress ? "egress" : "ingress"} traffic in the default network ACL`, item));
      else if (e.action === undefined) out.push(unknown(`${e.label} has an action unknown until apply`, item));
    }
    if (out.length === 0 && set.unreadable.length > 0) out.push(unknown(set.unreadable.join("; ")));
    return out.length > 0 ? out : pass();
  },
});
