import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Policy } from "../../policies/policy";
import { UNSCOPED_DATA_ACCESS_RULE_ID } from "../rule-ids";
import { Grant, GrantOptions, grantStatement, mergeGrant, validateGrant } from "./grant";
import { policyDocument } from "./policy-json";
import { ssmAgentStatements } from "./ssm-agent";
import { IdentityTrust, trustStatement, validateTrust } from "./trust";
import {
  Partition,
  constructError,
  requireAccountId,
  requireArns,
  requirePartition,
  requireRegion,
  requireServiceName,
} from "./validate";

/** Longest session a service role allows, in seconds (one hour). */
export const MAX_SESSION_DURATION_SECONDS = 3600;


/** Properties of a {@link ServiceIdentity}. */
export interface ServiceIdentityProps {
  /**
   * Name of the service: 1–32 lowercase letters, digits and hyphens, starting with a letter and not
   * ending with a hyphen. Prefixes every derived name (`<service>-role`, path `/zt/<service>/`).
   */
  readonly serviceName: string;
  /** Twelve-digit id of the account the role lives in; pins the trust policy to it. */
  readonly accountId: string;
  /** Region the service runs in; scopes `kms:ViaService` conditions of grants. */
  readonly region: string;
  /** Who may assume the role: EC2 hosts, EKS Pod Identity, or one Kubernetes service account (IRSA). */
  readonly trust: IdentityTrust;
  /**
   * ARN of a managed policy set as the role's permissions boundary.
   *
   * @default - no permissions boundary
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * ARN partition of the account.
   *
   * @default "aws"
   */
  readonly partition?: Partition;
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
export class ServiceIdentity extends Construct {
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
  /** The role. */
  readonly role: IamRole;
  /** ARN of the role. */
  readonly roleArn: string;
  /** Name of the role. */
  readonly roleName: string;
  /** The instance profile (EC2 trust only). */
  readonly instanceProfile?: IamInstanceProfile;
  /** The inline policy with what the SSM Agent needs (EC2 trust only). */
  readonly ssmAgentPolicy?: IamRolePolicy;
  private grantList: Grant[] = [];
  private grantPolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceIdentityProps) {
    super(scope, id);
    const kind = "ServiceIdentity";
    requireServiceName(kind, id, "serviceName", props.serviceName);
    requireAccountId(kind, id, "accountId", props.accountId);
    requireRegion(kind, id, "region", props.region);
    const partition = props.partition ?? "aws";
    requirePartition(kind, id, "partition", partition);
    if (props.trust === undefined || props.trust === null) {
      throw constructError(kind, id, `trust is required; pass { kind: "ec2" }, { kind: "eks-pod-identity" } or { kind: "irsa", ... }.`);
    }
    validateTrust(id, props.trust, props.accountId, partition);
    if (props.permissionsBoundaryArn !== undefined) {
      requireArns(kind, id, "permissionsBoundaryArn", [props.permissionsBoundaryArn], partition, "iam", /^policy\/.+/, `arn:${partition}:iam::123456789012:policy/service-boundary`);
    }
    for (const key of Object.keys(props.tags ?? {})) {
      if (key === "zt:service") throw constructError(kind, id, `tags key "zt:service" is set by the construct; remove it from tags.`);
    }

    this.serviceName = props.serviceName;
    this.accountId = props.accountId;
    this.region = props.region;
    this.partition = partition;
    this.trust = props.trust;
    const tags = { ...(props.tags ?? {}), "zt:service": props.serviceName };
    const path = `/zt/${props.serviceName}/`;

    this.role = new IamRole(this, "role", {
      name: `${props.serviceName}-role`,
      path,
      description: props.description ?? `Identity of the ${props.serviceName} service`,
      assumeRolePolicy: policyDocument([trustStatement(props.trust, props.accountId, partition)]),
      maxSessionDuration: MAX_SESSION_DURATION_SECONDS,
      permissionsBoundary: props.permissionsBoundaryArn,
      forceDetachPolicies: true,
      tags,
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;

    if (props.trust.kind === "ec2") {
      this.ssmAgentPolicy = new IamRolePolicy(this, "ssm-agent", {
        name: `${props.serviceName}-ssm-agent`,
        role: this.role.name,
        policy: policyDocument(ssmAgentStatements(partition, props.region)),
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
  get grants(): readonly Grant[] {
    return this.grantList;
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
    validateGrant(this.node.id, options);
    this.grantList = mergeGrant(this.node.id, this.grantList, options);
    if (!this.grantPolicy) {
      this.grantPolicy = new IamRolePolicy(this, "grants", {
        name: `${this.serviceName}-grants`,
        role: this.role.name,
        policy: Lazy.stringValue({
          produce: (context) => policyDocument(this.grantList.map((g) => grantStatement(g, (v) => String(context.resolve(v))))),
        }),
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
  allowInvokeApi(apiArns: string[]): void {
    requireArns("ServiceIdentity", this.node.id, "allowInvokeApi apiArns", apiArns, this.partition, "execute-api", /^[a-z0-9]+\/.+/, `arn:${this.partition}:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/POST/charges`);
    this.grant({ sid: "InvokeApis", actions: ["execute-api:Invoke"], resources: apiArns });
  }

  /** Allows `lambda:InvokeFunction` on the given function ARNs. */
  allowInvokeFunction(functionArns: string[]): void {
    requireArns("ServiceIdentity", this.node.id, "allowInvokeFunction functionArns", functionArns, this.partition, "lambda", /^function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, `arn:${this.partition}:lambda:eu-west-1:123456789012:function:charge`);
    this.grant({ sid: "InvokeFunctions", actions: ["lambda:InvokeFunction"], resources: functionArns });
  }
}
