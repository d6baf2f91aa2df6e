import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmServiceSetting } from "@cdktf/provider-aws/lib/ssm-service-setting";

const SETTINGS = "arn:aws:ssm:eu-west-1:111122223333:servicesetting";

/** Logging fixture for the Security Hub controls: the SSM Automation script output destination, off and on, and another setting. */
export function loggingFsbpFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "logging-fsbp");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new SsmServiceSetting(stack, "automation_output_dropped", { settingId: `${SETTINGS}/ssm/automation/customer-script-log-destination`, settingValue: "None" });
  new SsmServiceSetting(stack, "automation_output_kept", { settingId: `${SETTINGS}/ssm/automation/customer-script-log-destination`, settingValue: "CloudWatch" });
  new SsmServiceSetting(stack, "automation_log_group", { settingId: `${SETTINGS}/ssm/automation/customer-script-log-group-name`, settingValue: "/ssm/automation" });
  return stack;
}
