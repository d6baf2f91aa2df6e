import { defineRule } from "../../engine/outcome";
import { requireCustomerKey } from "../secrets/_kms";

export const ztLog001 = defineRule({
  id: "ZT-LOG-001",
  title: "CloudWatch log group is not encrypted with a customer-managed KMS key",
  severity: "medium",
  domain: "logging",
  rationale:
    "Logs carry request data, tokens and internal topology. Without a customer-managed key, anyone allowed to read the log group reads its contents; a key policy adds an independent decision and an audit trail on every decrypt.",
  remediation: "Set `kms_key_id` to the ARN of a customer-managed `aws_kms_key` whose policy allows the `logs.<region>.amazonaws.com` service principal.",
  references: {
    nist800207: ["Tenet 7", "Tenet 4"],
    nist80053: ["AU-9", "SC-28"],
    checkov: ["CKV_AWS_158"],
    cdkNag: ["NIST.800.53.R5-CloudWatchLogGroupEncrypted"],
  },
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(resource, model) {
    return requireCustomerKey(resource, model, "kms_key_id is not set: the log group uses CloudWatch Logs' service-owned key");
  },
});
