import { Model, Resource } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { identityRules } from "../../../policies/rules/identity";
import { ztIam001 } from "../../../policies/rules/identity/zt-iam-001-full-admin-policy";
import { ztIam002 } from "../../../policies/rules/identity/zt-iam-002-service-wide-wildcard";
import { ztIam003 } from "../../../policies/rules/identity/zt-iam-003-passrole-any-role";
import { ztIam004 } from "../../../policies/rules/identity/zt-iam-004-trust-any-principal";
import { ztIam005 } from "../../../policies/rules/identity/zt-iam-005-trust-account-root";
import { ztIam006 } from "../../../policies/rules/identity/zt-iam-006-user-attached-policies";
import { ztIam007 } from "../../../policies/rules/identity/zt-iam-007-long-role-sessions";
import { ztIam008 } from "../../../policies/rules/identity/zt-iam-008-allow-not-action";
import { ztIam009 } from "../../../policies/rules/identity/zt-iam-009-oidc-trust-without-subject";
import { ztIam010 } from "../../../policies/rules/identity/zt-iam-010-resource-policy-any-principal";
import { ztIam011 } from "../../../policies/rules/identity/zt-iam-011-lambda-permission-any-principal";
import { ztIam012 } from "../../../policies/rules/identity/zt-iam-012-s3-acl-public";
import { ztIam013 } from "../../../policies/rules/identity/zt-iam-013-s3-public-access-block-off";
import { ztIam014 } from "../../../policies/rules/identity/zt-iam-014-iam-access-key";
import { ztIam015 } from "../../../policies/rules/identity/zt-iam-015-database-without-iam-auth";
import { ztIam016 } from "../../../policies/rules/identity/zt-iam-016-privileged-managed-policy";
import { ztIam017 } from "../../../policies/rules/identity/zt-iam-017-privilege-escalation";
import { ztIam018 } from "../../../policies/rules/identity/zt-iam-018-unscoped-data-access";
import { ztIam019 } from "../../../policies/rules/identity/zt-iam-019-wildcard-actions-on-named-resource";
import { ztIam020 } from "../../../policies/rules/identity/zt-iam-020-lambda-service-permission-unscoped";
import { ztIam021 } from "../../../policies/rules/identity/zt-iam-021-iam-user";
import { ztIam022 } from "../../../policies/rules/identity/zt-iam-022-weak-password-policy";
import { ztIam023 } from "../../../policies/rules/identity/zt-iam-023-console-password-without-mfa";
import { ztIam024 } from "../../../policies/rules/identity/zt-iam-024-ssm-document-public";
import { ztIam025 } from "../../../policies/rules/identity/zt-iam-025-ssm-public-sharing-allowed";
import { configModel, describeFixtureModes, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { identityFixture } from "./fixture";

/** A policy whose document embeds `${aws_s3_bucket.data.arn}`: readable in the synthesized JSON, unknown in the plan. */
const TOKEN_POLICY = "aws_iam_role_policy.bucket_reader";

/** Expected addresses per rule for the synthesized configuration. */
const EXPECTED: RuleTable = [
  [
    ztIam001,
    {
      fail: ["aws_iam_policy.admin", "aws_iam_policy.admin_from_doc", "aws_iam_policy.admin_encoded", "aws_iam_policy.admin_layered", "aws_iam_role.admin_inline"],
      pass: [
        "aws_iam_policy.admin_overridden",
        "aws_iam_policy.service_wide",
        "aws_iam_policy.read_only",
        "aws_iam_policy.deny_guardrail",
        "aws_iam_role.app",
        TOKEN_POLICY,
        "aws_iam_role_policy.not_resource",
        "aws_iam_user_policy.dev_inline",
        "aws_iam_group_policy.devs_not_action",
      ],
    },
  ],
  [ztIam002, { fail: ["aws_iam_policy.service_wide"], pass: ["aws_iam_policy.admin", "aws_iam_policy.admin_from_doc", "aws_iam_policy.read_only", TOKEN_POLICY] }],
  [
    ztIam003,
    {
      fail: [
        "aws_iam_policy.admin",
        "aws_iam_policy.admin_from_doc",
        "aws_iam_policy.admin_encoded",
        "aws_iam_policy.admin_layered",
        "aws_iam_policy.pass_any_role",
        "aws_iam_role.admin_inline",
      ],
      pass: ["aws_iam_policy.pass_one_role", "aws_iam_policy.read_only", "aws_iam_policy.service_wide", "aws_iam_group_policy.devs_not_action", "aws_iam_role_policy.not_resource", TOKEN_POLICY],
    },
  ],
  [ztIam004, { fail: ["aws_iam_role.public_trust", "aws_iam_role.public_trust_encoded", "aws_iam_role.trust_any_account_role"], pass: ["aws_iam_role.public_trust_org", "aws_iam_role.app", "aws_iam_role.cross_account", "aws_iam_role.github_any", "aws_iam_role.github_repo"] }],
  [ztIam005, { fail: ["aws_iam_role.cross_account"], pass: ["aws_iam_role.cross_account_ext", "aws_iam_role.app", "aws_iam_role.public_trust", "aws_iam_role.github_any"] }],
  [
    ztIam006,
    {
      fail: ["aws_iam_user_policy.dev_inline", "aws_iam_user_policy_attachment.dev_readonly", "aws_iam_policy_attachment.to_users"],
      pass: ["aws_iam_policy_attachment.to_group"],
    },
  ],
  [ztIam007, { fail: ["aws_iam_role.long_session"], pass: ["aws_iam_role.app", "aws_iam_role.public_trust", "aws_iam_role.admin_inline"] }],
  [
    ztIam008,
    {
      fail: ["aws_iam_role_policy.not_resource", "aws_iam_group_policy.devs_not_action"],
      pass: ["aws_iam_policy.deny_guardrail", "aws_iam_policy.read_only", "aws_iam_policy.admin", "aws_iam_role.app", TOKEN_POLICY],
    },
  ],
  [ztIam009, { fail: ["aws_iam_role.github_any", "aws_iam_role.github_prefix"], pass: ["aws_iam_role.github_repo", "aws_iam_role.app", "aws_iam_role.public_trust"] }],
  [
    ztIam010,
    {
      fail: ["aws_sqs_queue_policy.orders_public", "aws_sns_topic.alerts", "aws_ecr_repository_policy.images_public", "aws_s3_bucket_policy.any_org_policy"],
      pass: ["aws_s3_bucket_policy.data_policy", "aws_sqs_queue_policy.events_from_topic", "aws_sns_topic.bucket_events", "aws_s3_bucket_policy.endpoint_owner_policy"],
    },
  ],
  [ztIam011, { fail: ["aws_lambda_permission.public_invoke"], pass: ["aws_lambda_permission.events_invoke", "aws_lambda_permission.org_invoke"] }],
  [ztIam012, { fail: ["aws_s3_bucket_acl.site_public_acl", "aws_s3_bucket_acl.exports_grant_all"], pass: ["aws_s3_bucket_acl.data_private_acl", "aws_s3_bucket.data"] }],
  [ztIam013, { fail: ["aws_s3_bucket_public_access_block.site_block"], pass: ["aws_s3_bucket_public_access_block.data_block", "aws_s3_account_public_access_block.account_block"] }],
  [ztIam014, { fail: ["aws_iam_access_key.dev_key"], pass: ["aws_iam_access_key.dev_old_key"] }],
  [ztIam015, { fail: ["aws_db_instance.legacy_db", "aws_rds_cluster.reports_cluster"], pass: ["aws_db_instance.orders_db"] }],
  [
    ztIam016,
    {
      fail: ["aws_iam_role_policy_attachment.app_admin", "aws_iam_group_policy_attachment.devs_iam_full", "aws_iam_role.ops"],
      pass: [
        "aws_iam_role_policy_attachment.app_read_only",
        "aws_iam_role_policy_attachment.app_custom",
        "aws_iam_user_policy_attachment.dev_readonly",
        "aws_iam_policy_attachment.to_group",
      ],
    },
  ],
  [
    ztIam017,
    {
      fail: [
        "aws_iam_policy.admin",
        "aws_iam_policy.admin_from_doc",
        "aws_iam_policy.admin_encoded",
        "aws_iam_policy.admin_layered",
        "aws_iam_role.admin_inline",
        "aws_iam_group_policy.devs_not_action",
        "aws_iam_policy.escalate_put",
        "aws_iam_group_policy.escalate_attach",
        "aws_iam_policy.assume_any",
      ],
      pass: [
        "aws_iam_policy.admin_overridden",
        "aws_iam_policy.service_wide",
        "aws_iam_policy.pass_any_role",
        "aws_iam_policy.read_only",
        "aws_iam_policy.assume_one",
        "aws_iam_policy.delegated_admin",
        "aws_iam_user_policy.dev_inline",
        TOKEN_POLICY,
      ],
    },
  ],
  [
    ztIam018,
    {
      fail: [
        "aws_iam_policy.admin",
        "aws_iam_policy.admin_from_doc",
        "aws_iam_policy.admin_encoded",
        "aws_iam_policy.admin_layered",
        "aws_iam_role.admin_inline",
        "aws_iam_policy.service_wide",
        "aws_iam_group_policy.devs_not_action",
        "aws_iam_role_policy.not_resource",
        "aws_iam_role_policy.read_any_secret",
        "aws_iam_policy.params_by_type",
        "aws_iam_role_policy_attachment.app_admin",
        "aws_iam_role_policy_attachment.app_read_only",
        "aws_iam_user_policy_attachment.dev_readonly",
        "aws_iam_policy_attachment.to_group",
        "aws_iam_policy_attachment.to_users",
        "aws_iam_role.ops",
      ],
      pass: [
        "aws_iam_policy.admin_overridden",
        "aws_iam_policy.read_only",
        "aws_iam_policy.read_one_secret",
        "aws_iam_policy.read_tagged",
        "aws_iam_policy.deny_guardrail",
        "aws_iam_policy.escalate_put",
        "aws_iam_policy.bucket_admin",
        "aws_iam_role_policy_attachment.app_custom",
        "aws_iam_group_policy_attachment.devs_iam_full",
        TOKEN_POLICY,
      ],
    },
  ],
  [
    ztIam019,
    {
      fail: ["aws_iam_policy.bucket_admin"],
      pass: ["aws_iam_policy.read_only", "aws_iam_policy.read_one_secret", "aws_iam_policy.admin", "aws_iam_policy.service_wide", "aws_iam_policy.pass_one_role", TOKEN_POLICY],
    },
  ],
  // ZT-IAM-020 to 025 have their own fixture (fsbp-identity.test.ts); here they only must not misjudge this one.
  [ztIam020, { fail: [], pass: ["aws_lambda_permission.events_invoke"] }],
  [ztIam021, { fail: ["aws_iam_user.dev"], pass: [] }],
  [ztIam022, { fail: [], pass: [] }],
  [ztIam023, { fail: [], pass: [] }],
  [ztIam024, { fail: [], pass: [] }],
  [ztIam025, { fail: [], pass: [] }],
];


const items = (rule: Rule, model: Model, address: string) =>
  resultsOf(rule, model)
    .filter((r) => r.address === address && r.status === "fail")
    .map((r) => r.item)
    .sort();

describe("identity rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, identityRules));

  describeFixtureModes("on the fixture", identityFixture, (model, mode) => {
    if (mode === "synthesized") {
      itExpectsRules(EXPECTED, model);

      it("names one item per offending action or principal", () => {
        expect(items(ztIam001, model(), "aws_iam_policy.admin")).toEqual(["Action::*"]);
        expect(items(ztIam001, model(), "aws_iam_policy.admin_from_doc")).toEqual(["Action::*:*"]);
        expect(items(ztIam002, model(), "aws_iam_policy.service_wide")).toEqual(["Action::kms:*", "Action::s3:*"]);
        expect(items(ztIam003, model(), "aws_iam_policy.pass_any_role")).toEqual(["Action::iam:Pass*"]);
        expect(items(ztIam005, model(), "aws_iam_role.cross_account")).toEqual(["Principal::arn:aws:iam::444455556666:root"]);
        expect(items(ztIam008, model(), "aws_iam_group_policy.devs_not_action")).toEqual(["NotAction::AllButIam"]);
        expect(items(ztIam008, model(), "aws_iam_role_policy.not_resource")).toEqual(["NotResource::AllButData"]);
        expect(items(ztIam009, model(), "aws_iam_role.github_any")).toEqual([
          "Principal::arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        ]);
        expect(items(ztIam017, model(), "aws_iam_policy.escalate_put")).toEqual(["Statement[ManageRoles]::iam:PutRolePolicy"]);
        expect(items(ztIam017, model(), "aws_iam_group_policy.escalate_attach")).toEqual(["Statement[#0]::iam:Attach*"]);
        expect(items(ztIam017, model(), "aws_iam_group_policy.devs_not_action")).toEqual(["Statement[AllButIam]::NotAction"]);
        expect(items(ztIam018, model(), "aws_iam_role_policy.read_any_secret")).toEqual(["Statement[Secrets]::kms:Decrypt", "Statement[Secrets]::secretsmanager:GetSecretValue"]);
        expect(items(ztIam018, model(), "aws_iam_policy.service_wide")).toEqual(["Statement[Everything]::kms:*", "Statement[Everything]::s3:*", "Statement[Everything]::s3:GetObject"]);
        expect(items(ztIam019, model(), "aws_iam_policy.bucket_admin")).toEqual(["Action::s3:*"]);
      });

      it("reports the inline policy of a role by name", () => {
        const r = resultsOf(ztIam001, model()).find((x) => x.address === "aws_iam_role.admin_inline" && x.status === "fail");
        expect(r?.findingId).toBe("ZT-IAM-001[Action::*]");
        expect(r?.message).toMatch(/^inline_policy\[admin\]: /);
      });

      it("does not evaluate roles without inline policies for identity-policy rules", () => {
        expect(resultsOf(ztIam001, model()).filter((r) => r.address === "aws_iam_role.public_trust")).toEqual([]);
      });
    } else {
      // The token-embedding policy's bucket ARN is computed: the plan records the policy's text, so it is judged as in synthesized JSON.
      itExpectsRules(EXPECTED, model, "%s (policies embedding a computed ARN are judged by their known parts)");

      it("does not mistake the computed inline_policy set of roles without inline policies for an unknown policy", () => {
        expect(resultsOf(ztIam001, model()).filter((r) => r.address === "aws_iam_role.public_trust")).toEqual([]);
      });

      it("reads the trust policy of a role built from a policy document deferred to apply", () => {
        const r = resultsOf(ztIam009, model()).filter((x) => x.address === "aws_iam_role.github_repo");
        expect(r.map((x) => x.status)).toEqual(["pass"]);
      });

      it("explains what an unknown policy depends on", () => {
        // Without the plan's record of its configuration's texts (`constant_value`), the policy embedding a computed ARN is unknown.
        const r = model().resources.find((x) => x.address === TOKEN_POLICY)!;
        const expressions = JSON.parse(JSON.stringify(r.exprTree), (key, value) => (key === "constant_value" ? undefined : value)) as unknown;
        const values = { ...(r.raw as Record<string, unknown>), policy: null };
        const bare = new Resource({ address: r.address, type: r.type, name: r.name, mode: r.mode, stack: r.stack, values, unknown: r.unknownTree, expressions, source: "plan" });
        const [result] = resultsOf(ztIam001, new Model([bare]));
        expect(result?.status).toBe("unknown");
        expect(result?.message).toMatch(/^policy is not known until apply \(depends on aws_s3_bucket\./);
      });
    }
  });
});

const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements.length === 1 ? statements[0] : statements });
const cfg = (resource: Record<string, unknown>) => configModel({ resource });
const statusOf = (rule: Rule, model: Model) => resultsOf(rule, model).map((r) => `${r.address}:${r.status}${r.item ? `[${r.item}]` : ""}`);
const trustRole = (name: string, statement: Record<string, unknown>) => ({ [name]: { assume_role_policy: doc({ Effect: "Allow", Action: "sts:AssumeRole", ...statement }) } });

describe("identity rules on tricky shapes", () => {
  it("ZT-IAM-001 reads single-object statements, single inline_policy blocks, all-wildcard ARNs and JSON with embedded tokens", () => {
    const model = cfg({
      aws_iam_policy: {
        single: { policy: doc({ Effect: "Allow", Action: "*:*", Resource: "*" }) },
        token: { policy: `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"\${aws_vpc.v.id}"}}}]}` },
        deny: { policy: doc({ Effect: "Deny", Action: "*", Resource: "*" }) },
        scoped: { policy: doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }) },
        all_arns: { policy: doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:*:*:*:*" }) },
      },
      aws_iam_role: { r: { assume_role_policy: "{}", inline_policy: { name: "admin", policy: doc({ Effect: "Allow", Action: ["*"], Resource: ["*"] }) } } },
    });
    expect(statusOf(ztIam001, model).sort()).toEqual([
      "aws_iam_policy.all_arns:fail[Action::*]",
      "aws_iam_policy.deny:pass",
      "aws_iam_policy.scoped:pass",
      "aws_iam_policy.single:fail[Action::*:*]",
      "aws_iam_policy.token:fail[Action::*]",
      "aws_iam_role.r:fail[Action::*]",
    ]);
  });

  it("ZT-IAM-001 judges the content of dynamic inline_policy blocks, which every generated policy follows", () => {
    const dynamicRole = (content: Record<string, unknown>, literal?: Record<string, unknown>) => ({
      assume_role_policy: "{}",
      ...(literal ? { inline_policy: literal } : {}),
      dynamic: { inline_policy: { for_each: "${var.buckets}", iterator: "each", content: { name: "${each.key}", ...content } } },
    });
    const model = cfg({
      aws_iam_role: {
        admin: dynamicRole({ policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }),
        templated: dynamicRole({ policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "${each.value}/*" }) }),
        from_iterator: dynamicRole({ policy: "${each.value.policy}" }),
        no_policy: dynamicRole({}),
        mixed: dynamicRole({ policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }, { name: "read", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) }),
      },
    });
    expect(statusOf(ztIam001, model).sort()).toEqual([
      "aws_iam_role.admin:fail[Action::*]",
      "aws_iam_role.from_iterator:unknown",
      "aws_iam_role.mixed:fail[Action::*]",
      "aws_iam_role.templated:pass",
    ]);
    const message = (address: string) => resultsOf(ztIam001, model).find((r) => r.address === address)?.message ?? "";
    expect(message("aws_iam_role.admin")).toMatch(/^dynamic inline_policy: /);
    expect(message("aws_iam_role.from_iterator")).toMatch(/^dynamic inline_policy is not known until apply \(depends on /);
  });

  it("ZT-IAM-001 reads jsonencode() literals, and is unknown, never pass, for other expressions and invalid JSON", () => {
    const model = cfg({
      aws_iam_policy: {
        encoded: { policy: '${jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}' },
        encoded_scoped: { policy: '${jsonencode({"Statement" = [{"Effect" = "Allow", "Action" = "*", "Resource" = aws_s3_bucket.b.arn}]})}' },
        encoded_local: { policy: "${jsonencode(local.policy)}" },
        encoded_broken: { policy: '${jsonencode({"Statement" = [{"Sid" = "say "hi"", "Action" = "*", "Resource" = "*"}]})}' },
        variable: { policy: "${var.policy}" },
        broken: { policy: '{"Statement": [' },
      },
    });
    expect(statusOf(ztIam001, model).sort()).toEqual([
      "aws_iam_policy.broken:unknown",
      "aws_iam_policy.encoded:fail[Action::*]",
      "aws_iam_policy.encoded_broken:unknown",
      "aws_iam_policy.encoded_local:unknown",
      "aws_iam_policy.encoded_scoped:pass",
      "aws_iam_policy.variable:unknown",
    ]);
    const message = (address: string) => resultsOf(ztIam001, model).find((r) => r.address === address)?.message ?? "";
    expect(message("aws_iam_policy.encoded_local")).toMatch(/^policy is not known until apply \(depends on local\.policy/);
  });

  it("ZT-IAM-010 reads each resource type's policy attribute and accepts conditions that pin the caller", () => {
    const open = (extra: Record<string, unknown> = {}) => doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", ...extra });
    const model = cfg({
      aws_s3_bucket: { inline: { bucket: "b", policy: open() } },
      aws_s3_bucket_policy: {
        all_but_one: { bucket: "b", policy: doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/auditor" }, Action: "s3:GetObject", Resource: "*" }) },
      },
      aws_opensearch_domain: { search: { domain_name: "search", access_policies: open() } },
      aws_opensearch_domain_policy: { search_vpce: { domain_name: "search", access_policies: open({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }) } },
      aws_elasticsearch_domain_policy: { legacy: { domain_name: "legacy", access_policies: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:root" }, Action: "es:*" }) } },
      aws_glacier_vault: { archive: { name: "archive", access_policy: open({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } }) } },
      aws_efs_file_system_policy: { files: { file_system_id: "fs-1", policy: open({ Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123def4" } } }) } },
      aws_sns_topic: {
        from_bucket: { name: "t", policy: open({ Condition: { StringEquals: { "aws:SourceOwner": "111122223333" } } }) },
        denied: { name: "d", policy: doc({ Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: "*" }) },
        variable: { name: "v", policy: "${var.topic_policy}" },
        none: { name: "n" },
      },
    });
    expect(statusOf(ztIam010, model).sort()).toEqual([
      "aws_efs_file_system_policy.files:fail[Principal::*]",
      "aws_elasticsearch_domain_policy.legacy:fail[Principal::*]",
      "aws_glacier_vault.archive:pass",
      "aws_opensearch_domain.search:fail[Principal::*]",
      "aws_opensearch_domain_policy.search_vpce:pass",
      "aws_s3_bucket.inline:fail[Principal::*]",
      "aws_s3_bucket_policy.all_but_one:fail[NotPrincipal::*]",
      "aws_sns_topic.denied:pass",
      "aws_sns_topic.from_bucket:pass",
      "aws_sns_topic.variable:unknown",
    ]);
    const message = resultsOf(ztIam010, model).find((r) => r.address === "aws_opensearch_domain.search")?.message;
    expect(message).toBe("access_policies: statement #0 allows any AWS principal without a condition on the caller");
  });

  it("ZT-IAM-011: a variable principal is unknown; a function URL permission open to anyone fails", () => {
    const model = cfg({
      aws_lambda_permission: {
        from_variable: { function_name: "f", action: "lambda:InvokeFunction", principal: "${var.caller}" },
        url: { function_name: "f", action: "lambda:InvokeFunctionUrl", principal: "*", function_url_auth_type: "NONE" },
        account: { function_name: "f", action: "lambda:InvokeFunction", principal: "111122223333" },
        own_account: { function_name: "f", action: "lambda:InvokeFunction", principal: "*", source_account: "${data.aws_caller_identity.me.account_id}" },
      },
    });
    expect(statusOf(ztIam011, model).sort()).toEqual([
      "aws_lambda_permission.account:pass",
      "aws_lambda_permission.from_variable:unknown",
      "aws_lambda_permission.own_account:pass",
      "aws_lambda_permission.url:fail[Principal::*]",
    ]);
    expect(resultsOf(ztIam011, model).find((r) => r.address === "aws_lambda_permission.url")?.message).toBe(
      'principal "*" may call lambda:InvokeFunctionUrl without source_arn, source_account or principal_org_id',
    );
  });

  it("ZT-IAM-012 reads canned ACLs and grants, also on the legacy aws_s3_bucket arguments", () => {
    const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    const model = cfg({
      aws_s3_bucket: {
        legacy_canned: { bucket: "a", acl: "authenticated-read" },
        legacy_grant: { bucket: "b", grant: [{ type: "Group", uri: allUsers, permissions: ["READ", "WRITE"] }] },
        log_delivery: { bucket: "c", acl: "log-delivery-write" },
      },
      aws_s3_bucket_acl: {
        variable: { bucket: "d", acl: "${var.acl}" },
        owner_only: { bucket: "e", access_control_policy: { owner: { id: "o" }, grant: [{ permission: "FULL_CONTROL", grantee: { type: "CanonicalUser", id: "o" } }] } },
      },
    });
    expect(statusOf(ztIam012, model).sort()).toEqual([
      "aws_s3_bucket.legacy_canned:fail[ACL::authenticated-read]",
      "aws_s3_bucket.legacy_grant:fail[Grant::AllUsers:READ]",
      "aws_s3_bucket.legacy_grant:fail[Grant::AllUsers:WRITE]",
      "aws_s3_bucket.log_delivery:pass",
      "aws_s3_bucket_acl.owner_only:pass",
      "aws_s3_bucket_acl.variable:unknown[ACL]",
    ]);
  });

  it("ZT-IAM-013 names each setting left open; unset means false; a variable is unknown", () => {
    const model = cfg({
      aws_s3_bucket_public_access_block: { half: { bucket: "b", block_public_acls: true, ignore_public_acls: true, block_public_policy: false, restrict_public_buckets: "${var.restrict}" } },
    });
    expect(statusOf(ztIam013, model)).toEqual([
      "aws_s3_bucket_public_access_block.half:fail[PublicAccessBlock::block_public_policy]",
      "aws_s3_bucket_public_access_block.half:unknown[PublicAccessBlock::restrict_public_buckets]",
    ]);
    const site = resultsOf(ztIam013, cfg({ aws_s3_account_public_access_block: { a: {} } })).map((r) => r.message);
    expect(site).toEqual([
      "block_public_acls is not set (false)",
      "block_public_policy is not set (false)",
      "ignore_public_acls is not set (false)",
      "restrict_public_buckets is not set (false)",
    ]);
  });

  it("ZT-IAM-015: engines without IAM authentication and restored instances are not applicable; false is named", () => {
    const model = cfg({
      aws_db_instance: {
        oracle: { engine: "oracle-se2", instance_class: "db.m5.large" },
        restored: { snapshot_identifier: "snap-1", instance_class: "db.t4g.micro" },
        off: { engine: "mysql", iam_database_authentication_enabled: false },
        variable: { engine: "${var.engine}" },
      },
      aws_rds_cluster: { default_engine: { cluster_identifier: "c", iam_database_authentication_enabled: true } },
    });
    expect(statusOf(ztIam015, model).sort()).toEqual(["aws_db_instance.off:fail[IAMAuthentication]", "aws_db_instance.variable:unknown", "aws_rds_cluster.default_engine:pass"]);
    expect(resultsOf(ztIam015, model).find((r) => r.address === "aws_db_instance.off")?.message).toBe(
      "iam_database_authentication_enabled is false: services can only connect with passwords",
    );
  });

  it("ZT-IAM-016: ARNs of any partition, data sources by arn or name, exclusive and SSO attachments; computed ARNs are unknown", () => {
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    const model = configModel({
      data: {
        aws_iam_policy: {
          admin_by_arn: { arn: admin },
          power_by_name: { name: "PowerUserAccess" },
          mine: { name: "team-read" },
          computed: { arn: "${var.policy_arn}" },
        },
      },
      resource: {
        aws_iam_policy: { own: { policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } },
        aws_iam_role_policy_attachment: {
          gov: { role: "r", policy_arn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" },
          by_arn: { role: "r", policy_arn: "${data.aws_iam_policy.admin_by_arn.arn}" },
          by_name: { role: "r", policy_arn: "${data.aws_iam_policy.power_by_name.arn}" },
          team: { role: "r", policy_arn: "${data.aws_iam_policy.mine.arn}" },
          own: { role: "r", policy_arn: "${aws_iam_policy.own.arn}" },
          variable: { role: "r", policy_arn: "${var.policy_arn}" },
          data_computed: { role: "r", policy_arn: "${data.aws_iam_policy.computed.arn}" },
          job_function: { role: "r", policy_arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" },
        },
        aws_iam_role_policy_attachments_exclusive: { only: { role_name: "r", policy_arns: [admin, "${aws_iam_policy.own.arn}"] } },
        aws_iam_group_policy_attachments_exclusive: { pending: { group_name: "g", policy_arns: ["${var.policy_arn}"] } },
        aws_ssoadmin_managed_policy_attachment: { sso: { instance_arn: "i", permission_set_arn: "p", managed_policy_arn: admin } },
        aws_iam_role: { plain: { assume_role_policy: "{}" } },
      },
    });
    expect(statusOf(ztIam016, model).sort()).toEqual([
      "aws_iam_group_policy_attachments_exclusive.pending:unknown",
      "aws_iam_role_policy_attachment.by_arn:fail[Policy::AdministratorAccess]",
      "aws_iam_role_policy_attachment.by_name:fail[Policy::PowerUserAccess]",
      "aws_iam_role_policy_attachment.data_computed:unknown",
      "aws_iam_role_policy_attachment.gov:fail[Policy::AdministratorAccess]",
      "aws_iam_role_policy_attachment.job_function:pass",
      "aws_iam_role_policy_attachment.own:pass",
      "aws_iam_role_policy_attachment.team:pass",
      "aws_iam_role_policy_attachment.variable:unknown",
      "aws_iam_role_policy_attachments_exclusive.only:fail[Policy::AdministratorAccess]",
      "aws_ssoadmin_managed_policy_attachment.sso:fail[Policy::AdministratorAccess]",
    ]);
    expect(resultsOf(ztIam016, model).find((r) => r.address === "aws_iam_role_policy_attachment.variable")?.message).toBe(
      "policy_arn is computed at apply time (var.policy_arn)",
    );
  });

  it("ZT-IAM-002 ignores narrower wildcards and scoped resources", () => {
    const model = cfg({
      aws_iam_policy: {
        get_star: { policy: doc({ Effect: "Allow", Action: "s3:Get*", Resource: "*" }) },
        scoped: { policy: doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" }) },
        dashed: { policy: doc({ Effect: "Allow", Action: "resource-groups:*", Resource: "*" }) },
      },
    });
    expect(statusOf(ztIam002, model).sort()).toEqual(["aws_iam_policy.dashed:fail[Action::resource-groups:*]", "aws_iam_policy.get_star:pass", "aws_iam_policy.scoped:pass"]);
  });

  it("ZT-IAM-003 catches iam:* and NotAction statements that leave iam:PassRole allowed", () => {
    const model = cfg({
      aws_iam_policy: {
        iam_all: { policy: doc({ Effect: "Allow", Action: "IAM:*", Resource: "*" }) },
        not_action: { policy: doc({ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" }) },
        not_action_iam: { policy: doc({ Effect: "Allow", NotAction: ["iam:Pass*"], Resource: "*" }) },
      },
    });
    expect(statusOf(ztIam003, model).sort()).toEqual([
      "aws_iam_policy.iam_all:fail[Action::IAM:*]",
      "aws_iam_policy.not_action:fail[NotAction::#0]",
      "aws_iam_policy.not_action_iam:pass",
    ]);
  });

  it("ZT-IAM-004 does not accept Null, IfExists or catch-all conditions as a restriction", () => {
    const model = cfg({
      aws_iam_role: {
        ...trustRole("if_exists", { Principal: "*", Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123def4" } } }),
        ...trustRole("null_test", { Principal: "*", Condition: { Null: { "aws:PrincipalOrgID": "false" } } }),
        ...trustRole("star_value", { Principal: "*", Condition: { StringLike: { "aws:PrincipalArn": "*" } } }),
        ...trustRole("any_account", { Principal: { AWS: ["arn:aws:iam::*:root"] } }),
        ...trustRole("source_account", { Principal: { AWS: "*" }, Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }),
        ...trustRole("deny_all", { Effect: "Deny", Principal: "*" }),
      },
    });
    expect(statusOf(ztIam004, model).sort()).toEqual([
      "aws_iam_role.any_account:fail[Principal::*]",
      "aws_iam_role.deny_all:pass",
      "aws_iam_role.if_exists:fail[Principal::*]",
      "aws_iam_role.null_test:fail[Principal::*]",
      "aws_iam_role.source_account:pass",
      "aws_iam_role.star_value:fail[Principal::*]",
    ]);
  });

  it("ZT-IAM-005 flags bare account ids and accepts aws:PrincipalArn; unknown principals are not account roots", () => {
    const model = cfg({
      aws_iam_role: {
        ...trustRole("bare", { Principal: { AWS: ["444455556666", "arn:aws:iam::444455556666:role/ci"] } }),
        ...trustRole("principal_arn", { Principal: { AWS: "444455556666" }, Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/ci-*" } } }),
        ...trustRole("role_only", { Principal: { AWS: "arn:aws:iam::444455556666:role/ci" } }),
        ...trustRole("variable", { Principal: { AWS: "${var.trusted_account}" } }),
      },
    });
    expect(statusOf(ztIam005, model).sort()).toEqual([
      "aws_iam_role.bare:fail[Principal::444455556666]",
      "aws_iam_role.principal_arn:pass",
      "aws_iam_role.role_only:pass",
      "aws_iam_role.variable:pass",
    ]);
  });

  it("ZT-IAM-006 judges attachment lists: empty passes, unknown is unknown", () => {
    const model = cfg({
      aws_iam_policy_attachment: {
        no_users: { name: "a", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", users: [], roles: ["r"] },
        var_users: { name: "b", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", users: "${var.users}" },
      },
      aws_iam_user_policy_attachments_exclusive: {
        none: { user_name: "dev", policy_arns: [] },
        some: { user_name: "dev", policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
      },
      aws_iam_user_policies_exclusive: { some: { user_name: "dev", policy_names: ["inline"] } },
    });
    expect(statusOf(ztIam006, model).sort()).toEqual([
      "aws_iam_policy_attachment.no_users:pass",
      "aws_iam_policy_attachment.var_users:unknown",
      "aws_iam_user_policies_exclusive.some:fail",
      "aws_iam_user_policy_attachments_exclusive.none:pass",
      "aws_iam_user_policy_attachments_exclusive.some:fail",
    ]);
  });

  it("ZT-IAM-007 treats 3600 as the limit, reads numeric strings and leaves variables unknown", () => {
    const model = cfg({
      aws_iam_role: {
        at_limit: { assume_role_policy: "{}", max_session_duration: 3600 },
        string_value: { assume_role_policy: "{}", max_session_duration: "7200" },
        variable: { assume_role_policy: "{}", max_session_duration: "${var.session}" },
      },
    });
    expect(statusOf(ztIam007, model).sort()).toEqual(["aws_iam_role.at_limit:pass", "aws_iam_role.string_value:fail", "aws_iam_role.variable:unknown"]);
  });

  it("ZT-IAM-009 pins EKS service accounts and Cognito audiences, and rejects catch-all subjects", () => {
    const eks = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
    const key = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:sub";
    const web = (name: string, federated: string, condition?: Record<string, unknown>) =>
      trustRole(name, { Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: federated }, ...(condition ? { Condition: condition } : {}) });
    const model = cfg({
      aws_iam_role: {
        ...web("irsa_ok", eks, { StringEquals: { [key]: "system:serviceaccount:payments:api" } }),
        ...web("irsa_any", eks, { StringLike: { [key]: "system:serviceaccount:*" } }),
        ...web("irsa_if_exists", eks, { StringEqualsIfExists: { [key]: "system:serviceaccount:payments:api" } }),
        ...web("github_org", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", {
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:example-org/*" },
        }),
        ...web("github_all_repos", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", {
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" },
        }),
        ...web("cognito_ok", "cognito-identity.amazonaws.com", { StringEquals: { "cognito-identity.amazonaws.com:aud": "eu-west-1:0000-1111" } }),
        ...web("cognito_open", "cognito-identity.amazonaws.com"),
        ...trustRole("saml", { Action: "sts:AssumeRoleWithSAML", Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/corp" } }),
        ...web("token_key", "${aws_iam_openid_connect_provider.p.arn}", { StringEquals: { "${aws_iam_openid_connect_provider.p.url}:sub": "repo:o/r:ref:refs/heads/main" } }),
      },
    });
    expect(statusOf(ztIam009, model).sort()).toEqual([
      "aws_iam_role.cognito_ok:pass",
      "aws_iam_role.cognito_open:fail[Principal::cognito-identity.amazonaws.com]",
      "aws_iam_role.github_all_repos:fail[Principal::arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com]",
      "aws_iam_role.github_org:pass",
      `aws_iam_role.irsa_any:fail[Principal::${eks}]`,
      `aws_iam_role.irsa_if_exists:fail[Principal::${eks}]`,
      "aws_iam_role.irsa_ok:pass",
      "aws_iam_role.saml:pass",
      "aws_iam_role.token_key:pass",
    ]);
  });
});
