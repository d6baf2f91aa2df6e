import { defineRule } from "../../engine/outcome";
import { Statement } from "../../engine/policy-document";
import { Finding, accountRoots, coversResourceType, judgePolicies, narrowingCondition, restrictedBy } from "./_policies";
import { trustPolicy } from "./_trust";

const NARROWING_KEYS = ["sts:ExternalId", "aws:userid"];

/**
 * True when the statement names the trusted identities: an external id or user id condition (see `restrictedBy`), or
 * an `aws:PrincipalArn` condition whose every value names principals rather than every principal of the account or
 * every role (`arn:aws:iam::<account>:role/ci-*` does, `arn:aws:iam::<account>:*` and `...:role/*` do not).
 */
function namesPrincipals(s: Statement): boolean {
  if (restrictedBy(s, NARROWING_KEYS)) return true;
  return s.conditions.some((c) => c.key.toLowerCase() === "aws:principalarn" && narrowingCondition(c) && !c.values.some(coversResourceType));
}

export const ztIam005 = defineRule({
  id: "ZT-IAM-005",
  title: "Role trust policy delegates to a whole account without an external id or principal condition",
  severity: "medium",
  domain: "identity",
  rationale:
    "Trusting an account root (`arn:aws:iam::<account>:root`) lets every identity that account's administrators choose assume the role, and leaves third-party roles open to the confused-deputy problem. Zero trust names the exact principals that may start a session.",
  remediation:
    "Trust the specific role ARNs that need access, or add an `sts:ExternalId` (third parties) or `aws:PrincipalArn` condition to the statement that names the roles (`arn:aws:iam::<account>:role/ci-deployer`; `role/*` or `:*` names every role or principal of the account and does not count).",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "AC-6", "IA-8"],
    checkov: ["CKV_AWS_61"],
  },
  resourceTypes: ["aws_iam_role"],
  check(resource, model) {
    return judgePolicies(trustPolicy(resource, model), (s, label) => {
      if (s.effect !== "Allow" || namesPrincipals(s)) return [];
      const out: Finding[] = [];
      const roots = accountRoots(s.principals);
      for (let i = 0; i < roots.length; i++) {
        const root = roots[i];
        out.push({ item: `Principal::${root}`, message: `statement ${label} trusts every identity of account ${root.replace(/^arn:[^:]+:iam::(\d{12}):root$/, "$1")} without sts:ExternalId or aws:PrincipalArn` });
      }
      return out;
    });
  },
});
