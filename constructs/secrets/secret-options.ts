/** Rotation of a secret by a rotation Lambda function. */
export interface SecretRotation {
  /** ARN of the rotation Lambda function. Its resource policy must let `secretsmanager.amazonaws.com` invoke it. */
  readonly lambdaArn: string;
  /**
   * ARN of the role the rotation function runs as: a role of the secret's account used by this service's
   * rotation only (one service's secrets never share a rotation role with another's, and it is never an admin
   * role). The secret's resource policy admits it for the rotation steps only (DescribeSecret, GetSecretValue,
   * PutSecretValue, UpdateSecretVersionStage) and the key's policy lets it decrypt and generate data keys through
   * Secrets Manager; its own IAM policy must allow those calls.
   */
  readonly lambdaRoleArn: string;
  /**
   * Days between rotations, 1 to 1000.
   *
   * @default 30
   */
  readonly scheduleDays?: number;
}

/** An explicit decision not to rotate a secret, recorded as a policy suppression with its reason. */
export interface RotationOptOut {
  /** Rotation is off. */
  readonly disabled: true;
  /**
   * Why the secret is not rotated, at least ten characters; shown in every policy report after
   * `rotation disabled on secret "<service>/<name>": `.
   */
  readonly reason: string;
  /**
   * ISO date (YYYY-MM-DD) after which the opt-out stops applying and the missing rotation is a finding again.
   *
   * @default - never expires
   */
  readonly expires?: string;
}

/**
 * A first secret value passed without it landing in Terraform state: set through the write-only
 * `secret_string_wo` argument of `aws_secretsmanager_secret_version` (Terraform 1.11 or later).
 */
export interface WriteOnlySecretValue {
  /**
   * The value, as a token of an ephemeral value (an ephemeral variable or ephemeral resource attribute).
   * Literal strings are rejected because they would be written into the synthesized configuration.
   */
  readonly value: string;
  /** Version of the value; increase it to write a new value. */
  readonly version: number;
}

/** Settings of one secret of a service. */
export interface SecretOptions {
  /**
   * Rotation by a Lambda function, or an explicit opt-out with a reason.
   * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
   */
  readonly rotation: SecretRotation | RotationOptOut;
  /**
   * Description of the secret.
   *
   * @default - "<name> of the <service> service"
   */
  readonly description?: string;
  /**
   * A first value written with the write-only argument, so it never lands in state. Terraform writes the
   * version and reads it back on every refresh, so with it the admin roles may also call `PutSecretValue` and
   * `GetSecretValue` on this secret and decrypt through Secrets Manager with the key.
   *
   * @default - no version is created; the value is set out of band or by the first rotation
   */
  readonly initialValue?: WriteOnlySecretValue;
}

/** A secret of a service, by name. */
export interface SecretSpec extends SecretOptions {
  /**
   * Name of the secret within the service: lowercase letters, digits and hyphens, 1–64 characters,
   * e.g. `"db-password"`. The secret is named `<service>/<name>`.
   */
  readonly name: string;
}
