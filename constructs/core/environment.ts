import { TerraformStack, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { ErrorSource, ValidationError, errorSource } from "./errors";

/** ARN partitions the constructs support. */
export type Partition = "aws" | "aws-us-gov" | "aws-cn";

/** Every supported partition. */
export const PARTITIONS: readonly Partition[] = ["aws", "aws-us-gov", "aws-cn"];

/** The one pattern of an AWS region name, e.g. `eu-west-1`, `us-gov-west-1`, `cn-north-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

const ACCOUNT_PATTERN = /^\d{12}$/;

/**
 * Account, region and partition of the resources of one stack, with what derives from the partition.
 * Read with {@link StackEnvironment.of} (or given by a construct's own props where it still accepts them).
 */
export interface IEnvironment {
  /** Twelve-digit id of the account the stack deploys to. */
  readonly accountId: string;
  /** Region the stack deploys to, e.g. `eu-west-1`. */
  readonly region: string;
  /** ARN partition of the region. */
  readonly partition: Partition;
  /** Start of every ARN in the partition, e.g. `arn:aws`. */
  readonly arnPrefix: string;
  /** DNS suffix of service endpoints and service principals, e.g. `amazonaws.com` or `amazonaws.com.cn`. */
  readonly dnsSuffix: string;
}

/** Account, region and partition of a stack. */
export interface EnvironmentProps {
  /**
   * Twelve-digit id of the account the stack deploys to.
   * @see https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html
   */
  readonly accountId: string;
  /**
   * Region the stack deploys to.
   * @see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
   */
  readonly region: string;
  /**
   * ARN partition of the region.
   * @default the partition of `region` (`aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, else `aws`)
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
   */
  readonly partition?: Partition;
}

/** The same fields as {@link EnvironmentProps}, all optional: the props of constructs that also read the stack's environment. */
export interface EnvironmentOverrides {
  /**
   * Account id; must equal the stack environment's when one is set.
   * @default the account of the stack's {@link StackEnvironment} (required without one)
   */
  readonly accountId?: string;
  /**
   * Region; must equal the stack environment's when one is set.
   * @default the region of the stack's {@link StackEnvironment} (required without one)
   */
  readonly region?: string;
  /**
   * ARN partition; must equal the stack environment's when one is set.
   * @default the partition of the stack's {@link StackEnvironment}, else the partition of `region`
   */
  readonly partition?: Partition;
}

/** DNS suffix of service endpoints and service principals in a partition. */
export function dnsSuffix(partition: Partition): string {
  return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** The partition a literal region belongs to, or undefined for regions of unsupported (ISO) partitions. */
export function partitionOfRegion(region: string): Partition | undefined {
  if (region.includes("-iso")) return undefined;
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Parts of an ARN built with {@link formatArn}. */
export interface ArnParts {
  /** Service namespace, e.g. `iam` or `kms`. */
  readonly service: string;
  /** Resource part, e.g. `role/orders`. */
  readonly resource: string;
  /**
   * Region; `""` for global services such as IAM and S3.
   * @default the environment's region
   */
  readonly region?: string;
  /**
   * Account; `""` for resources without one, such as S3 buckets.
   * @default the environment's account
   */
  readonly account?: string;
}

/** An ARN in the environment's partition (and, unless overridden, its region and account). */
export function formatArn(env: IEnvironment, parts: ArnParts): string {
  return `${env.arnPrefix}:${parts.service}:${parts.region ?? env.region}:${parts.account ?? env.accountId}:${parts.resource}`;
}

/** The service principal of `service` in the environment's partition, e.g. `logs.amazonaws.com`. */
export function servicePrincipal(env: IEnvironment, service: string): string {
  return `${service}.${env.dnsSuffix}`;
}

function isToken(value: unknown): boolean {
  return typeof value === "string" && Token.isUnresolved(value);
}

/** Throws unless `accountId` is a twelve-digit account id (tokens pass). */
export function requireAccountId(source: ErrorSource, prop: string, accountId: string): void {
  if (isToken(accountId)) return;
  if (typeof accountId !== "string" || !ACCOUNT_PATTERN.test(accountId)) {
    throw new ValidationError(source, prop, `${prop} "${accountId}" is not an AWS account id; pass the twelve digits, e.g. "123456789012".`);
  }
}

/** Throws unless `region` matches {@link REGION_PATTERN} (tokens pass). */
export function requireRegion(source: ErrorSource, prop: string, region: string): void {
  if (isToken(region)) return;
  if (typeof region !== "string" || !REGION_PATTERN.test(region)) {
    throw new ValidationError(source, prop, `${prop} "${region}" is not an AWS region name; pass one such as "eu-west-1".`);
  }
}

/** Throws unless `partition` is one of {@link PARTITIONS}. */
export function requirePartition(source: ErrorSource, prop: string, partition: string): asserts partition is Partition {
  if (!PARTITIONS.includes(partition as Partition)) {
    throw new ValidationError(source, prop, `${prop} "${partition}" is not supported; use one of ${PARTITIONS.map((p) => `"${p}"`).join(", ")}.`);
  }
}

/** Validates account, region and partition and derives the rest. */
function environmentFrom(source: ErrorSource, accountId: string, region: string, partition: string | undefined): IEnvironment {
  requireAccountId(source, "accountId", accountId);
  requireRegion(source, "region", region);
  if (partition !== undefined) requirePartition(source, "partition", partition);
  const derived = isToken(region) ? undefined : partitionOfRegion(region);
  if (!isToken(region) && derived === undefined && partition === undefined) {
    throw new ValidationError(source, "region", `region "${region}" is in a partition the constructs do not support; use a commercial, China or GovCloud (US) region.`);
  }
  const resolved: Partition = (partition as Partition | undefined) ?? derived ?? "aws";
  if (derived !== undefined && resolved !== derived) {
    throw new ValidationError(source, "partition", `partition "${resolved}" does not match region "${region}" (partition "${derived}"); pass "${derived}" or leave partition out.`);
  }
  return { accountId, region, partition: resolved, arnPrefix: `arn:${resolved}`, dnsSuffix: dnsSuffix(resolved) };
}

/**
 * The account, region and partition of a stack, given once and read by every construct in it:
 * `StackEnvironment.set(stack, { accountId, region })`, then `StackEnvironment.of(construct)`.
 * It synthesizes nothing.
 */
export class StackEnvironment extends Construct implements IEnvironment {
  /** Construct id of the environment under its stack. */
  public static readonly CONSTRUCT_ID = "ZtStackEnvironment";

  /**
   * Sets the environment of `stack`, before the constructs that read it are created; throws a ValidationError when
   * it is already set or invalid.
   */
  public static set(stack: TerraformStack, props: EnvironmentProps): StackEnvironment {
    const source = errorSource("StackEnvironment", stack, StackEnvironment.CONSTRUCT_ID);
    if (stack.node.tryFindChild(StackEnvironment.CONSTRUCT_ID) !== undefined) {
      throw new ValidationError(source, "stack", `stack "${stack.node.path}" already has an environment; set it once per stack.`);
    }
    return new StackEnvironment(stack, environmentFrom(source, props.accountId, props.region, props.partition));
  }

  /** The environment of the stack `scope` belongs to, or undefined when none is set. */
  public static tryOf(scope: IConstruct): StackEnvironment | undefined {
    const child = TerraformStack.of(scope).node.tryFindChild(StackEnvironment.CONSTRUCT_ID);
    return child instanceof StackEnvironment ? child : undefined;
  }

  /** The environment of the stack `scope` belongs to; throws a ValidationError when none is set. */
  public static of(scope: IConstruct): StackEnvironment {
    const env = StackEnvironment.tryOf(scope);
    if (env === undefined) {
      const stack = TerraformStack.of(scope);
      const source = errorSource("StackEnvironment", stack, StackEnvironment.CONSTRUCT_ID);
      throw new ValidationError(source, "stack", `stack "${stack.node.path}" has no environment; call StackEnvironment.set(stack, { accountId, region }) first.`);
    }
    return env;
  }

  /** Twelve-digit id of the account the stack deploys to. */
  public readonly accountId: string;
  /** Region the stack deploys to. */
  public readonly region: string;
  /** ARN partition of the region. */
  public readonly partition: Partition;
  /** Start of every ARN in the partition, e.g. `arn:aws`. */
  public readonly arnPrefix: string;
  /** DNS suffix of service endpoints and service principals. */
  public readonly dnsSuffix: string;

  private constructor(stack: TerraformStack, env: IEnvironment) {
    super(stack, StackEnvironment.CONSTRUCT_ID);
    this.accountId = env.accountId;
    this.region = env.region;
    this.partition = env.partition;
    this.arnPrefix = env.arnPrefix;
    this.dnsSuffix = env.dnsSuffix;
  }
}

/**
 * The environment a construct of `source` builds in: the stack's {@link StackEnvironment} when one is set (any
 * prop in `given` must then equal it), else the props in `given`, validated the same way.
 */
export function resolveEnvironment(scope: IConstruct, source: ErrorSource, given: EnvironmentOverrides): IEnvironment {
  const env = StackEnvironment.tryOf(scope);
  if (env === undefined) {
    for (const prop of ["accountId", "region"] as const) {
      if (given[prop] === undefined) {
        throw new ValidationError(source, prop, `${prop} is required when the stack has no environment; call StackEnvironment.set(stack, { accountId, region }) once or pass ${prop}.`);
      }
    }
    return environmentFrom(source, given.accountId as string, given.region as string, given.partition);
  }
  for (const prop of ["accountId", "region", "partition"] as const) {
    const value = given[prop];
    if (value !== undefined && !isToken(value) && !isToken(env[prop]) && value !== env[prop]) {
      throw new ValidationError(source, prop, `${prop} "${value}" differs from the stack environment's "${env[prop]}"; leave ${prop} out to use the stack's.`);
    }
  }
  return env;
}
