import { defineRule } from "../../engine/outcome";
import { actionMatches } from "../../engine/policy-document";
import { PASS_ROLE_ACTION as PASS_ROLE } from "../../shared/iam-actions";
import { Finding, IDENTITY_POLICY_TYPES, NO_FINDINGS, judgeAllowOnEveryResource } from "./_policies";

export const ztIam003 = defineRule({
  id: "ZT-IAM-003",
  title: "IAM policy allows iam:PassRole on every role",
  severity: "high",
  domain: "identity",
  rationale:
    "iam:PassRole on Resource \"*\" lets the identity hand any role in the account, administrators included, to a service it controls (EC2, Lambda, ECS) and act with that role's permissions: a direct privilege escalation path around least privilege.",
  remediation:
    "Scope iam:PassRole to the ARNs of the specific roles the workload must pass and add an `iam:PassedToService` condition; avoid `iam:*` and `iam:Pass*` on `*`.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-6(10)"],
    checkov: ["CKV_AWS_286"],
    cdkNag: ["AwsSolutions-IAM5"],
  },
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, model) {
    return judgeAllowOnEveryResource(resource, model, (s, label) => {
      let out: Finding[] | undefined;
      const actions = s.actions ?? [];
      for (let i = 0; i < actions.length; i++) {
        const action = actions[i];
        if (actionMatches(action, PASS_ROLE)) {
          (out ??= []).push({ item: `Action::${action}`, message: `statement ${label} allows "${action}" (iam:PassRole) on every resource` });
        }
      }
      const notActions = s.notActions;
      if (notActions && !notActions.some((a) => actionMatches(a, PASS_ROLE))) {
        (out ??= []).push({ item: `NotAction::${label}`, message: `statement ${label} uses NotAction without excluding iam:PassRole, so it allows iam:PassRole on every resource` });
      }
      return out ?? NO_FINDINGS;
    });
  },
});
