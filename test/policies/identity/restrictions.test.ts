import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { narrowingCondition, narrowingValue } from "../../../policies/rules/identity/_policies";
import { ztIam004 } from "../../../policies/rules/identity/zt-iam-004-trust-any-principal";
import { ztIam005 } from "../../../policies/rules/identity/zt-iam-005-trust-account-root";
import { ztIam009 } from "../../../policies/rules/identity/zt-iam-009-oidc-trust-without-subject";
import { ztIam010 } from "../../../policies/rules/identity/zt-iam-010-resource-policy-any-principal";
import { ztIam017 } from "../../../policies/rules/identity/zt-iam-017-privilege-escalation";
import { ztIam018 } from "../../../policies/rules/identity/zt-iam-018-unscoped-data-access";
import { ztIam019 } from "../../../policies/rules/identity/zt-iam-019-wildcard-actions-on-named-resource";
import { ztNet009 } from "../../../policies/rules/network/zt-net-009-vpc-endpoint-full-access";
import { ztSec002 } from "../../../policies/rules/secrets/zt-sec-002-kms-policy-public";
import { ztSec006 } from "../../../policies/rules/secrets/zt-sec-006-secret-policy-public";
import { configModel, resultsOf } from "../../support/rules";

const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const cfg = (resource: Record<string, unknown>) => configModel({ resource });
const statusOf = (rule: Rule, model: Model) => resultsOf(rule, model).map((r) => `${r.address}:${r.status}${r.item ? `[${r.item}]` : ""}`).sort();
const open = (condition?: Record<string, unknown>) => doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", ...(condition ? { Condition: condition } : {}) });

describe("conditions that narrow who matches", () => {
  it.each([
    ["aws:PrincipalOrgID", "o-abc123def4", true],
    ["aws:PrincipalOrgID", "o-*", false],
    ["aws:PrincipalAccount", "1111222233*", false],
    ["aws:SourceAccount", "*", false],
    ["aws:VpceAccount", "111122223333", true],
    ["aws:SourceVpce", "vpce-*", false],
    ["aws:PrincipalArn", "arn:aws:iam::111122223333:role/ci-*", true],
    ["aws:PrincipalArn", "arn:aws:iam::*:role/deployer", false],
    ["aws:PrincipalArn", "arn:aws:iam::*", false],
    ["aws:PrincipalArn", "arn:aws:iam::${data.aws_caller_identity.me.account_id}:role/*", true],
    ["aws:SourceArn", "arn:aws:s3:::ztb-logs", true],
    ["aws:SourceArn", "arn:aws:s3:::ztb-logs*", false],
    ["aws:SourceArn", "arn:aws:s3:::*", false],
    ["aws:PrincipalOrgPaths", "o-abc123def4/r-ab12/*", true],
    ["aws:PrincipalOrgPaths", "o-*/*", false],
    ["aws:userid", "AROAEXAMPLEID:*", true],
    ["aws:userid", "*:session", false],
    ["kms:ViaService", "secretsmanager.*.amazonaws.com", true],
    ["kms:ViaService", "*.amazonaws.com", false],
    ["iam:PermissionsBoundary", "arn:aws:iam::111122223333:policy/*", false],
    ["aws:ResourceTag/team", "payments-*", true],
    ["aws:ResourceTag/team", "*", false],
  ])("%s = %j narrows: %s", (key, value, expected) => {
    expect(narrowingValue(key, value)).toBe(expected);
  });

  it.each([
    ["StringEquals", ["o-abc123def4"], true],
    ["ForAnyValue:StringEquals", ["o-abc123def4"], true],
    ["ForAllValues:StringEquals", ["o-abc123def4"], false],
    ["StringEqualsIfExists", ["o-abc123def4"], false],
    ["StringNotEquals", ["o-abc123def4"], false],
    ["Null", ["false"], false],
    ["StringLike", ["o-abc123def4", "*"], false],
    ["StringLike", [], false],
  ])("%s %j narrows: %s", (test, values, expected) => {
    expect(narrowingCondition({ test, key: "aws:PrincipalOrgID", values })).toBe(expected);
  });
});

describe("rules that accept a condition on the caller", () => {
  it("ZT-IAM-010 rejects wildcard organizations, principals and accounts, and accepts aws:VpceAccount", () => {
    const model = cfg({
      aws_s3_bucket_policy: {
        org_star: { bucket: "b", policy: open({ StringLike: { "aws:PrincipalOrgID": "o-*" } }) },
        any_account_role: { bucket: "b", policy: open({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/x" } }) },
        source_star: { bucket: "b", policy: open({ StringLike: { "aws:SourceAccount": "*" } }) },
        negated: { bucket: "b", policy: open({ StringNotEquals: { "aws:PrincipalAccount": "111122223333" } }) },
        vpce_account: { bucket: "b", policy: open({ StringEquals: { "aws:VpceAccount": "111122223333" } }) },
        vpce_org: { bucket: "b", policy: open({ StringEquals: { "aws:VpceOrgID": "o-abc123def4" } }) },
        org: { bucket: "b", policy: open({ StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }) },
      },
    });
    expect(statusOf(ztIam010, model)).toEqual([
      "aws_s3_bucket_policy.any_account_role:fail[Principal::*]",
      "aws_s3_bucket_policy.negated:fail[Principal::*]",
      "aws_s3_bucket_policy.org:pass",
      "aws_s3_bucket_policy.org_star:fail[Principal::*]",
      "aws_s3_bucket_policy.source_star:fail[Principal::*]",
      "aws_s3_bucket_policy.vpce_account:pass",
      "aws_s3_bucket_policy.vpce_org:pass",
    ]);
  });

  it("ZT-SEC-002 and ZT-SEC-006 reject wildcard account and organization conditions", () => {
    const model = cfg({
      aws_kms_key: {
        caller_star: { policy: open({ StringLike: { "kms:CallerAccount": "*" } }) },
        caller: { policy: open({ StringEquals: { "kms:CallerAccount": "111122223333" } }) },
      },
      aws_secretsmanager_secret_policy: {
        org_star: { secret_arn: "s", policy: open({ StringLike: { "aws:PrincipalOrgID": "o-*" } }) },
        vpce_account: { secret_arn: "s", policy: open({ StringEquals: { "aws:VpceAccount": "111122223333" } }) },
      },
    });
    expect(statusOf(ztSec002, model)).toEqual(["aws_kms_key.caller:pass", "aws_kms_key.caller_star:fail[Principal::*]"]);
    expect(statusOf(ztSec006, model)).toEqual(["aws_secretsmanager_secret_policy.org_star:fail[Principal::*]", "aws_secretsmanager_secret_policy.vpce_account:pass"]);
  });

  it("ZT-IAM-004 rejects a principal ARN condition of any account", () => {
    const trust = (condition: Record<string, unknown>) => ({ assume_role_policy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" }, Condition: condition }) });
    const model = cfg({
      aws_iam_role: {
        any_account: trust({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/deployer" } }),
        org_paths: trust({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc123def4/r-ab12/*" } }),
      },
    });
    expect(statusOf(ztIam004, model)).toEqual(["aws_iam_role.any_account:fail[Principal::*]", "aws_iam_role.org_paths:pass"]);
  });

  it("ZT-IAM-005 accepts a principal ARN condition only when it names principals of the account", () => {
    const trust = (condition: Record<string, unknown>) => ({ assume_role_policy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "444455556666" }, Condition: condition }) });
    const model = cfg({
      aws_iam_role: {
        ci_roles: trust({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/ci-*" } }),
        whole_account: trust({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::444455556666:*" } }),
        every_role: trust({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/*" } }),
        external_id_star: trust({ StringLike: { "sts:ExternalId": "*" } }),
      },
    });
    expect(statusOf(ztIam005, model)).toEqual([
      "aws_iam_role.ci_roles:pass",
      "aws_iam_role.every_role:fail[Principal::444455556666]",
      "aws_iam_role.external_id_star:fail[Principal::444455556666]",
      "aws_iam_role.whole_account:fail[Principal::444455556666]",
    ]);
  });

  it("ZT-NET-009 rejects endpoint statements whose condition narrows nothing", () => {
    const endpoint = (policy: string) => ({ vpc_id: "vpc-1", service_name: "com.amazonaws.eu-west-1.s3", policy });
    const model = cfg({
      aws_vpc_endpoint: {
        org_star: endpoint(open({ StringLike: { "aws:PrincipalOrgID": "o-*" } })),
        own_endpoint: endpoint(open({ StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } })),
        if_exists: endpoint(open({ StringEqualsIfExists: { "aws:PrincipalAccount": "111122223333" } })),
        resource_account: endpoint(open({ StringEquals: { "aws:ResourceAccount": "111122223333" } })),
      },
    });
    expect(statusOf(ztNet009, model)).toEqual([
      "aws_vpc_endpoint.if_exists:fail[Statement::0]",
      "aws_vpc_endpoint.org_star:fail[Statement::0]",
      "aws_vpc_endpoint.own_endpoint:fail[Statement::0]",
      "aws_vpc_endpoint.resource_account:pass",
    ]);
  });
});

describe("ZT-IAM-009 subject patterns", () => {
  const GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  const GITLAB = "arn:aws:iam::111122223333:oidc-provider/gitlab.com";
  const TFC = "arn:aws:iam::111122223333:oidc-provider/app.terraform.io";
  const EKS = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
  const web = (federated: string, test: string, key: string, value: string) => ({
    assume_role_policy: doc({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: federated }, Condition: { [test]: { [key]: value } } }),
  });
  const gh = (value: string) => web(GITHUB, "StringLike", "token.actions.githubusercontent.com:sub", value);

  it("counts a pattern only when its owner is exact", () => {
    const model = cfg({
      aws_iam_role: {
        gh_owner_prefix: gh("repo:my-org*"),
        gh_owner_question: gh("repo:my-or?/app:*"),
        gh_owner: gh("repo:my-org/*"),
        gh_owner_any_context: gh("repo:my-org/*:*"),
        gh_repo: gh("repo:my-org/my-repo:*"),
        gitlab_group_prefix: web(GITLAB, "StringLike", "gitlab.com:sub", "project_path:my-group*"),
        gitlab_project: web(GITLAB, "StringLike", "gitlab.com:sub", "project_path:my-group/my-project:ref_type:branch:ref:*"),
        tfc_org_prefix: web(TFC, "StringLike", "app.terraform.io:sub", "organization:my-org*"),
        tfc_workspace: web(TFC, "StringLike", "app.terraform.io:sub", "organization:my-org:project:*:workspace:prod:run_phase:*"),
        eks_namespace_prefix: web(EKS, "StringLike", "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:sub", "system:serviceaccount:pay*"),
        eks_namespace: web(EKS, "StringLike", "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:sub", "system:serviceaccount:payments:*"),
        negated: web(GITHUB, "StringNotEquals", "token.actions.githubusercontent.com:sub", "repo:evil/x:ref:refs/heads/main"),
      },
    });
    const failing = resultsOf(ztIam009, model).filter((r) => r.status === "fail").map((r) => r.address).sort();
    expect(resultsOf(ztIam009, model).find((r) => r.address === "aws_iam_role.gh_owner_prefix")?.message).toBe(
      `assume_role_policy: statement #0 trusts web identities from ${GITHUB} with a condition on the "sub" claim that does not pin one owner`,
    );
    expect(failing).toEqual([
      "aws_iam_role.eks_namespace_prefix",
      "aws_iam_role.gh_owner_prefix",
      "aws_iam_role.gh_owner_question",
      "aws_iam_role.gitlab_group_prefix",
      "aws_iam_role.negated",
      "aws_iam_role.tfc_org_prefix",
    ]);
  });
});

describe("escalation, data access and full control rules on tricky shapes", () => {
  const iamPolicy = (...statements: Record<string, unknown>[]) => ({ policy: doc(...statements) });

  it("ZT-IAM-017 reads wildcards, NotAction exclusions, NotResource, broad role ARNs and exact delegation conditions", () => {
    const model = cfg({
      aws_iam_policy: {
        iam_put: iamPolicy({ Effect: "Allow", Action: "iam:put*", Resource: "*" }),
        not_action_iam: iamPolicy({ Effect: "Allow", NotAction: ["iam:*", "sts:*"], Resource: "*" }),
        not_resource: iamPolicy({ Effect: "Allow", Action: "iam:CreateAccessKey", NotResource: "arn:aws:iam::111122223333:user/admin" }),
        one_user: iamPolicy({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::111122223333:user/ci" }),
        other_type: iamPolicy({ Effect: "Allow", Action: ["iam:CreateAccessKey", "secretsmanager:GetSecretValue"], Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*" }),
        boundary_star: iamPolicy({
          Effect: "Allow",
          Action: "iam:AttachRolePolicy",
          Resource: "arn:aws:iam::111122223333:role/*",
          Condition: { StringLike: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/*" } },
        }),
        policy_arn: iamPolicy({
          Effect: "Allow",
          Action: "iam:AttachRolePolicy",
          Resource: "*",
          Condition: { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
        }),
        deny: iamPolicy({ Effect: "Deny", Action: "iam:*", Resource: "*" }),
      },
    });
    expect(statusOf(ztIam017, model)).toEqual([
      "aws_iam_policy.boundary_star:fail[Statement[#0]::iam:AttachRolePolicy]",
      "aws_iam_policy.deny:pass",
      "aws_iam_policy.iam_put:fail[Statement[#0]::iam:put*]",
      "aws_iam_policy.not_action_iam:pass",
      "aws_iam_policy.not_resource:fail[Statement[#0]::iam:CreateAccessKey]",
      "aws_iam_policy.one_user:pass",
      "aws_iam_policy.other_type:pass",
      "aws_iam_policy.policy_arn:pass",
    ]);
    const message = resultsOf(ztIam017, model).find((r) => r.address === "aws_iam_policy.iam_put")?.message;
    expect(message).toBe(
      'policy: statement #0 allows "iam:put*" (iam:PutRolePolicy, iam:PutUserPolicy, iam:PutGroupPolicy, iam:PutRolePermissionsBoundary, iam:PutUserPermissionsBoundary) on every resource',
    );
  });

  it("ZT-IAM-018 reads service wildcards, every resource of a type, NotAction and tag conditions", () => {
    const model = cfg({
      aws_iam_policy: {
        kms_all: iamPolicy({ Effect: "Allow", Action: "kms:*", Resource: "*" }),
        all_objects: iamPolicy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }),
        one_bucket: iamPolicy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::ztb-data/*" }),
        all_tables: iamPolicy({ Effect: "Allow", Action: ["dynamodb:Query"], Resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/*" }),
        not_action_data: iamPolicy({ Effect: "Allow", NotAction: ["s3:*", "kms:*", "secretsmanager:*", "ssm:*", "dynamodb:*", "rds-db:*"], Resource: "*" }),
        tag_star: iamPolicy({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringLike: { "aws:ResourceTag/service": "*" } } }),
        list_only: iamPolicy({ Effect: "Allow", Action: ["s3:ListAllMyBuckets", "kms:ListKeys"], Resource: "*" }),
        other_service_type: iamPolicy({ Effect: "Allow", Action: ["s3:GetObject", "dynamodb:GetItem"], Resource: ["arn:aws:s3:::ztb-data/*", "arn:aws:dynamodb:eu-west-1:111122223333:table/*"] }),
      },
    });
    expect(statusOf(ztIam018, model)).toEqual([
      "aws_iam_policy.all_objects:fail[Statement[#0]::s3:GetObject]",
      "aws_iam_policy.all_tables:fail[Statement[#0]::dynamodb:Query]",
      "aws_iam_policy.kms_all:fail[Statement[#0]::kms:*]",
      "aws_iam_policy.list_only:pass",
      "aws_iam_policy.not_action_data:pass",
      "aws_iam_policy.one_bucket:pass",
      "aws_iam_policy.other_service_type:fail[Statement[#0]::dynamodb:GetItem]",
      "aws_iam_policy.tag_star:fail[Statement[#0]::secretsmanager:GetSecretValue]",
    ]);
  });

  it("ZT-IAM-018 judges attached AWS managed policies by name, a role's inline and managed policies together", () => {
    const arn = (name: string) => `arn:aws:iam::aws:policy/${name}`;
    const model = cfg({
      aws_iam_role_policy_attachment: {
        ssm_core: { role: "r", policy_arn: arn("AmazonSSMManagedInstanceCore") },
        cloudwatch_agent: { role: "r", policy_arn: arn("CloudWatchAgentServerPolicy") },
        computed: { role: "r", policy_arn: "${var.policy_arn}" },
      },
      aws_iam_role: {
        both: { assume_role_policy: "{}", managed_policy_arns: [arn("AmazonS3ReadOnlyAccess")], inline_policy: { name: "i", policy: doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }) } },
        inline_only: { assume_role_policy: "{}", inline_policy: { name: "i", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) } },
        nothing: { assume_role_policy: "{}" },
      },
    });
    expect(statusOf(ztIam018, model)).toEqual([
      "aws_iam_role.both:fail[Policy::AmazonS3ReadOnlyAccess]",
      "aws_iam_role.both:fail[Statement[#0]::kms:Decrypt]",
      "aws_iam_role.inline_only:pass",
      "aws_iam_role_policy_attachment.cloudwatch_agent:pass",
      "aws_iam_role_policy_attachment.computed:unknown[ManagedPolicies]",
      "aws_iam_role_policy_attachment.ssm_core:fail[Policy::AmazonSSMManagedInstanceCore]",
    ]);
    expect(resultsOf(ztIam018, model).find((r) => r.address === "aws_iam_role_policy_attachment.ssm_core")?.message).toBe(
      "attaches the AWS managed policy AmazonSSMManagedInstanceCore, which allows ssm:GetParameter and ssm:GetParameters on every parameter",
    );
  });

  it("ZT-IAM-019 flags \"*\" and service wildcards on named resources only", () => {
    const model = cfg({
      aws_iam_policy: {
        star_on_role: iamPolicy({ Effect: "Allow", Action: "*", Resource: "arn:aws:iam::111122223333:role/app" }),
        kms_on_key: iamPolicy({ Effect: "Allow", Action: ["kms:*", "kms:Decrypt"], Resource: "arn:aws:kms:eu-west-1:111122223333:key/k" }),
        narrow: iamPolicy({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/*" }),
        everywhere: iamPolicy({ Effect: "Allow", Action: "s3:*", Resource: "*" }),
      },
    });
    expect(statusOf(ztIam019, model)).toEqual([
      "aws_iam_policy.everywhere:pass",
      "aws_iam_policy.kms_on_key:fail[Action::kms:*]",
      "aws_iam_policy.narrow:pass",
      "aws_iam_policy.star_on_role:fail[Action::*]",
    ]);
  });
});
