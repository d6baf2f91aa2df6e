import { PolicyStatementJson, oneOrMany, policyDocument } from "../core/policy-document";

/**
 * What the admin roles may do on a secret: manage its life cycle, resource policy, rotation, replication and tags.
 * No `GetSecretValue`: an admin never reads the value. `UpdateSecret` changes the description and key (Terraform
 * needs it); it could also replace the value, but never read it.
 */
export const SECRET_ADMIN_ACTIONS: readonly string[] = [
  "secretsmanager:CancelRotateSecret",
  "secretsmanager:DeleteResourcePolicy",
  "secretsmanager:DeleteSecret",
  "secretsmanager:DescribeSecret",
  "secretsmanager:GetResourcePolicy",
  "secretsmanager:ListSecretVersionIds",
  "secretsmanager:PutResourcePolicy",
  "secretsmanager:RemoveRegionsFromReplication",
  "secretsmanager:ReplicateSecretToRegions",
  "secretsmanager:RestoreSecret",
  "secretsmanager:RotateSecret",
  "secretsmanager:StopReplicationToReplica",
  "secretsmanager:TagResource",
  "secretsmanager:UntagResource",
  "secretsmanager:UpdateSecret",
  "secretsmanager:ValidateResourcePolicy",
];

/**
 * What admins may do besides administration on a secret whose first value Terraform writes
 * (`initialValue`): write the version, and read it back, which the AWS provider does on every refresh of
 * `aws_secretsmanager_secret_version`.
 */
export const SECRET_INITIAL_VALUE_ACTIONS: readonly string[] = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"];

/** What a rotation function's role may do on the secret it rotates (the steps of a rotation function). */
export const SECRET_ROTATION_ACTIONS: readonly string[] = [
  "secretsmanager:DescribeSecret",
  "secretsmanager:GetSecretValue",
  "secretsmanager:PutSecretValue",
  "secretsmanager:UpdateSecretVersionStage",
];

/** What a reader may do on a secret. */
export const SECRET_READ_ACTIONS: readonly string[] = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];

/** Sid of the statement allowing readers whose IAM policy is not managed here. */
export const UNMANAGED_READERS_SID = "AllowReadersWithoutManagedPolicy";

/** The statement allowing readers whose IAM policy is not managed here to read the secret. */
export function unmanagedReadersStatement(readerArns: readonly string[]): PolicyStatementJson {
  return { Sid: UNMANAGED_READERS_SID, Effect: "Allow", Principal: { AWS: oneOrMany(unique(readerArns)) }, Action: [...SECRET_READ_ACTIONS], Resource: "*" };
}

/** Who a secret's resource policy admits, and from where. */
export interface SecretAccess {
  /** Roles that read the secret (the owning service first). */
  readonly readerArns: readonly string[];
  /** Roles that administer the secret from anywhere (the Terraform deployer among them), limited to {@link SECRET_ADMIN_ACTIONS}. */
  readonly adminArns: readonly string[];
  /**
   * Whether the admins also write and read the secret's value, for a first value Terraform writes.
   *
   * @default false
   */
  readonly adminsWriteInitialValue?: boolean;
  /**
   * Role of the rotation function, when the secret rotates; limited to {@link SECRET_ROTATION_ACTIONS}.
   *
   * @default - no rotation role
   */
  readonly rotationRoleArn?: string;
  /**
   * Readers whose own IAM policy is not managed by these constructs (imported roles): the resource policy
   * allows them {@link SECRET_READ_ACTIONS}, since no identity policy here does.
   *
   * @default - none
   */
  readonly unmanagedReaderArns?: readonly string[];
  /**
   * Interface endpoint the readers must come through.
   *
   * @default - readers are not bound to an endpoint
   */
  readonly vpcEndpointId?: string;
}

/**
 * The resource policy of a secret. It only denies (but for readers imported without a managed policy, which the
 * `AllowReadersWithoutManagedPolicy` statement names one by one), so `block_public_policy` has nothing to object to:
 *
 * - `DenyAllButNamedRoles`: every principal that is not a reader, an admin or the rotation role is denied
 *   every Secrets Manager action on the secret, even when its IAM policy would allow it.
 * - `DenyAdminsAllButAdministration`: admins (that are not readers) are denied everything but
 *   {@link SECRET_ADMIN_ACTIONS}, so they never read the value (with `adminsWriteInitialValue`, they also
 *   keep {@link SECRET_INITIAL_VALUE_ACTIONS}).
 * - `DenyRotationRoleAllButRotation`: the rotation role is denied everything but {@link SECRET_ROTATION_ACTIONS}.
 * - `DenyReadersOutsideVpcEndpoint` (with an endpoint): readers are denied unless the request comes
 *   through that VPC endpoint. Admins manage from outside the VPC (e.g. a CI runner), and the rotation
 *   function may run outside it, so neither is bound to the endpoint.
 */
export function secretPolicy(access: SecretAccess): string {
  const rotation = access.rotationRoleArn !== undefined ? [access.rotationRoleArn] : [];
  const allowed = [...access.readerArns, ...access.adminArns, ...rotation];
  const statements: PolicyStatementJson[] = [
    {
      Sid: "DenyAllButNamedRoles",
      Effect: "Deny",
      Principal: "*",
      Action: "secretsmanager:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:PrincipalArn": oneOrMany(unique(allowed)) } },
    },
  ];
  const adminsOnly = unique(access.adminArns).filter((arn) => !access.readerArns.includes(arn) && !rotation.includes(arn));
  if (adminsOnly.length > 0) {
    const actions = [...SECRET_ADMIN_ACTIONS, ...(access.adminsWriteInitialValue ? SECRET_INITIAL_VALUE_ACTIONS : [])].sort();
    statements.push(denyAllBut("DenyAdminsAllButAdministration", adminsOnly, actions));
  }
  const rotationOnly = rotation.filter((arn) => !access.readerArns.includes(arn));
  if (rotationOnly.length > 0) statements.push(denyAllBut("DenyRotationRoleAllButRotation", rotationOnly, SECRET_ROTATION_ACTIONS));
  if (access.vpcEndpointId !== undefined) {
    statements.push({
      Sid: "DenyReadersOutsideVpcEndpoint",
      Effect: "Deny",
      Principal: "*",
      Action: "secretsmanager:*",
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:SourceVpce": access.vpcEndpointId },
        StringEquals: { "aws:PrincipalArn": oneOrMany(unique(access.readerArns)) },
      },
    });
  }
  const unmanaged = access.unmanagedReaderArns ?? [];
  if (unmanaged.length > 0) statements.push(unmanagedReadersStatement(unmanaged));
  return policyDocument(statements);
}

/** Denies `principalArns` every Secrets Manager action on the secret except `actions`. */
function denyAllBut(sid: string, principalArns: readonly string[], actions: readonly string[]): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: "Deny",
    Principal: "*",
    NotAction: [...actions],
    Resource: "*",
    Condition: { StringEquals: { "aws:PrincipalArn": oneOrMany(principalArns) } },
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
