/**
 * IAM action lists shared by the policy rules (ZT-IAM-017, ZT-IAM-018) and the constructs (`ServiceIdentity.grant`),
 * so that what the pack flags and what a construct refuses stay one list. Plain data: nothing here imports the engine
 * or a construct.
 */

/** An IAM action that lets an identity raise its own privileges when it may use it on every resource of its kind. */
export interface EscalationAction {
  /** The action, `service:Action`. */
  readonly action: string;
  /** How the action escalates, for findings and errors. */
  readonly how: string;
  /**
   * Condition keys that limit what the action can grant when their values are exact (`iam:PolicyARN` naming the
   * only policies that may be attached, `iam:PermissionsBoundary` requiring the boundary of delegated administration).
   *
   * @default - no condition narrows it
   */
  readonly narrowedBy?: readonly string[];
}

const ATTACH = ["iam:PolicyARN", "iam:PermissionsBoundary"];
const BOUNDARY = ["iam:PermissionsBoundary"];

/**
 * Actions that turn an identity into an administrator of the account when allowed on every role, user, group or
 * policy, after the privilege escalation methods published by Rhino Security Labs. `iam:PassRole` is judged with its
 * own rule (ZT-IAM-003) and listed apart in {@link PASS_ROLE_ACTION}.
 */
export const ESCALATION_ACTIONS: readonly EscalationAction[] = [
  { action: "iam:AttachRolePolicy", how: "attaches any managed policy (AdministratorAccess included) to a role", narrowedBy: ATTACH },
  { action: "iam:AttachUserPolicy", how: "attaches any managed policy to a user", narrowedBy: ATTACH },
  { action: "iam:AttachGroupPolicy", how: "attaches any managed policy to a group", narrowedBy: ["iam:PolicyARN"] },
  { action: "iam:PutRolePolicy", how: "writes any inline policy into a role", narrowedBy: BOUNDARY },
  { action: "iam:PutUserPolicy", how: "writes any inline policy into a user", narrowedBy: BOUNDARY },
  { action: "iam:PutGroupPolicy", how: "writes any inline policy into a group" },
  { action: "iam:CreatePolicyVersion", how: "rewrites a managed policy with a new default version" },
  { action: "iam:SetDefaultPolicyVersion", how: "switches a managed policy to a more permissive earlier version" },
  { action: "iam:UpdateAssumeRolePolicy", how: "rewrites a role's trust policy so that the caller may assume it" },
  { action: "iam:CreateAccessKey", how: "creates access keys for another user" },
  { action: "iam:CreateLoginProfile", how: "gives another user a console password" },
  { action: "iam:UpdateLoginProfile", how: "resets another user's console password" },
  { action: "iam:AddUserToGroup", how: "adds a user to a more privileged group" },
  { action: "iam:DeleteRolePermissionsBoundary", how: "removes the permissions boundary that caps a role" },
  { action: "iam:DeleteUserPermissionsBoundary", how: "removes the permissions boundary that caps a user" },
  { action: "iam:PutRolePermissionsBoundary", how: "replaces a role's permissions boundary with a wider one", narrowedBy: BOUNDARY },
  { action: "iam:PutUserPermissionsBoundary", how: "replaces a user's permissions boundary with a wider one", narrowedBy: BOUNDARY },
  { action: "sts:AssumeRole", how: "assumes every role whose trust policy admits the account" },
];

/** Hands a role to a service: an escalation path on every role, judged by ZT-IAM-003. */
export const PASS_ROLE_ACTION = "iam:PassRole";

/**
 * Actions that read stored data or use a key to decrypt it. Allowed on every resource they give the identity every
 * secret, parameter, object, item or key of the account (and of other accounts whose resource policies trust it).
 */
export const DATA_ACCESS_ACTIONS: readonly string[] = [
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "kms:Decrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "ssm:GetParameterHistory",
  "s3:GetObject",
  "s3:GetObjectVersion",
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:PartiQLSelect",
  "rds-db:connect",
];

/**
 * True when `action` (written without wildcards, as a grant names it) is an escalation action or `iam:PassRole`.
 * Case-insensitive, as IAM compares actions.
 */
export function isEscalationAction(action: string): boolean {
  const a = action.toLowerCase();
  return a === PASS_ROLE_ACTION.toLowerCase() || ESCALATION_ACTIONS.some((e) => e.action.toLowerCase() === a);
}
