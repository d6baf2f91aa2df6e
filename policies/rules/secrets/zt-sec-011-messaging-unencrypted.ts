import { Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

export const ztSec011 = defineRule({
  id: "ZT-SEC-011",
  title: "Queue, topic or stream does not encrypt messages at rest",
  severity: "medium",
  domain: "secrets",
  rationale:
    "Messages between services carry the same data as the services' stores: orders, tokens, personal data. An " +
    "SNS topic without a KMS key, a Kinesis stream with encryption_type NONE, or an SQS queue with server-side " +
    "encryption turned off keeps them unencrypted while they wait, so reading them takes no key policy decision.",
  remediation:
    "Set kms_master_key_id on SNS topics and SQS queues (a customer-managed key; SQS otherwise encrypts with " +
    "SSE-SQS, which must not be turned off), and encryption_type = \"KMS\" with kms_key_id on Kinesis streams.",
  references: {
    nist800207: ["Tenet 1", "Tenet 6"],
    nist80053: ["SC-28", "SC-28(1)"],
    checkov: ["CKV_AWS_26", "CKV_AWS_27", "CKV_AWS_43"],
    cdkNag: ["AwsSolutions-SNS2", "AwsSolutions-SQS2"],
    securityHub: ["SQS.1", "Kinesis.1", "SNS.1"],
  },
  resourceTypes: ["aws_sns_topic", "aws_sqs_queue", "aws_kinesis_stream"],
  check(r) {
    if (r.type === "aws_kinesis_stream") return kinesis(r);
    // A KMS key named by a reference or a variable still encrypts; which key it is, ZT-SEC-004 and others judge.
    if (r.configuredValue("kms_master_key_id").kind !== "absent") return pass();
    if (r.type === "aws_sns_topic") return fail("no kms_master_key_id: messages are stored unencrypted", ITEM);
    // SQS encrypts new queues with SSE-SQS unless told not to.
    const sse = r.configuredValue("sqs_managed_sse_enabled");
    if (sse.kind === "unknown") return unknown("sqs_managed_sse_enabled is unknown until apply", ITEM);
    if (sse.kind === "known" && r.bool("sqs_managed_sse_enabled") === false) return fail("sqs_managed_sse_enabled = false and no kms_master_key_id: messages are stored unencrypted", ITEM);
    return pass();
  },
});

const ITEM = "EncryptionAtRest";

function kinesis(r: Resource): Outcome {
  const v = r.configuredValue("encryption_type");
  if (v.kind === "unknown") return unknown("encryption_type is unknown until apply", ITEM);
  if (v.kind === "absent") return fail("encryption_type is not set (defaults to NONE): records are stored unencrypted", ITEM);
  return r.str("encryption_type") === "KMS" ? pass() : fail(`encryption_type = "${r.str("encryption_type")}": records are stored unencrypted`, ITEM);
}
