import { App, Fn, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayRestApiPolicy } from "@cdktf/provider-aws/lib/api-gateway-rest-api-policy";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunctionUrl } from "@cdktf/provider-aws/lib/lambda-function-url";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { ApiGatewayClientCertificate } from "@cdktf/provider-aws/lib/api-gateway-client-certificate";
import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { Wafv2RuleGroup } from "@cdktf/provider-aws/lib/wafv2-rule-group";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";

const ACCOUNT = "111122223333";
const CERT = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
const EDGE_CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5e`;
const AUTH_LAMBDA = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:authorizer`;
const AUTH_URI = `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${AUTH_LAMBDA}/invocations`;

/** API Gateway resources: compliant and non-compliant REST, HTTP and WebSocket APIs. */
export function gatewayFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "gateway");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const logs = new CloudwatchLogGroup(stack, "access", { name: "/aws/apigateway/access", retentionInDays: 365 });

  // REST API (EDGE, no resource policy, default endpoint on, mapped to a custom domain).
  const api = new ApiGatewayRestApi(stack, "api", { name: "public-api" });
  const items = new ApiGatewayResource(stack, "items", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "items" });
  const authorizer = new ApiGatewayAuthorizer(stack, "lambda_auth", {
    name: "lambda-auth",
    restApiId: api.id,
    authorizerUri: AUTH_URI,
    type: "TOKEN",
  });
  const method = (id: string, httpMethod: string, authorization: string, extra: Partial<{ apiKeyRequired: boolean; authorizerId: string }> = {}) => {
    const m = new ApiGatewayMethod(stack, id, { restApiId: api.id, resourceId: items.id, httpMethod, authorization, ...extra });
    return new ApiGatewayIntegration(stack, `${id}_integration`, {
      restApiId: api.id,
      resourceId: items.id,
      httpMethod: m.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
    });
  };
  const integrations = [
    method("get_open", "GET", "NONE"),
    method("post_api_key_only", "POST", "NONE", { apiKeyRequired: true }),
    method("options_preflight", "OPTIONS", "NONE"),
    method("put_iam", "PUT", "AWS_IAM"),
    method("delete_custom", "DELETE", "CUSTOM", { authorizerId: authorizer.id }),
  ];
  const deployment = new ApiGatewayDeployment(stack, "deployment", {
    restApiId: api.id,
    dependsOn: integrations,
    lifecycle: { createBeforeDestroy: true },
  });

  const prod = new ApiGatewayStage(stack, "prod", {
    restApiId: api.id,
    deploymentId: deployment.id,
    stageName: "prod",
    xrayTracingEnabled: true,
    accessLogSettings: { destinationArn: logs.arn, format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp"}' },
  });
  new ApiGatewayMethodSettings(stack, "prod_all", {
    restApiId: api.id,
    stageName: prod.stageName,
    methodPath: "*/*",
    settings: { throttlingBurstLimit: 100, throttlingRateLimit: 50, dataTraceEnabled: false, loggingLevel: "ERROR" },
  });
  const acl = new Wafv2WebAcl(stack, "acl", {
    name: "api-acl",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "api-acl", sampledRequestsEnabled: true },
  });
  new Wafv2WebAclAssociation(stack, "prod_waf", { resourceArn: prod.arn, webAclArn: acl.arn });

  const dev = new ApiGatewayStage(stack, "dev", { restApiId: api.id, deploymentId: deployment.id, stageName: "dev" });
  new ApiGatewayMethodSettings(stack, "dev_items_get", {
    restApiId: api.id,
    stageName: dev.stageName,
    methodPath: "items/GET",
    settings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, dataTraceEnabled: true, loggingLevel: "INFO" },
  });

  const legacyDomain = new ApiGatewayDomainName(stack, "legacy_domain", { domainName: "api.example.com", certificateArn: EDGE_CERT });
  new ApiGatewayBasePathMapping(stack, "legacy_mapping", { apiId: api.id, domainName: legacyDomain.domainName, stageName: prod.stageName });

  // REST API behind a custom domain with the execute-api endpoint disabled and a resource policy.
  const locked = new ApiGatewayRestApi(stack, "locked_api", {
    name: "locked-api",
    disableExecuteApiEndpoint: true,
    endpointConfiguration: { types: ["REGIONAL"] },
  });
  new ApiGatewayRestApiPolicy(stack, "locked_policy", {
    restApiId: locked.id,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: "execute-api:Invoke",
          Resource: "execute-api:/*",
        },
      ],
    }),
  });
  const modernDomain = new ApiGatewayDomainName(stack, "modern_domain", {
    domainName: "locked.example.com",
    regionalCertificateArn: CERT,
    securityPolicy: "TLS_1_2",
    endpointConfiguration: { types: ["REGIONAL"] },
  });
  new ApiGatewayBasePathMapping(stack, "locked_mapping", { apiId: locked.id, domainName: modernDomain.domainName });

  // Private REST API: reachable only through VPC endpoints.
  const privateApi = new ApiGatewayRestApi(stack, "private_api", {
    name: "private-api",
    endpointConfiguration: { types: ["PRIVATE"] },
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "execute-api:Invoke",
          Resource: "execute-api:/*",
          Condition: { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } },
        },
      ],
    }),
  });
  const privateMethod = new ApiGatewayMethod(stack, "private_get", {
    restApiId: privateApi.id,
    resourceId: privateApi.rootResourceId,
    httpMethod: "GET",
    authorization: "AWS_IAM",
  });
  const privateIntegration = new ApiGatewayIntegration(stack, "private_get_integration", {
    restApiId: privateApi.id,
    resourceId: privateApi.rootResourceId,
    httpMethod: privateMethod.httpMethod,
    type: "MOCK",
  });
  const privateDeployment = new ApiGatewayDeployment(stack, "private_deployment", { restApiId: privateApi.id, dependsOn: [privateIntegration] });
  new ApiGatewayStage(stack, "private_stage", {
    restApiId: privateApi.id,
    deploymentId: privateDeployment.id,
    stageName: "internal",
    xrayTracingEnabled: true,
    accessLogSettings: { destinationArn: logs.arn, format: "$context.requestId" },
  });

  // REST APIs defined by an OpenAPI body: one where every operation runs an authorizer, one with an API key alone, and
  // one written with Fn.jsonencode (a `${jsonencode({...})}` expression until planned) that leaves DELETE open.
  const sigv4 = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" };
  const apiKey = { type: "apiKey", name: "x-api-key", in: "header" };
  const mock = { "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } } };
  const openApi = (id: string, paths: Record<string, unknown>, encode: (doc: unknown) => string = JSON.stringify) =>
    new ApiGatewayRestApi(stack, id, {
      name: id.replace(/_/g, "-"),
      endpointConfiguration: { types: ["REGIONAL"] },
      body: encode({
        openapi: "3.0.1",
        info: { title: id, version: "1" },
        components: { securitySchemes: { sigv4, api_key: apiKey } },
        security: [{ sigv4: [] }],
        paths,
      }),
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
      }),
    });
  openApi("openapi_secure", { "/orders": { get: mock, post: { ...mock, security: [{ sigv4: [], api_key: [] }] }, options: { ...mock, security: [] } } });
  openApi("openapi_api_key_only", { "/orders": { get: mock, post: { ...mock, security: [{ api_key: [] }] } } });
  // A backend URL known once planned: the bodies that embed it are expressions in synthesized JSON.
  const backend = new TerraformVariable(stack, "backend_url", { type: "string", default: "https://backend.example.com" });
  const proxy = { "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "ANY", uri: `${backend.stringValue}/orders` } };
  openApi("openapi_encoded", { "/orders": { get: proxy, delete: { ...proxy, security: [] } } }, Fn.jsonencode);

  // HTTP API defined by an OpenAPI body whose routes all run a JWT authorizer.
  new Apigatewayv2Api(stack, "openapi_http", {
    name: "openapi-http",
    protocolType: "HTTP",
    body: JSON.stringify({
      openapi: "3.0.1",
      info: { title: "openapi-http", version: "1" },
      components: {
        securitySchemes: {
          jwt: {
            type: "oauth2",
            flows: {},
            "x-amazon-apigateway-authorizer": {
              type: "jwt",
              identitySource: "$request.header.Authorization",
              jwtConfiguration: { audience: ["api"], issuer: "https://idp.example.com/" },
            },
          },
        },
      },
      security: [{ jwt: [] }],
      paths: {
        "/orders": {
          get: { "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: `${backend.stringValue}/orders`, payloadFormatVersion: "1.0" } },
        },
      },
    }),
  });

  // HTTP API: execute-api endpoint disabled, mapped to a TLS 1.2 custom domain.
  const http = new Apigatewayv2Api(stack, "http", { name: "http-api", protocolType: "HTTP", disableExecuteApiEndpoint: true });
  const jwt = new Apigatewayv2Authorizer(stack, "jwt", {
    apiId: http.id,
    name: "jwt",
    authorizerType: "JWT",
    identitySources: ["$request.header.Authorization"],
    jwtConfiguration: { audience: ["api"], issuer: "https://idp.example.com/" },
  });
  new Apigatewayv2Route(stack, "http_open", { apiId: http.id, routeKey: "GET /open" });
  new Apigatewayv2Route(stack, "http_open_none", { apiId: http.id, routeKey: "POST /open", authorizationType: "NONE", apiKeyRequired: true });
  new Apigatewayv2Route(stack, "http_preflight", { apiId: http.id, routeKey: "OPTIONS /open" });
  new Apigatewayv2Route(stack, "http_jwt", { apiId: http.id, routeKey: "GET /me", authorizationType: "JWT", authorizerId: jwt.id });
  new Apigatewayv2Route(stack, "http_default_iam", { apiId: http.id, routeKey: "$default", authorizationType: "AWS_IAM" });
  const httpStage = new Apigatewayv2Stage(stack, "http_stage", {
    apiId: http.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: { destinationArn: logs.arn, format: '{"requestId":"$context.requestId"}' },
    defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 },
  });
  new Apigatewayv2Stage(stack, "http_dev", { apiId: http.id, name: "dev" });
  const httpDomain = new Apigatewayv2DomainName(stack, "http_domain", {
    domainName: "http.example.com",
    domainNameConfiguration: { certificateArn: CERT, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
  });
  new Apigatewayv2ApiMapping(stack, "http_mapping", { apiId: http.id, domainName: httpDomain.id, stage: httpStage.id });

  // Lambda function URLs: one open to the internet, one that requires SigV4-signed requests.
  new LambdaFunctionUrl(stack, "public_url", { functionName: "orders-api", authorizationType: "NONE" });
  new LambdaFunctionUrl(stack, "iam_url", { functionName: "orders-api", authorizationType: "AWS_IAM" });

  // CloudFront: plain HTTP on the default behavior with the default certificate, and HTTPS-only with TLS 1.2.
  const edge = (viewerProtocolPolicy: string) => ({
    enabled: true,
    origin: [{ domainName: "origin.example.com", originId: "api", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
    defaultCacheBehavior: { allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], targetOriginId: "api", viewerProtocolPolicy, cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
    restrictions: { geoRestriction: { restrictionType: "none" } },
  });
  new CloudfrontDistribution(stack, "edge_legacy", { ...edge("allow-all"), viewerCertificate: { cloudfrontDefaultCertificate: true } });
  new CloudfrontDistribution(stack, "edge_modern", {
    ...edge("redirect-to-https"),
    aliases: ["www.example.com"],
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/0b1c2d3e", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
  });

  // WebSocket API: only $connect is authorized.
  const ws = new Apigatewayv2Api(stack, "ws", { name: "ws-api", protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
  new Apigatewayv2Route(stack, "ws_connect", { apiId: ws.id, routeKey: "$connect" });
  new Apigatewayv2Route(stack, "ws_disconnect", { apiId: ws.id, routeKey: "$disconnect" });
  new Apigatewayv2Route(stack, "ws_send", { apiId: ws.id, routeKey: "sendMessage" });
  new Apigatewayv2Stage(stack, "ws_stage", {
    apiId: ws.id,
    name: "live",
    defaultRouteSettings: { dataTraceEnabled: true, loggingLevel: "INFO", throttlingBurstLimit: 50, throttlingRateLimit: 20 },
  });

  httpApiFrontDoors(stack);
  const fullAcl = webAcls(stack);
  restApiControls(stack, logs, fullAcl);
  return stack;
}

/** Visibility settings of a web ACL, rule group or rule. */
const visibility = (metricName: string, cloudwatchMetricsEnabled = true) => ({ cloudwatchMetricsEnabled, metricName, sampledRequestsEnabled: true });

/**
 * WAFv2 web ACLs and a rule group (ZT-GW-018 to ZT-GW-020): one with managed rule groups, a rate rule, metrics and
 * logging to an aws-waf-logs- group; one whose rules and itself send no metrics and that logs to a group AWS WAF
 * refuses; a rule group with a rule without metrics. Returns the complete ACL.
 */
function webAcls(stack: TerraformStack): Wafv2WebAcl {
  const managed = (group: string, priority: number, cloudwatchMetricsEnabled = true) => ({
    name: group,
    priority,
    overrideAction: { none: {} },
    statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
    visibilityConfig: visibility(group, cloudwatchMetricsEnabled),
  });
  const full = new Wafv2WebAcl(stack, "acl_full", {
    name: "api-acl-full",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    rule: [
      managed("AWSManagedRulesCommonRuleSet", 10),
      managed("AWSManagedRulesKnownBadInputsRuleSet", 20),
      {
        name: "RateLimitPerClientIp",
        priority: 30,
        action: { block: {} },
        statement: { rate_based_statement: { limit: 1000, aggregate_key_type: "IP" } },
        visibilityConfig: visibility("RateLimitPerClientIp"),
      },
    ],
    visibilityConfig: visibility("api-acl-full"),
  });
  const wafLogs = new CloudwatchLogGroup(stack, "waf_logs", { name: "aws-waf-logs-api", retentionInDays: 365 });
  new Wafv2WebAclLoggingConfiguration(stack, "acl_full_logging", {
    resourceArn: full.arn,
    logDestinationConfigs: [wafLogs.arn],
    redactedFields: [{ singleHeader: { name: "authorization" } }],
  });

  const quiet = new Wafv2WebAcl(stack, "acl_quiet", {
    name: "api-acl-quiet",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    rule: [managed("AWSManagedRulesCommonRuleSet", 10, false), managed("AWSManagedRulesAmazonIpReputationList", 20)],
    visibilityConfig: visibility("api-acl-quiet", false),
  });
  const misnamed = new CloudwatchLogGroup(stack, "waf_logs_misnamed", { name: "/waf/api-acl-quiet", retentionInDays: 365 });
  new Wafv2WebAclLoggingConfiguration(stack, "acl_quiet_logging", { resourceArn: quiet.arn, logDestinationConfigs: [misnamed.arn] });

  new Wafv2RuleGroup(stack, "rule_group_quiet", {
    name: "api-rule-group",
    scope: "REGIONAL",
    capacity: 10,
    rule: [
      {
        name: "BlockAdminPath",
        priority: 1,
        action: { block: {} },
        statement: {
          byte_match_statement: {
            search_string: "/admin",
            positional_constraint: "STARTS_WITH",
            field_to_match: { uri_path: {} },
            text_transformation: [{ priority: 0, type: "LOWERCASE" }],
          },
        },
        visibilityConfig: visibility("BlockAdminPath", false),
      },
    ],
    visibilityConfig: visibility("api-rule-group"),
  });
  return full;
}

/**
 * A REST API whose methods take bodies and path parameters, with request validators (ZT-GW-016), and two stages
 * (ZT-GW-013 to ZT-GW-015): `hardened` logs at ERROR, presents a client certificate and encrypts its cache;
 * `cached` turns logging off for one method and caches unencrypted. An OpenAPI body declares its validators.
 */
function restApiControls(stack: TerraformStack, logs: CloudwatchLogGroup, acl: Wafv2WebAcl): void {
  const api = new ApiGatewayRestApi(stack, "controls_api", {
    name: "controls-api",
    endpointConfiguration: { types: ["REGIONAL"] },
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
    }),
  });
  const orders = new ApiGatewayResource(stack, "orders", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "orders" });
  const order = new ApiGatewayResource(stack, "order", { restApiId: api.id, parentId: orders.id, pathPart: "{id}" });
  const all = new ApiGatewayRequestValidator(stack, "validate_all", { restApiId: api.id, name: "all", validateRequestBody: true, validateRequestParameters: true });
  const paramsOnly = new ApiGatewayRequestValidator(stack, "validate_parameters", { restApiId: api.id, name: "parameters", validateRequestParameters: true });
  const method = (id: string, resourceId: string, httpMethod: string, requestValidatorId?: string, requestParameters?: Record<string, boolean>) => {
    const m = new ApiGatewayMethod(stack, id, { restApiId: api.id, resourceId, httpMethod, authorization: "AWS_IAM", requestValidatorId, requestParameters });
    return new ApiGatewayIntegration(stack, `${id}_integration`, { restApiId: api.id, resourceId, httpMethod: m.httpMethod, type: "MOCK" });
  };
  const integrations = [
    method("orders_list", orders.id, "GET"),
    method("orders_search", orders.id, "HEAD", undefined, { "method.request.querystring.q": true }),
    method("orders_create", orders.id, "POST", all.id),
    method("orders_replace", orders.id, "PUT", paramsOnly.id),
    method("order_read", order.id, "GET"),
    method("order_delete", order.id, "DELETE", paramsOnly.id, { "method.request.path.id": true }),
  ];
  const deployment = new ApiGatewayDeployment(stack, "controls_deployment", {
    restApiId: api.id,
    dependsOn: integrations,
    lifecycle: { createBeforeDestroy: true },
  });
  const certificate = new ApiGatewayClientCertificate(stack, "backend_certificate", { description: "presented to the controls API's backends" });
  const stage = (id: string, cached: boolean) => {
    const s = new ApiGatewayStage(stack, id, {
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName: id,
      xrayTracingEnabled: true,
      clientCertificateId: certificate.id,
      cacheClusterEnabled: true,
      cacheClusterSize: "0.5",
      accessLogSettings: { destinationArn: logs.arn, format: '{"requestId":"$context.requestId"}' },
    });
    new ApiGatewayMethodSettings(stack, `${id}_all`, {
      restApiId: api.id,
      stageName: s.stageName,
      methodPath: "*/*",
      settings: { throttlingBurstLimit: 100, throttlingRateLimit: 50, loggingLevel: "ERROR", dataTraceEnabled: false, metricsEnabled: true, cacheDataEncrypted: !cached },
    });
    new Wafv2WebAclAssociation(stack, `${id}_waf`, { resourceArn: s.arn, webAclArn: acl.arn });
    return s;
  };
  stage("hardened", false);
  const cached = stage("cached", true);
  new ApiGatewayMethodSettings(stack, "cached_orders_list", {
    restApiId: api.id,
    stageName: cached.stageName,
    methodPath: "orders/GET",
    settings: { loggingLevel: "OFF", dataTraceEnabled: false, cachingEnabled: true, cacheDataEncrypted: false, cacheTtlInSeconds: 60 },
  });

  const sigv4 = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" };
  const mock = { "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } } };
  new ApiGatewayRestApi(stack, "openapi_validated", {
    name: "openapi-validated",
    endpointConfiguration: { types: ["REGIONAL"] },
    body: JSON.stringify({
      openapi: "3.0.1",
      info: { title: "openapi-validated", version: "1" },
      components: { securitySchemes: { sigv4 } },
      security: [{ sigv4: [] }],
      "x-amazon-apigateway-request-validators": { all: { validateRequestBody: true, validateRequestParameters: true } },
      "x-amazon-apigateway-request-validator": "all",
      paths: {
        "/orders": { get: mock, post: mock },
        "/orders/{id}": { get: { ...mock, parameters: [{ name: "id", in: "path", required: true }] } },
      },
    }),
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
    }),
  });
}

/**
 * HTTP APIs and the CloudFront distributions in front of them (ZT-GW-017): behind a web ACL with the default endpoint
 * off (origin: the mapped custom domain), behind a web ACL with the default endpoint on (origin: the execute-api
 * host), and behind a distribution without a web ACL.
 */
function httpApiFrontDoors(stack: TerraformStack): void {
  const edgeAcl = new Wafv2WebAcl(stack, "edge_acl", {
    name: "edge-acl",
    scope: "CLOUDFRONT",
    defaultAction: { allow: {} },
    rule: [
      {
        name: "AWSManagedRulesCommonRuleSet",
        priority: 10,
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" } },
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "edge-common", sampledRequestsEnabled: true },
      },
    ],
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "edge-acl", sampledRequestsEnabled: true },
  });
  new Wafv2WebAclLoggingConfiguration(stack, "edge_acl_logging", {
    resourceArn: edgeAcl.arn,
    logDestinationConfigs: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/aws-waf-logs-edge`],
  });
  const distribution = (id: string, originDomain: string, webAclId?: string) =>
    new CloudfrontDistribution(stack, id, {
      enabled: true,
      webAclId,
      origin: [
        {
          domainName: originDomain,
          originId: "api",
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        },
      ],
      defaultCacheBehavior: {
        allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
        cachedMethods: ["GET", "HEAD"],
        targetOriginId: "api",
        viewerProtocolPolicy: "https-only",
        cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { acmCertificateArn: EDGE_CERT, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    });
  const executeApiHost = (api: Apigatewayv2Api) => Fn.replace(api.apiEndpoint, "https://", "");

  const fronted = new Apigatewayv2Api(stack, "http_fronted", { name: "http-fronted", protocolType: "HTTP", disableExecuteApiEndpoint: true });
  const frontedStage = new Apigatewayv2Stage(stack, "http_fronted_stage", {
    apiId: fronted.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: { destinationArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:http-fronted`, format: '{"requestId":"$context.requestId"}' },
    defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 },
  });
  const frontedDomain = new Apigatewayv2DomainName(stack, "http_fronted_domain", {
    domainName: "origin.orders.example.com",
    domainNameConfiguration: { certificateArn: CERT, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
  });
  new Apigatewayv2ApiMapping(stack, "http_fronted_mapping", { apiId: fronted.id, domainName: frontedDomain.id, stage: frontedStage.id });
  distribution("edge_http_fronted", frontedDomain.domainName, edgeAcl.arn);

  const bypass = new Apigatewayv2Api(stack, "http_bypass", { name: "http-bypass", protocolType: "HTTP" });
  distribution("edge_http_bypass", executeApiHost(bypass), edgeAcl.arn);

  const unguarded = new Apigatewayv2Api(stack, "http_unguarded", { name: "http-unguarded", protocolType: "HTTP", disableExecuteApiEndpoint: true });
  distribution("edge_http_unguarded", executeApiHost(unguarded));
}
