import { defineRule } from "../../engine/outcome";
import { Statement, actionMatches } from "../../engine/policy-document";
import { DATA_ACCESS_ACTIONS } from "../../shared/iam-actions";
import { Finding, IDENTITY_POLICY_TYPES, allowsBroadly, broadResources, identityPolicies, judgePolicies, restrictedBy } from "./_policies";

/**
 * Conditions that scope data access by the resource's tags (attribute-based access control) or a key's aliases: with
 * exact values they limit the statement to the resources so marked.
 */
const RESOURCE_SCOPING_KEYS: readonly string[] = ["aws:ResourceTag/", "secretsmanager:ResourceTag/", "ssm:resourceTag/", "kms:ResourceAliases"];

export const ztIam018 = defineRule({
  id: "ZT-IAM-018",
  title: "IAM policy allows reading data or using keys on every resource (e.g. secretsmanager:GetSecretValue on \"*\")",
  severity: "high",
  domain: "identity",
  rationale:
    "Data-reading and key-use actions (secretsmanager:GetSecretValue, kms:Decrypt, kms:GenerateDataKey*, kms:ReEncrypt*, ssm:GetParameter(s), ssm:GetParametersByPath, s3:GetObject, dynamodb:GetItem/Query/Scan, rds-db:connect and the others listed in policies/shared/iam-actions.ts) allowed on every resource, or on every resource of a type (`secret:*`, `key/*`), give one identity every secret, parameter, object and table of the account, and of every other account whose resource policy trusts it. A compromised workload then leaks everything instead of its own data. Zero trust grants access per resource. " +
    "Wildcards count (`kms:*`, `ssm:Get*`, `*`), and so do Allow statements with NotAction or NotResource. A condition with exact values on resource tags (`aws:ResourceTag/<key>`) or `kms:ResourceAliases` scopes the statement and passes. " +
    "Deliberately broader than CKV_AWS_288, whose list comes from Cloudsplaining: this rule keeps its own list, which also counts key use (kms:Decrypt, kms:GenerateDataKey*) and database reads.",
  remediation:
    "Name the ARNs of the secrets, parameters, keys, buckets and tables the workload reads (`grantRead` of ZT Blueprint ServiceSecrets, `ServiceIdentity.grant` with concrete resources), or scope the statement with an `aws:ResourceTag/<key>` condition whose value is exact.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-3", "SC-28", "SC-12"],
    checkov: ["CKV_AWS_288", "CKV_AWS_108"],
    cdkNag: ["AwsSolutions-IAM5"],
  },
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, model) {
    return judgePolicies(identityPolicies(resource, model), dataAccess, allowsBroadly);
  },
});

/** One finding per action pattern (or NotAction) of the statement that grants data actions broadly. */
function dataAccess(s: Statement, label: string): readonly Finding[] {
  if (restrictedBy(s, RESOURCE_SCOPING_KEYS)) return [];
  const out: Finding[] = [];
  const where = broadResources(s);
  for (const pattern of s.actions ?? []) {
    const granted = DATA_ACCESS_ACTIONS.filter((a) => actionMatches(pattern, a));
    if (granted.length > 0) out.push({ item: `Statement[${label}]::${pattern}`, message: `statement ${label} allows ${describe(pattern, granted)} on ${where}` });
  }
  const notActions = s.notActions;
  if (notActions !== undefined && notActions.length > 0) {
    const granted = DATA_ACCESS_ACTIONS.filter((a) => !notActions.some((n) => actionMatches(n, a)));
    if (granted.length > 0) out.push({ item: `Statement[${label}]::NotAction`, message: `statement ${label} uses NotAction and so allows ${granted.join(", ")} on ${where}` });
  }
  return out;
}

function describe(pattern: string, granted: readonly string[]): string {
  if (granted.length === 1 && granted[0].toLowerCase() === pattern.toLowerCase()) return granted[0];
  return `"${pattern}" (${granted.join(", ")})`;
}
