import { IResolveContext, Lazy } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { MIN_REASON_LENGTH } from "../../policies/engine/suppressions";
import { Policy } from "../../policies/policy";
import { EnvironmentOverrides, IEnvironment, formatArn, resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource, sourceOf } from "../core/errors";
import { Grant, IGrantable, IPrincipal } from "../core/grant";
import { createCustomerManagedKey } from "../core/key";
import { PolicyDocument } from "../core/policy-document";
import { accountOfArn, isToken, requireArns } from "../core/validate";
import { pascalCase } from "../identity/validate";
import { MUTABLE_IMAGE_TAGS_RULE_ID } from "../rule-ids";
import { adminStatement, rootStatement, useStatement } from "../secrets/key-policy";
import { IServiceKey, ServiceKey } from "../secrets/service-key";
import { ecrGrantsUse } from "./key-use";
import { DEFAULT_MAX_IMAGE_COUNT, DEFAULT_UNTAGGED_EXPIRY_DAYS, lifecyclePolicy } from "./lifecycle";
import { requireCount, requireDigest, requireRepositoryName } from "./names";
import { PULL_ACTIONS, pullStatement, repositoryPolicy } from "./repository-policy";

const KIND = "ImageRepository";

/** Longest KMS alias name. */
const MAX_ALIAS_LENGTH = 256;

/** The nodes of a Kubernetes cluster, whose kubelets pull images with the nodes' role (a `HardenedCluster`). */
export interface ClusterNodes {
  /** Name of the cluster. */
  readonly clusterName: string;
  /** Role of the cluster's nodes. */
  readonly nodeRole: {
    /** ARN of the role. */
    readonly arn: string;
  };
}

/**
 * An image repository as services consume it: the image references they run, and grants to pull. Implemented by
 * {@link ImageRepository} and by repositories imported with {@link ImageRepository.fromRepositoryAttributes}.
 */
export interface IImageRepository extends IConstruct {
  /** Name of the repository, e.g. `orders` or `payments/api`. */
  readonly repositoryName: string;
  /** ARN of the repository. */
  readonly repositoryArn: string;
  /** Host name of the account's registry in the region, `<account>.dkr.ecr.<region>.amazonaws.com`. */
  readonly registry: string;
  /** `<registry>/<name>`: what `docker push` and `docker pull` name, before a tag or digest. */
  readonly repositoryUrl: string;
  /** True when the repository and its policy are managed by these constructs (false for an imported repository). */
  readonly managed: boolean;
  /**
   * The image of this repository with manifest digest `digest` (`sha256:` and 64 hex digits), pinned:
   * `<registry>/<name>@sha256:<hex>`. What a Kubernetes workload or a service declaration runs; a tag could be moved.
   */
  imageUri(digest: string): string;
  /**
   * Lets `grantee` pull the repository's images: the pull actions on the repository's ARN in the grantee's policy (when
   * managed here) and the grantee named in the repository policy (when managed here).
   */
  grantPull(grantee: IGrantable): Grant;
  /** Lets the nodes of a Kubernetes cluster pull: the kubelet pulls every pod's image with the nodes' role. */
  grantPullToNodes(nodes: ClusterNodes): Grant;
}

/** A deliberate opt-out of immutable tags, recorded as a suppression of ZT-ECR-001. */
export interface MutableTagsOptOut {
  /** Why tags of this repository must move, at least ten characters; recorded with the suppression. */
  readonly reason: string;
  /**
   * ISO date (YYYY-MM-DD) after which the opt-out stops applying and the mutable tags are a finding again.
   *
   * @default - never expires
   */
  readonly expires?: string;
}

/** Properties of an {@link ImageRepository}. */
export interface ImageRepositoryProps extends EnvironmentOverrides {
  /**
   * Name of the repository: 2 to 256 lowercase letters and digits, words joined by `.`, `_` or `-`, path parts by `/`
   * (`orders`, `payments/api`).
   * @see https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
   */
  readonly name: string;
  /**
   * Customer-managed key that encrypts the images, e.g. the service's key (`ServiceSecrets.key`). A `ServiceKey` gets a
   * key policy statement that lets principals of the account create grants on it through ECR, only for AWS resources
   * (ECR creates two grants when the repository is created, and encrypts and decrypts through them). An imported key's
   * policy is not changed: it must allow the same.
   *
   * @default - a key made for the repository (rotated yearly, alias `alias/zt/ecr/<name>`, `.` in the name as `-`)
   * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
   */
  readonly encryptionKey?: IServiceKey;
  /**
   * ARNs of roles that administer the key made for the repository without using it; only without `encryptionKey`.
   *
   * @default - no admin roles; the account root administers the key
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * ARNs of the CI roles that push images, roles of the repository's account. Only they may push: the repository
   * policy denies pushing to every other principal. Each also needs `ecr:GetAuthorizationToken` (on `*`, an
   * account-level action) in its own IAM policy to log in to the registry.
   *
   * @default [] - nobody may push
   */
  readonly pushRoleArns?: string[];
  /**
   * Days after its push an untagged image expires.
   *
   * @default 7
   */
  readonly untaggedExpiryDays?: number;
  /**
   * Images the repository keeps, newest first; older ones expire whatever their tags. Keep it above the number of
   * releases a rollback may need.
   *
   * @default 30
   */
  readonly maxImageCount?: number;
  /**
   * Lets pushes move tags to other content (`image_tag_mutability` `MUTABLE`), recorded as a suppression of ZT-ECR-001
   * with the reason, on the repository.
   *
   * @default - tags are immutable
   */
  readonly mutableTags?: MutableTagsOptOut;
  /**
   * Tags of the repository (and of the key made for it).
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** Where an existing repository is. */
export interface ImageRepositoryAttributes extends EnvironmentOverrides {
  /** Name of the repository. */
  readonly repositoryName: string;
}

/** The ECR registry host of an account and region, `<account>.dkr.ecr.<region>.<dns suffix>`. */
function registryOf(env: IEnvironment): string {
  return `${env.accountId}.dkr.ecr.${env.region}.${env.dnsSuffix}`;
}

/** Throws unless a principal that pulls or pushes is of the repository's account (the policy denies every other). */
function requireAccount(source: ErrorSource, prop: string, principalArn: string, account: string | undefined, env: IEnvironment): void {
  if (account === undefined || isToken(account) || isToken(env.accountId) || account === env.accountId) return;
  throw new ValidationError(
    source,
    prop,
    `${prop} "${principalArn}" is in account ${account}, not the repository's ${env.accountId}; the repository policy denies every principal outside its account. Replicate the images to a repository of that account instead.`,
  );
}

/** The pinned image reference of `digest` in a repository. */
function imageUriOf(source: ErrorSource, repositoryUrl: string, digest: string): string {
  requireDigest(source, "digest", digest);
  return `${repositoryUrl}@${digest}`;
}

/** The statement id of pull grants on a repository. */
function pullSid(repositoryName: string): string {
  return `PullImagesOf${pascalCase(repositoryName)}`;
}

/** A role that pulls with permissions granted outside these constructs (the nodes' managed policy): named, never changed. */
class PullingRole extends Construct implements IGrantable, IPrincipal {
  constructor(
    scope: Construct,
    id: string,
    readonly principalArn: string,
    readonly principalAccount: string,
  ) {
    super(scope, id);
  }

  get grantPrincipal(): IPrincipal {
    return this;
  }

  /** False: the role's policies are not managed here. */
  addToPrincipalPolicy(): boolean {
    return false;
  }
}

/** The principal of a cluster's nodes under `repository`, made once per cluster. */
function nodesOf(repository: Construct, nodes: ClusterNodes, env: IEnvironment): PullingRole {
  const id = `nodes-${nodes.clusterName}`;
  const known = repository.node.tryFindChild(id);
  if (known instanceof PullingRole) return known;
  return new PullingRole(repository, id, nodes.nodeRole.arn, accountOfArn(nodes.nodeRole.arn) ?? env.accountId);
}

/**
 * An ECR private repository for one service's images, and who may use it:
 *
 * - tags are immutable (ZT-ECR-001): a tag names one image forever; services run images by digest ({@link imageUri});
 * - images are scanned on push (basic scanning). Enhanced scanning with Amazon Inspector is a setting of the whole
 *   registry (one per account and region): declare it once with `RegistryScanning`;
 * - images are encrypted with a customer-managed key: the given `encryptionKey` (e.g. the service's key) or a key made
 *   for the repository;
 * - a lifecycle policy expires untagged images after `untaggedExpiryDays` and keeps the newest `maxImageCount`;
 * - a repository policy: the roles granted with {@link grantPull} (a service's identity; for a Kubernetes service the
 *   cluster's nodes, with {@link grantPullToNodes}) pull, the `pushRoleArns` push, and nobody else does. Every ECR action
 *   is denied to principals outside the account, and pulling and pushing to every principal of the account but those
 *   named (the account's service-linked roles excepted, such as Amazon Inspector's), so an IAM policy allowing `ecr:*`
 *   opens nothing.
 *
 * Logging in to the registry takes `ecr:GetAuthorizationToken`, an account-level action on `*` that no repository
 * policy can grant: pullers and pushers get it in their own IAM policies (EKS nodes have it from the
 * `AmazonEC2ContainerRegistryPullOnly` policy `HardenedCluster` attaches).
 * Account, region and partition come from the stack's `StackEnvironment` (or the props).
 */
export class ImageRepository extends Construct implements IImageRepository {
  /**
   * An existing repository, to reference its images and grant pulls without managing it. Nothing is created and its
   * policy is never changed: {@link IImageRepository.grantPull} adds only the grantee's IAM statement, which suffices
   * only when the repository's policy does not deny the grantee.
   */
  static fromRepositoryAttributes(scope: Construct, id: string, attributes: ImageRepositoryAttributes): IImageRepository {
    return new ImportedImageRepository(scope, id, attributes);
  }

  /** Name of the repository. */
  readonly repositoryName: string;
  /** ARN of the repository. */
  readonly repositoryArn: string;
  /** Host name of the account's registry in the region. */
  readonly registry: string;
  /** `<registry>/<name>`. */
  readonly repositoryUrl: string;
  /** True: the repository and its policy are managed here. */
  readonly managed = true;
  /** ARN of the key that encrypts the images. */
  readonly keyArn: string;
  /** The repository resource. */
  readonly repository: EcrRepository;
  /** The repository policy. */
  readonly policy: EcrRepositoryPolicy;
  /** The lifecycle policy. */
  readonly lifecyclePolicy: EcrLifecyclePolicy;
  /** ARNs of the CI roles that push. */
  readonly pushRoleArns: readonly string[];
  private readonly env: IEnvironment;
  private readonly readers: string[] = [];

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const env = resolveEnvironment(scope, source, props);
    validateProps(source, props, env);
    this.env = env;
    this.repositoryName = props.name;
    this.registry = registryOf(env);
    this.repositoryUrl = `${this.registry}/${props.name}`;
    this.repositoryArn = formatArn(env, { service: "ecr", resource: `repository/${props.name}` });
    this.pushRoleArns = [...(props.pushRoleArns ?? [])];
    this.keyArn = this.encryptionKeyArn(source, props, env);
    this.repository = new EcrRepository(this, "repository", {
      name: props.name,
      imageTagMutability: props.mutableTags ? "MUTABLE" : "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: this.keyArn }],
      tags: props.tags,
    });
    if (props.mutableTags) {
      Policy.suppress(this.repository, MUTABLE_IMAGE_TAGS_RULE_ID, {
        reason: `mutableTags on ${KIND} "${id}": ${props.mutableTags.reason.trim()}`,
        expires: props.mutableTags.expires,
      });
    }
    this.lifecyclePolicy = new EcrLifecyclePolicy(this, "lifecycle-policy", {
      repository: this.repository.name,
      policy: lifecyclePolicy(props.untaggedExpiryDays ?? DEFAULT_UNTAGGED_EXPIRY_DAYS, props.maxImageCount ?? DEFAULT_MAX_IMAGE_COUNT),
    });
    this.policy = new EcrRepositoryPolicy(this, "policy", {
      repository: this.repository.name,
      policy: Lazy.stringValue({
        produce: (context: IResolveContext) =>
          repositoryPolicy({
            accountId: env.accountId,
            partition: env.partition,
            readerArns: [...new Set(this.readers.map((r) => String(context.resolve(r))))],
            pusherArns: this.pushRoleArns.map((r) => String(context.resolve(r))),
          }),
      }),
    });
  }

  /** ARNs of the roles that may pull, in the order granted. */
  get readerArns(): readonly string[] {
    return [...this.readers];
  }

  /** `<registry>/<name>@sha256:<hex>`; a ValidationError unless `digest` is `sha256:` and 64 lowercase hex digits. */
  imageUri(digest: string): string {
    return imageUriOf(sourceOf(KIND, this), this.repositoryUrl, digest);
  }

  /**
   * Lets `grantee` pull: `ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer` and `ecr:BatchCheckLayerAvailability` on this
   * repository in the grantee's policy (when managed here), and the grantee named in the repository policy. The grantee
   * must be of the repository's account. `ecr:GetAuthorizationToken` is not granted (see the class).
   */
  grantPull(grantee: IGrantable): Grant {
    const source = sourceOf(KIND, this);
    const principal = grantee.grantPrincipal;
    requireAccount(source, "grantee", principal.principalArn, principal.principalAccount, this.env);
    return Grant.addToPrincipalAndResource({
      grantee,
      principalStatement: { sid: pullSid(this.repositoryName), actions: [...PULL_ACTIONS], resources: [this.repositoryArn] },
      addToResource: (p) => {
        if (!this.readers.includes(p.principalArn)) this.readers.push(p.principalArn);
        return { statement: pullStatement(this.readers) };
      },
      source,
    });
  }

  /**
   * Lets the nodes of a Kubernetes cluster pull, for its pods: the repository policy names the nodes' role. Their IAM
   * side is the cluster's (`HardenedCluster` attaches `AmazonEC2ContainerRegistryPullOnly` to the node role).
   */
  grantPullToNodes(nodes: ClusterNodes): Grant {
    return this.grantPull(nodesOf(this, nodes, this.env));
  }

  /** The given key's ARN (letting ECR create its grants when its policy is managed here), or a key made for the repository. */
  private encryptionKeyArn(source: ErrorSource, props: ImageRepositoryProps, env: IEnvironment): string {
    if (props.encryptionKey !== undefined) {
      if (props.encryptionKey instanceof ServiceKey) props.encryptionKey.allowUse(ecrGrantsUse(env));
      return props.encryptionKey.keyArn;
    }
    // A name known only at apply is used as it is: replacing in its token would break the reference.
    const aliasName = `alias/zt/ecr/${isToken(props.name) ? props.name : props.name.replace(/\./g, "-")}`;
    if (aliasName.length > MAX_ALIAS_LENGTH) {
      throw new ValidationError(source, "name", `name is too long for the key alias "${aliasName.slice(0, 40)}..." (at most ${MAX_ALIAS_LENGTH} characters); pass encryptionKey or a shorter name.`);
    }
    const policy = new PolicyDocument();
    policy.addStatement(rootStatement(env.partition, env.accountId));
    const admins = props.keyAdminRoleArns ?? [];
    if (admins.length > 0) policy.addStatement(adminStatement(admins));
    const use = ecrGrantsUse(env);
    policy.addStatement(useStatement(use.sid, use.principalArns, use.actions, use.conditions ?? []));
    const { key } = createCustomerManagedKey(this, {
      description: `Encrypts the images of ECR repository ${props.name}`,
      aliasName,
      policy: policy.render(),
      tags: props.tags,
    });
    return key.arn;
  }
}

/** Validates the props of an {@link ImageRepository}. */
function validateProps(source: ErrorSource, props: ImageRepositoryProps, env: IEnvironment): void {
  requireRepositoryName(source, "name", props.name);
  if (props.untaggedExpiryDays !== undefined) requireCount(source, "untaggedExpiryDays", props.untaggedExpiryDays);
  if (props.maxImageCount !== undefined) requireCount(source, "maxImageCount", props.maxImageCount);
  const example = `arn:${env.partition}:iam::${env.accountId}:role/ci-deployer`;
  const pushers = props.pushRoleArns ?? [];
  requireArns(source, "pushRoleArns", pushers, env.partition, "iam", /^role\/.+/, example);
  for (const arn of pushers) requireAccount(source, "pushRoleArns", arn, accountOfArn(arn), env);
  if (props.keyAdminRoleArns !== undefined) {
    if (props.encryptionKey !== undefined) {
      throw new ValidationError(source, "keyAdminRoleArns", "keyAdminRoleArns applies to the key made for the repository; with encryptionKey, the given key's admins apply. Remove one of them.");
    }
    requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns, env.partition, "iam", /^role\/.+/, `arn:${env.partition}:iam::${env.accountId}:role/platform-admin`);
  }
  const optOut = props.mutableTags;
  if (optOut !== undefined && (typeof optOut.reason !== "string" || optOut.reason.trim().length < MIN_REASON_LENGTH)) {
    throw new ValidationError(source, "mutableTags.reason", `mutableTags needs a reason of at least ${MIN_REASON_LENGTH} characters saying why tags of this repository must move.`);
  }
  if (optOut?.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(optOut.expires)) {
    throw new ValidationError(source, "mutableTags.expires", `mutableTags.expires "${optOut.expires}" must be an ISO date such as 2027-06-30.`);
  }
}

/** An existing repository: referenced, never modified. */
class ImportedImageRepository extends Construct implements IImageRepository {
  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly registry: string;
  readonly repositoryUrl: string;
  readonly managed = false;
  private readonly env: IEnvironment;

  constructor(scope: Construct, id: string, attributes: ImageRepositoryAttributes) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    this.env = resolveEnvironment(scope, source, attributes);
    requireRepositoryName(source, "repositoryName", attributes.repositoryName);
    this.repositoryName = attributes.repositoryName;
    this.registry = registryOf(this.env);
    this.repositoryUrl = `${this.registry}/${attributes.repositoryName}`;
    this.repositoryArn = formatArn(this.env, { service: "ecr", resource: `repository/${attributes.repositoryName}` });
  }

  imageUri(digest: string): string {
    return imageUriOf(sourceOf(KIND, this), this.repositoryUrl, digest);
  }

  grantPull(grantee: IGrantable): Grant {
    return Grant.addToPrincipalAndResource({
      grantee,
      principalStatement: { sid: pullSid(this.repositoryName), actions: [...PULL_ACTIONS], resources: [this.repositoryArn] },
      addToResource: () => undefined,
      source: sourceOf(KIND, this),
    });
  }

  grantPullToNodes(nodes: ClusterNodes): Grant {
    return this.grantPull(nodesOf(this, nodes, this.env));
  }
}
