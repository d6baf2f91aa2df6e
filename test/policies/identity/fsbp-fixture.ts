import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamAccountPasswordPolicy } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupMembership } from "@cdktf/provider-aws/lib/iam-group-membership";
import { IamGroupPolicy } from "@cdktf/provider-aws/lib/iam-group-policy";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserGroupMembership } from "@cdktf/provider-aws/lib/iam-user-group-membership";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { SsmServiceSetting } from "@cdktf/provider-aws/lib/ssm-service-setting";

const ACCOUNT = "111122223333";
const FUNCTION = "orders-handler";

/** The self-service actions a user needs to set up an MFA device, left out of the deny on requests without MFA. */
const MFA_SELF_SERVICE = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "iam:ChangePassword", "iam:GetUser", "sts:GetSessionToken"];

const SHELL_DOCUMENT = JSON.stringify({ schemaVersion: "2.2", description: "Restart the app", mainSteps: [{ action: "aws:runShellScript", name: "restart", inputs: { runCommand: ["systemctl restart app"] } }] });

/**
 * Identity fixture for the controls of the Security Hub FSBP and CIS benchmarks: Lambda permissions for AWS services,
 * IAM users with and without console passwords and MFA enforcement, account password policies, SSM documents shared
 * publicly and the account setting that blocks it. Each insecure resource has a secure twin.
 */
export function identityFsbpFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "identity-fsbp");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  // Lambda permissions for AWS services: unscoped, tied to a rule, tied to the account.
  new LambdaPermission(stack, "s3_any_bucket", { functionName: FUNCTION, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com" });
  const nightly = new CloudwatchEventRule(stack, "nightly", { name: "nightly", scheduleExpression: "cron(0 3 * * ? *)" });
  new LambdaPermission(stack, "events_from_rule", { functionName: FUNCTION, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: nightly.arn });
  new LambdaPermission(stack, "s3_own_account", { functionName: FUNCTION, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceAccount: ACCOUNT });
  new LambdaPermission(stack, "other_account", { functionName: FUNCTION, action: "lambda:InvokeFunction", principal: "444455556666" });

  // IAM users: one with a console password and nothing enforcing MFA, one in a group whose policy denies requests
  // without MFA, one whose attached managed policy does, one with a policy that does not deny.
  const dev = new IamUser(stack, "dev", { name: "dev" });
  new IamUserLoginProfile(stack, "dev_console", { user: dev.name });

  const requireMfa = new DataAwsIamPolicyDocument(stack, "require_mfa", {
    statement: [
      {
        sid: "DenyWithoutMfa",
        effect: "Deny",
        notActions: MFA_SELF_SERVICE,
        resources: ["*"],
        condition: [{ test: "BoolIfExists", variable: "aws:MultiFactorAuthPresent", values: ["false"] }],
      },
    ],
  });
  const consoleUsers = new IamGroup(stack, "console_users", { name: "console-users" });
  new IamGroupPolicy(stack, "console_users_mfa", { name: "require-mfa", group: consoleUsers.name, policy: requireMfa.json });
  const ops = new IamUser(stack, "ops", { name: "ops" });
  new IamUserGroupMembership(stack, "ops_groups", { user: ops.name, groups: [consoleUsers.name] });
  new IamUserLoginProfile(stack, "ops_console", { user: ops.name });

  const auditor = new IamUser(stack, "auditor", { name: "auditor" });
  new IamGroupMembership(stack, "console_members", { name: "console-members", group: consoleUsers.name, users: [auditor.name] });
  new IamUserLoginProfile(stack, "auditor_console", { user: auditor.name });

  const mfaPolicy = new IamPolicy(stack, "mfa_policy", { name: "require-mfa", policy: requireMfa.json });
  const oncall = new IamUser(stack, "oncall", { name: "oncall" });
  new IamUserPolicyAttachment(stack, "oncall_mfa", { user: oncall.name, policyArn: mfaPolicy.arn });
  new IamUserLoginProfile(stack, "oncall_console", { user: oncall.name });

  const allowOnly = new IamPolicy(stack, "allow_only", {
    name: "mfa-optional",
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }],
    }),
  });
  const contractor = new IamUser(stack, "contractor", { name: "contractor" });
  new IamUserPolicyAttachment(stack, "contractor_policy", { user: contractor.name, policyArn: allowOnly.arn });
  new IamUserLoginProfile(stack, "contractor_console", { user: contractor.name });

  // Account password policies: the AWS defaults but a length of 8, and one that meets the CIS benchmark.
  new IamAccountPasswordPolicy(stack, "weak_passwords", { minimumPasswordLength: 8, requireNumbers: true });
  new IamAccountPasswordPolicy(stack, "strong_passwords", {
    minimumPasswordLength: 16,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
  });

  // SSM documents: shared with every account, with named accounts, not shared.
  new SsmDocument(stack, "restart_public", { name: "restart-public", documentType: "Command", content: SHELL_DOCUMENT, permissions: { type: "Share", account_ids: "All" } });
  new SsmDocument(stack, "restart_shared", { name: "restart-shared", documentType: "Command", content: SHELL_DOCUMENT, permissions: { type: "Share", account_ids: `444455556666,${ACCOUNT}` } });
  new SsmDocument(stack, "restart_private", { name: "restart-private", documentType: "Command", content: SHELL_DOCUMENT });

  // The account setting that allows or blocks public sharing, and another setting.
  const sharing = `arn:aws:ssm:eu-west-1:${ACCOUNT}:servicesetting/ssm/documents/console/public-sharing-permission`;
  new SsmServiceSetting(stack, "sharing_allowed", { settingId: sharing, settingValue: "Enable" });
  new SsmServiceSetting(stack, "sharing_blocked", { settingId: sharing, settingValue: "Disable" });
  new SsmServiceSetting(stack, "parameter_tier", { settingId: `arn:aws:ssm:eu-west-1:${ACCOUNT}:servicesetting/ssm/parameter-store/default-parameter-tier`, settingValue: "Standard" });

  return stack;
}
