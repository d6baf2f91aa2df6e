import { defineRule } from "../../engine/outcome";
import { Finding, IDENTITY_POLICY_TYPES, NO_FINDINGS, isServiceWildcard, judgeAllowOnEveryResource } from "./_policies";

export const ztIam002 = defineRule({
  id: "ZT-IAM-002",
  title: "IAM policy grants every action of a service on all resources (e.g. \"s3:*\" on \"*\")",
  severity: "medium",
  domain: "identity",
  rationale:
    "A service-wide wildcard on all resources hands out administrative power over that service (deleting buckets, rewriting key policies) that no single workload needs. Zero trust limits each identity to named actions on named resources. Narrower than Security Hub IAM.21, which flags a service-wide wildcard on any resource: this rule judges it on every resource, ZT-IAM-019 on named resources.",
  remediation:
    "List the individual actions the workload uses (e.g. `s3:GetObject`) and scope `Resource` to the ARNs it touches; the ZT Blueprint ServiceIdentity construct takes explicit grants per resource.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-3"],
    checkov: ["CKV_AWS_355", "CKV_AWS_290"],
    cdkNag: ["AwsSolutions-IAM5", "NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess"],
    securityHub: ["IAM.21"],
  },
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, model) {
    return judgeAllowOnEveryResource(resource, model, (s, label) => {
      let out: Finding[] | undefined;
      const actions = s.actions ?? [];
      for (let i = 0; i < actions.length; i++) {
        const action = actions[i];
        if (!isServiceWildcard(action)) continue;
        (out ??= []).push({ item: `Action::${action}`, message: `statement ${label} allows every "${action.split(":")[0]}" action ("${action}") on every resource` });
      }
      return out ?? NO_FINDINGS;
    });
  },
});
