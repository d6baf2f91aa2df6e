import { defineRule } from "../../engine/outcome";
import { IDENTITY_POLICY_TYPES, NO_FINDINGS, isFullWildcard, judgeAllowOnEveryResource } from "./_policies";

export const ztIam001 = defineRule({
  id: "ZT-IAM-001",
  title: "IAM policy grants full administrative access (\"*\" on \"*\")",
  severity: "critical",
  domain: "identity",
  rationale:
    "A statement that allows every action on every resource turns one compromised identity into control of the whole account. Zero trust grants each identity only the access its task needs, per resource.",
  remediation:
    "Replace the `*` action with the specific actions the workload calls and scope `Resource` to the ARNs it uses; grant workloads their permissions through the ZT Blueprint ServiceIdentity construct instead of hand-written admin policies.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-6(10)", "AC-3"],
    cis: ["1.16"],
    checkov: ["CKV_AWS_1", "CKV_AWS_62", "CKV_AWS_63"],
    cdkNag: ["AwsSolutions-IAM5", "NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess"],
    securityHub: ["IAM.1"],
  },
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, model) {
    return judgeAllowOnEveryResource(resource, model, (s, label) => {
      const admin = (s.actions ?? []).find(isFullWildcard);
      if (admin === undefined) return NO_FINDINGS;
      return [{ item: `Action::${admin}`, message: `statement ${label} allows action "${admin}" on every resource` }];
    });
  },
});
