import { PolicyCondition, PolicyStatementJson, conditionBlock, oneOrMany } from "../core/policy-document";
import { Partition } from "../core/environment";

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
 * What the account root may do with a key: every administration action, `kms:DisableKeyRotation` included,
 * and nothing that uses the key (no Encrypt, Decrypt, ReEncrypt, GenerateDataKey, CreateGrant). With
 * `kms:PutKeyPolicy` among them the key can never become unmanageable, and because the root cannot use the
 * key, an IAM policy of the account that allows `kms:Decrypt` does not open it: only the principals its
 * policy names use it.
 */
export const ROOT_ADMIN_ACTIONS: readonly string[] = [...KEY_ADMIN_ACTIONS, "kms:DisableKeyRotation"].sort();

/**
 * KMS actions that use a key or hand out its use. No principal gets one of them from a key policy of these
 * constructs except the principals a use statement names.
 */
export const KEY_USE_ACTIONS: readonly string[] = [
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DeriveSharedSecret",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GenerateMac",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:Sign",
  "kms:Verify",
  "kms:VerifyMac",
];

/** Actions EC2 needs on behalf of a principal that creates, attaches or launches with EBS volumes encrypted by the key. */
export const EC2_EBS_KEY_USE_ACTIONS: readonly string[] = [
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
];

/**
 * The account root administers the key (see {@link ROOT_ADMIN_ACTIONS}): it can never be locked out, yet
 * neither the root nor the IAM policies of the account can use the key.
 */
export function rootStatement(partition: Partition | string, accountId: string): PolicyStatementJson {
  return {
    Sid: "AccountRootAdministersNotUse",
    Effect: "Allow",
    Principal: { AWS: accountRootArn(partition, accountId) },
    Action: [...ROOT_ADMIN_ACTIONS],
    // In a key policy, Resource "*" means the key the policy is attached to.
    Resource: "*",
  };
}

/** ARN of the account root principal. */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
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
