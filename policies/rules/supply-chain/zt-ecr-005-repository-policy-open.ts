import { defineRule } from "../../engine/outcome";
import { Statement } from "../../engine/policy-document";
import { Finding, NO_FINDINGS, accountRoots, admitsAnyone, judgePolicies, policyDocAt, restrictedBy } from "../identity/_policies";

/**
 * Conditions that tie an Allow to the callers of known accounts or organizations, or to named principals; network keys
 * (`aws:SourceVpce`, `aws:SourceVpc`) are left out: through an endpoint, every principal of any account that reaches it
 * would pull.
 */
const CALLER_KEYS: readonly string[] = ["aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn", "aws:userid", "aws:SourceAccount", "aws:SourceArn"];

/** Conditions that narrow a whole account to some of its principals. */
const PRINCIPAL_KEYS: readonly string[] = ["aws:PrincipalArn", "aws:userid"];

/** What an Allow statement of a repository policy opens: to anyone, to every principal but some, or to whole accounts. */
function openings(s: Statement, label: string): readonly Finding[] {
  if (s.effect !== "Allow") return NO_FINDINGS;
  const out: Finding[] = [];
  const everyone = admitsAnyone(s.principals);
  const allBut = s.notPrincipals !== undefined && s.principals === undefined;
  if ((everyone || allBut) && !restrictedBy(s, CALLER_KEYS)) {
    out.push(
      everyone
        ? { item: "Principal::*", message: `statement ${label} lets any AWS principal of any account act on the repository's images, without a condition on the caller's account or identity` }
        : { item: "NotPrincipal::*", message: `statement ${label} lets every AWS principal but those in NotPrincipal act on the repository's images, without a condition on the caller` },
    );
  }
  if (!restrictedBy(s, PRINCIPAL_KEYS)) {
    for (const account of accountRoots(s.principals)) {
      const id = /\d{12}/.exec(account)?.[0] ?? account;
      out.push({
        item: `Principal::${id}`,
        message: `statement ${label} admits every principal of account ${id} (any role or user there whose IAM policies allow it), not named roles, without a condition on aws:PrincipalArn`,
      });
    }
  }
  return out;
}

export const ztEcr005 = defineRule({
  id: "ZT-ECR-005",
  title: "ECR repository policy admits any principal or whole accounts, not named roles",
  severity: "high",
  domain: "supply-chain",
  rationale:
    "A repository policy decides who pulls a service's images and who replaces them. Allowing `*` (or everyone but a NotPrincipal list) lets principals of every account pull, or push over, the images unless a condition ties the caller to known accounts or identities; " +
    "naming an account (`arn:aws:iam::<account>:root` or its id) admits every role and user of that account whose IAM policies allow ECR, today's and tomorrow's, including an administrator's and another team's. " +
    "Zero trust names each workload that pulls and each pipeline that pushes. ZT-IAM-010 also reports an unconditioned `*` in any resource policy; this rule judges repositories more strictly: a network condition (`aws:SourceVpce`) does not narrow who pulls.",
  remediation:
    "Name the roles that pull (the services' identities, or for Kubernetes the nodes' role) and the CI roles that push in the policy's principals, or narrow an account principal with an `aws:PrincipalArn` condition listing them (ZT Blueprint `ImageRepository` does, and denies every principal outside the account). " +
    "For a repository shared with an organization, condition `*` on `aws:PrincipalOrgID` with the exact organization id.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "AC-6", "CM-5"],
    checkov: ["CKV_AWS_32"],
  },
  resourceTypes: ["aws_ecr_repository_policy"],
  check(resource, model) {
    return judgePolicies([{ where: "policy", doc: policyDocAt(resource, "policy", model) }], openings);
  },
});
