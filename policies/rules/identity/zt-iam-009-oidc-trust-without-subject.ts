import { defineRule } from "../../engine/outcome";
import { Statement, actionMatches } from "../../engine/policy-document";
import { Finding, judgePolicies, narrowingCondition } from "./_policies";
import { trustPolicy } from "./_trust";

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
const COGNITO = "cognito-identity.amazonaws.com";

export const ztIam009 = defineRule({
  id: "ZT-IAM-009",
  title: "Web-identity (OIDC) trust does not pin the token subject",
  severity: "high",
  domain: "identity",
  rationale:
    "A role that trusts an OIDC provider (GitHub Actions, GitLab CI, HCP Terraform, EKS IRSA, a corporate IdP) without a condition on the token's `sub` claim can be assumed by any workload that provider issues tokens to, e.g. any GitHub repository or any service account in the cluster. A `StringLike` pattern that leaves the owner open is no better: `repo:my-org*` also admits `my-org-evil/anything`. Zero trust binds the session to one verified workload identity. The rule requires at least an exact owner (GitHub owner, GitLab top-level group, HCP Terraform organization, Kubernetes namespace); like CKV_AWS_358 an exact owner with any repository (`repo:my-org/*`) passes, but this rule is broader: it judges every OIDC provider and every way of writing the policy, where CKV_AWS_358 judges GitHub trust in `aws_iam_policy_document` data sources only.",
  remediation:
    "Add a `StringEquals` (or `StringLike` with an exact owner) condition on `<provider>:sub`, best pinning the repository and ref: `token.actions.githubusercontent.com:sub = repo:my-org/my-repo:ref:refs/heads/main` (GitHub `repo:<owner>/<repo>:<context>`), `project_path:my-group/my-project:ref_type:branch:ref:main` (GitLab), `organization:my-org:project:my-project:workspace:my-workspace:run_phase:apply` (HCP Terraform) or `system:serviceaccount:<ns>:<sa>` for IRSA; for Cognito identity pools pin `cognito-identity.amazonaws.com:aud`. Wildcards only after the owner's separator (`repo:my-org/*`), never in the owner (`repo:my-org*`, `repo:*`).",
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
          const written = s.conditions.some((c) => c.key.toLowerCase().endsWith(`:${claim}`));
          const why = written ? `with a condition on the "${claim}" claim that does not pin one owner` : `without a condition on the "${claim}" claim`;
          out.push({ item: `Principal::${id}`, message: `statement ${label} trusts web identities from ${id} ${why}` });
        }
      }
      return out;
    });
  },
});

/**
 * True when a condition on `<provider>:<claim>` narrows the tokens accepted: an Allow-narrowing operator (see
 * `narrowingCondition`; not Null, IfExists, ForAllValues or a negation) whose every value pins its subject.
 */
function pinsClaim(s: Statement, claim: string): boolean {
  return s.conditions.some((c) => c.key.toLowerCase().endsWith(`:${claim}`) && narrowingCondition(c) && c.values.every(pinsSubject));
}

/**
 * Subject formats whose owner must be exact: the first capture is the owner segment, which must be free of wildcards
 * and end where the format ends it. GitHub Actions `repo:<owner>/<repo>:<context>`, GitLab
 * `project_path:<group>/<project>:ref_type:<type>:ref:<ref>`, HCP Terraform
 * `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<phase>`, Kubernetes (EKS IRSA)
 * `system:serviceaccount:<namespace>:<name>`.
 */
const OWNED_SUBJECTS: readonly { readonly prefix: string; readonly owner: RegExp }[] = [
  { prefix: "repo:", owner: /^repo:[^*?/:]+\//i },
  { prefix: "project_path:", owner: /^project_path:[^*?/:]+\//i },
  { prefix: "organization:", owner: /^organization:[^*?:]+:/i },
  { prefix: "system:serviceaccount:", owner: /^system:serviceaccount:[^*?:]+:/i },
];

/**
 * True when a subject value admits the workloads of one owner at most: a value without wildcards, or a pattern whose
 * owner part is exact (`repo:my-org/*` pins the owner `my-org`; `repo:my-org*` admits `my-org-evil` too). A pattern of
 * another format needs a literal start that ends at a `:` or `/` separator.
 */
function pinsSubject(value: string): boolean {
  const v = value.replace(/\$\{[^}]*\}/g, "X");
  const wild = v.search(/[*?]/);
  if (wild < 0) return v.length > 0;
  const format = OWNED_SUBJECTS.find((f) => v.toLowerCase().startsWith(f.prefix));
  if (format) return format.owner.test(v);
  return wild > 0 && /[:/]/.test(v[wild - 1]) && /[^:/]/.test(v.slice(0, wild));
}
