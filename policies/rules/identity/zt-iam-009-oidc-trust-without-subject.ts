import { defineRule } from "../../engine/outcome";
import { Statement, actionMatches } from "../../engine/policy-document";
import { Finding, judgePolicies } from "./_policies";
import { trustPolicy } from "./_trust";

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
const COGNITO = "cognito-identity.amazonaws.com";

export const ztIam009 = defineRule({
  id: "ZT-IAM-009",
  title: "Web-identity (OIDC) trust does not pin the token subject",
  severity: "high",
  domain: "identity",
  rationale:
    "A role that trusts an OIDC provider (GitHub Actions, EKS IRSA, a corporate IdP) without a condition on the token's `sub` claim can be assumed by any workload that provider issues tokens to, e.g. any GitHub repository or any service account in the cluster. Zero trust binds the session to one verified workload identity.",
  remediation:
    "Add a `StringEquals` (or narrowly scoped `StringLike`) condition on `<provider>:sub`, e.g. `token.actions.githubusercontent.com:sub = repo:org/repo:ref:refs/heads/main` or `system:serviceaccount:<ns>:<sa>` for IRSA; for Cognito identity pools pin `cognito-identity.amazonaws.com:aud`.",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["IA-8", "AC-3", "IA-9"],
    checkov: ["CKV_AWS_358"],
  },
  resourceTypes: ["aws_iam_role"],
  check(resource, model) {
    return judgePolicies(trustPolicy(resource, model), (s, label) => {
      if (s.effect !== "Allow" || !(s.actions ?? []).some((a) => actionMatches(a, WEB_IDENTITY))) return [];
      const out: Finding[] = [];
      const principals = s.principals ?? [];
      for (let i = 0; i < principals.length; i++) {
        const p = principals[i];
        if (p.type !== "Federated") continue;
        const ids = p.ids;
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j];
          if (/:saml-provider\//.test(id)) continue;
          const claim = id === COGNITO ? "aud" : "sub";
          if (pinsClaim(s, claim)) continue;
          out.push({ item: `Principal::${id}`, message: `statement ${label} trusts web identities from ${id} without a condition on the "${claim}" claim` });
        }
      }
      return out;
    });
  },
});

/** True when a condition on `<provider>:<claim>` narrows the tokens accepted (no catch-all value, not Null / IfExists). */
function pinsClaim(s: Statement, claim: string): boolean {
  return s.conditions.some((c) => {
    if (!c.key.toLowerCase().endsWith(`:${claim}`)) return false;
    const test = c.test.toLowerCase();
    if (test === "null" || test.endsWith("ifexists")) return false;
    return c.values.length > 0 && !c.values.some(isCatchAll);
  });
}

/** `*`, `repo:*`, `system:serviceaccount:*` and the like match every workload of the provider. */
function isCatchAll(value: string): boolean {
  return /^(?:repo:|system:serviceaccount:)?[*?:/]*$/i.test(value);
}
