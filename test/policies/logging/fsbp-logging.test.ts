import { ztLog012 } from "../../../policies/rules/logging/zt-log-012-ssm-automation-logging-off";
import { configModel, describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { loggingFsbpFixture } from "./fsbp-fixture";

/** Expected addresses per rule, the same in synthesized JSON and in the plan. */
const EXPECTED: RuleTable = [[ztLog012, { fail: ["aws_ssm_service_setting.automation_output_dropped"], pass: ["aws_ssm_service_setting.automation_output_kept"] }]];

describe("logging rules for the Security Hub controls", () => {
  describeFixtureModes("on the logging FSBP fixture", loggingFsbpFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("ZT-LOG-012 names the destination and judges only the destination setting", () => {
      const results = resultsOf(ztLog012, model());
      expect(results.find((r) => r.status === "fail")?.message).toBe('the output of automation scripts goes to "None"; it must be "CloudWatch"');
      expect(results.filter((r) => r.address === "aws_ssm_service_setting.automation_log_group")).toEqual([]);
    });
  });

  it("ZT-LOG-012 reads the setting by its path; a computed id or value is unknown", () => {
    const m = configModel({
      resource: {
        aws_ssm_service_setting: {
          by_path: { setting_id: "/ssm/automation/customer-script-log-destination", setting_value: "CloudWatch" },
          computed_value: { setting_id: "/ssm/automation/customer-script-log-destination", setting_value: "${var.destination}" },
          computed_id: { setting_id: "${var.setting}", setting_value: "None" },
        },
      },
    });
    expect(resultsOf(ztLog012, m).map((r) => `${r.address}:${r.status}`).sort()).toEqual([
      "aws_ssm_service_setting.by_path:pass",
      "aws_ssm_service_setting.computed_id:unknown",
      "aws_ssm_service_setting.computed_value:unknown",
    ]);
  });
});
