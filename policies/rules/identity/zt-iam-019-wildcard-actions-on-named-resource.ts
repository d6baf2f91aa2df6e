import { defineRule } from "../../engine/outcome";
import { Statement } from "../../engine/policy-document";
import { Finding, IDENTITY_POLICY_TYPES, coversAllResources, identityPolicies, isFullWildcard, isServiceWildcard, judgePolicies } from "./_policies";

export const ztIam019 = defineRule({
  id: "ZT-IAM-019",
  title: "IAM policy grants every action (\"*\" or \"service:*\") on named resources",
  severity: "medium",
  domain: "identity",
  rationale:
    "Full control of a named resource is still full control: `s3:*` on one bucket includes s3:PutBucketPolicy (make it public) and s3:DeleteBucket, `kms:*` on one key includes kms:PutKeyPolicy and kms:ScheduleKeyDeletion, `*` on a role includes rewriting its trust and policies. A workload needs to read and write data, not to administer the resource that holds it. Zero trust grants named actions. " +
    "Medium, like ZT-IAM-002: the damage stays with the named resources, but for those it is complete (exposure and destruction). Statements on every resource are ZT-IAM-001 and ZT-IAM-002. " +
    "Stricter than CKV_AWS_289 and CKV_AWS_290 (permissions management and write access without constraints), which only judge statements on \"*\". Narrower than Security Hub IAM.21, which flags a service-wide wildcard on any resource: this rule judges it on named resources, ZT-IAM-002 on every resource.",
  remediation:
    "List the actions the workload calls on the resource (e.g. `s3:GetObject`, `s3:PutObject` on the bucket's objects); keep policy management and deletion (`s3:PutBucketPolicy`, `kms:PutKeyPolicy`, `secretsmanager:DeleteSecret`) with the deployment role. ServiceIdentity.grant takes explicit actions only.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-3"],
    checkov: ["CKV_AWS_289", "CKV_AWS_290"],
    cdkNag: ["AwsSolutions-IAM5"],
    securityHub: ["IAM.21"],
  },
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, model) {
    return judgePolicies(identityPolicies(resource, model), wildcardActions, onNamedResources);
  },
});

/** Allow statements on named resources; statements on every resource are ZT-IAM-001 and ZT-IAM-002. */
function onNamedResources(s: Statement): boolean {
  return s.effect === "Allow" && s.resources !== undefined && s.resources.length > 0 && !coversAllResources(s);
}

function wildcardActions(s: Statement, label: string): readonly Finding[] {
  const out: Finding[] = [];
  for (const action of s.actions ?? []) {
    if (!isFullWildcard(action) && !isServiceWildcard(action)) continue;
    const what = isFullWildcard(action) ? "every action" : `every "${action.split(":")[0]}" action`;
    out.push({ item: `Action::${action}`, message: `statement ${label} allows ${what} ("${action}") on ${(s.resources ?? []).join(", ")}` });
  }
  return out;
}
