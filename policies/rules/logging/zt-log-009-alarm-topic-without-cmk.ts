import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { judgeKmsKey } from "../secrets/_kms";

/** Resources whose actions notify SNS topics when an alarm changes state. */
const ALARM_TYPES = ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"];
/** Their attributes naming the topics. */
const ACTION_PATHS = ["alarm_actions", "ok_actions", "insufficient_data_actions"];

export const ztLog009 = defineRule({
  id: "ZT-LOG-009",
  title: "SNS topic that alarms notify is not encrypted with a customer-managed KMS key",
  severity: "medium",
  domain: "logging",
  rationale:
    "Security alarms name what happened (a root sign-in, a stopped trail, a changed policy) and go to the people who respond. A topic without a key stores them unencrypted; a topic under the AWS managed key `alias/aws/sns` cannot be used by CloudWatch at all, whose alarms then fail to publish without an error anywhere, so the monitoring looks in place and tells no one. A customer-managed key whose policy lets `cloudwatch.amazonaws.com` use it for this account's alarms both encrypts and delivers.",
  remediation:
    "Set `kms_master_key_id` on the topic to a customer-managed `aws_kms_key` whose policy allows `cloudwatch.amazonaws.com` `kms:Decrypt` and `kms:GenerateDataKey` with `aws:SourceAccount` and `aws:SourceArn` (the account's alarms) conditions (`SecurityAlarms` does this).",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["SC-28", "SI-4(5)"],
    checkov: ["CKV_AWS_26"],
    securityHub: ["SNS.1"],
  },
  resourceTypes: ["aws_sns_topic"],
  check(topic, model) {
    if (!notifiedByAlarms(topic, model)) return na("no CloudWatch alarm in the configuration notifies this topic");
    const key = judgeKmsKey(topic, "kms_master_key_id", model);
    switch (key.kind) {
      case "customer":
        return pass("AlarmTopicKey");
      case "absent":
        return fail("kms_master_key_id is not set: alarm notifications are stored unencrypted", "AlarmTopicKey");
      case "aws-managed":
        return fail(`kms_master_key_id is the AWS managed key ${key.detail}, which CloudWatch cannot use: alarms fail to publish`, "AlarmTopicKey");
      default:
        return unknown(`kms_master_key_id comes from ${key.detail}; cannot tell whether it is customer managed`, "AlarmTopicKey");
    }
  },
});

/** True when an alarm of the stack names the topic in its actions, by reference or by its literal ARN. */
function notifiedByAlarms(topic: Resource, model: Model): boolean {
  const name = topic.str("name");
  for (const type of ALARM_TYPES) {
    for (const path of ACTION_PATHS) if (model.referrers(topic, type, path).length > 0) return true;
    if (name === undefined) continue;
    for (const alarm of model.ofTypeIn(type, topic)) {
      for (const path of ACTION_PATHS) {
        if ((alarm.list(path) ?? []).some((arn) => typeof arn === "string" && arn.startsWith("arn:") && arn.split(":")[2] === "sns" && arn.split(":")[5] === name)) return true;
      }
    }
  }
  return false;
}
