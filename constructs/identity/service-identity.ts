import { Construct, IConstruct } from "constructs";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Policy } from "../../policies/policy";
import { UNSCOPED_DATA_ACCESS_RULE_ID } from "../rule-ids";
import { Grant, GrantOptions, IGrantable, IPrincipal } from "../core/grant";
import { PolicyDocument, policyDocument } from "../core/policy-document";
import { GrantRecord, grantStatement, recordGrant, sidConflict, validateGrant } from "./grant";
import { ssmAgentStatements } from "./ssm-agent";
import { IdentityTrust, trustStatement, validateTrust } from "./trust";
import { EnvironmentOverrides, IEnvironment, Partition, formatArn, resolveEnvironment } from "../core/environment";
import { ValidationError, errorSource, sourceOf } from "../core/errors";
import { accountOfArn, isToken, requireArns } from "../core/validate";
import { requireServiceName } from "./validate";

/** Longest session a service role allows, in seconds (one hour). */
export const MAX_SESSION_DURATION_SECONDS = 3600;


/**
 * The identity of a service as other constructs consume it: a role they grant permissions to, and for hosts its
 * instance profile. Implemented by {@link ServiceIdentity} and by roles imported with {@link ServiceIdentity.fromRoleArn}.
 */
export interface IServiceIdentity extends IGrantable, IConstruct {
  /** Name of the service. */
  readonly serviceName: string;
  /** ARN of the role. */
  readonly roleArn: string;
  /** Name of the role. */
  readonly roleName: string;
  /** Account of the role. */
  readonly accountId: string;
  /** Region of the service. */
  readonly region: string;
  /** ARN partition. */
  readonly partition: Partition;
  /** Who may assume the role. */
  readonly trust: IdentityTrust;
  /** Name of the instance profile of the role (EC2 trust only). */
  readonly instanceProfileName?: string;
  /** True when the role's policies are managed by these constructs (false for an imported role). */
  readonly managed: boolean;
}

/** Properties of a {@link ServiceIdentity}. */
export interface ServiceIdentityProps extends EnvironmentOverrides {
  /**
   * Name of the service: 1–32 lowercase letters, digits and hyphens, starting with a letter and not
   * ending with a hyphen. Prefixes every derived name (`<service>-role`, path `/zt/<service>/`).
   */
  readonly serviceName: string;
  /**
   * Who may assume the role: EC2 hosts, EKS Pod Identity, or one Kubernetes service account (IRSA).
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy
   */
  readonly trust: IdentityTrust;
  /**
   * ARN of a managed policy set as the role's permissions boundary.
   *
   * @default - no permissions boundary
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * Description of the role.
   *
   * @default - "Identity of the <service> service"
   */
  readonly description?: string;
  /**
   * Extra tags for the role and instance profile. `zt:service` is always set to the service name.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/**
 * One IAM role per service, with a narrow trust policy, a one-hour session limit and permissions
 * that exist only as explicit grants on concrete ARNs.
 *
 * - `ec2` trust: `ec2.amazonaws.com` (launching hosts with the role takes `iam:PassRole` in this account), an instance profile, and
 *   an inline policy `<service>-ssm-agent` with what the SSM Agent needs (see `SSM_AGENT_ACTIONS`: the actions of
 *   `AmazonSSMManagedInstanceCore` without its `ssm:GetParameter(s)` on every parameter) so hosts are reached
 *   through SSM Session Manager. No managed policy is attached.
 * - `eks-pod-identity` trust: `pods.eks.amazonaws.com` with `sts:AssumeRole` and `sts:TagSession`,
 *   pinned to this account and optionally one cluster.
 * - `irsa` trust: one service account of one cluster's OIDC provider, `sub` and `aud` pinned with StringEquals.
 *
 * Every grant is a statement of one inline policy (`<service>-grants`), rendered at synth time in
 * the order grants were first made.
 */
export class ServiceIdentity extends Construct implements IServiceIdentity, IPrincipal {
  /**
   * An existing role, to use with the other constructs (hosts, secrets, keys) without managing it. Nothing is
   * created and the role is never modified: grants made to it add no IAM statement (a resource that names it in its
   * own policy, such as a secret or key of these constructs, still admits it). These constructs cannot guarantee what
   * they guarantee of their own roles: its trust policy (`trust` is taken as declared), session length, boundary and
   * other permissions are whatever the role has.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html
   */
  static fromRoleArn(scope: Construct, id: string, roleArn: string, options: ImportedServiceIdentityOptions): IServiceIdentity {
    return new ImportedServiceIdentity(scope, id, roleArn, options);
  }

  /** Name of the service. */
  readonly serviceName: string;
  /** Account of the role. */
  readonly accountId: string;
  /** Region of the service. */
  readonly region: string;
  /** ARN partition. */
  readonly partition: Partition;
  /** Trust settings. */
  readonly trust: IdentityTrust;
  private readonly role: IamRole;
  /** ARN of the role. */
  readonly roleArn: string;
  /** Name of the role. */
  readonly roleName: string;
  private readonly instanceProfile?: IamInstanceProfile;
  /** True: the role and its policies are managed here. */
  readonly managed = true;
  private grantList: GrantRecord[] = [];
  private readonly grantDocument = new PolicyDocument();
  private grantPolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceIdentityProps) {
    super(scope, id);
    const source = errorSource("ServiceIdentity", scope, id);
    requireServiceName(source, "serviceName", props.serviceName);
    const env = resolveEnvironment(scope, source, props);
    const partition = env.partition;
    if (props.trust === undefined || props.trust === null) {
      throw new ValidationError(source, "trust", `trust is required; pass { kind: "ec2" }, { kind: "eks-pod-identity" } or { kind: "irsa", ... }.`);
    }
    validateTrust(source, props.trust, env.accountId, partition);
    if (props.permissionsBoundaryArn !== undefined) {
      requireArns(source, "permissionsBoundaryArn", [props.permissionsBoundaryArn], partition, "iam", /^policy\/.+/, `arn:${partition}:iam::123456789012:policy/service-boundary`);
    }
    for (const key of Object.keys(props.tags ?? {})) {
      if (key === "zt:service") throw new ValidationError(source, "tags", `tags key "zt:service" is set by the construct; remove it from tags.`);
    }

    this.serviceName = props.serviceName;
    this.accountId = env.accountId;
    this.region = env.region;
    this.partition = partition;
    this.trust = props.trust;
    const tags = { ...(props.tags ?? {}), "zt:service": props.serviceName };
    const path = `/zt/${props.serviceName}/`;

    this.role = new IamRole(this, "role", {
      name: `${props.serviceName}-role`,
      path,
      description: props.description ?? `Identity of the ${props.serviceName} service`,
      assumeRolePolicy: policyDocument([trustStatement(props.trust, env.accountId, partition)]),
      maxSessionDuration: MAX_SESSION_DURATION_SECONDS,
      permissionsBoundary: props.permissionsBoundaryArn,
      forceDetachPolicies: true,
      tags,
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;

    if (props.trust.kind === "ec2") {
      new IamRolePolicy(this, "ssm-agent", {
        name: `${props.serviceName}-ssm-agent`,
        role: this.role.name,
        policy: policyDocument(ssmAgentStatements(partition, env.region)),
      });
      this.instanceProfile = new IamInstanceProfile(this, "instance-profile", {
        name: `${props.serviceName}-host`,
        path,
        role: this.role.name,
        tags,
      });
    }
  }

  /** Name of the instance profile (EC2 trust only). */
  get instanceProfileName(): string | undefined {
    return this.instanceProfile?.name;
  }

  /** The grants made so far, merged by sid, in the order first made. */
  get grants(): readonly GrantRecord[] {
    return this.grantList;
  }

  /** This identity, as the principal of grants. */
  get grantPrincipal(): IPrincipal {
    return this;
  }

  /** ARN of the role, as resource policies name it. */
  get principalArn(): string {
    return this.roleArn;
  }

  /** Account of the role. */
  get principalAccount(): string {
    return this.accountId;
  }

  /** Adds `statement` with {@link grant}; always true, the role's policy is managed here. */
  addToPrincipalPolicy(statement: GrantOptions): boolean {
    this.grant(statement);
    return true;
  }

  /**
   * Adds a least-privilege statement to the identity's inline policy. Every helper (`allowInvokeApi`,
   * `ServiceSecrets.grantRead`, ...) goes through here, so a future service graph can drive grants
   * the same way. Throws on wildcard actions, on wildcard resources without `allowWildcardResource`,
   * and on a sid reused with different actions or conditions. A grant with `allowWildcardResource` records a
   * suppression of ZT-IAM-018 (data access on every resource) for its own statement, whose reason names the prop
   * and gives the caller's reason, so every policy report shows the wider scope.
   */
  grant(options: GrantOptions): void {
    const source = sourceOf("ServiceIdentity", this);
    validateGrant(source, options);
    const known = this.grantList.find((g) => g.sid === options.sid);
    if (known !== undefined && known.wildcardReason !== options.allowWildcardResource?.trim()) throw sidConflict(source, options.sid);
    if (!this.grantDocument.addStatement(grantStatement(options))) throw sidConflict(source, options.sid);
    this.grantList = recordGrant(source, this.grantList, options);
    if (!this.grantPolicy) {
      this.grantPolicy = new IamRolePolicy(this, "grants", {
        name: `${this.serviceName}-grants`,
        role: this.role.name,
        policy: this.grantDocument.lazy(),
      });
    }
    const reason = options.allowWildcardResource?.trim();
    if (reason !== undefined) {
      // The wider scope is a decision made with a prop; it travels with the stack and shows in every report.
      Policy.suppress(this.grantPolicy, UNSCOPED_DATA_ACCESS_RULE_ID, {
        reason: `allowWildcardResource on grant "${options.sid}" of ServiceIdentity "${this.node.id}": ${reason}`,
        appliesTo: `Statement[${options.sid}]::*`,
      });
    }
  }

  /** Allows `execute-api:Invoke` on the given API Gateway method ARNs (`arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>`). */
  allowInvokeApi(apiArns: string[]): Grant {
    const source = sourceOf("ServiceIdentity", this);
    requireArns(source, "allowInvokeApi apiArns", apiArns, this.partition, "execute-api", /^[a-z0-9]+\/.+/, `arn:${this.partition}:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/POST/charges`);
    return Grant.addToPrincipal(this, { sid: "InvokeApis", actions: ["execute-api:Invoke"], resources: apiArns }, source);
  }

  /** Allows `lambda:InvokeFunction` on the given function ARNs. */
  allowInvokeFunction(functionArns: string[]): Grant {
    const source = sourceOf("ServiceIdentity", this);
    requireArns(source, "allowInvokeFunction functionArns", functionArns, this.partition, "lambda", /^function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, `arn:${this.partition}:lambda:eu-west-1:123456789012:function:charge`);
    return Grant.addToPrincipal(this, { sid: "InvokeFunctions", actions: ["lambda:InvokeFunction"], resources: functionArns }, source);
  }
}

/** How to use an existing role as a service identity. */
export interface ImportedServiceIdentityOptions extends Pick<EnvironmentOverrides, "region"> {
  /** Name of the service the role belongs to; names derived resources such as host groups (`<service>-<id>`). */
  readonly serviceName: string;
  /**
   * Who may assume the role, as its trust policy says: taken as declared, never checked.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/roles-managingrole-editing-cli.html
   */
  readonly trust: IdentityTrust;
  /**
   * Name of an existing instance profile of the role, for hosts (EC2 trust).
   *
   * @default - no instance profile: hosts cannot run as the role
   */
  readonly instanceProfileName?: string;
}

/** An existing role: read, never modified. */
class ImportedServiceIdentity extends Construct implements IServiceIdentity, IPrincipal {
  readonly serviceName: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: Partition;
  readonly trust: IdentityTrust;
  readonly instanceProfileName?: string;
  readonly managed = false;

  constructor(scope: Construct, id: string, roleArn: string, options: ImportedServiceIdentityOptions) {
    const source = errorSource("ServiceIdentity", scope, id);
    super(scope, id);
    requireServiceName(source, "serviceName", options.serviceName);
    const env: IEnvironment = resolveEnvironment(scope, source, { accountId: accountOfArn(roleArn), partition: partitionOfArn(roleArn), region: options.region });
    requireArns(source, "roleArn", [roleArn], env.partition, "iam", /^role\/.+/, formatArn(env, { service: "iam", region: "", resource: "role/orders-role" }));
    this.serviceName = options.serviceName;
    this.roleArn = roleArn;
    this.roleName = isToken(roleArn) ? roleArn : roleArn.split("/").pop()!;
    this.accountId = env.accountId;
    this.region = env.region;
    this.partition = env.partition;
    this.trust = options.trust;
    this.instanceProfileName = options.instanceProfileName;
  }

  get grantPrincipal(): IPrincipal {
    return this;
  }

  get principalArn(): string {
    return this.roleArn;
  }

  get principalAccount(): string {
    return this.accountId;
  }

  /** False: the role's policies are not managed here. */
  addToPrincipalPolicy(): boolean {
    return false;
  }
}

function partitionOfArn(arn: string): Partition | undefined {
  return isToken(arn) ? undefined : (arn.split(":")[1] as Partition | undefined);
}
