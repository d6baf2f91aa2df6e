import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StackEnvironment } from "../../constructs/core";
import { DEFAULT_RATE_LIMIT, GatewayWebAcl, GatewayWebAclProps, MIN_RATE_LIMIT, RATE_WINDOW_SECONDS } from "../../constructs/gateway";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, newStack, ofType, only, packVerdict, parsePolicy, statement } from "../identity/harness";
import { KEY_ADMIN } from "./fixtures";

type Json = Record<string, unknown>;

/** A stack with its environment in `region`. */
function envStack(region = REGION): TerraformStack {
  const stack = newStack("waf");
  StackEnvironment.set(stack, { accountId: ACCOUNT, region });
  return stack;
}

/** A web ACL named "edge" in a fresh stack, with `overrides`. */
function webAcl(overrides: Partial<GatewayWebAclProps> = {}, stack: TerraformStack = envStack()) {
  const acl = new GatewayWebAcl(stack, "waf", { name: "edge", ...overrides });
  return { stack, acl };
}

/** The rules of the synthesized web ACL. */
function rules(stack: TerraformStack): Json[] {
  return only(stack, "aws_wafv2_web_acl").rule as Json[];
}

const VISIBLE = { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true };

describe("GatewayWebAcl defaults", () => {
  test("a REGIONAL web ACL that allows by default, with metrics and sampled requests on the ACL", () => {
    const { stack } = webAcl();
    expect(only(stack, "aws_wafv2_web_acl")).toMatchObject({
      name: "edge",
      scope: "REGIONAL",
      default_action: { allow: {} },
      visibility_config: { ...VISIBLE, metric_name: "edge" },
    });
  });

  test("the AWS managed IP reputation, common and known-bad-inputs rule groups, with their own actions", () => {
    const { stack } = webAcl();
    const managed = rules(stack).filter((r) => r.override_action !== undefined);
    expect(managed.map((r) => [r.priority, r.name])).toEqual([
      [0, "AWSManagedRulesAmazonIpReputationList"],
      [1, "AWSManagedRulesCommonRuleSet"],
      [2, "AWSManagedRulesKnownBadInputsRuleSet"],
    ]);
    for (const rule of managed) {
      expect(rule.override_action).toEqual({ none: {} });
      expect(rule.action).toBeUndefined();
      expect(rule.statement).toEqual({ managed_rule_group_statement: { name: rule.name, vendor_name: "AWS" } });
    }
  });

  test("a rate-based rule blocks a client IP above the default limit over five minutes", () => {
    const { stack } = webAcl();
    const rate = rules(stack).find((r) => r.name === "RateLimitPerClientIp")!;
    expect(rate).toMatchObject({
      priority: 3,
      action: { block: {} },
      statement: { rate_based_statement: { limit: DEFAULT_RATE_LIMIT, aggregate_key_type: "IP", evaluation_window_sec: RATE_WINDOW_SECONDS } },
    });
    expect(DEFAULT_RATE_LIMIT).toBe(1000);
    expect(RATE_WINDOW_SECONDS).toBe(300);
  });

  test("every rule publishes CloudWatch metrics and sampled requests under its own metric name", () => {
    const { stack } = webAcl();
    const all = rules(stack);
    expect(all).toHaveLength(4);
    for (const rule of all) expect(rule.visibility_config).toEqual({ ...VISIBLE, metric_name: `edge-${String(rule.name)}` });
  });

  test("logs go to aws-waf-logs-<name>, encrypted with a customer-managed key and kept 365 days", () => {
    const { stack } = webAcl();
    const keyName = Object.keys(ofType(stack, "aws_kms_key"))[0];
    expect(only(stack, "aws_cloudwatch_log_group")).toMatchObject({
      name: "aws-waf-logs-edge",
      retention_in_days: 365,
      kms_key_id: `\${aws_kms_key.${keyName}.arn}`,
    });
    expect(only(stack, "aws_kms_key")).toMatchObject({ enable_key_rotation: true });
    expect(only(stack, "aws_kms_alias")).toMatchObject({ name: "alias/zt/waf/edge" });
  });

  test("the key lets only CloudWatch Logs of the region use it, for the WAF log group; the root administers it without using it", () => {
    const { stack } = webAcl();
    const policy = only(stack, "aws_kms_key").policy;
    expect(statement(policy, "CloudWatchLogsForTheWafLogGroup")).toMatchObject({
      Principal: { Service: `logs.${REGION}.amazonaws.com` },
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:aws-waf-logs-edge` } },
    });
    expect(statement(policy, "AccountRootAdministersNotUse").Action).not.toContain("kms:Decrypt");
    expect(parsePolicy(policy).Statement.map((s) => s.Sid)).toEqual(["AccountRootAdministersNotUse", "CloudWatchLogsForTheWafLogGroup"]);
    const withAdmins = webAcl({ keyAdminRoleArns: [KEY_ADMIN] });
    expect(statement(only(withAdmins.stack, "aws_kms_key").policy, "AdminRolesAdministerNotUse")).toMatchObject({ Principal: { AWS: KEY_ADMIN } });
  });

  test("logging covers the web ACL and redacts the Authorization and Cookie headers", () => {
    const { stack } = webAcl();
    const groupName = Object.keys(ofType(stack, "aws_cloudwatch_log_group"))[0];
    const aclName = Object.keys(ofType(stack, "aws_wafv2_web_acl"))[0];
    expect(only(stack, "aws_wafv2_web_acl_logging_configuration")).toEqual({
      resource_arn: `\${aws_wafv2_web_acl.${aclName}.arn}`,
      log_destination_configs: [`\${aws_cloudwatch_log_group.${groupName}.arn}`],
      redacted_fields: [{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }],
    });
  });

  test("arn and webAclId name the web ACL resource", () => {
    const { stack, acl } = webAcl();
    const resolve = (value: string) => Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    const aclName = Object.keys(ofType(stack, "aws_wafv2_web_acl"))[0];
    expect(resolve(acl.arn)).toBe(`\${aws_wafv2_web_acl.${aclName}.arn}`);
    expect(resolve(acl.webAclId)).toBe(`\${aws_wafv2_web_acl.${aclName}.id}`);
  });

  test("associate puts the web ACL in front of a regional resource", () => {
    const { stack, acl } = webAcl();
    const stageArn = `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/prod`;
    acl.associate("stage", stageArn);
    const aclName = Object.keys(ofType(stack, "aws_wafv2_web_acl"))[0];
    expect(only(stack, "aws_wafv2_web_acl_association")).toEqual({ resource_arn: stageArn, web_acl_arn: `\${aws_wafv2_web_acl.${aclName}.arn}` });
  });

  test("the pack finds nothing on the web ACL, its key, logs and association", () => {
    const { stack, acl } = webAcl({ keyAdminRoleArns: [KEY_ADMIN] });
    acl.associate("stage", `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/prod`);
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([]);
    expect(verdict.evaluated).toBeGreaterThan(0);
  });
});

describe("GatewayWebAcl props", () => {
  test("rateLimit sets the limit; the AWS minimum is accepted", () => {
    const rateOf = (stack: TerraformStack) => (rules(stack).find((r) => r.name === "RateLimitPerClientIp")!.statement as Json).rate_based_statement;
    expect(rateOf(webAcl({ rateLimit: 2500 }).stack)).toMatchObject({ limit: 2500 });
    expect(rateOf(webAcl({ rateLimit: MIN_RATE_LIMIT }).stack)).toMatchObject({ limit: 10 });
  });

  test("logRetentionDays sets the retention of the log group", () => {
    expect(only(webAcl({ logRetentionDays: 731 }).stack, "aws_cloudwatch_log_group").retention_in_days).toBe(731);
  });

  test("tags reach every taggable resource", () => {
    const { stack } = webAcl({ tags: { team: "edge" } });
    for (const type of ["aws_wafv2_web_acl", "aws_cloudwatch_log_group", "aws_kms_key"]) expect(only(stack, type).tags).toMatchObject({ team: "edge" });
  });

  test("scope CLOUDFRONT with a us-east-1 provider: every resource uses that provider and the key serves CloudWatch Logs in us-east-1", () => {
    const stack = envStack();
    const usEast1 = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us-east-1" });
    new GatewayWebAcl(stack, "waf", { name: "edge-cdn", scope: "CLOUDFRONT", provider: usEast1 });
    expect(only(stack, "aws_wafv2_web_acl").scope).toBe("CLOUDFRONT");
    for (const type of ["aws_wafv2_web_acl", "aws_wafv2_web_acl_logging_configuration", "aws_cloudwatch_log_group", "aws_kms_key", "aws_kms_alias"]) {
      expect(only(stack, type).provider).toBe("aws.us-east-1");
    }
    expect(statement(only(stack, "aws_kms_key").policy, "CloudWatchLogsForTheWafLogGroup")).toMatchObject({
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-waf-logs-edge-cdn` } },
    });
  });

  test("scope CLOUDFRONT without a provider in a us-east-1 stack uses the stack's provider", () => {
    const { stack } = webAcl({ scope: "CLOUDFRONT" }, envStack("us-east-1"));
    expect(only(stack, "aws_wafv2_web_acl").provider).toBeUndefined();
    expect(only(stack, "aws_wafv2_web_acl").scope).toBe("CLOUDFRONT");
  });

  test("a REGIONAL web ACL with a provider puts every resource, the association included, on it", () => {
    const stack = envStack();
    const other = new AwsProvider(stack, "aws-other", { region: REGION, alias: "other" });
    const { acl } = webAcl({ provider: other }, stack);
    acl.associate("stage", `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/prod`);
    expect(only(stack, "aws_wafv2_web_acl_association").provider).toBe("aws.other");
  });
});

describe("GatewayWebAcl validation", () => {
  test("a rate limit below the AWS minimum, above the maximum or not whole", () => {
    expectInvalid(() => webAcl({ rateLimit: 9 }), "rateLimit", "from 10 (the AWS minimum)");
    expectInvalid(() => webAcl({ rateLimit: 2_000_000_001 }), "rateLimit", "rateLimit 2000000001");
    expectInvalid(() => webAcl({ rateLimit: 100.5 }), "rateLimit", "must be a whole number");
  });

  test("a retention CloudWatch Logs does not accept", () => {
    expectInvalid(() => webAcl({ logRetentionDays: 100 }), "logRetentionDays", "logRetentionDays 100 is not a retention");
  });

  test("a name that cannot name the web ACL and its log group", () => {
    expectInvalid(() => webAcl({ name: "edge gateway" }), "name", 'name "edge gateway" must be');
  });

  test("key admins that are not role ARNs", () => {
    expectInvalid(() => webAcl({ keyAdminRoleArns: ["arn:aws:iam::123456789012:user/alice"] }), "keyAdminRoleArns", "is not an iam ARN");
  });

  test("an unknown scope", () => {
    expectInvalid(() => webAcl({ scope: "GLOBAL" as "REGIONAL" }), "scope", 'scope "GLOBAL" is not one');
  });

  test("scope CLOUDFRONT deployed outside us-east-1", () => {
    expectInvalid(() => webAcl({ scope: "CLOUDFRONT" }), "provider", `its provider deploys to ${REGION}`);
    const stack = envStack();
    const ireland = new AwsProvider(stack, "aws-ireland", { region: "eu-west-1", alias: "ireland" });
    expectInvalid(() => webAcl({ scope: "CLOUDFRONT", provider: ireland }, stack), "provider", "pass an AwsProvider for us-east-1");
  });

  test("associating a CLOUDFRONT web ACL, or associating something that is not an ARN", () => {
    const stack = envStack("us-east-1");
    const { acl } = webAcl({ scope: "CLOUDFRONT" }, stack);
    expectInvalid(() => acl.associate("distribution", "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE"), "associate", "web_acl_id");
    const regional = webAcl().acl;
    expectInvalid(() => regional.associate("stage", "prod"), "resourceArn", 'got "prod"');
  });
});
