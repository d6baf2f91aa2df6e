import { defineRule } from "../../engine/outcome";
import { judgePublicResourcePolicy, PRINCIPAL_SCOPING_KEYS } from "./_policies";

/**
 * Where each resource type keeps its resource-based policy. Key and secret policies have rules of their own
 * (ZT-SEC-002, ZT-SEC-006); role trust policies too (ZT-IAM-004).
 */
const POLICY_PATHS: Readonly<Record<string, string>> = {
  aws_s3_bucket_policy: "policy",
  aws_s3_bucket: "policy",
  aws_sqs_queue_policy: "policy",
  aws_sqs_queue: "policy",
  aws_sns_topic_policy: "policy",
  aws_sns_topic: "policy",
  aws_ecr_repository_policy: "policy",
  aws_efs_file_system_policy: "policy",
  aws_glacier_vault: "access_policy",
  aws_opensearch_domain_policy: "access_policies",
  aws_opensearch_domain: "access_policies",
  aws_elasticsearch_domain_policy: "access_policies",
  aws_elasticsearch_domain: "access_policies",
};

/** Conditions that tie a statement to known callers; `aws:SourceOwner` is the account of an S3 or SES event source for SNS. */
const SCOPING_KEYS: readonly string[] = [...PRINCIPAL_SCOPING_KEYS, "aws:SourceOwner"];

export const ztIam010 = defineRule({
  id: "ZT-IAM-010",
  title: "Resource policy grants access to any AWS principal",
  severity: "critical",
  domain: "identity",
  rationale:
    "A bucket, queue, topic, repository, file system, vault or search domain policy that allows Principal \"*\" (or allows with NotPrincipal, which admits everyone not listed) without a condition on the caller opens the resource to every AWS account. Zero trust grants each resource to the named workloads that need it, and to nobody by default.",
  remediation:
    "Name the principals (role ARNs, service principals or accounts) in the policy, or restrict the statement with a condition on the caller: `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceArn` / `aws:SourceAccount` for AWS services, or `aws:SourceVpce` / `aws:VpceAccount` for callers inside the VPC, each with exact values: `o-*`, `arn:aws:iam::*:role/x`, a negated, `Null` or `...IfExists` test restricts nothing.",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "AC-6", "SC-7(5)"],
    checkov: ["CKV_AWS_70", "CKV_AWS_168", "CKV_AWS_169", "CKV_AWS_32", "CKV_AWS_167"],
    securityHub: ["SNS.4", "SQS.3"],
  },
  resourceTypes: Object.keys(POLICY_PATHS),
  check(resource, model) {
    return judgePublicResourcePolicy(resource, model, SCOPING_KEYS, "", POLICY_PATHS[resource.type]);
  },
});
