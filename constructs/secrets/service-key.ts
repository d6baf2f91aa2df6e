import { Construct, IConstruct } from "constructs";
import { EnvironmentOverrides, IEnvironment, Partition, formatArn, resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource, sourceOf } from "../core/errors";
import { Grant, IGrantable } from "../core/grant";
import { KEY_DELETION_WINDOW_DAYS, createCustomerManagedKey } from "../core/key";
import { PolicyCondition, PolicyDocument } from "../core/policy-document";
import { isToken, requireArns } from "../core/validate";
import { pascalCase } from "../identity/validate";
import {
  AUTOSCALING_KEY_USE_ACTIONS,
  EC2_EBS_KEY_USE_ACTIONS,
  accountRootArn,
  adminStatement,
  autoScalingServiceLinkedRoleArn,
  rootStatement,
  useStatement,
} from "./key-policy";

export { KEY_DELETION_WINDOW_DAYS };

/**
 * A KMS key as other constructs consume it: they encrypt with its ARN and grant decryption through it.
 * Implemented by {@link ServiceKey} and by keys imported with {@link ServiceKey.fromKeyArn}.
 */
export interface IServiceKey extends IConstruct {
  /** ARN of the key. */
  readonly keyArn: string;
  /** Endpoint label of the service the key is used through, e.g. `secretsmanager`. */
  readonly usedThrough: string;
  /** The endpoint host the key is used through, e.g. `secretsmanager.eu-west-1.amazonaws.com`. */
  readonly viaService: string;
  /** True when the key's policy is managed by these constructs (false for an imported key). */
  readonly managed: boolean;
  /**
   * Lets `grantee` decrypt with the key only through {@link usedThrough} in this account and region.
   * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
   */
  grantDecrypt(grantee: IGrantable): Grant;
}

/** Properties of a {@link ServiceKey}. */
export interface ServiceKeyProps extends EnvironmentOverrides {
  /**
   * Owner of the key, used in the alias `alias/<owner>/<purpose>`: a service name or another DNS label
   * (1–32 lowercase letters, digits and hyphens).
   */
  readonly owner: string;
  /** What the key protects, used in the alias, e.g. `"secrets"` or `"ebs"`. */
  readonly purpose: string;
  /**
   * The AWS service through which principals granted with {@link ServiceKey.grantDecrypt} may use the key,
   * as the first label of its endpoint (`secretsmanager` for `secretsmanager.<region>.amazonaws.com`).
   *
   * @default "secretsmanager"
   * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
   */
  readonly usedThrough?: string;
  /**
   * ARNs of roles that administer the key (policy, tags, aliases, enable/disable, deletion) without using it.
   *
   * @default - no admin roles; the account root administers the key
   * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators
   */
  readonly adminRoleArns?: string[];
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

/** How to use an existing KMS key. */
export interface ImportedServiceKeyOptions {
  /**
   * The AWS service through which grantees may use the key, as the first label of its endpoint.
   *
   * @default "secretsmanager"
   */
  readonly usedThrough?: string;
}

const KIND = "ServiceKey";
const LABEL = /^[a-z][a-z0-9-]{0,31}$/;

/** The `kms:ViaService` endpoint of `service` in the environment. */
function viaServiceOf(env: IEnvironment, service: string): string {
  return `${service}.${env.region}.${env.dnsSuffix}`;
}

function requireUsedThrough(source: ErrorSource, usedThrough: string): void {
  if (!/^[a-z0-9-]+$/.test(usedThrough)) {
    throw new ValidationError(source, "usedThrough", `usedThrough "${usedThrough}" must be the first label of a service endpoint, e.g. "secretsmanager".`);
  }
}

/** The IAM statement of a decrypt grant: `kms:Decrypt` on the key, only through `viaService`. */
function decryptStatement(sid: string, keyArn: string, viaService: string) {
  return { sid, actions: ["kms:Decrypt"], resources: [keyArn], conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: [viaService] }] };
}

/**
 * A customer-managed KMS key for one owner and purpose: automatic rotation, a 30-day deletion window and
 * an alias `alias/<owner>/<purpose>`. Its policy lets the account root administer it without using it (so
 * it is never locked out, and an IAM policy of the account that allows `kms:Decrypt` does not open it),
 * named admin roles administer without using it, and every use is an explicit statement naming its
 * principals, added with {@link allowUse}, {@link allowUseThrough}, {@link grantDecrypt},
 * {@link allowAutoScalingEbsUse} or {@link allowAccountEbsUseThroughEc2}. The policy is rendered at synth time.
 * Account, region and partition come from the stack's `StackEnvironment` (or the props).
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 */
export class ServiceKey extends Construct implements IServiceKey {
  /**
   * An existing key, to encrypt with and grant through without managing it. Nothing is created and the key's policy
   * is never modified: {@link IServiceKey.grantDecrypt} adds only the grantee's IAM statement, which works only if
   * the key's policy lets IAM policies of the account use it. Rotation, deletion window and who else may use the
   * key are whatever the key has.
   * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
   */
  static fromKeyArn(scope: Construct, id: string, keyArn: string, options: ImportedServiceKeyOptions = {}): IServiceKey {
    return new ImportedServiceKey(scope, id, keyArn, options);
  }

  /** ARN of the key. */
  readonly keyArn: string;
  /** Id of the key. */
  readonly keyId: string;
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
  /** True: the key's policy is managed here. */
  readonly managed = true;
  private readonly env: IEnvironment;
  private readonly policy = new PolicyDocument();

  constructor(scope: Construct, id: string, props: ServiceKeyProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    if (!LABEL.test(props.owner) || props.owner.endsWith("-")) {
      throw new ValidationError(source, "owner", `owner "${props.owner}" must be a DNS label of at most 32 characters; pass the service name.`);
    }
    if (!LABEL.test(props.purpose)) {
      throw new ValidationError(source, "purpose", `purpose "${props.purpose}" must be a short lowercase label; pass e.g. "secrets" or "ebs".`);
    }
    const env = resolveEnvironment(scope, source, props);
    const adminRoleArns = props.adminRoleArns ?? [];
    requireArns(source, "adminRoleArns", adminRoleArns, env.partition, "iam", /^role\/.+/, `arn:${env.partition}:iam::123456789012:role/platform-admin`);
    const usedThrough = props.usedThrough ?? "secretsmanager";
    requireUsedThrough(source, usedThrough);

    this.env = env;
    this.owner = props.owner;
    this.purpose = props.purpose;
    this.accountId = env.accountId;
    this.region = env.region;
    this.partition = env.partition;
    this.usedThrough = usedThrough;
    this.aliasName = `alias/${props.owner}/${props.purpose}`;
    this.policy.addStatement(rootStatement(env.partition, env.accountId));
    if (adminRoleArns.length > 0) this.policy.addStatement({ ...adminStatement(adminRoleArns), Principal: { AWS: [...adminRoleArns] } });

    const { key } = createCustomerManagedKey(this, {
      description: props.description ?? `${props.purpose} key of ${props.owner}`,
      aliasName: this.aliasName,
      policy: this.policy.lazy(),
      tags: props.tags,
    });
    this.keyArn = key.arn;
    this.keyId = key.keyId;
  }

  /** The endpoint host the key is used through, e.g. `secretsmanager.eu-west-1.amazonaws.com`. */
  get viaService(): string {
    return viaServiceOf(this.env, this.usedThrough);
  }

  /**
   * Adds principals to a use statement of the key policy. A second call with the same sid adds
   * principals; it must give the same actions and conditions.
   */
  allowUse(use: KeyUse): void {
    const source = sourceOf(KIND, this);
    if (!/^[A-Za-z0-9]+$/.test(use.sid)) {
      throw new ValidationError(source, "sid", `key use sid "${use.sid}" must be letters and digits only.`);
    }
    if (use.actions.length === 0 || use.actions.some((a) => !/^kms:[A-Za-z]+$/.test(a))) {
      throw new ValidationError(source, "actions", `key use "${use.sid}" actions must be KMS actions without wildcards, e.g. "kms:Decrypt".`);
    }
    if (use.principalArns.length === 0) {
      throw new ValidationError(source, "principalArns", `key use "${use.sid}" names no principal; pass the ARNs of the roles that use the key.`);
    }
    const statement = useStatement(use.sid, use.principalArns, use.actions, use.conditions ?? []);
    if (!this.policy.addStatement({ ...statement, Principal: { AWS: [...use.principalArns] } })) {
      throw new ValidationError(source, "sid", `key use sid "${use.sid}" is already used with other actions or conditions; pick another sid.`);
    }
  }

  /**
   * Lets `grantee` decrypt with the key only through {@link usedThrough} in this account and region:
   * a key policy statement naming the grantee's role (`kms:ViaService`, `kms:CallerAccount`), and a
   * `kms:Decrypt` grant on this key's ARN with the same `kms:ViaService` condition in the grantee's
   * policy (when that policy is managed here). The key policy alone suffices for a principal it names; the IAM
   * statement keeps the permission visible where the role's other permissions are reviewed, and neither is wider
   * than the other.
   */
  grantDecrypt(grantee: IGrantable): Grant {
    const sid = `DecryptThrough${pascalCase(this.usedThrough)}`;
    return Grant.addToPrincipalAndResource({
      grantee,
      principalStatement: decryptStatement(`Decrypt${pascalCase(this.owner)}${pascalCase(this.purpose)}Key`, this.keyArn, this.viaService),
      addToResource: (principal) => {
        this.allowUseThrough(sid, [principal.principalArn], ["kms:Decrypt"]);
        return { statement: this.policy.statement(sid)! };
      },
      source: sourceOf(KIND, this),
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
    if (this.policy.statement("AutoScalingUsesForEbs") !== undefined) return;
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
    if (this.policy.statement("AccountUsesThroughEc2ForEbs") !== undefined) return;
    const root = accountRootArn(this.partition, this.accountId);
    const ec2 = { test: "StringEquals", variable: "kms:ViaService", values: [viaServiceOf(this.env, "ec2")] };
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
}

/** An existing key: read, never modified. */
class ImportedServiceKey extends Construct implements IServiceKey {
  readonly keyArn: string;
  readonly usedThrough: string;
  readonly viaService: string;
  readonly managed = false;

  constructor(scope: Construct, id: string, keyArn: string, options: ImportedServiceKeyOptions) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const env = resolveEnvironment(scope, source, { accountId: isToken(keyArn) ? undefined : keyArn.split(":")[4], region: isToken(keyArn) ? undefined : keyArn.split(":")[3] });
    requireArns(source, "keyArn", [keyArn], env.partition, "kms", /^key\/[0-9a-f-]+$/, formatArn(env, { service: "kms", resource: "key/1234abcd-12ab-34cd-56ef-1234567890ab" }));
    this.usedThrough = options.usedThrough ?? "secretsmanager";
    requireUsedThrough(source, this.usedThrough);
    this.keyArn = keyArn;
    this.viaService = viaServiceOf(env, this.usedThrough);
  }

  grantDecrypt(grantee: IGrantable): Grant {
    return Grant.addToPrincipalAndResource({
      grantee,
      principalStatement: decryptStatement(`Decrypt${pascalCase(this.node.id)}Key`, this.keyArn, this.viaService),
      addToResource: () => undefined,
      source: sourceOf(KIND, this),
    });
  }
}
