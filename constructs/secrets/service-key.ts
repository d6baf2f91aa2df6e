import { Construct } from "constructs";
import { IResolveContext, Lazy } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { PolicyCondition, PolicyStatementJson, policyDocument } from "../identity/policy-json";
import { ServiceIdentity } from "../identity/service-identity";
import {
  Partition,
  constructError,
  dnsSuffix,
  pascalCase,
  requireAccountId,
  requireArns,
  requirePartition,
  requireRegion,
} from "../identity/validate";
import {
  AUTOSCALING_KEY_USE_ACTIONS,
  EC2_EBS_KEY_USE_ACTIONS,
  accountRootArn,
  adminStatement,
  autoScalingServiceLinkedRoleArn,
  rootStatement,
  useStatement,
} from "./key-policy";

/** Days a scheduled key deletion waits, the longest KMS allows. */
export const KEY_DELETION_WINDOW_DAYS = 30;

/** Properties of a {@link ServiceKey}. */
export interface ServiceKeyProps {
  /**
   * Owner of the key, used in the alias `alias/<owner>/<purpose>`: a service name or another DNS label
   * (1–32 lowercase letters, digits and hyphens).
   */
  readonly owner: string;
  /** What the key protects, used in the alias, e.g. `"secrets"` or `"ebs"`. */
  readonly purpose: string;
  /** Twelve-digit account id of the key. */
  readonly accountId: string;
  /** Region of the key; scopes `kms:ViaService`. */
  readonly region: string;
  /**
   * The AWS service through which principals granted with {@link ServiceKey.grantDecrypt} may use the key,
   * as the first label of its endpoint (`secretsmanager` for `secretsmanager.<region>.amazonaws.com`).
   *
   * @default "secretsmanager"
   */
  readonly usedThrough?: string;
  /**
   * ARNs of roles that administer the key (policy, tags, aliases, enable/disable, deletion) without using it.
   *
   * @default - no admin roles; the account root administers the key
   */
  readonly adminRoleArns?: string[];
  /**
   * ARN partition of the account.
   *
   * @default "aws"
   */
  readonly partition?: Partition;
  /**
   * Description of the key.
   *
   * @default - "<purpose> key of <owner>"
   */
  readonly description?: string;
  /**
   * Tags of the key.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** A named use of the key in its policy; statements with the same sid share actions and conditions. */
export interface KeyUse {
  /** Statement id, letters and digits only. */
  readonly sid: string;
  /** ARNs of the principals that may use the key. */
  readonly principalArns: string[];
  /** KMS actions, without wildcards. */
  readonly actions: string[];
  /**
   * Conditions on the use.
   *
   * @default - no conditions
   */
  readonly conditions?: PolicyCondition[];
}

const KIND = "ServiceKey";

/**
 * A customer-managed KMS key for one owner and purpose: automatic rotation, a 30-day deletion window and
 * an alias `alias/<owner>/<purpose>`. Its policy lets the account root administer it without using it (so
 * it is never locked out, and an IAM policy of the account that allows `kms:Decrypt` does not open it),
 * named admin roles administer without using it, and every use is an explicit statement naming its
 * principals, added with {@link allowUse}, {@link allowUseThrough}, {@link grantDecrypt},
 * {@link allowAutoScalingEbsUse} or {@link allowAccountEbsUseThroughEc2}. The policy is rendered at synth time.
 */
export class ServiceKey extends Construct {
  /** The key. */
  readonly key: KmsKey;
  /** ARN of the key. */
  readonly keyArn: string;
  /** Id of the key. */
  readonly keyId: string;
  /** The alias. */
  readonly alias: KmsAlias;
  /** Name of the alias, `alias/<owner>/<purpose>`. */
  readonly aliasName: string;
  /** Owner used in the alias. */
  readonly owner: string;
  /** Purpose used in the alias. */
  readonly purpose: string;
  /** Account of the key. */
  readonly accountId: string;
  /** Region of the key. */
  readonly region: string;
  /** ARN partition. */
  readonly partition: Partition;
  /** Endpoint label of the service the key is used through. */
  readonly usedThrough: string;
  private readonly adminRoleArns: string[];
  private readonly uses: KeyUse[] = [];

  constructor(scope: Construct, id: string, props: ServiceKeyProps) {
    super(scope, id);
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(props.owner) || props.owner.endsWith("-")) {
      throw constructError(KIND, id, `owner "${props.owner}" must be a DNS label of at most 32 characters; pass the service name.`);
    }
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(props.purpose)) {
      throw constructError(KIND, id, `purpose "${props.purpose}" must be a short lowercase label; pass e.g. "secrets" or "ebs".`);
    }
    requireAccountId(KIND, id, "accountId", props.accountId);
    requireRegion(KIND, id, "region", props.region);
    const partition = props.partition ?? "aws";
    requirePartition(KIND, id, "partition", partition);
    const adminRoleArns = props.adminRoleArns ?? [];
    requireArns(KIND, id, "adminRoleArns", adminRoleArns, partition, "iam", /^role\/.+/, `arn:${partition}:iam::123456789012:role/platform-admin`);
    const usedThrough = props.usedThrough ?? "secretsmanager";
    if (!/^[a-z0-9-]+$/.test(usedThrough)) {
      throw constructError(KIND, id, `usedThrough "${usedThrough}" must be the first label of a service endpoint, e.g. "secretsmanager".`);
    }

    this.owner = props.owner;
    this.purpose = props.purpose;
    this.accountId = props.accountId;
    this.region = props.region;
    this.partition = partition;
    this.usedThrough = usedThrough;
    this.adminRoleArns = [...adminRoleArns];
    this.aliasName = `alias/${props.owner}/${props.purpose}`;

    this.key = new KmsKey(this, "key", {
      description: props.description ?? `${props.purpose} key of ${props.owner}`,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      policy: Lazy.stringValue({ produce: (context) => this.renderPolicy(context) }),
      tags: props.tags,
    });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
    this.alias = new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: this.key.keyId });
  }

  /** The endpoint host the key is used through, e.g. `secretsmanager.eu-west-1.amazonaws.com`. */
  get viaService(): string {
    return `${this.usedThrough}.${this.region}.${dnsSuffix(this.partition)}`;
  }

  /**
   * Adds principals to a use statement of the key policy. A second call with the same sid adds
   * principals; it must give the same actions and conditions.
   */
  allowUse(use: KeyUse): void {
    if (!/^[A-Za-z0-9]+$/.test(use.sid)) {
      throw constructError(KIND, this.node.id, `key use sid "${use.sid}" must be letters and digits only.`);
    }
    if (use.actions.length === 0 || use.actions.some((a) => !/^kms:[A-Za-z]+$/.test(a))) {
      throw constructError(KIND, this.node.id, `key use "${use.sid}" actions must be KMS actions without wildcards, e.g. "kms:Decrypt".`);
    }
    if (use.principalArns.length === 0) {
      throw constructError(KIND, this.node.id, `key use "${use.sid}" names no principal; pass the ARNs of the roles that use the key.`);
    }
    const existing = this.uses.find((u) => u.sid === use.sid);
    if (!existing) {
      this.uses.push({ ...use, principalArns: [...use.principalArns], actions: [...use.actions], conditions: [...(use.conditions ?? [])] });
      return;
    }
    const same = JSON.stringify(existing.actions) === JSON.stringify(use.actions) && JSON.stringify(existing.conditions) === JSON.stringify(use.conditions ?? []);
    if (!same) {
      throw constructError(KIND, this.node.id, `key use sid "${use.sid}" is already used with other actions or conditions; pick another sid.`);
    }
    existing.principalArns.push(...use.principalArns);
  }

  /**
   * Lets `identity` decrypt with the key only through {@link usedThrough} in this account and region:
   * a key policy statement naming the identity's role (`kms:ViaService`, `kms:CallerAccount`), and a
   * `kms:Decrypt` grant on this key's ARN with the same `kms:ViaService` condition in the identity's
   * policy. The key policy alone would suffice for a principal it names; the IAM statement keeps the
   * permission visible where the role's other permissions are reviewed, and neither is wider than the other.
   */
  grantDecrypt(identity: ServiceIdentity): void {
    this.allowUseThrough(`DecryptThrough${pascalCase(this.usedThrough)}`, [identity.roleArn], ["kms:Decrypt"]);
    identity.grant({
      sid: `Decrypt${pascalCase(this.owner)}${pascalCase(this.purpose)}Key`,
      actions: ["kms:Decrypt"],
      resources: [this.keyArn],
      conditions: [this.viaCondition()],
    });
  }

  /**
   * Lets named principals use the key only through {@link usedThrough} in this account and region
   * (`kms:ViaService` and `kms:CallerAccount` conditions), e.g. a rotation function's role that decrypts and
   * writes secret versions through Secrets Manager. Statements with the same sid share their actions.
   */
  allowUseThrough(sid: string, principalArns: string[], actions: string[]): void {
    this.allowUse({
      sid,
      principalArns,
      actions,
      conditions: [this.viaCondition(), { test: "StringEquals", variable: "kms:CallerAccount", values: [this.accountId] }],
    });
  }

  /**
   * Lets the account's Auto Scaling service-linked role encrypt and attach EBS volumes with the key,
   * which an auto scaling group with encrypted volumes needs. The role must already exist in the account
   * (AWS creates it with the first auto scaling group); KMS rejects key policies naming missing roles.
   */
  allowAutoScalingEbsUse(): void {
    if (this.uses.some((u) => u.sid === "AutoScalingUsesForEbs")) return;
    const role = autoScalingServiceLinkedRoleArn(this.partition, this.accountId);
    this.allowUse({ sid: "AutoScalingUsesForEbs", principalArns: [role], actions: [...AUTOSCALING_KEY_USE_ACTIONS] });
    this.allowUse({
      sid: "AutoScalingGrantsForEbs",
      principalArns: [role],
      actions: ["kms:CreateGrant"],
      conditions: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    });
  }

  /**
   * Lets principals of the account use the key for EBS volumes, but only through EC2 in this account and
   * region (`kms:ViaService` `ec2.<region>.amazonaws.com`, `kms:CallerAccount`), with grants only for AWS
   * resources: what EC2 needs when a principal launches an instance or creates a volume encrypted with the key,
   * as for the account's default EBS key or hosts launched without an auto scaling group. No principal can
   * call Decrypt or Encrypt on the key directly.
   */
  allowAccountEbsUseThroughEc2(): void {
    if (this.uses.some((u) => u.sid === "AccountUsesThroughEc2ForEbs")) return;
    const root = accountRootArn(this.partition, this.accountId);
    const ec2 = { test: "StringEquals", variable: "kms:ViaService", values: [`ec2.${this.region}.${dnsSuffix(this.partition)}`] };
    const caller = { test: "StringEquals", variable: "kms:CallerAccount", values: [this.accountId] };
    this.allowUse({
      sid: "AccountUsesThroughEc2ForEbs",
      principalArns: [root],
      actions: EC2_EBS_KEY_USE_ACTIONS.filter((a) => a !== "kms:CreateGrant"),
      conditions: [ec2, caller],
    });
    this.allowUse({
      sid: "AccountGrantsThroughEc2ForEbs",
      principalArns: [root],
      actions: ["kms:CreateGrant"],
      conditions: [ec2, caller, { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    });
  }

  private viaCondition(): PolicyCondition {
    return { test: "StringEquals", variable: "kms:ViaService", values: [this.viaService] };
  }

  private renderPolicy(context: IResolveContext): string {
    const statements: PolicyStatementJson[] = [rootStatement(this.partition, this.accountId)];
    if (this.adminRoleArns.length > 0) statements.push(adminStatement(unique(this.adminRoleArns, context)));
    for (const use of this.uses) {
      statements.push(useStatement(use.sid, unique(use.principalArns, context), use.actions, use.conditions ?? []));
    }
    return policyDocument(statements);
  }
}

function unique(values: readonly string[], context: IResolveContext): string[] {
  return [...new Set(values.map((v) => String(context.resolve(v))))];
}
