import { defineRule } from "../../engine/outcome";
import { Statement, actionMatches } from "../../engine/policy-document";
import { ESCALATION_ACTIONS, EscalationAction } from "../../shared/iam-actions";
import { Finding, IDENTITY_POLICY_TYPES, allowsBroadly, broadResources, identityPolicies, judgePolicies, reachesBroadly, restrictedBy } from "./_policies";

export const ztIam017 = defineRule({
  id: "ZT-IAM-017",
  title: "IAM policy allows privilege escalation (policy, credential or trust changes on every role, user or policy)",
  severity: "critical",
  domain: "identity",
  rationale:
    "An identity that may attach or write policies (iam:AttachRolePolicy, iam:PutRolePolicy and their user and group forms), publish policy versions (iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion), rewrite trust (iam:UpdateAssumeRolePolicy), mint credentials for others (iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile), join groups (iam:AddUserToGroup), lift permissions boundaries or assume any role (sts:AssumeRole) on every role, user, group or policy is one API call away from AdministratorAccess: least privilege holds only as long as nobody uses these. The list follows the privilege escalation methods published by Rhino Security Labs; iam:PassRole is ZT-IAM-003. " +
    "Wildcards count (`iam:*`, `iam:Put*`, `*`), and so does an Allow with NotAction that does not exclude these actions (ZT-IAM-008 flags the NotAction itself; this rule names what it lets through) or with NotResource. Critical because the step from finding to full control of the account is a single call. " +
    "Narrower than CKV_AWS_286 in one way: only the direct single-action methods are judged here; combinations with iam:PassRole are ZT-IAM-003, and a condition with exact values on iam:PolicyARN or iam:PermissionsBoundary (delegated administration) is accepted for the actions it limits.",
  remediation:
    "Scope IAM administration to the exact ARNs it manages (`arn:aws:iam::<account>:role/app-*` is still broad: name the roles), keep it in a deployment role rather than in workloads, and for delegated administration add a `StringEquals` condition on `iam:PermissionsBoundary` (and `iam:PolicyARN` for attachments). Give sts:AssumeRole only on the role ARNs the identity must assume. ServiceIdentity.grant refuses these actions on wildcard resources.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-6(10)", "AC-2", "AC-3"],
    checkov: ["CKV_AWS_286", "CKV_AWS_110"],
    cdkNag: ["AwsSolutions-IAM5"],
  },
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, model) {
    return judgePolicies(identityPolicies(resource, model), escalations, allowsBroadly);
  },
});

/** One finding per action pattern (or NotAction) of the statement that grants escalation actions broadly. */
function escalations(s: Statement, label: string): readonly Finding[] {
  const out: Finding[] = [];
  const where = broadResources(s);
  for (const pattern of s.actions ?? []) {
    const granted = ESCALATION_ACTIONS.filter((e) => actionMatches(pattern, e.action) && !limited(s, e));
    if (granted.length > 0) out.push({ item: `Statement[${label}]::${pattern}`, message: `statement ${label} allows ${describe(pattern, granted)} on ${where}` });
  }
  const notActions = s.notActions;
  if (notActions !== undefined && notActions.length > 0) {
    const granted = ESCALATION_ACTIONS.filter((e) => !notActions.some((a) => actionMatches(a, e.action)) && !limited(s, e));
    if (granted.length > 0) {
      out.push({ item: `Statement[${label}]::NotAction`, message: `statement ${label} uses NotAction and so allows ${names(granted)} on ${where}` });
    }
  }
  return out;
}

/** True when the statement does not reach every resource of the action, or a condition with exact values limits what it can grant. */
function limited(s: Statement, e: EscalationAction): boolean {
  return !reachesBroadly(s, e.action) || (e.narrowedBy !== undefined && restrictedBy(s, e.narrowedBy));
}

function describe(pattern: string, granted: readonly EscalationAction[]): string {
  if (granted.length === 1 && granted[0].action.toLowerCase() === pattern.toLowerCase()) return `${granted[0].action}, which ${granted[0].how},`;
  return `"${pattern}" (${names(granted)})`;
}

function names(granted: readonly EscalationAction[]): string {
  return granted.map((e) => e.action).join(", ");
}
