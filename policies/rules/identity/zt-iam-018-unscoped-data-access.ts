import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Statement, actionMatches } from "../../engine/policy-document";
import { Outcome } from "../../engine/types";
import { DATA_ACCESS_ACTIONS } from "../../shared/iam-actions";
import { MANAGED_POLICY_ARNS_AT, managedAttachments } from "./_managed";
import { Finding, IDENTITY_POLICY_TYPES, allowsBroadly, broadResources, identityPolicies, judgePolicies, reachesBroadly, restrictedBy } from "./_policies";

/**
 * AWS managed policies that allow data reads or key use on every resource, and what they allow. Their documents are
 * AWS's, not in the configuration, so they are judged by name (see the policy in the IAM console or
 * `aws iam get-policy-version`).
 */
const UNSCOPED_MANAGED: ReadonlyMap<string, string> = new Map([
  ["AdministratorAccess", "every action on every resource"],
  ["PowerUserAccess", "every action outside IAM and Organizations on every resource"],
  ["ReadOnlyAccess", "s3:Get* and the read actions of most services on every resource"],
  ["AmazonSSMManagedInstanceCore", "ssm:GetParameter and ssm:GetParameters on every parameter"],
  ["AmazonSSMReadOnlyAccess", "ssm:Get* on every parameter"],
  ["AmazonSSMFullAccess", "ssm:* on every resource"],
  ["AmazonS3ReadOnlyAccess", "s3:Get* on every bucket"],
  ["AmazonS3FullAccess", "s3:* on every bucket"],
  ["SecretsManagerReadWrite", "secretsmanager:* on every secret"],
  ["AmazonDynamoDBReadOnlyAccess", "dynamodb:GetItem, Query and Scan on every table"],
  ["AmazonDynamoDBFullAccess", "dynamodb:* on every table"],
]);

/** Identity policy holders and managed policy attachments. */
const RESOURCE_TYPES: readonly string[] = [...new Set([...IDENTITY_POLICY_TYPES, ...Object.keys(MANAGED_POLICY_ARNS_AT)])];

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
    "AWS managed policies with such statements are judged by name when attached (AmazonSSMManagedInstanceCore allows ssm:GetParameter(s) on every parameter; the list is in this rule's file). " +
    "Deliberately broader than CKV_AWS_288, whose list comes from Cloudsplaining: this rule keeps its own list, which also counts key use (kms:Decrypt, kms:GenerateDataKey*) and database reads.",
  remediation:
    "Name the ARNs of the secrets, parameters, keys, buckets and tables the workload reads (`grantRead` of ZT Blueprint ServiceSecrets, `ServiceIdentity.grant` with concrete resources), or scope the statement with an `aws:ResourceTag/<key>` condition whose value is exact. Replace an AWS managed policy of the list with a customer managed one that names the resources (for Session Manager, the ssm, ssmmessages and ec2messages actions the agent needs without ssm:GetParameter on `*`).",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-3", "SC-28", "SC-12"],
    checkov: ["CKV_AWS_288", "CKV_AWS_108"],
    cdkNag: ["AwsSolutions-IAM5"],
    securityHub: ["KMS.1", "KMS.2"],
  },
  resourceTypes: RESOURCE_TYPES,
  check(resource, model) {
    const outcomes: Outcome[] = [];
    if (IDENTITY_POLICY_TYPES.includes(resource.type)) outcomes.push(...[judgePolicies(identityPolicies(resource, model), dataAccess, allowsBroadly)].flat());
    if (resource.type in MANAGED_POLICY_ARNS_AT) outcomes.push(...judgeManaged(resource, model));
    return combine(outcomes);
  },
});

/** One fail per attached AWS managed policy of {@link UNSCOPED_MANAGED}; unknown for ARNs computed at apply time. */
function judgeManaged(resource: Resource, model: Model): Outcome[] {
  const attached = managedAttachments(resource, model);
  if (attached === undefined) return [na("no managed policies")];
  const out: Outcome[] = [];
  for (const name of attached.names) {
    const what = UNSCOPED_MANAGED.get(name);
    if (what !== undefined) out.push(fail(`attaches the AWS managed policy ${name}, which allows ${what}`, `Policy::${name}`));
  }
  if (attached.undecided.length > 0) out.push(unknown(`${attached.path} is computed at apply time (${attached.undecided.join(", ")})`, "ManagedPolicies"));
  return out.length > 0 ? out : [pass()];
}

/** The outcomes of a role's inline and managed policies as one: fails and unknowns, else pass, else not applicable. */
function combine(outcomes: readonly Outcome[]): Outcome | Outcome[] {
  const open = outcomes.filter((o) => o.status === "fail" || o.status === "unknown");
  if (open.length > 0) return open;
  return outcomes.some((o) => o.status === "pass") ? pass() : na("no policy document and no managed policy");
}

/** One finding per action pattern (or NotAction) of the statement that grants data actions broadly. */
function dataAccess(s: Statement, label: string): readonly Finding[] {
  if (restrictedBy(s, RESOURCE_SCOPING_KEYS)) return [];
  const out: Finding[] = [];
  const where = broadResources(s);
  for (const pattern of s.actions ?? []) {
    const granted = DATA_ACCESS_ACTIONS.filter((a) => actionMatches(pattern, a) && reachesBroadly(s, a));
    if (granted.length > 0) out.push({ item: `Statement[${label}]::${pattern}`, message: `statement ${label} allows ${describe(pattern, granted)} on ${where}` });
  }
  const notActions = s.notActions;
  if (notActions !== undefined && notActions.length > 0) {
    const granted = DATA_ACCESS_ACTIONS.filter((a) => !notActions.some((n) => actionMatches(n, a)) && reachesBroadly(s, a));
    if (granted.length > 0) out.push({ item: `Statement[${label}]::NotAction`, message: `statement ${label} uses NotAction and so allows ${granted.join(", ")} on ${where}` });
  }
  return out;
}

function describe(pattern: string, granted: readonly string[]): string {
  if (granted.length === 1 && granted[0].toLowerCase() === pattern.toLowerCase()) return granted[0];
  return `"${pattern}" (${granted.join(", ")})`;
}
