import { DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { GatewayWebAcl, HTTP_ACCESS_LOG_FIELDS, HttpGateway, HttpGatewayProps, ORIGIN_VERIFY_HEADER } from "../../constructs/gateway";
import { ANONYMOUS_HTTP_ROUTE_RULE_ID, HTTP_API_WITHOUT_WAF_RULE_ID } from "../../constructs/rule-ids";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { GATEWAY_TAG } from "../../policies/shared/service-graph";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, ofType, only, packVerdict, statement } from "../identity/harness";
import { synthModel } from "../support/rules";
import { AUTHORIZER_FUNCTION, DOMAIN_CERT, KEY_ADMIN, SERVICE_PORT, TRUSTSTORE_PEM } from "./fixtures";
import { API_DOMAIN, BACKEND_NAME, EDGE_ALIAS, EDGE_CERT, ISSUER, ORIGIN_SECRET, edgeFixture, httpGateway, httpGatewayProps } from "./http-gateway-fixture";

type Json = Record<string, unknown>;
type Fixture = ReturnType<typeof edgeFixture>;

/** `${<type>.<name>.<attribute>}` of the only resource of `type` whose name starts with `prefix`. */
function ref(stack: Fixture["stack"], type: string, prefix: string, attribute = "id"): string {
  const names = Object.keys(ofType(stack, type)).filter((n) => n.startsWith(prefix));
  expect(names).toHaveLength(1);
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** A token as the synthesized JSON writes it. */
function resolved(stack: Fixture["stack"], value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** The route with `key`. */
function route(stack: Fixture["stack"], key: string): Json {
  const found = Object.values(ofType(stack, "aws_apigatewayv2_route")).filter((r) => r.route_key === key);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Builds a gateway in a fresh fixture with `overrides`; for validation tests. */
function build(overrides: (f: Fixture) => Partial<HttpGatewayProps>): () => HttpGateway {
  return () => httpGateway(overrides).gateway;
}

describe("HttpGateway defaults", () => {
  test("an HTTP API without its execute-api endpoint, tagged with the gateway", () => {
    const { stack } = httpGateway();
    expect(only(stack, "aws_apigatewayv2_api", "gateway_")).toMatchObject({
      name: "shop",
      protocol_type: "HTTP",
      disable_execute_api_endpoint: true,
      tags: expect.objectContaining({ [GATEWAY_TAG]: "shop", Name: "shop" }),
    });
  });

  test("every route names its authorizer: JWT with its scopes, the Lambda authorizer, IAM", () => {
    const { stack } = httpGateway();
    const jwt = ref(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-oidc");
    const lambda = ref(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-partner");
    expect(Object.values(ofType(stack, "aws_apigatewayv2_route")).map((r) => r.route_key).sort()).toEqual([
      "DELETE /orders/{id}",
      "GET /catalog/{proxy+}",
      "GET /orders/{id}",
      "POST /orders",
    ]);
    expect(route(stack, "GET /orders/{id}")).toMatchObject({ authorization_type: "JWT", authorizer_id: jwt, authorization_scopes: ["orders/read"] });
    expect(route(stack, "POST /orders")).toMatchObject({ authorization_type: "JWT", authorizer_id: jwt, authorization_scopes: ["orders/write"] });
    expect(route(stack, "GET /catalog/{proxy+}")).toMatchObject({ authorization_type: "CUSTOM", authorizer_id: lambda });
    expect(route(stack, "GET /catalog/{proxy+}").authorization_scopes).toBeUndefined();
    expect(route(stack, "DELETE /orders/{id}")).toMatchObject({ authorization_type: "AWS_IAM" });
    expect(route(stack, "DELETE /orders/{id}").authorizer_id).toBeUndefined();
    expect(route(stack, "GET /orders/{id}").target).toBe(`integrations/${ref(stack, "aws_apigatewayv2_integration", "gateway_integration-orders")}`);
    expect(route(stack, "GET /catalog/{proxy+}").target).toBe(`integrations/${ref(stack, "aws_apigatewayv2_integration", "gateway_integration-catalog")}`);
  });

  test("the JWT authorizer checks issuer and audience of the bearer token", () => {
    const { stack } = httpGateway();
    expect(only(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-oidc")).toMatchObject({
      authorizer_type: "JWT",
      identity_sources: ["$request.header.Authorization"],
      jwt_configuration: { issuer: ISSUER, audience: ["shop-api"] },
    });
  });

  test("the Lambda authorizer is a REQUEST authorizer on payload 2.0, requires the origin header, and only this API's authorizers may invoke it", () => {
    const { stack } = httpGateway();
    const authorizer = only(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-partner");
    expect(authorizer).toMatchObject({
      authorizer_type: "REQUEST",
      authorizer_payload_format_version: "2.0",
      enable_simple_responses: true,
      authorizer_result_ttl_in_seconds: 300,
      authorizer_uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${AUTHORIZER_FUNCTION}/invocations`,
      identity_sources: ["$request.header.Authorization", `$request.header.${ORIGIN_VERIFY_HEADER}`],
    });
    expect(only(stack, "aws_lambda_permission", "gateway_")).toMatchObject({
      action: "lambda:InvokeFunction",
      function_name: AUTHORIZER_FUNCTION,
      principal: "apigateway.amazonaws.com",
      source_arn: `${ref(stack, "aws_apigatewayv2_api", "gateway_", "execution_arn")}/authorizers/${ref(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-partner")}`,
    });
  });

  test("one HTTPS private integration per service and port, over the VPC link to its listener, verifying the backend certificate", () => {
    const { stack } = httpGateway();
    const link = ref(stack, "aws_apigatewayv2_vpc_link", "gateway_private-integration");
    for (const service of ["orders", "catalog"]) {
      expect(only(stack, "aws_apigatewayv2_integration", `gateway_integration-${service}-tcp-8443`)).toMatchObject({
        integration_type: "HTTP_PROXY",
        integration_method: "ANY",
        connection_type: "VPC_LINK",
        connection_id: link,
        integration_uri: ref(stack, "aws_lb_listener", `gateway_private-integration_${service}-8443`, "arn"),
        tls_config: { server_name_to_verify: BACKEND_NAME },
      });
    }
  });

  test("each host group admits the load balancer on the service port only", () => {
    const { stack } = httpGateway();
    const lbGroup = ref(stack, "aws_security_group", "gateway_private-integration_firewall");
    for (const service of ["orders", "catalog"]) {
      const hostGroup = ref(stack, "aws_security_group", `${service}_firewall`);
      const ingress = Object.values(ofType(stack, "aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id === hostGroup);
      expect(ingress.map((r) => [r.referenced_security_group_id, r.from_port, r.to_port])).toEqual([[lbGroup, 8443, 8443]]);
    }
  });

  test("the $default stage deploys automatically, throttles every route, records detailed metrics and writes JSON access logs", () => {
    const { stack } = httpGateway();
    const stage = only(stack, "aws_apigatewayv2_stage", "gateway_");
    expect(stage).toMatchObject({
      name: "$default",
      auto_deploy: true,
      default_route_settings: { throttling_rate_limit: 100, throttling_burst_limit: 200, detailed_metrics_enabled: true },
      access_log_settings: { destination_arn: ref(stack, "aws_cloudwatch_log_group", "gateway_access-log", "arn") },
      tags: expect.objectContaining({ [GATEWAY_TAG]: "shop" }),
    });
    const format = JSON.parse(String((stage.access_log_settings as Json).format)) as Record<string, string>;
    expect(format).toEqual(HTTP_ACCESS_LOG_FIELDS);
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      sourceIp: "$context.identity.sourceIp",
      jwtSubject: "$context.authorizer.claims.sub",
      iamCaller: "$context.identity.userArn",
      routeKey: "$context.routeKey",
      status: "$context.status",
      integrationError: "$context.integrationErrorMessage",
    });
  });

  test("access logs go to a log group kept 365 days and encrypted with a key only CloudWatch Logs uses, for that group", () => {
    const { stack } = httpGateway();
    expect(only(stack, "aws_cloudwatch_log_group", "gateway_access-log")).toMatchObject({
      name: "/zt/http-gateway/shop/access-logs",
      retention_in_days: 365,
      kms_key_id: ref(stack, "aws_kms_key", "gateway_access-log", "arn"),
    });
    const key = only(stack, "aws_kms_key", "gateway_access-log");
    expect(key).toMatchObject({ enable_key_rotation: true });
    expect(statement(key.policy, "CloudWatchLogsForTheAccessLogGroup")).toMatchObject({
      Principal: { Service: `logs.${REGION}.amazonaws.com` },
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/zt/http-gateway/shop/access-logs` } },
    });
    expect(statement(key.policy, "AdminRolesAdministerNotUse")).toMatchObject({ Principal: { AWS: KEY_ADMIN } });
  });

  test("a regional custom domain with TLS_1_2, mapped to the stage", () => {
    const { stack, gateway } = httpGateway();
    expect(only(stack, "aws_apigatewayv2_domain_name", "gateway_")).toMatchObject({
      domain_name: API_DOMAIN,
      domain_name_configuration: { certificate_arn: DOMAIN_CERT, endpoint_type: "REGIONAL", security_policy: "TLS_1_2" },
    });
    expect(only(stack, "aws_apigatewayv2_api_mapping", "gateway_")).toEqual({
      api_id: ref(stack, "aws_apigatewayv2_api", "gateway_"),
      domain_name: ref(stack, "aws_apigatewayv2_domain_name", "gateway_"),
      stage: ref(stack, "aws_apigatewayv2_stage", "gateway_"),
    });
    expect(resolved(stack, gateway.regionalDomainName)).toBe(`${ref(stack, "aws_apigatewayv2_domain_name", "gateway_", "domain_name_configuration[0].target_domain_name")}`);
  });

  test("a CloudFront distribution with the web ACL in front of the custom domain: HTTPS only, TLS 1.2, no caching, the origin header", () => {
    const { stack } = httpGateway();
    const distribution = only(stack, "aws_cloudfront_distribution", "gateway_");
    expect(distribution).toMatchObject({
      enabled: true,
      aliases: [EDGE_ALIAS],
      web_acl_id: ref(stack, "aws_wafv2_web_acl", "edge-acl", "arn"),
      default_cache_behavior: {
        target_origin_id: "api",
        viewer_protocol_policy: "https-only",
        cache_policy_id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        origin_request_policy_id: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
      },
      viewer_certificate: { acm_certificate_arn: EDGE_CERT, ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" },
      origin: [
        {
          origin_id: "api",
          domain_name: ref(stack, "aws_apigatewayv2_domain_name", "gateway_", "domain_name"),
          custom_origin_config: { origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
          custom_header: [{ name: ORIGIN_VERIFY_HEADER, value: ORIGIN_SECRET }],
        },
      ],
    });
    expect(distribution.logging_config).toBeUndefined();
    expect(only(stack, "aws_wafv2_web_acl", "edge-acl")).toMatchObject({ scope: "CLOUDFRONT", provider: "aws.us_east_1" });
  });

  test("the zero-trust pack has no unsuppressed finding; the only suppression is the load balancer's access logs", () => {
    const verdict = packVerdict(httpGateway().stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([expect.stringMatching(/^ZT-LB-005 aws_lb\.gateway_private-integration_load-balancer_\w+$/)]);
    expect(verdict.evaluated).toBeGreaterThan(100);
  });
});

describe("HttpGateway options", () => {
  test("a stage name, throttling, retention and a CloudFront log bucket", () => {
    const { stack } = httpGateway((f) => ({
      stageName: "v1",
      throttle: { rateLimit: 5.5, burstLimit: 10 },
      logRetentionDays: 731,
      edge: { kind: "cloudfront", webAcl: f.webAcl, certificateArn: EDGE_CERT, aliases: [EDGE_ALIAS], logBucket: "edge-logs.s3.amazonaws.com" },
    }));
    expect(only(stack, "aws_apigatewayv2_stage", "gateway_")).toMatchObject({
      name: "v1",
      default_route_settings: { throttling_rate_limit: 5.5, throttling_burst_limit: 10 },
    });
    expect(only(stack, "aws_cloudwatch_log_group", "gateway_access-log").retention_in_days).toBe(731);
    expect(only(stack, "aws_cloudfront_distribution", "gateway_").logging_config).toEqual({ bucket: "edge-logs.s3.amazonaws.com", prefix: "shop/", include_cookies: false });
  });

  test("mutual TLS against the truststore object's version, kept in the truststore bucket, with edge none", () => {
    const { stack, gateway } = httpGateway(() => ({
      domain: { domainName: API_DOMAIN, certificateArn: DOMAIN_CERT, truststorePem: TRUSTSTORE_PEM },
      edge: { kind: "none", reason: "partners authenticate with client certificates at the custom domain" },
    }));
    expect(gateway.truststore).toBeDefined();
    expect(only(stack, "aws_apigatewayv2_domain_name", "gateway_").mutual_tls_authentication).toEqual({
      truststore_uri: `s3://${resolved(stack, gateway.truststore!.bucket.bucket) as string}/truststore.pem`,
      truststore_version: ref(stack, "aws_s3_object", "gateway_truststore", "version_id"),
    });
    expect(only(stack, "aws_s3_object", "gateway_truststore").content).toBe(TRUSTSTORE_PEM);
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });

  test("without an origin secret there is no origin header, and the Lambda authorizer reads the token only", () => {
    const { stack } = httpGateway((f) => ({ edge: { kind: "cloudfront", webAcl: f.webAcl, certificateArn: EDGE_CERT, aliases: [EDGE_ALIAS] } }));
    expect((only(stack, "aws_cloudfront_distribution", "gateway_").origin as Json[])[0].custom_header).toBeUndefined();
    expect(only(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-partner").identity_sources).toEqual(["$request.header.Authorization"]);
  });

  test("an uncached Lambda authorizer without identity sources, behind an edge without a secret, names none", () => {
    const { stack } = httpGateway((f) => ({
      authorizers: [{ name: "partner", kind: "lambda", functionArn: AUTHORIZER_FUNCTION, identitySources: [], resultTtlSeconds: 0 }],
      routes: [{ method: "ANY", path: "/{proxy+}", target: f.orders, port: SERVICE_PORT, authorizer: "partner" }],
      edge: { kind: "cloudfront", webAcl: f.webAcl, certificateArn: EDGE_CERT, aliases: [EDGE_ALIAS] },
    }));
    expect(only(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-partner").identity_sources).toBeUndefined();
  });

  test("Lambda identity sources in the REST form are written as HTTP APIs take them", () => {
    const { stack } = httpGateway((f) => ({
      authorizers: [{ name: "partner", kind: "lambda", functionArn: AUTHORIZER_FUNCTION, identitySources: ["method.request.header.X-Api-Token", "$request.querystring.tenant"], resultTtlSeconds: 0 }],
      routes: [{ method: "ANY", path: "/{proxy+}", target: f.orders, port: SERVICE_PORT, authorizer: "partner" }],
    }));
    expect(only(stack, "aws_apigatewayv2_authorizer", "gateway_authorizer-partner")).toMatchObject({
      identity_sources: ["$request.header.X-Api-Token", "$request.querystring.tenant", `$request.header.${ORIGIN_VERIFY_HEADER}`],
      authorizer_result_ttl_in_seconds: 0,
    });
  });
});

describe("HttpGateway decisions recorded as suppressions", () => {
  test("an anonymous route has authorization NONE and a suppression of ZT-GW-002 with its reason; the pack reports it suppressed", () => {
    const reason = "load balancer health probes carry no credentials";
    const { stack } = httpGateway((f) => ({
      routes: [...httpGatewayProps(f).routes, { method: "GET", path: "/health", target: f.catalog, port: SERVICE_PORT, authorizer: { none: true, reason } }],
    }));
    expect(route(stack, "GET /health")).toMatchObject({ authorization_type: "NONE" });
    const report = evaluate(synthModel(stack), zeroTrustPack.rules);
    const anonymous = report.findings.filter((f) => f.ruleId === ANONYMOUS_HTTP_ROUTE_RULE_ID);
    expect(anonymous.map((f) => [f.address.replace(/_[0-9A-F]{8}$/, ""), f.suppressed, f.suppressionReason])).toEqual([
      ["aws_apigatewayv2_route.gateway_route-get-health-74fac65f", true, `authorizer none on HttpGateway "gateway" route "GET /health": ${reason}`],
    ]);
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
  });

  test('edge "none" has no distribution and records a suppression of ZT-GW-017 on the API with the reason', () => {
    const reason = "partners call from a fixed address range that a network firewall filters";
    const { stack } = httpGateway(() => ({ edge: { kind: "none", reason } }));
    expect(ofType(stack, "aws_cloudfront_distribution")).toEqual({});
    const report = evaluate(synthModel(stack), zeroTrustPack.rules);
    expect(report.findings.filter((f) => f.ruleId === HTTP_API_WITHOUT_WAF_RULE_ID).map((f) => [f.address.replace(/_[0-9A-F]{8}$/, ""), f.suppressed, f.suppressionReason])).toEqual([
      ["aws_apigatewayv2_api.gateway_api", true, `edge "none" on HttpGateway "gateway": ${reason}`],
    ]);
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
  });

  test("a raw HTTP API beside the gateway, without an edge choice, fails ZT-GW-017", () => {
    const { stack } = httpGateway();
    new Apigatewayv2Api(stack, "raw", { name: "raw", protocolType: "HTTP" });
    expect(packVerdict(stack).unsuppressed).toEqual([expect.stringMatching(/^ZT-GW-017\S* fail aws_apigatewayv2_api\.raw: /)]);
  });

  test("a retention under 365 days is an open ZT-LOG-002 finding", () => {
    const { stack } = httpGateway(() => ({ logRetentionDays: 30 }));
    expect(packVerdict(stack).unsuppressed).toEqual([expect.stringMatching(/^ZT-LOG-002\S* fail aws_cloudwatch_log_group\.gateway_access-log_log-group_\w+: retention_in_days is 30/)]);
  });
});

describe("HttpGateway validation", () => {
  test("a route naming an unknown authorizer", () => {
    expectInvalid(
      build((f) => ({ routes: [{ method: "GET", path: "/orders", target: f.orders, port: SERVICE_PORT, authorizer: "okta" }] })),
      "routes[0].authorizer",
      'route "GET /orders" names unknown authorizer "okta"; declare it in authorizers or use one of "oidc", "partner", "internal".',
    );
  });

  test("a JWT authorizer missing its issuer, with a plain-HTTP issuer, or without audiences", () => {
    const jwt = (issuer: string, audiences = ["shop-api"]) => build(() => ({ authorizers: [{ name: "oidc", kind: "jwt", issuer, audiences }, { name: "partner", kind: "lambda", functionArn: AUTHORIZER_FUNCTION }, { name: "internal", kind: "iam" }] }));
    expectInvalid(jwt(undefined as unknown as string), "authorizers[0].issuer", 'JWT authorizer "oidc" is an authorizer missing its issuer');
    expectInvalid(jwt("http://login.example.com/"), "authorizers[0].issuer", "an authorizer missing its issuer");
    expectInvalid(jwt(ISSUER, []), "authorizers[0].audiences", 'JWT authorizer "oidc" needs at least one audience');
  });

  test("scopes on a route whose authorizer is IAM or Lambda", () => {
    expectInvalid(
      build((f) => ({ routes: [{ method: "GET", path: "/orders", target: f.orders, port: SERVICE_PORT, authorizer: "internal", scopes: ["orders/read"] }] })),
      "routes[0].scopes",
      'authorizer "internal" is iam; HTTP APIs check scopes with JWT authorizers only.',
    );
    expectInvalid(
      build((f) => ({ routes: [{ method: "GET", path: "/orders", target: f.orders, port: SERVICE_PORT, authorizer: "partner", scopes: ["orders/read"] }] })),
      "routes[0].scopes",
      'authorizer "partner" is lambda',
    );
  });

  test("a route declared twice", () => {
    expectInvalid(
      build((f) => ({
        routes: [
          { method: "GET", path: "/orders", target: f.orders, port: SERVICE_PORT, authorizer: "oidc" },
          { method: "GET", path: "/orders", target: f.catalog, port: SERVICE_PORT, authorizer: "internal" },
        ],
      })),
      "routes[1]",
      'route "GET /orders" is declared twice',
    );
  });

  test("a Cognito authorizer, which HTTP APIs express as a JWT issuer", () => {
    expectInvalid(
      build(() => ({ authorizers: [{ name: "pool", kind: "cognito", userPoolArns: [`arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_AbCdEf123`] }] })),
      "authorizers[0].kind",
      'declare it as kind "jwt" with issuer "https://cognito-idp.<region>.amazonaws.com/<user pool id>"',
    );
  });

  test("bad paths, request parameters and anonymous routes without a reason", () => {
    for (const path of ["orders", "/orders/{proxy+}/items", "/orders//items", "/orders/{id"]) {
      expectInvalid(build((f) => ({ routes: [{ method: "GET", path, target: f.orders, port: SERVICE_PORT, authorizer: "oidc" }] })), "routes[0].path", `path "${path}" is not a route path`);
    }
    expectInvalid(
      build((f) => ({ routes: [{ method: "GET", path: "/orders", target: f.orders, port: SERVICE_PORT, authorizer: "oidc", requiredParameters: ["method.request.querystring.page"] }] })),
      "routes[0].requiredParameters",
      "HTTP APIs do not validate",
    );
    expectInvalid(
      build((f) => ({ routes: [{ method: "GET", path: "/health", target: f.orders, port: SERVICE_PORT, authorizer: { none: true, reason: "probes" } }] })),
      "routes[0].authorizer.reason",
      'anonymous route "GET /health" needs a reason of at least 10 characters',
    );
  });

  test("the edge is an explicit, complete choice", () => {
    expectInvalid(build(() => ({ edge: undefined as unknown as HttpGatewayProps["edge"] })), "edge", "edge is required: HTTP APIs cannot carry a WAFv2 web ACL");
    expectInvalid(build(() => ({ edge: { kind: "none", reason: "no" } })), "edge.reason", 'edge "none" needs a reason of at least 10 characters');
    expectInvalid(
      build((f) => ({ edge: { kind: "cloudfront", webAcl: new GatewayWebAcl(f.stack, "regional-acl", { name: "regional" }), certificateArn: EDGE_CERT, aliases: [EDGE_ALIAS] } })),
      "edge.webAcl",
      'a distribution takes a web ACL of scope "CLOUDFRONT"',
    );
    expectInvalid(
      build((f) => ({ edge: { kind: "cloudfront", webAcl: f.webAcl, certificateArn: DOMAIN_CERT, aliases: [EDGE_ALIAS] } })),
      "edge.certificateArn",
      `edge.certificateArn is in ${REGION}; CloudFront serves ACM certificates from us-east-1 only.`,
    );
    expectInvalid(
      build((f) => ({ edge: { kind: "cloudfront", webAcl: f.webAcl, certificateArn: EDGE_CERT, aliases: [API_DOMAIN] } })),
      "edge.aliases",
      `alias "${API_DOMAIN}" is the API's own custom domain`,
    );
    expectInvalid(
      build((f) => ({ edge: { kind: "cloudfront", webAcl: f.webAcl, certificateArn: EDGE_CERT, aliases: [EDGE_ALIAS], originSecret: "short" } })),
      "edge.originSecret",
      "at least 16 characters",
    );
  });

  test("mutual TLS behind CloudFront, and a truststore that holds no certificate", () => {
    expectInvalid(
      build(() => ({ domain: { domainName: API_DOMAIN, certificateArn: DOMAIN_CERT, truststorePem: TRUSTSTORE_PEM } })),
      "domain.truststorePem",
      "mutual TLS on the custom domain refuses the CloudFront distribution, which presents no client certificate to its origin",
    );
    expectInvalid(
      build(() => ({ domain: { domainName: API_DOMAIN, certificateArn: DOMAIN_CERT, truststorePem: "not a certificate" }, edge: { kind: "none", reason: "partners use client certificates" } })),
      "domain.truststorePem",
      "must be PEM text holding at least one certificate",
    );
  });

  test("name, domain, throttle and retention", () => {
    expectInvalid(build(() => ({ name: "Shop_API" })), "name", 'name "Shop_API" must be a DNS label');
    expectInvalid(build(() => ({ domain: undefined as unknown as HttpGatewayProps["domain"] })), "domain", "domain is required");
    expectInvalid(build(() => ({ domain: { domainName: "https://api.example.com", certificateArn: DOMAIN_CERT } })), "domain.domainName", "is not a lower-case host name");
    expectInvalid(build(() => ({ throttle: { rateLimit: 0, burstLimit: 10 } })), "throttle.rateLimit", "must be a positive number");
    expectInvalid(build(() => ({ throttle: { rateLimit: 10, burstLimit: 1.5 } })), "throttle.burstLimit", "must be a positive whole number");
    expectInvalid(build(() => ({ logRetentionDays: 0 })), "logRetentionDays", "logRetentionDays 0 is not a retention CloudWatch Logs accepts");
    expectInvalid(build(() => ({ backendServerName: "" })), "backendServerName", "is not a lower-case host name");
  });
});
