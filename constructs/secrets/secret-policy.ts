import { PolicyStatementJson, oneOrMany, policyDocument } from "../identity/policy-json";

/** Who a secret's resource policy admits, and from where. */
export interface SecretAccess {
  /** Roles that read the secret (the owning service first). */
  readonly readerArns: readonly string[];
  /** Roles that administer the secret from anywhere (the Terraform deployer among them). */
  readonly adminArns: readonly string[];
  /**
   * Role of the rotation function, when the secret rotates.
   *
   * @default - no rotation role
   */
  readonly rotationRoleArn?: string;
  /**
   * Interface endpoint the readers must come through.
   *
   * @default - readers are not bound to an endpoint
   */
  readonly vpcEndpointId?: string;
}

/**
 * The resource policy of a secret. It only denies, so it never grants anything by itself and
 * `block_public_policy` has nothing to object to:
 *
 * - `DenyAllButNamedRoles`: every principal that is not a reader, an admin or the rotation role is denied
 *   every Secrets Manager action on the secret, even when its IAM policy would allow it.
 * - `DenyReadersOutsideVpcEndpoint` (with an endpoint): readers are denied unless the request comes
 *   through that VPC endpoint. Admins manage from outside the VPC (e.g. a CI runner), and the rotation
 *   function may run outside it, so neither is bound to the endpoint.
 */
export function secretPolicy(access: SecretAccess): string {
  const allowed = [...access.readerArns, ...access.adminArns, ...(access.rotationRoleArn ? [access.rotationRoleArn] : [])];
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
  return policyDocument(statements);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
