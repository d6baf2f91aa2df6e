import { Construct } from "constructs";
import { IResolveContext, Lazy, TerraformStack } from "cdktf";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretPolicy } from "@cdktf/provider-aws/lib/secretsmanager-secret-policy";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Policy } from "../../policies/policy";
import { SECRET_ROTATION_RULE_ID } from "../rule-ids";
import { ErrorSource, ValidationError, errorSource, sourceOf } from "../core/errors";
import { Grant, IGrantable, IPrincipal } from "../core/grant";
import { accountOfArn, isToken, requireArns } from "../core/validate";
import { IServiceIdentity } from "../identity/service-identity";
import { pascalCase } from "../identity/validate";
import { SecretOptions, SecretRotation } from "./secret-options";
import { SECRET_READ_ACTIONS, secretPolicy, unmanagedReadersStatement } from "./secret-policy";
import { ServiceKey } from "./service-key";
import { MIN_REASON_LENGTH } from "../../policies/engine/suppressions";

/** Days a deleted secret can still be restored, the longest Secrets Manager allows. */
export const SECRET_RECOVERY_WINDOW_DAYS = 30;

/** Days between rotations when a rotation does not say. */
export const DEFAULT_ROTATION_DAYS = 30;

export { SECRET_ROTATION_RULE_ID };

/** Properties of a {@link ServiceSecret}. */
export interface ServiceSecretProps extends SecretOptions {
  /** Name within the service (`<service>/<name>` in Secrets Manager). */
  readonly name: string;
  /** The service that owns and reads the secret. */
  readonly owner: IServiceIdentity;
  /** Key that encrypts the secret; readers get decrypt through Secrets Manager on it. */
  readonly key: ServiceKey;
  /**
   * Roles that administer the secret from anywhere, without reading its value (see `SECRET_ADMIN_ACTIONS`);
   * must include the role Terraform deploys with.
   */
  readonly adminRoleArns: string[];
  /**
   * Id of the Secrets Manager interface endpoint readers must come through.
   *
   * @default - readers are not bound to an endpoint
   */
  readonly vpcEndpointId?: string;
  /**
   * Tags of the secret.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

const KIND = "ServiceSecret";

/**
 * One Secrets Manager secret of a service: encrypted with the service's key, 30-day recovery window,
 * a deny-only resource policy (see `secretPolicy`), and rotation by a Lambda function or an explicit
 * opt-out recorded as a suppression of {@link SECRET_ROTATION_RULE_ID}. The value never lands in
 * Terraform state: it is set out of band, by rotation, or through the write-only `secret_string_wo`.
 */
export class ServiceSecret extends Construct {
  private readonly secret: SecretsmanagerSecret;
  /** ARN of the secret. */
  readonly secretArn: string;
  /** Full name, `<service>/<name>`. */
  readonly secretName: string;
  private readonly policy: SecretsmanagerSecretPolicy;
  private readonly owner: IServiceIdentity;
  private readonly key: ServiceKey;
  /** Readers the secret's policy exempts from its denials (the owner first). */
  private readonly readers: IPrincipal[] = [];
  /** Readers granted read whose own policy is not managed here: the secret's policy allows them. */
  private readonly allowedReaders: IPrincipal[] = [];

  constructor(scope: Construct, id: string, props: ServiceSecretProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const service = props.owner.serviceName;
    validateSecret(source, props);
    if ("lambdaRoleArn" in props.rotation) claimRotationRole(this, source, props.rotation.lambdaRoleArn, service);
    this.owner = props.owner;
    this.key = props.key;
    this.readers.push(props.owner.grantPrincipal);
    this.secretName = `${service}/${props.name}`;

    this.secret = new SecretsmanagerSecret(this, "secret", {
      name: this.secretName,
      description: props.description ?? `${props.name} of the ${service} service`,
      kmsKeyId: props.key.keyArn,
      recoveryWindowInDays: SECRET_RECOVERY_WINDOW_DAYS,
      tags: { ...(props.tags ?? {}), "zt:service": service },
    });
    this.secretArn = this.secret.arn;

    const rotation = "lambdaArn" in props.rotation ? props.rotation : undefined;
    this.policy = new SecretsmanagerSecretPolicy(this, "policy", {
      secretArn: this.secret.arn,
      blockPublicPolicy: true,
      policy: Lazy.stringValue({
        produce: (context: IResolveContext) =>
          secretPolicy({
            readerArns: this.readers.map((r) => String(context.resolve(r.principalArn))),
            unmanagedReaderArns: this.allowedReaders.map((r) => String(context.resolve(r.principalArn))),
            adminArns: props.adminRoleArns.map((a) => String(context.resolve(a))),
            adminsWriteInitialValue: props.initialValue !== undefined,
            rotationRoleArn: rotation ? String(context.resolve(rotation.lambdaRoleArn)) : undefined,
            vpcEndpointId: props.vpcEndpointId,
          }),
      }),
    });

    if (rotation) {
      // The rotation function reads the current value and writes the new one through Secrets Manager.
      props.key.allowUseThrough("RotationRolesThroughSecretsmanager", [rotation.lambdaRoleArn], ["kms:Decrypt", "kms:GenerateDataKey"]);
      new SecretsmanagerSecretRotation(this, "rotation", {
        secretId: this.secret.id,
        rotationLambdaArn: rotation.lambdaArn,
        rotationRules: { automaticallyAfterDays: rotation.scheduleDays ?? DEFAULT_ROTATION_DAYS },
        dependsOn: [this.policy],
      });
    } else if ("disabled" in props.rotation) {
      Policy.suppress(this, SECRET_ROTATION_RULE_ID, {
        reason: `rotation disabled on secret "${this.secretName}": ${props.rotation.reason.trim()}`,
        expires: props.rotation.expires,
      });
    }

    if (props.initialValue) {
      // Terraform, running as an admin role, writes the first version and reads it back on refresh.
      props.key.allowUseThrough("AdminsWriteInitialValuesThroughSecretsmanager", [...props.adminRoleArns], ["kms:Decrypt", "kms:GenerateDataKey"]);
      new SecretsmanagerSecretVersion(this, "initial-value", {
        secretId: this.secret.id,
        secretStringWo: props.initialValue.value,
        secretStringWoVersion: props.initialValue.version,
        dependsOn: [this.policy],
      });
    }
  }

  /**
   * Lets `grantee` read the secret: `secretsmanager:GetSecretValue` and `secretsmanager:DescribeSecret`
   * on this secret's ARN, plus decrypt through Secrets Manager on the service's key. A grantee other
   * than the owner is also admitted by the secret's resource policy (and, with an endpoint, bound to it); a grantee
   * whose policy is not managed here (an imported role) is allowed by the resource policy instead. Returns the grant
   * of the secret; the key's grant is made with it.
   * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
   */
  grantRead(grantee: IGrantable): Grant {
    const grant = Grant.addToPrincipalAndResource({
      grantee,
      principalStatement: { sid: `Read${pascalCase(this.owner.serviceName)}Secrets`, actions: [...SECRET_READ_ACTIONS], resources: [this.secretArn] },
      addToResource: (principal, managed) => {
        if (!this.readers.includes(principal)) this.readers.push(principal);
        if (managed) return undefined;
        if (!this.allowedReaders.includes(principal)) this.allowedReaders.push(principal);
        return { statement: unmanagedReadersStatement(this.allowedReaders.map((r) => r.principalArn)) };
      },
      source: sourceOf(KIND, this),
    });
    this.key.grantDecrypt(grantee);
    return grant;
  }
}

/** Per stack, the service whose secrets each rotation role rotates. */
const ROTATION_ROLE_SERVICES = new WeakMap<TerraformStack, Map<string, string>>();

/** Records that `roleArn` rotates the secrets of `service`, refusing a role that already rotates another service's. */
function claimRotationRole(scope: Construct, source: ErrorSource, roleArn: string, service: string): void {
  if (isToken(roleArn)) return;
  const stack = TerraformStack.of(scope);
  const services = ROTATION_ROLE_SERVICES.get(stack) ?? new Map<string, string>();
  ROTATION_ROLE_SERVICES.set(stack, services);
  const other = services.get(roleArn);
  if (other !== undefined && other !== service) {
    throw new ValidationError(source, "rotation.lambdaRoleArn", `rotation.lambdaRoleArn "${roleArn}" already rotates the secrets of service "${other}"; give each service its own rotation role, so one service's rotation function cannot read another's secrets.`,
    );
  }
  services.set(roleArn, service);
}

/**
 * The rotation role is exempt from the deny-all-but-named policy for the rotation steps only, so it must be a
 * role of the secret's own account that is neither an admin role nor the service's own role.
 */
function requireRotationRole(source: ErrorSource, roleArn: string, props: ServiceSecretProps): void {
  if (isToken(roleArn)) return;
  const account = accountOfArn(roleArn);
  if (!isToken(props.owner.accountId) && account !== props.owner.accountId) {
    throw new ValidationError(source, "rotation.lambdaRoleArn", `rotation.lambdaRoleArn "${roleArn}" is in account ${account}, not the service's account ${props.owner.accountId}; give the rotation function a role of this account.`);
  }
  if (props.adminRoleArns.includes(roleArn)) {
    throw new ValidationError(source, "rotation.lambdaRoleArn", `rotation.lambdaRoleArn "${roleArn}" is also an admin role; give the rotation function a role of its own, which admins never share.`);
  }
}

function validateSecret(source: ErrorSource, props: ServiceSecretProps): void {
  const partition = props.owner.partition;
  if (typeof props.name !== "string" || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(props.name) || props.name.endsWith("-")) {
    throw new ValidationError(source, "name", `name "${props.name}" must be 1 to 64 lowercase letters, digits and hyphens, not ending with a hyphen; e.g. "db-password".`);
  }
  if (!Array.isArray(props.adminRoleArns) || props.adminRoleArns.length === 0) {
    throw new ValidationError(source, "adminRoleArns", "adminRoleArns is empty; name at least the role Terraform deploys with, otherwise the secret's resource policy locks it out of its own secret.",
    );
  }
  requireArns(source, "adminRoleArns", props.adminRoleArns, partition, "iam", /^role\/.+/, `arn:${partition}:iam::123456789012:role/platform-admin`);
  const rotation = props.rotation as Partial<SecretRotation> & { disabled?: unknown; reason?: unknown };
  if (rotation === undefined || rotation === null) {
    throw new ValidationError(source, "rotation", `rotation is required; pass { lambdaArn, lambdaRoleArn } or { disabled: true, reason: "..." }.`);
  }
  if ("lambdaArn" in rotation) {
    requireArns(source, "rotation.lambdaArn", [rotation.lambdaArn as string], partition, "lambda", /^function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, `arn:${partition}:lambda:eu-west-1:123456789012:function:rotate-db-password`);
    if (rotation.lambdaRoleArn === undefined) {
      throw new ValidationError(source, "rotation.lambdaRoleArn", "rotation.lambdaRoleArn is required; the secret's resource policy must admit the role the rotation function runs as.");
    }
    requireArns(source, "rotation.lambdaRoleArn", [rotation.lambdaRoleArn], partition, "iam", /^role\/.+/, `arn:${partition}:iam::123456789012:role/rotate-db-password`);
    requireRotationRole(source, rotation.lambdaRoleArn, props);
    const days = rotation.scheduleDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 1000)) {
      throw new ValidationError(source, "rotation.scheduleDays", `rotation.scheduleDays ${days} must be a whole number of days from 1 to 1000.`);
    }
  } else if (rotation.disabled === true) {
    const reason = typeof rotation.reason === "string" ? rotation.reason.trim() : "";
    if (reason.length < MIN_REASON_LENGTH) {
      const given = reason === "" ? "without a reason" : `with a reason of ${reason.length} characters ("${reason}"), shorter than ${MIN_REASON_LENGTH}`;
      throw new ValidationError(source, "rotation", `rotation is disabled ${given}; pass reason with at least ${MIN_REASON_LENGTH} characters explaining why the secret is not rotated.`);
    }
    const expires = (rotation as { expires?: unknown }).expires;
    if (expires !== undefined && (typeof expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(expires))) {
      throw new ValidationError(source, "rotation.expires", `rotation.expires "${String(expires)}" must be an ISO date such as 2027-06-30.`);
    }
  } else {
    throw new ValidationError(source, "rotation", `rotation must be { lambdaArn, lambdaRoleArn, scheduleDays? } or { disabled: true, reason }.`);
  }
  const initial = props.initialValue;
  if (initial) {
    if (!isToken(initial.value)) {
      throw new ValidationError(source, "initialValue.value", "initialValue.value is a literal string, which would be written into the synthesized configuration; pass a token of an ephemeral value (e.g. an ephemeral variable) or set the value out of band.",
      );
    }
    if (!Number.isInteger(initial.version) || initial.version < 1) {
      throw new ValidationError(source, "initialValue.version", `initialValue.version ${initial.version} must be a whole number of at least 1; increase it to write a new value.`);
    }
  }
}
