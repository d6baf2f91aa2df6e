import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { ztIam020 } from "../../../policies/rules/identity/zt-iam-020-lambda-service-permission-unscoped";
import { ztIam021 } from "../../../policies/rules/identity/zt-iam-021-iam-user";
import { ztIam022 } from "../../../policies/rules/identity/zt-iam-022-weak-password-policy";
import { ztIam023 } from "../../../policies/rules/identity/zt-iam-023-console-password-without-mfa";
import { ztIam024 } from "../../../policies/rules/identity/zt-iam-024-ssm-document-public";
import { ztIam025 } from "../../../policies/rules/identity/zt-iam-025-ssm-public-sharing-allowed";
import { configModel, describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { identityFsbpFixture } from "./fsbp-fixture";

/** Expected addresses per rule, the same in synthesized JSON and in the plan. */
const EXPECTED: RuleTable = [
  [ztIam020, { fail: ["aws_lambda_permission.s3_any_bucket"], pass: ["aws_lambda_permission.events_from_rule", "aws_lambda_permission.s3_own_account"] }],
  [ztIam021, { fail: ["aws_iam_user.dev", "aws_iam_user.ops", "aws_iam_user.auditor", "aws_iam_user.oncall", "aws_iam_user.contractor"], pass: [] }],
  [ztIam022, { fail: ["aws_iam_account_password_policy.weak_passwords"], pass: ["aws_iam_account_password_policy.strong_passwords"] }],
  [
    ztIam023,
    {
      fail: ["aws_iam_user_login_profile.dev_console", "aws_iam_user_login_profile.contractor_console"],
      pass: ["aws_iam_user_login_profile.ops_console", "aws_iam_user_login_profile.auditor_console", "aws_iam_user_login_profile.oncall_console"],
    },
  ],
  [ztIam024, { fail: ["aws_ssm_document.restart_public"], pass: ["aws_ssm_document.restart_shared", "aws_ssm_document.restart_private"] }],
  [ztIam025, { fail: ["aws_ssm_service_setting.sharing_allowed"], pass: ["aws_ssm_service_setting.sharing_blocked"] }],
];

const failures = (rule: Rule, model: Model) =>
  resultsOf(rule, model)
    .filter((r) => r.status !== "pass")
    .map((r) => `${r.address} ${r.status} ${r.item ?? ""}: ${r.message}`)
    .sort();

describe("identity rules for the Security Hub controls", () => {
  describeFixtureModes("on the identity FSBP fixture", identityFsbpFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("ZT-IAM-022 names each weak setting and what AWS applies when it is left out", () => {
      expect(failures(ztIam022, model())).toEqual([
        "aws_iam_account_password_policy.weak_passwords fail Setting::max_password_age: max_password_age is not set (AWS applies 0); it must be between 1 and 90 days",
        "aws_iam_account_password_policy.weak_passwords fail Setting::minimum_password_length: minimum_password_length is 8; it must be at least 14",
        "aws_iam_account_password_policy.weak_passwords fail Setting::password_reuse_prevention: password_reuse_prevention is not set (AWS applies 0); it must be 24",
        "aws_iam_account_password_policy.weak_passwords fail Setting::require_lowercase_characters: require_lowercase_characters is not set (AWS applies false); it must be true",
        "aws_iam_account_password_policy.weak_passwords fail Setting::require_symbols: require_symbols is not set (AWS applies false); it must be true",
        "aws_iam_account_password_policy.weak_passwords fail Setting::require_uppercase_characters: require_uppercase_characters is not set (AWS applies false); it must be true",
      ]);
    });

    it("ZT-IAM-020 ignores permissions for accounts, which ZT-IAM-011 and the caller's identity policies judge", () => {
      expect(resultsOf(ztIam020, model()).filter((r) => r.address === "aws_lambda_permission.other_account")).toEqual([]);
    });

    it("ZT-IAM-025 judges only the public sharing setting", () => {
      expect(resultsOf(ztIam025, model()).filter((r) => r.address === "aws_ssm_service_setting.parameter_tier")).toEqual([]);
    });
  });
});

describe("identity rules for the Security Hub controls on synthesized JSON shapes", () => {
  it("ZT-IAM-020: a computed principal is unknown unless a source is set; a China partition service counts", () => {
    const m = configModel({
      resource: {
        aws_lambda_permission: {
          variable: { function_name: "f", action: "lambda:InvokeFunction", principal: "${var.caller}" },
          variable_scoped: { function_name: "f", action: "lambda:InvokeFunction", principal: "${var.caller}", source_account: "111122223333" },
          china: { function_name: "f", action: "lambda:InvokeFunction", principal: "sns.amazonaws.com.cn" },
          alexa: { function_name: "f", action: "lambda:InvokeFunction", principal: "alexa-appkit.amazon.com", event_source_token: "amzn1.ask.skill.1" },
          role: { function_name: "f", action: "lambda:InvokeFunction", principal: "arn:aws:iam::111122223333:role/caller" },
        },
      },
    });
    expect(failures(ztIam020, m)).toEqual([
      "aws_lambda_permission.china fail Principal::sns.amazonaws.com.cn: the service sns.amazonaws.com.cn may call lambda:InvokeFunction for a resource of any account: set source_arn or source_account",
      "aws_lambda_permission.variable unknown : principal is not known until apply; if it is an AWS service, nothing ties it to a source",
    ]);
    expect(resultsOf(ztIam020, m).filter((r) => r.status === "pass").map((r) => r.address).sort()).toEqual(["aws_lambda_permission.alexa", "aws_lambda_permission.variable_scoped"]);
  });

  it("ZT-IAM-022: a computed setting is unknown; a maximum age of 0 (never expires) fails", () => {
    const strong = { minimum_password_length: 14, require_uppercase_characters: true, require_lowercase_characters: true, require_numbers: true, require_symbols: true, password_reuse_prevention: 24 };
    const m = configModel({
      resource: {
        aws_iam_account_password_policy: {
          never_expires: { ...strong, max_password_age: 0 },
          computed: { ...strong, max_password_age: "${var.max_age}" },
        },
      },
    });
    expect(failures(ztIam022, m)).toEqual([
      "aws_iam_account_password_policy.computed unknown Setting::max_password_age: max_password_age is not known until apply",
      "aws_iam_account_password_policy.never_expires fail Setting::max_password_age: max_password_age is 0; it must be between 1 and 90 days",
    ]);
  });

  it("ZT-IAM-023: an inline user policy with Bool or a Deny on \"*\" passes; an Allow-only or narrow Deny fails; a computed document, user or policy from outside the configuration is unknown", () => {
    const deny = (test: string, action: Record<string, unknown>) =>
      JSON.stringify({ Statement: [{ Effect: "Deny", ...action, Resource: "*", Condition: { [test]: { "aws:MultiFactorAuthPresent": "false" } } }] });
    const m = configModel({
      resource: {
        aws_iam_user_login_profile: {
          inline: { user: "alice" },
          narrow: { user: "bob" },
          computed: { user: "carol" },
          literal_group: { user: "dave" },
          external_policy: { user: "erin" },
          aws_managed: { user: "frank" },
          variable_user: { user: "${var.user}" },
        },
        aws_iam_user_policy_attachment: {
          erin: { user: "erin", policy_arn: "arn:aws:iam::111122223333:policy/require-mfa" },
          frank: { user: "frank", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
        },
        aws_iam_user_policy: {
          alice_mfa: { user: "alice", policy: deny("Bool", { Action: "*" }) },
          bob_s3: { user: "bob", policy: deny("Bool", { Action: "s3:*" }) },
          carol: { user: "carol", policy: "${var.carol_policy}" },
        },
        aws_iam_user_group_membership: { dave: { user: "dave", groups: ["admins"] } },
        aws_iam_group_policy: { admins_mfa: { group: "admins", policy: deny("BoolIfExists", { NotAction: ["iam:EnableMFADevice"] }) } },
      },
    });
    expect(failures(ztIam023, m)).toEqual([
      "aws_iam_user_login_profile.aws_managed fail MFA: frank has a console password and no policy of the user or its groups denies requests made without MFA",
      "aws_iam_user_login_profile.computed unknown MFA: carol has a console password; whether aws_iam_user_policy.carol denies requests without MFA is known only at apply",
      "aws_iam_user_login_profile.external_policy unknown MFA: erin has a console password; aws_iam_user_policy_attachment.erin attaches a policy the configuration does not define",
      "aws_iam_user_login_profile.narrow fail MFA: bob has a console password and no policy of the user or its groups denies requests made without MFA",
      "aws_iam_user_login_profile.variable_user unknown MFA: the user is not known until apply, nor the policies that apply to it",
    ]);
  });

  it("ZT-IAM-024 reads account lists with spaces and any case; a computed list is unknown", () => {
    const m = configModel({
      resource: {
        aws_ssm_document: {
          mixed: { name: "a", document_type: "Command", content: "{}", permissions: { type: "Share", account_ids: "111122223333, all" } },
          computed: { name: "b", document_type: "Command", content: "{}", permissions: { type: "Share", account_ids: "${var.accounts}" } },
        },
      },
    });
    expect(failures(ztIam024, m)).toEqual([
      "aws_ssm_document.computed unknown Share::All: permissions.account_ids is not known until apply",
      'aws_ssm_document.mixed fail Share::All: permissions shares the document with "All": every AWS account can read and run it',
    ]);
  });

  it("ZT-IAM-025 reads the setting by its path as well as its ARN; a computed value is unknown", () => {
    const m = configModel({
      resource: {
        aws_ssm_service_setting: {
          by_path: { setting_id: "/ssm/documents/console/public-sharing-permission", setting_value: "Enable" },
          computed: { setting_id: "/ssm/documents/console/public-sharing-permission", setting_value: "${var.sharing}" },
        },
      },
    });
    expect(failures(ztIam025, m)).toEqual([
      'aws_ssm_service_setting.by_path fail PublicSharing: public sharing of SSM documents is set to "Enable"; it must be "Disable"',
      "aws_ssm_service_setting.computed unknown PublicSharing: setting_value is not known until apply",
    ]);
  });
});
