import { defineRule } from "../../engine/outcome";
import { requireCustomerKey } from "../secrets/_kms";

export const ztLog006 = defineRule({
  id: "ZT-LOG-006",
  title: "CloudTrail logs are not encrypted with a customer-managed KMS key",
  severity: "medium",
  domain: "logging",
  rationale:
    "Trail logs describe every identity and API call in the account. Encrypting them with a customer-managed key means reading the trail needs an explicit KMS grant in addition to S3 access, and every decrypt is itself logged.",
  remediation: "Set `kms_key_id` to the ARN of a customer-managed `aws_kms_key` whose policy allows `cloudtrail.amazonaws.com` to encrypt.",
  references: {
    nist800207: ["Tenet 7", "Tenet 4"],
    nist80053: ["AU-9", "SC-28"],
    cis: ["3.5"],
    checkov: ["CKV_AWS_35"],
    cdkNag: ["NIST.800.53.R5-CloudTrailEncryptionEnabled"],
    securityHub: ["CloudTrail.2"],
  },
  resourceTypes: ["aws_cloudtrail"],
  check(resource, model) {
    return requireCustomerKey(resource, model, "kms_key_id is not set: trail logs are encrypted with S3-managed keys only");
  },
});
