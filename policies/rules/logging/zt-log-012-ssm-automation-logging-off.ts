import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { ssmServiceSetting } from "../identity/_ssm-settings";

/** The service setting that says where SSM Automation sends the output of the scripts its runbooks run. */
const LOG_DESTINATION_SETTING = "/ssm/automation/customer-script-log-destination";

export const ztLog012 = defineRule({
  id: "ZT-LOG-012",
  title: "SSM Automation does not send the output of runbook scripts to CloudWatch Logs",
  severity: "low",
  domain: "logging",
  rationale:
    "SSM Automation runbooks run `aws:executeScript` steps with the permissions of their automation role, often broad ones (isolating hosts, changing security groups, rotating credentials). The account- and region-wide service setting `/ssm/automation/customer-script-log-destination` decides whether what those scripts print is kept: set to anything but `CloudWatch` (such as `None`) the output is lost, and with it the record of what a runbook did during an incident or in an intruder's hands. An aws_ssm_service_setting for it must set `CloudWatch`. " +
    "Deliberately narrower than Security Hub SSM.6, which also fails accounts that never set it: an account setting the configuration does not manage cannot be judged before apply.",
  remediation:
    "Manage the setting in every region you use: `aws_ssm_service_setting` with setting_id `arn:<partition>:ssm:<region>:<account>:servicesetting/ssm/automation/customer-script-log-destination` and setting_value = \"CloudWatch\", and name the log group (encrypted with a customer-managed key, ZT-LOG-001) in `/ssm/automation/customer-script-log-group-name`.",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["AU-2", "AU-12"],
    securityHub: ["SSM.6"],
  },
  resourceTypes: ["aws_ssm_service_setting"],
  check(r) {
    const setting = ssmServiceSetting(r, LOG_DESTINATION_SETTING);
    if (setting.kind === "unknown-id") return unknown("setting_id is not known until apply; if it is the automation log destination, its value decides", "LogDestination");
    if (setting.kind === "other") return na("another service setting");
    const value = setting.value;
    if (value.kind === "unknown") return unknown("setting_value is not known until apply", "LogDestination");
    if (value.kind === "known" && String(value.value) === "CloudWatch") return pass();
    return fail(`the output of automation scripts goes to ${value.kind === "known" ? `"${String(value.value)}"` : "nothing"}; it must be "CloudWatch"`, "LogDestination");
  },
});
