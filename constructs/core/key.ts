import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";

/** Days a scheduled key deletion waits, the longest KMS allows. */
export const KEY_DELETION_WINDOW_DAYS = 30;

/** Settings of a key made with {@link createCustomerManagedKey}. */
export interface CustomerManagedKeyOptions {
  /** Description of the key. */
  readonly description: string;
  /** Alias name, `alias/...`. */
  readonly aliasName: string;
  /** Key policy JSON (a token from `PolicyDocument.lazy()` when statements are added later). */
  readonly policy: string;
  /**
   * Tags of the key.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
  /**
   * Construct id of the key under its scope.
   *
   * @default "key"
   */
  readonly keyId?: string;
  /**
   * Construct id of the alias under its scope.
   *
   * @default "alias"
   */
  readonly aliasId?: string;
}

/** A customer-managed key and its alias. */
export interface CustomerManagedKey {
  /** The key. */
  readonly key: KmsKey;
  /** The alias. */
  readonly alias: KmsAlias;
}

/**
 * The one way the constructs create a customer-managed KMS key: symmetric, for encryption, rotated every year,
 * a {@link KEY_DELETION_WINDOW_DAYS}-day deletion window, with an alias. The caller owns the policy.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#customer-cmk
 */
export function createCustomerManagedKey(scope: Construct, options: CustomerManagedKeyOptions): CustomerManagedKey {
  const key = new KmsKey(scope, options.keyId ?? "key", {
    description: options.description,
    enableKeyRotation: true,
    deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
    keyUsage: "ENCRYPT_DECRYPT",
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    policy: options.policy,
    tags: options.tags,
  });
  const alias = new KmsAlias(scope, options.aliasId ?? "alias", { name: options.aliasName, targetKeyId: key.keyId });
  return { key, alias };
}
