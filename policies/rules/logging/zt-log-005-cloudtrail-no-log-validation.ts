import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztLog005 = defineRule({
  id: "ZT-LOG-005",
  title: "CloudTrail log file validation is disabled",
  severity: "medium",
  domain: "logging",
  rationale:
    "Without digest files nobody can prove that delivered trail logs were not altered or deleted, and an intruder's first move is often to clean the audit trail. Zero trust needs evidence whose integrity can be verified.",
  remediation: "Set `enable_log_file_validation = true`.",
  references: {
    nist800207: ["Tenet 7", "Tenet 5"],
    nist80053: ["AU-9", "SI-7"],
    cis: ["3.2"],
    checkov: ["CKV_AWS_36"],
    cdkNag: ["NIST.800.53.R5-CloudTrailLogFileValidationEnabled"],
    securityHub: ["CloudTrail.4"],
  },
  resourceTypes: ["aws_cloudtrail"],
  check(resource) {
    const v = resource.get("enable_log_file_validation");
    if (v.kind === "unknown") return unknown("enable_log_file_validation is not known until apply");
    return resource.bool("enable_log_file_validation") === true ? pass() : fail("enable_log_file_validation is not true");
  },
});
