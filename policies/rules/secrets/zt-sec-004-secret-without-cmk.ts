import { defineRule } from "../../engine/outcome";
import { requireCustomerKey } from "./_kms";

export const ztSec004 = defineRule({
  id: "ZT-SEC-004",
  title: "Secrets Manager secret is not encrypted with a customer-managed KMS key",
  severity: "medium",
  domain: "secrets",
  rationale:
    "With the AWS managed key `aws/secretsmanager` anyone in the account allowed `secretsmanager:GetSecretValue` can read the secret; a customer-managed key adds a second, independently controlled policy decision on every read.",
  remediation: "Set `kms_key_id` to a customer-managed `aws_kms_key` whose key policy names the identities that may decrypt the secret.",
  references: {
    nist800207: ["Tenet 4", "Tenet 6"],
    nist80053: ["SC-28", "SC-12"],
    checkov: ["CKV_AWS_149"],
    cdkNag: ["NIST.800.53.R5-SecretsManagerUsingKMSKey"],
  },
  resourceTypes: ["aws_secretsmanager_secret"],
  check(resource, model) {
    return requireCustomerKey(resource, model, "kms_key_id is not set: the secret is encrypted with the AWS managed key aws/secretsmanager");
  },
});
