import { PolicyCondition, PolicyStatementJson, conditionBlock, oneOrMany } from "../identity/policy-json";
import { Partition } from "../identity/validate";

/**
 * Key administration actions granted to named admin roles. They manage the key's life cycle,
 * policy, tags and aliases but cannot use it (no Encrypt, Decrypt, GenerateDataKey) and cannot turn
 * rotation off (`kms:DisableKeyRotation` stays with the account root).
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/** Actions the Auto Scaling service-linked role needs to launch instances with volumes encrypted by the key. */
export const AUTOSCALING_KEY_USE_ACTIONS: readonly string[] = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
];

/** ARN of the account's Auto Scaling service-linked role, which launches the instances of every auto scaling group. */
export function autoScalingServiceLinkedRoleArn(partition: Partition, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * The account root may do everything with the key. This keeps the key manageable (it can never be
 * locked out) and lets IAM policies of the account grant further use, as AWS's default key policy does.
 */
export function rootStatement(partition: Partition, accountId: string): PolicyStatementJson {
  return {
    Sid: "AccountRootAdministers",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Administration (not use) of the key by named roles. */
export function adminStatement(adminRoleArns: readonly string[]): PolicyStatementJson {
  return {
    Sid: "AdminRolesAdministerNotUse",
    Effect: "Allow",
    Principal: { AWS: oneOrMany(adminRoleArns) },
    Action: [...KEY_ADMIN_ACTIONS],
    Resource: "*",
  };
}

/** Use of the key by named principals, narrowed by conditions. */
export function useStatement(sid: string, principalArns: readonly string[], actions: readonly string[], conditions: readonly PolicyCondition[]): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: oneOrMany(principalArns) },
    Action: oneOrMany(actions),
    Resource: "*",
    Condition: conditionBlock(conditions),
  };
}
