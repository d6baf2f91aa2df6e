import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { IEnvironment } from "../core/environment";
import { createCustomerManagedKey } from "../core/key";
import { PolicyStatementJson, policyDocument } from "../core/policy-document";
import { adminStatement, rootStatement } from "./key-policy";

/** What a log group key's policy names. */
export interface LogGroupKeyPolicyOptions {
  /** Sid of the statement that lets CloudWatch Logs use the key, e.g. `CloudWatchLogsForTheFlowLogGroup`. */
  readonly sid: string;
  /** Names of the log groups the key encrypts (the only encryption contexts CloudWatch Logs may use it for). */
  readonly logGroupNames: readonly string[];
  /**
   * Roles that administer (not use) the key besides the account root.
   *
   * @default []
   */
  readonly adminRoleArns?: readonly string[];
  /**
   * Region of the log groups.
   *
   * @default - the environment's region
   */
  readonly region?: string;
}

/**
 * Key policy of a customer-managed key that encrypts CloudWatch log groups: the account root (and the named roles)
 * administer it without using it, and only CloudWatch Logs of the log groups' region uses it, for those log groups
 * (the `aws:logs:arn` encryption context, account and region included, as CloudWatch Logs documents it).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logGroupKeyPolicy(env: IEnvironment, options: LogGroupKeyPolicyOptions): string {
  const region = options.region ?? env.region;
  const arns = options.logGroupNames.map((name) => `${env.arnPrefix}:logs:${region}:${env.accountId}:log-group:${name}`);
  const statements: PolicyStatementJson[] = [rootStatement(env.partition, env.accountId)];
  if (options.adminRoleArns && options.adminRoleArns.length > 0) statements.push(adminStatement(options.adminRoleArns));
  statements.push({
    Sid: options.sid,
    Effect: "Allow",
    Principal: { Service: `logs.${region}.${env.dnsSuffix}` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    // In a key policy, Resource "*" means the key the policy is attached to.
    Resource: "*",
    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": arns.length === 1 ? arns[0] : arns } },
  });
  return policyDocument(statements);
}

/** What {@link createEncryptedLogGroup} makes. */
export interface EncryptedLogGroupOptions {
  /** Name of the log group. */
  readonly name: string;
  /** Account, region and partition of the log group. */
  readonly env: IEnvironment;
  /** Days the logs are kept. */
  readonly retentionDays: number;
  /** Roles that administer (not use) the key. */
  readonly keyAdminRoleArns: readonly string[];
  /** Description of the key, e.g. `Encrypts the access logs of HTTP gateway shop`. */
  readonly keyDescription: string;
  /** Alias of the key, e.g. `alias/zt/http-gateway/shop/access-logs`. */
  readonly aliasName: string;
  /** Sid of the key policy statement that lets CloudWatch Logs use the key. */
  readonly sid: string;
  /** Tags of the key (with its Name tag). */
  readonly keyTags: Readonly<Record<string, string>>;
  /** Tags of the log group (with its Name tag). */
  readonly logGroupTags: Readonly<Record<string, string>>;
}

/**
 * A CloudWatch log group encrypted with a dedicated customer-managed key that only CloudWatch Logs uses, for this log
 * group (see {@link logGroupKeyPolicy}), made in `scope` as the key, its alias and `log-group`.
 */
export function createEncryptedLogGroup(scope: Construct, options: EncryptedLogGroupOptions): { key: KmsKey; alias: KmsAlias; logGroup: CloudwatchLogGroup } {
  const { key, alias } = createCustomerManagedKey(scope, {
    description: options.keyDescription,
    aliasName: options.aliasName,
    policy: logGroupKeyPolicy(options.env, { sid: options.sid, logGroupNames: [options.name], adminRoleArns: options.keyAdminRoleArns }),
    tags: { ...options.keyTags },
  });
  const logGroup = new CloudwatchLogGroup(scope, "log-group", {
    name: options.name,
    retentionInDays: options.retentionDays,
    kmsKeyId: key.arn,
    tags: { ...options.logGroupTags },
  });
  return { key, alias, logGroup };
}
