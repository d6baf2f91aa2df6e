import { IEnvironment } from "../core/environment";
import { KeyUse } from "../secrets/service-key";
import { accountRootArn } from "../secrets/key-policy";

/** Statement id of the key policy statement that lets ECR create its grants on the key. */
export const ECR_GRANTS_SID = "AccountGrantsThroughEcrForImages";

/**
 * The key use ECR needs to encrypt a repository with a customer-managed key: when the repository is created, ECR calls
 * `DescribeKey` and creates two grants on the key on behalf of the principal creating it, and later encrypts and
 * decrypts through those grants (pushing and pulling principals need no KMS permission). So principals of the account
 * may create grants on the key only through ECR in this region, only for AWS resources. The account root's
 * administration statement already covers `DescribeKey`; the creating principal also needs `kms:CreateGrant` and
 * `kms:DescribeKey` on the key in its IAM policy, and `kms:RetireGrant` to delete the repository.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
 */
export function ecrGrantsUse(env: IEnvironment): KeyUse {
  return {
    sid: ECR_GRANTS_SID,
    principalArns: [accountRootArn(env.partition, env.accountId)],
    actions: ["kms:CreateGrant"],
    conditions: [
      { test: "StringEquals", variable: "kms:ViaService", values: [`ecr.${env.region}.${env.dnsSuffix}`] },
      { test: "StringEquals", variable: "kms:CallerAccount", values: [env.accountId] },
      { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
    ],
  };
}
