import { IConstruct } from "constructs";
import { ErrorSource, ValidationError } from "./errors";
import { PolicyCondition, PolicyStatementJson } from "./policy-document";

/** A least-privilege permission: named actions on concrete resources. */
export interface GrantOptions {
  /**
   * Statement id: letters and digits only. Grants with the same sid, actions and conditions are
   * merged into one statement whose resources are the union of theirs.
   */
  readonly sid: string;
  /** IAM actions, each `service:Action` without wildcards, e.g. `secretsmanager:GetSecretValue`. */
  readonly actions: string[];
  /**
   * ARNs of the resources, e.g. a secret's `arn` attribute. `*` and ARN patterns need `allowWildcardResource`, and are
   * refused for actions that escalate privileges (`iam:PassRole`, `iam:PutRolePolicy`, `sts:AssumeRole`...: the list
   * in `policies/shared/iam-actions.ts`) whatever the reason.
   */
  readonly resources: string[];
  /**
   * Conditions that further narrow the statement.
   *
   * @default - no conditions
   */
  readonly conditions?: PolicyCondition[];
  /**
   * Why a resource of `*` (or an ARN with `*` or `?`) is needed, at least ten characters, e.g. for
   * an API without resource-level permissions. The reason is kept with the grant in `ServiceIdentity.grants`, and
   * recorded with the name of this prop as a suppression of ZT-IAM-018 (data access on every resource) limited to the
   * grant's statement, so every policy report shows the wider scope.
   *
   * @default - wildcard resources are rejected
   */
  readonly allowWildcardResource?: string;
}

/**
 * A principal that can be given permissions: a service identity, or an imported role.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/intro-structure.html#intro-structure-principal
 */
export interface IPrincipal extends IConstruct {
  /** ARN that resource policies name the principal by (a role ARN). */
  readonly principalArn: string;
  /** Account of the principal. */
  readonly principalAccount: string;
  /**
   * Adds `statement` to the principal's own policy, validated like every grant. Returns false, changing
   * nothing, when the principal's policy is not managed here (an imported role).
   */
  addToPrincipalPolicy(statement: GrantOptions): boolean;
}

/** Something that can be granted permissions, e.g. a `ServiceIdentity`. */
export interface IGrantable {
  /** The principal the permissions go to. */
  readonly grantPrincipal: IPrincipal;
}

/** What a resource adds to its own policy for a grant. */
export interface ResourceGrant {
  /** The resource policy statement that names the principal, as rendered. */
  readonly statement: PolicyStatementJson;
}

/** Options of {@link Grant.addToPrincipalAndResource} and {@link Grant.addToPrincipalOrResource}. */
export interface GrantOnResourceOptions {
  /** Who receives the permission. */
  readonly grantee: IGrantable;
  /** The statement for the principal's policy. */
  readonly principalStatement: GrantOptions;
  /**
   * Admits the principal in the resource's policy and returns the statement that names it, or undefined when the
   * resource's policy is not managed here (an imported resource) or admits the principal without naming it in
   * a statement. `principalPolicyManaged` tells whether the principal's own policy received the statement.
   */
  readonly addToResource: (principal: IPrincipal, principalPolicyManaged: boolean) => ResourceGrant | undefined;
  /** The resource, for errors. */
  readonly source: ErrorSource;
}

/**
 * The result of a grant method such as `secret.grantRead(identity)` or `key.grantDecrypt(identity)`: who got which
 * actions on which resources, and the statements added to the principal's and to the resource's policy. Tests
 * inspect it instead of policy text. A grant never widens to `*`.
 */
export class Grant {
  /** Grants on the principal's policy only (resources without a resource policy, e.g. a Lambda function ARN). */
  public static addToPrincipal(grantee: IGrantable, statement: GrantOptions, source: ErrorSource): Grant {
    const added = grantee.grantPrincipal.addToPrincipalPolicy(statement);
    const grant = new Grant(grantee.grantPrincipal, statement, added ? statement : undefined, undefined);
    grant.assertSuccess(source);
    return grant;
  }

  /**
   * Grants on both policies, as KMS keys and secrets of these constructs need (their resource policies deny or
   * omit every principal they do not name). Succeeds when the principal's policy has the statement or the
   * resource's policy names the principal.
   */
  public static addToPrincipalAndResource(options: GrantOnResourceOptions): Grant {
    const principal = options.grantee.grantPrincipal;
    const added = principal.addToPrincipalPolicy(options.principalStatement);
    const resource = options.addToResource(principal, added);
    const grant = new Grant(principal, options.principalStatement, added ? options.principalStatement : undefined, resource?.statement);
    grant.assertSuccess(options.source);
    return grant;
  }

  /** The principal the permission went to. */
  public readonly principal: IPrincipal;
  /** Actions granted. */
  public readonly actions: readonly string[];
  /** Resources the actions apply to. */
  public readonly resources: readonly string[];
  /** The statement added to the principal's policy; undefined when that policy is not managed here. */
  public readonly principalStatement?: GrantOptions;
  /** The statement of the resource's policy that names the principal; undefined when there is none. */
  public readonly resourceStatement?: PolicyStatementJson;

  private constructor(principal: IPrincipal, requested: GrantOptions, principalStatement?: GrantOptions, resourceStatement?: PolicyStatementJson) {
    this.principal = principal;
    this.actions = [...requested.actions];
    this.resources = [...requested.resources];
    this.principalStatement = principalStatement;
    this.resourceStatement = resourceStatement;
  }

  /** True when some policy managed here carries the permission. */
  public get success(): boolean {
    return this.principalStatement !== undefined || this.resourceStatement !== undefined;
  }

  /** Throws a ValidationError naming `source` when no policy managed here carries the permission. */
  public assertSuccess(source: ErrorSource): void {
    if (this.success) return;
    throw new ValidationError(
      source,
      "grantee",
      `cannot grant ${this.actions.join(", ")} to "${this.principal.principalArn}": neither its policy nor the resource's is managed by these constructs; add the permission where that policy is managed.`,
    );
  }
}
