import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { ssmServiceSetting } from "./_ssm-settings";

/** The service setting that allows or blocks sharing SSM documents publicly, as its id or ARN ends. */
const PUBLIC_SHARING_SETTING = "/ssm/documents/console/public-sharing-permission";

export const ztIam025 = defineRule({
  id: "ZT-IAM-025",
  title: "SSM service setting allows documents to be shared publicly",
  severity: "high",
  domain: "identity",
  rationale:
    "The account- and region-wide SSM service setting `/ssm/documents/console/public-sharing-permission` decides whether anyone in the account can share an SSM document with every AWS account (see ZT-IAM-024). Set to `Enable` it leaves one console click between an operations runbook and the public. Zero trust blocks public sharing for the whole account: an aws_ssm_service_setting for it must set `Disable`. " +
    "Deliberately narrower than Security Hub SSM.7, which also fails accounts that never set it (the AWS default allows sharing): an account setting that the configuration does not manage cannot be judged before apply.",
  remediation:
    "Manage the setting in every region you use: `aws_ssm_service_setting` with setting_id `arn:<partition>:ssm:<region>:<account>:servicesetting/ssm/documents/console/public-sharing-permission` and setting_value = \"Disable\".",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-3", "AC-21", "CM-7"],
    securityHub: ["SSM.7"],
  },
  resourceTypes: ["aws_ssm_service_setting"],
  check(r) {
    const setting = ssmServiceSetting(r, PUBLIC_SHARING_SETTING);
    if (setting.kind === "unknown-id") return unknown("setting_id is not known until apply; if it is the public sharing setting, its value decides", "PublicSharing");
    if (setting.kind === "other") return na("another service setting");
    const value = setting.value;
    if (value.kind === "unknown") return unknown("setting_value is not known until apply", "PublicSharing");
    if (value.kind === "known" && String(value.value) === "Disable") return pass();
    return fail(`public sharing of SSM documents is set to ${value.kind === "known" ? `"${String(value.value)}"` : "nothing"}; it must be "Disable"`, "PublicSharing");
  },
});
