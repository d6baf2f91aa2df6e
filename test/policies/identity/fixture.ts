import { App, Fn, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicy } from "@cdktf/provider-aws/lib/iam-group-policy";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamPolicyAttachment } from "@cdktf/provider-aws/lib/iam-policy-attachment";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserPolicy } from "@cdktf/provider-aws/lib/iam-user-policy";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketAcl } from "@cdktf/provider-aws/lib/s3-bucket-acl";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";

const ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";
const GITHUB_OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function trust(...statements: Record<string, unknown>[]): string {
  return policy(...statements.map((s) => ({ Effect: "Allow", Action: "sts:AssumeRole", ...s })));
}

const SERVICE_TRUST = trust({ Principal: { Service: "ecs-tasks.amazonaws.com" } });
const READ_ONLY = policy({ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::ztb-data", "arn:aws:s3:::ztb-data/*"] });
const FULL_ADMIN = policy({ Effect: "Allow", Action: "*", Resource: "*" });

/** Identity fixture: compliant and non-compliant IAM policies, roles, users and groups. */
export function identityFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "identity");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  // Identity-based policies.
  new IamPolicy(stack, "admin", { name: "admin", policy: FULL_ADMIN });
  const adminDoc = new DataAwsIamPolicyDocument(stack, "admin_doc", {
    statement: [{ effect: "Allow", actions: ["*:*"], resources: ["*"] }],
  });
  new IamPolicy(stack, "admin_from_doc", { name: "admin-from-doc", policy: adminDoc.json });
  // Written with Fn.jsonencode: a `${jsonencode({...})}` expression in synthesized JSON, plain JSON once planned.
  new IamPolicy(stack, "admin_encoded", {
    name: "admin-encoded",
    policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
  });
  // Documents layered from other documents: an admin statement brought in by a source document, and one that an
  // override document narrows (same sid).
  const readDoc = new DataAwsIamPolicyDocument(stack, "read_doc", {
    statement: [{ sid: "Read", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::ztb-data/*"] }],
  });
  const adminStatement = { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" };
  const layeredDoc = new DataAwsIamPolicyDocument(stack, "layered_doc", {
    sourcePolicyDocuments: [readDoc.json, Fn.jsonencode({ Version: "2012-10-17", Statement: [adminStatement] })],
    statement: [{ sid: "List", effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::ztb-data"] }],
  });
  new IamPolicy(stack, "admin_layered", { name: "admin-layered", policy: layeredDoc.json });
  const overriddenDoc = new DataAwsIamPolicyDocument(stack, "overridden_doc", {
    sourcePolicyDocuments: [policy(adminStatement)],
    overridePolicyDocuments: [policy({ Sid: "Admin", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::ztb-data/*" })],
  });
  new IamPolicy(stack, "admin_overridden", { name: "admin-overridden", policy: overriddenDoc.json });
  new IamPolicy(stack, "service_wide", {
    name: "service-wide",
    policy: policy({ Sid: "Everything", Effect: "Allow", Action: ["s3:*", "kms:*", "s3:GetObject"], Resource: "*" }),
  });
  new IamPolicy(stack, "pass_any_role", {
    name: "pass-any-role",
    policy: policy({ Effect: "Allow", Action: ["ec2:RunInstances", "iam:Pass*"], Resource: "*" }),
  });
  new IamPolicy(stack, "pass_one_role", {
    name: "pass-one-role",
    policy: policy({
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${ACCOUNT}:role/app-task`,
      Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    }),
  });
  const readOnly = new IamPolicy(stack, "read_only", { name: "read-only", policy: READ_ONLY });
  new IamPolicy(stack, "deny_guardrail", {
    name: "deny-guardrail",
    policy: policy({ Effect: "Deny", NotAction: ["s3:GetObject"], Resource: "*" }, { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::ztb-data/*" }),
  });

  const bucket = new S3Bucket(stack, "data", { bucket: "ztb-identity-fixture-data" });

  // Roles.
  const appRoleArn = `arn:aws:iam::${ACCOUNT}:role/app-task`;
  const appRole = new IamRole(stack, "app", {
    name: "app-task",
    assumeRolePolicy: SERVICE_TRUST,
    maxSessionDuration: 3600,
    inlinePolicy: [{ name: "read", policy: READ_ONLY }],
  });
  new IamRolePolicy(stack, "bucket_reader", {
    role: appRole.id,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `${bucket.arn}/*` }] }),
  });
  // Managed policies attached to the role: an AWS managed administrator policy, a read-only one, a customer one.
  new IamRolePolicyAttachment(stack, "app_admin", { role: appRole.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
  new IamRolePolicyAttachment(stack, "app_read_only", { role: appRole.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
  new IamRolePolicyAttachment(stack, "app_custom", { role: appRole.name, policyArn: readOnly.arn });
  new IamRole(stack, "ops", { name: "ops", assumeRolePolicy: SERVICE_TRUST, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/PowerUserAccess"] });
  new IamRolePolicy(stack, "not_resource", {
    role: appRole.id,
    policy: policy({ Sid: "AllButData", Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::ztb-data/*" }),
  });
  new IamRole(stack, "admin_inline", {
    name: "admin-inline",
    assumeRolePolicy: SERVICE_TRUST,
    inlinePolicy: [
      { name: "read", policy: READ_ONLY },
      { name: "admin", policy: FULL_ADMIN },
    ],
  });
  new IamRole(stack, "public_trust", { name: "public-trust", assumeRolePolicy: trust({ Principal: { AWS: "*" } }) });
  new IamRole(stack, "public_trust_encoded", {
    name: "public-trust-encoded",
    assumeRolePolicy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } }] }),
  });
  new IamRole(stack, "public_trust_org", {
    name: "public-trust-org",
    assumeRolePolicy: trust({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } }),
  });
  new IamRole(stack, "cross_account", { name: "cross-account", assumeRolePolicy: trust({ Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } }) });
  new IamRole(stack, "cross_account_ext", {
    name: "cross-account-ext",
    assumeRolePolicy: trust({ Principal: { AWS: OTHER_ACCOUNT }, Condition: { StringEquals: { "sts:ExternalId": "ztb-7f3a9c" } } }),
  });
  new IamRole(stack, "long_session", { name: "long-session", assumeRolePolicy: SERVICE_TRUST, maxSessionDuration: 43200 });
  new IamRole(stack, "github_any", {
    name: "github-any",
    assumeRolePolicy: policy({
      Effect: "Allow",
      Action: "sts:AssumeRoleWithWebIdentity",
      Principal: { Federated: GITHUB_OIDC },
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
    }),
  });
  const github = new IamOpenidConnectProvider(stack, "github", {
    url: "https://token.actions.githubusercontent.com",
    clientIdList: ["sts.amazonaws.com"],
    thumbprintList: ["6938fd4d98bab03faadb97b34396831e3780aea1"],
  });
  const githubRepo = new DataAwsIamPolicyDocument(stack, "github_repo_trust", {
    statement: [
      {
        effect: "Allow",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [github.arn] }],
        condition: [
          { test: "StringEquals", variable: "token.actions.githubusercontent.com:aud", values: ["sts.amazonaws.com"] },
          { test: "StringEquals", variable: "token.actions.githubusercontent.com:sub", values: ["repo:example-org/service:ref:refs/heads/main"] },
        ],
      },
    ],
  });
  new IamRole(stack, "github_repo", { name: "github-repo", assumeRolePolicy: githubRepo.json });

  // Resource policies of buckets, queues, topics and repositories.
  new S3BucketPolicy(stack, "data_policy", {
    bucket: bucket.id,
    policy: policy({ Effect: "Allow", Principal: { AWS: appRoleArn }, Action: "s3:GetObject", Resource: "arn:aws:s3:::ztb-identity-fixture-data/*" }),
  });
  const orders = new SqsQueue(stack, "orders", { name: "orders" });
  new SqsQueuePolicy(stack, "orders_public", {
    queueUrl: orders.url,
    policy: policy({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders` }),
  });
  const events = new SqsQueue(stack, "events", { name: "events" });
  new SqsQueuePolicy(stack, "events_from_topic", {
    queueUrl: events.url,
    policy: policy({
      Effect: "Allow",
      Principal: { Service: "sns.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:events`,
      Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts` } },
    }),
  });
  new SnsTopic(stack, "alerts", {
    name: "alerts",
    policy: Fn.jsonencode({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts` }],
    }),
  });
  new SnsTopic(stack, "bucket_events", {
    name: "bucket-events",
    policy: policy({
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "sns:Publish",
      Resource: `arn:aws:sns:eu-west-1:${ACCOUNT}:bucket-events`,
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    }),
  });
  const images = new EcrRepository(stack, "images", { name: "images", imageTagMutability: "IMMUTABLE" });
  new EcrRepositoryPolicy(stack, "images_public", {
    repository: images.name,
    policy: policy({ Sid: "PullFromAnywhere", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }),
  });

  // Bucket ACLs and public access blocks.
  new S3BucketAcl(stack, "data_private_acl", { bucket: bucket.id, acl: "private" });
  new S3BucketAcl(stack, "site_public_acl", { bucket: "ztb-site", acl: "public-read" });
  new S3BucketAcl(stack, "exports_grant_all", {
    bucket: "ztb-exports",
    accessControlPolicy: {
      owner: { id: "0123456789abcdef" },
      grant: [
        { permission: "FULL_CONTROL", grantee: { type: "CanonicalUser", id: "0123456789abcdef" } },
        { permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } },
      ],
    },
  });
  const allBlocked = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
  new S3BucketPublicAccessBlock(stack, "data_block", { bucket: bucket.id, ...allBlocked });
  new S3BucketPublicAccessBlock(stack, "site_block", { bucket: "ztb-site", blockPublicAcls: true });
  new S3AccountPublicAccessBlock(stack, "account_block", allBlocked);

  // Permissions in a function's resource policy: open to anyone, to one EventBridge rule, to one organization.
  new LambdaPermission(stack, "public_invoke", { functionName: "orders-api", action: "lambda:InvokeFunction", principal: "*" });
  new LambdaPermission(stack, "events_invoke", {
    functionName: "orders-api",
    action: "lambda:InvokeFunction",
    principal: "events.amazonaws.com",
    sourceArn: `arn:aws:events:eu-west-1:${ACCOUNT}:rule/nightly`,
  });
  new LambdaPermission(stack, "org_invoke", { functionName: "orders-api", action: "lambda:InvokeFunction", principal: "*", principalOrgId: "o-abc123def4" });

  // Users and groups.
  const user = new IamUser(stack, "dev", { name: "dev" });
  new IamUserPolicy(stack, "dev_inline", { name: "dev-inline", user: user.name, policy: READ_ONLY });
  new IamUserPolicyAttachment(stack, "dev_readonly", { user: user.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
  const group = new IamGroup(stack, "devs", { name: "devs" });
  new IamGroupPolicy(stack, "devs_not_action", {
    name: "devs-not-action",
    group: group.name,
    policy: policy({ Sid: "AllButIam", Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }),
  });
  new IamPolicyAttachment(stack, "to_group", { name: "to-group", groups: [group.name], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
  new IamPolicyAttachment(stack, "to_users", { name: "to-users", users: [user.name], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
  new IamGroupPolicyAttachment(stack, "devs_iam_full", { group: group.name, policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" });
  new IamAccessKey(stack, "dev_key", { user: user.name });
  new IamAccessKey(stack, "dev_old_key", { user: user.name, status: "Inactive" });

  // Privilege escalation (ZT-IAM-017): policy changes, trust changes and role assumption on every role, and their
  // scoped twins (one role, or delegated administration held to a permissions boundary).
  new IamPolicy(stack, "escalate_put", {
    name: "escalate-put",
    policy: policy({ Sid: "ManageRoles", Effect: "Allow", Action: ["iam:GetRole", "iam:PutRolePolicy"], Resource: "*" }),
  });
  const attachDoc = new DataAwsIamPolicyDocument(stack, "escalate_attach_doc", {
    statement: [{ effect: "Allow", actions: ["iam:Attach*"], resources: [`arn:aws:iam::${ACCOUNT}:role/*`] }],
  });
  new IamGroupPolicy(stack, "escalate_attach", { name: "escalate-attach", group: group.name, policy: attachDoc.json });
  new IamPolicy(stack, "assume_any", { name: "assume-any", policy: policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }) });
  new IamPolicy(stack, "assume_one", { name: "assume-one", policy: policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: appRoleArn }) });
  new IamPolicy(stack, "delegated_admin", {
    name: "delegated-admin",
    policy: policy({
      Sid: "BoundedRoles",
      Effect: "Allow",
      Action: ["iam:AttachRolePolicy", "iam:PutRolePolicy"],
      Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
      Condition: { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/workload-boundary` } },
    }),
  });

  // Data reads and key use on every resource (ZT-IAM-018), and their twins on named or tagged resources.
  new IamRolePolicy(stack, "read_any_secret", {
    name: "read-any-secret",
    role: appRole.id,
    policy: policy({ Sid: "Secrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "kms:Decrypt"], Resource: "*" }),
  });
  new IamPolicy(stack, "params_by_type", {
    name: "params-by-type",
    policy: policy({ Effect: "Allow", Action: "ssm:GetParameter*", Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/*` }),
  });
  new IamPolicy(stack, "read_one_secret", {
    name: "read-one-secret",
    policy: policy(
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:orders-db-AbCdEf` },
      { Effect: "Allow", Action: "kms:Decrypt", Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789` },
    ),
  });
  new IamPolicy(stack, "read_tagged", {
    name: "read-tagged",
    policy: policy({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/service": "orders" } } }),
  });

  // Every action on a named resource (ZT-IAM-019), and the named actions a workload needs on it.
  new IamPolicy(stack, "bucket_admin", {
    name: "bucket-admin",
    policy: policy({ Sid: "Bucket", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::ztb-data", "arn:aws:s3:::ztb-data/*"] }),
  });

  // Conditions that look like restrictions but admit everyone (ZT-IAM-004, 009, 010), and the network-owner
  // condition that does restrict.
  new IamRole(stack, "trust_any_account_role", {
    name: "trust-any-account-role",
    assumeRolePolicy: trust({ Principal: { AWS: "*" }, Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/deployer" } } }),
  });
  new IamRole(stack, "github_prefix", {
    name: "github-prefix",
    assumeRolePolicy: policy({
      Effect: "Allow",
      Action: "sts:AssumeRoleWithWebIdentity",
      Principal: { Federated: GITHUB_OIDC },
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:example-org*" } },
    }),
  });
  new S3BucketPolicy(stack, "any_org_policy", {
    bucket: "ztb-identity-fixture-shared",
    policy: policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::ztb-identity-fixture-shared/*", Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } }),
  });
  new S3BucketPolicy(stack, "endpoint_owner_policy", {
    bucket: "ztb-identity-fixture-internal",
    policy: policy({
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::ztb-identity-fixture-internal/*",
      Condition: { StringEquals: { "aws:VpceAccount": ACCOUNT } },
    }),
  });

  // Databases: services connect with IAM tokens, or only with passwords.
  const db = { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true };
  new DbInstance(stack, "orders_db", { ...db, identifier: "orders-db", iamDatabaseAuthenticationEnabled: true });
  new DbInstance(stack, "legacy_db", { ...db, identifier: "legacy-db" });
  new RdsCluster(stack, "reports_cluster", { clusterIdentifier: "reports", engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true });
  return stack;
}
