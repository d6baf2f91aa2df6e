import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztLog008 = defineRule({
  id: "ZT-LOG-008",
  title: "CloudTrail trail is not delivered to CloudWatch Logs",
  severity: "medium",
  domain: "logging",
  rationale:
    "A trail that only writes files to S3 is evidence after the fact: nothing watches it while an attack runs. Delivered to a CloudWatch log group, every API call can feed metric filters and alarms (root use, IAM policy changes, a stopped trail), so responders hear of an identity misbehaving within minutes. Zero trust assumes breach and monitors every access decision as it happens.",
  remediation:
    "Set `cloud_watch_logs_group_arn` to `<log group ARN>:*` of an encrypted log group kept at least a year, and `cloud_watch_logs_role_arn` to a role that `cloudtrail.amazonaws.com` assumes (with an `aws:SourceArn` condition naming the trail) and that may only call `logs:CreateLogStream` and `logs:PutLogEvents` on that group (`AuditTrail` does this).",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-6", "SI-4"],
    cis: ["3.4"],
    checkov: ["CKV2_AWS_10"],
    securityHub: ["CloudTrail.5"],
  },
  resourceTypes: ["aws_cloudtrail"],
  check(resource) {
    const group = resource.configuredValue("cloud_watch_logs_group_arn");
    if (group.kind === "absent" || (group.kind === "known" && resource.str("cloud_watch_logs_group_arn")?.trim() === "")) {
      return fail("cloud_watch_logs_group_arn is not set: the trail's events reach S3 only, and no metric filter or alarm sees them", "CloudWatchLogs");
    }
    const role = resource.configuredValue("cloud_watch_logs_role_arn");
    if (role.kind === "absent" || (role.kind === "known" && resource.str("cloud_watch_logs_role_arn")?.trim() === "")) {
      return fail("cloud_watch_logs_role_arn is not set: CloudTrail has no role to write to the log group", "CloudWatchLogs");
    }
    if (group.kind === "unknown" && group.refs.length === 0) return unknown("cloud_watch_logs_group_arn is not known until apply", "CloudWatchLogs");
    return pass("CloudWatchLogs");
  },
});
