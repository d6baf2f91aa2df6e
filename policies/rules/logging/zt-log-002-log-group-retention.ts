import { defineRule, fail, pass, unknown } from "../../engine/outcome";

const MIN_DAYS = 365;

export const ztLog002 = defineRule({
  id: "ZT-LOG-002",
  title: "CloudWatch log group retention is not set to at least 365 days",
  severity: "low",
  domain: "logging",
  rationale:
    "Zero trust depends on evidence: investigations need a year or more of logs, and compliance regimes require a bounded, deliberate retention. A missing or 0 retention means logs never expire, which is an undecided policy rather than a chosen one; shorter than a year loses the history an investigation needs.",
  remediation: "Set `retention_in_days` to 365 or more (e.g. 365, 400, 731) on every log group.",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["AU-11", "SI-12"],
    checkov: ["CKV_AWS_338", "CKV_AWS_66"],
    cdkNag: ["NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod"],
  },
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(resource) {
    const v = resource.get("retention_in_days");
    if (v.kind === "unknown") return unknown("retention_in_days is not known until apply");
    const days = resource.num("retention_in_days");
    if (v.kind === "absent" || days === 0) return fail("retention_in_days is not set (logs never expire): set a deliberate retention of at least 365 days");
    if (days === undefined) return unknown(`retention_in_days is not a number: ${JSON.stringify(v.value)}`);
    return days < MIN_DAYS ? fail(`retention_in_days is ${days} (less than ${MIN_DAYS})`) : pass();
  },
});
