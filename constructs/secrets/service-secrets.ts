import { Construct } from "constructs";
import { ValidationError, errorSource, sourceOf } from "../core/errors";
import { Grant, IGrantable } from "../core/grant";
import { isToken, requireArns } from "../core/validate";
import { IServiceIdentity } from "../identity/service-identity";
import { INetwork } from "../network/network";
import { SecretOptions, SecretSpec } from "./secret-options";
import { ServiceKey } from "./service-key";
import { ServiceSecret } from "./service-secret";

/** Properties of {@link ServiceSecrets}. */
export interface ServiceSecretsProps {
  /**
   * The service that owns the secrets; its role is the only reader unless more are granted. An imported identity
   * (`ServiceIdentity.fromRoleArn`) reads through the secrets' resource policies, its own policy being untouched.
   */
  readonly identity: IServiceIdentity;
  /**
   * Roles that administer the key (without using it) and the secrets (from anywhere). Must include the
   * role Terraform deploys with: every secret's resource policy denies all other principals.
   * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html
   */
  readonly adminRoleArns: string[];
  /**
   * Secrets to create, each with rotation or an explicit opt-out.
   *
   * @default [] (add secrets later with `addSecret`)
   */
  readonly secrets?: SecretSpec[];
  /**
   * Network whose Secrets Manager interface endpoint readers must come through.
   *
   * @default - no network; readers are bound to an endpoint only when `vpcEndpointId` is given
   */
  readonly network?: INetwork;
  /**
   * Id of the Secrets Manager interface endpoint readers must come through, when it is not the network's.
   *
   * @default - the `secretsmanager` interface endpoint of `network`, if it has one
   */
  readonly vpcEndpointId?: string;
  /**
   * Deny readers every request that does not come through the endpoint. Admins and the rotation role
   * are not bound to it. `true` without an endpoint throws.
   *
   * @default - true when an endpoint is known (`vpcEndpointId`, or `network` with a `secretsmanager` endpoint)
   * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html
   */
  readonly restrictToVpcEndpoint?: boolean;
  /**
   * Extra tags for the key and the secrets.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

const KIND = "ServiceSecrets";

/**
 * The secrets of one service and the customer-managed key that encrypts them (`alias/<service>/secrets`).
 * The key's policy lets only roles granted read decrypt with it, and only through Secrets Manager in this
 * account and region; every secret denies all principals but its readers, the admins and its rotation role.
 */
export class ServiceSecrets extends Construct {
  /** The key encrypting every secret of the service. */
  readonly key: ServiceKey;
  /** The owning service. */
  readonly identity: IServiceIdentity;
  /** Endpoint readers are bound to, when restricted. */
  readonly vpcEndpointId?: string;
  private readonly adminRoleArns: string[];
  private readonly tags: Record<string, string>;
  private readonly byName = new Map<string, ServiceSecret>();
  private readonly readers: IGrantable[] = [];

  constructor(scope: Construct, id: string, props: ServiceSecretsProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const identity = props.identity;
    if (!identity) throw new ValidationError(source, "identity", "identity is required; pass the ServiceIdentity of the service that owns the secrets.");
    if (!Array.isArray(props.adminRoleArns) || props.adminRoleArns.length === 0) {
      throw new ValidationError(source, "adminRoleArns", "adminRoleArns is empty; name at least the role Terraform deploys with, otherwise the secrets' resource policies lock it out.");
    }
    requireArns(source, "adminRoleArns", props.adminRoleArns, identity.partition, "iam", /^role\/.+/, `arn:${identity.partition}:iam::123456789012:role/platform-admin`);
    const network = props.network;
    if (network) {
      for (const [field, mine, theirs] of [["accountId", identity.accountId, network.accountId], ["region", identity.region, network.region]] as const) {
        if (!isToken(mine) && !isToken(theirs) && mine !== theirs) {
          throw new ValidationError(source, "network", `network ${field} "${theirs}" differs from the identity's "${mine}"; use the network the service runs in.`);
        }
      }
    }
    const endpointId = props.vpcEndpointId ?? network?.interfaceEndpoint("secretsmanager")?.id;
    if (props.restrictToVpcEndpoint === true && endpointId === undefined) {
      throw new ValidationError(source, "restrictToVpcEndpoint", 'restrictToVpcEndpoint is true but there is no Secrets Manager endpoint; pass a network with a "secretsmanager" interface endpoint, or vpcEndpointId.',
      );
    }
    this.identity = identity;
    this.vpcEndpointId = props.restrictToVpcEndpoint === false ? undefined : endpointId;
    this.adminRoleArns = [...props.adminRoleArns];
    this.tags = { ...(props.tags ?? {}) };

    this.key = new ServiceKey(this, "key", {
      owner: identity.serviceName,
      purpose: "secrets",
      accountId: identity.accountId,
      region: identity.region,
      partition: identity.partition,
      usedThrough: "secretsmanager",
      adminRoleArns: props.adminRoleArns,
      description: `Encrypts the secrets of the ${identity.serviceName} service`,
      tags: { ...this.tags, "zt:service": identity.serviceName },
    });

    for (const spec of props.secrets ?? []) {
      const { name, ...options } = spec;
      this.addSecret(name, options);
    }
  }

  /** Secrets in the order they were added. */
  get secrets(): ServiceSecret[] {
    return [...this.byName.values()];
  }

  /** The secret called `name`; throws when there is none. */
  secret(name: string): ServiceSecret {
    const found = this.byName.get(name);
    if (!found) {
      throw new ValidationError(sourceOf(KIND, this), "name", `has no secret "${name}"; add it with addSecret("${name}", ...) or the secrets prop.`);
    }
    return found;
  }

  /** Adds a secret `<service>/<name>` encrypted with the service key. Identities already granted read can read it too. */
  addSecret(name: string, options: SecretOptions): ServiceSecret {
    if (this.byName.has(name)) {
      throw new ValidationError(sourceOf(KIND, this), "name", `secret "${name}" is defined twice; give each secret its own name.`);
    }
    const secret = new ServiceSecret(this, name, {
      ...options,
      name,
      owner: this.identity,
      key: this.key,
      adminRoleArns: this.adminRoleArns,
      vpcEndpointId: this.vpcEndpointId,
      tags: this.tags,
    });
    this.byName.set(name, secret);
    for (const reader of this.readers) secret.grantRead(reader);
    return secret;
  }

  /**
   * Lets `grantee` read every secret of the service, present and future (see {@link ServiceSecret.grantRead}).
   * The grants are one `secretsmanager:GetSecretValue` + `DescribeSecret` statement on the secrets' ARNs
   * and one `kms:Decrypt` statement on the key, through Secrets Manager only. Returns the grants of the secrets
   * present now; secrets added later are granted as they are added.
   */
  grantRead(grantee: IGrantable): Grant[] {
    if (!this.readers.includes(grantee)) this.readers.push(grantee);
    return [...this.byName.values()].map((secret) => secret.grantRead(grantee));
  }
}
