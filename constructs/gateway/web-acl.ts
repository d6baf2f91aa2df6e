import { TerraformProvider, TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { IEnvironment, resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { createCustomerManagedKey } from "../core/key";
import { logGroupKeyPolicy } from "../secrets/log-key-policy";
import { requireArns } from "../core/validate";
import { resourceTags } from "../network/tags";

/** Where a web ACL filters requests: API Gateway stages, load balancers and the like, or CloudFront distributions. */
export type WebAclScope = "REGIONAL" | "CLOUDFRONT";

/** Properties of a {@link GatewayWebAcl}. */
export interface GatewayWebAclProps {
  /** Name of the web ACL, its metrics and its log group (`aws-waf-logs-<name>`); letters, digits, `-` and `_`. */
  readonly name: string;
  /**
   * Where the web ACL is used. A CLOUDFRONT web ACL lives in us-east-1: pass a `provider` for that region unless the
   * stack is there. It is referenced by the distribution's `web_acl_id`, never associated.
   *
   * @default "REGIONAL"
   */
  readonly scope?: WebAclScope;
  /**
   * Requests one client IP may send in any five minutes before the rate-based rule blocks it (at least
   * {@link MIN_RATE_LIMIT}, the lowest AWS WAF accepts).
   *
   * @default 1000
   * @see https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
   */
  readonly rateLimit?: number;
  /**
   * Days the WAF logs are kept.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Roles that administer (not use) the key of the log group.
   *
   * @default [] (only the account root administers it)
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Provider of every resource of the web ACL (a us-east-1 provider for scope CLOUDFRONT).
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Extra tags of every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** The lowest rate limit AWS WAF accepts in a rate-based rule. */
export const MIN_RATE_LIMIT = 10;
/** The highest rate limit AWS WAF accepts in a rate-based rule. */
export const MAX_RATE_LIMIT = 2_000_000_000;
/** Rate limit of the rate-based rule when none is given: requests per client IP in five minutes. */
export const DEFAULT_RATE_LIMIT = 1000;
/** Seconds over which the rate-based rule counts a client's requests. */
export const RATE_WINDOW_SECONDS = 300;
/** Retention of the WAF logs when none is given. */
export const DEFAULT_WAF_LOG_RETENTION_DAYS = 365;
/** Prefix AWS WAF requires of the name of a log group it delivers logs to. */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";
/** The region of every CLOUDFRONT-scoped web ACL. */
const CLOUDFRONT_REGION = "us-east-1";

/**
 * AWS managed rule groups every web ACL evaluates, in priority order: known bad sources first, then the common
 * exploits (OWASP Top 10 style) and request patterns known to exploit vulnerabilities (Log4j, Java deserialization).
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export const MANAGED_RULE_GROUPS: readonly string[] = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
];

/** Request headers redacted from the WAF logs: they carry tokens and session cookies. */
export const REDACTED_HEADERS: readonly string[] = ["authorization", "cookie"];

/** Retention periods CloudWatch Logs accepts. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const KIND = "GatewayWebAcl";

/** Name of the log group of a web ACL. */
export function wafLogGroupName(name: string): string {
  return `${WAF_LOG_GROUP_PREFIX}${name}`;
}

/**
 * Key policy of the WAF log key: the account root (and the named roles) administer it without using it, and only
 * CloudWatch Logs of the web ACL's region uses it, for the one log group (encryption context).
 */
export function wafLogKeyPolicy(env: IEnvironment, region: string, name: string, adminRoleArns: readonly string[]): string {
  return logGroupKeyPolicy(env, { sid: "CloudWatchLogsForTheWafLogGroup", logGroupNames: [wafLogGroupName(name)], adminRoleArns, region });
}

/**
 * An AWS WAFv2 web ACL for a gateway: requests are allowed unless a rule blocks them; the AWS managed IP reputation,
 * common and known-bad-inputs rule groups run with their own actions, and a rate-based rule blocks a client IP that
 * sends more than `rateLimit` requests in five minutes. Every rule and the ACL publish CloudWatch metrics and sampled
 * requests. Every request is logged to the CloudWatch log group `aws-waf-logs-<name>`, encrypted with a dedicated
 * customer-managed key and kept 365 days, with the Authorization and Cookie headers redacted so tokens never land in
 * the logs.
 *
 * A REGIONAL web ACL protects a REST API stage (or a load balancer) through {@link GatewayWebAcl.associate}; a
 * CLOUDFRONT web ACL is created in us-east-1 and named by a distribution's `web_acl_id` ({@link GatewayWebAcl.arn}).
 *
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/web-acl.html
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
 */
export class GatewayWebAcl extends Construct {
  /** ARN of the web ACL (a CloudFront distribution's `web_acl_id` takes it). */
  readonly arn: string;
  /** Id of the web ACL. */
  readonly webAclId: string;
  /** Scope of the web ACL. */
  readonly scope: WebAclScope;
  /** The web ACL. */
  readonly webAcl: Wafv2WebAcl;
  /** Log group receiving the WAF logs. */
  readonly logGroup: CloudwatchLogGroup;
  /** Customer-managed key encrypting the log group. */
  readonly key: KmsKey;
  /** Alias `alias/zt/waf/<name>` of the key. */
  readonly keyAlias: KmsAlias;
  /** The logging configuration of the web ACL. */
  readonly logging: Wafv2WebAclLoggingConfiguration;
  private readonly source: ErrorSource;
  private readonly provider?: TerraformProvider;
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: GatewayWebAclProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    this.source = source;
    const env = resolveEnvironment(scope, source, {});
    const aclScope = props.scope ?? "REGIONAL";
    const rateLimit = props.rateLimit ?? DEFAULT_RATE_LIMIT;
    const retention = props.logRetentionDays ?? DEFAULT_WAF_LOG_RETENTION_DAYS;
    const admins = props.keyAdminRoleArns ?? [];
    validate(source, props, env, aclScope, rateLimit, retention);
    const region = aclScope === "CLOUDFRONT" ? CLOUDFRONT_REGION : env.region;

    this.scope = aclScope;
    this.provider = props.provider;
    this.tags = props.tags ?? {};
    const logGroupName = wafLogGroupName(props.name);

    const { key, alias } = createCustomerManagedKey(this, {
      description: `Encrypts the WAF logs of web ACL ${props.name}`,
      aliasName: `alias/zt/waf/${props.name}`,
      policy: wafLogKeyPolicy(env, region, props.name, admins),
      tags: resourceTags(this.tags, `${props.name}-waf-logs`),
    });
    this.key = key;
    this.keyAlias = alias;
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: logGroupName,
      retentionInDays: retention,
      kmsKeyId: key.arn,
      tags: resourceTags(this.tags, logGroupName),
    });
    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      description: `Filters the requests of ${props.name}: AWS managed rule groups and a rate limit per client IP`,
      scope: aclScope,
      defaultAction: { allow: {} },
      rule: webAclRules(props.name, rateLimit),
      visibilityConfig: visibility(props.name),
      tags: resourceTags(this.tags, props.name),
    });
    this.logging = new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
    });
    for (const resource of [key, alias, this.logGroup, this.webAcl, this.logging]) this.useProvider(resource);
    this.arn = this.webAcl.arn;
    this.webAclId = this.webAcl.id;
  }

  /**
   * Puts the web ACL in front of a regional resource: a REST API stage (its `arn`), an Application Load Balancer, a
   * Cognito user pool or an AppSync API. A CLOUDFRONT web ACL cannot be associated: set the distribution's
   * `web_acl_id` to {@link GatewayWebAcl.arn} instead.
   *
   * @param id construct id of the association, under this web ACL
   * @param resourceArn ARN of the protected resource
   */
  associate(id: string, resourceArn: string): Wafv2WebAclAssociation {
    if (this.scope === "CLOUDFRONT") {
      throw new ValidationError(this.source, "associate", "a CLOUDFRONT web ACL is not associated; set the distribution's web_acl_id to this web ACL's arn.");
    }
    if (typeof resourceArn !== "string" || (!Token.isUnresolved(resourceArn) && !resourceArn.startsWith("arn:"))) {
      throw new ValidationError(this.source, "resourceArn", `associate needs the ARN of the protected resource, got "${String(resourceArn)}".`);
    }
    const association = new Wafv2WebAclAssociation(this, id, { resourceArn, webAclArn: this.webAcl.arn });
    this.useProvider(association);
    return association;
  }

  private useProvider(resource: TerraformResource): void {
    if (this.provider !== undefined) resource.provider = this.provider;
  }
}

/** CloudWatch metrics and sampled requests under `metricName`. */
function visibility(metricName: string): { cloudwatchMetricsEnabled: boolean; metricName: string; sampledRequestsEnabled: boolean } {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/**
 * The rules of the web ACL: the managed rule groups with their own actions (override `none`), then the rate-based
 * rule per client IP. The provider types `statement` loosely, so it is written in Terraform's own (snake_case) form.
 */
function webAclRules(name: string, rateLimit: number): Wafv2WebAclRule[] {
  const managed = MANAGED_RULE_GROUPS.map(
    (group, priority): Wafv2WebAclRule => ({
      name: group,
      priority,
      overrideAction: { none: {} },
      statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
      visibilityConfig: visibility(`${name}-${group}`),
    }),
  );
  const rate: Wafv2WebAclRule = {
    name: "RateLimitPerClientIp",
    priority: managed.length,
    action: { block: {} },
    statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: "IP", evaluation_window_sec: RATE_WINDOW_SECONDS } },
    visibilityConfig: visibility(`${name}-RateLimitPerClientIp`),
  };
  return [...managed, rate];
}

function validate(source: ErrorSource, props: GatewayWebAclProps, env: IEnvironment, scope: WebAclScope, rateLimit: number, retention: number): void {
  if (typeof props.name !== "string" || !/^[A-Za-z0-9_-]{1,100}$/.test(props.name)) {
    throw new ValidationError(source, "name", `name "${String(props.name)}" must be 1 to 100 letters, digits, "-" or "_" (it names the web ACL, its metrics and its log group).`);
  }
  if (scope !== "REGIONAL" && scope !== "CLOUDFRONT") {
    throw new ValidationError(source, "scope", `scope "${String(scope)}" is not one; use "REGIONAL" or "CLOUDFRONT".`);
  }
  if (!Number.isInteger(rateLimit) || rateLimit < MIN_RATE_LIMIT || rateLimit > MAX_RATE_LIMIT) {
    throw new ValidationError(source, "rateLimit", `rateLimit ${rateLimit} must be a whole number of requests per five minutes from ${MIN_RATE_LIMIT} (the AWS minimum) to ${MAX_RATE_LIMIT}.`);
  }
  if (!RETENTION_DAYS.includes(retention)) {
    throw new ValidationError(source, "logRetentionDays", `logRetentionDays ${retention} is not a retention CloudWatch Logs accepts; use 365 or one of ${RETENTION_DAYS.join(", ")}.`);
  }
  requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns ?? [], env.partition, "iam", /^role\/.+/, `${env.arnPrefix}:iam::123456789012:role/platform-admin`);
  if (scope === "CLOUDFRONT") checkCloudFrontRegion(source, props, env);
}

/** A CLOUDFRONT web ACL is created in us-east-1 (commercial partition): by the given provider, or by the stack's. */
function checkCloudFrontRegion(source: ErrorSource, props: GatewayWebAclProps, env: IEnvironment): void {
  if (env.partition !== "aws") {
    throw new ValidationError(source, "scope", `scope "CLOUDFRONT" needs the commercial partition (aws), where CloudFront web ACLs live in ${CLOUDFRONT_REGION}; use "REGIONAL".`);
  }
  const region = props.provider instanceof AwsProvider ? props.provider.region : props.provider === undefined ? env.region : undefined;
  if (region !== undefined && !Token.isUnresolved(region) && region !== CLOUDFRONT_REGION) {
    throw new ValidationError(
      source,
      "provider",
      `scope "CLOUDFRONT" creates the web ACL in ${CLOUDFRONT_REGION}, but its provider deploys to ${region}; pass an AwsProvider for ${CLOUDFRONT_REGION} as provider.`,
    );
  }
}
