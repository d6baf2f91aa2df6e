import { Testing } from "cdktf";
import { RestGateway } from "../../constructs/gateway";
import { ACCESS_LOG_FIELDS } from "../../constructs/gateway/stage-logging";
import { ACCOUNT, REGION, packVerdict } from "../identity/harness";
import { resolveIn } from "../network/fixtures";
import { AUTHORIZER_FUNCTION, BACKEND_CERT, DOMAIN_CERT, KEY_ADMIN, SERVICE_PORT, TRUSTSTORE_PEM, USER_POOL, gatewayStack } from "./fixtures";
import { API_DOMAIN, BACKEND_NAME, restGateway, restGatewayProps } from "./rest-gateway-harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk synthesized JSON by path, as Terraform reads it
type Json = Record<string, any>;

/** The synthesized stack's resources. */
function synth(stack: Parameters<typeof Testing.synth>[0]): Json {
  return (JSON.parse(Testing.synth(stack)) as Json).resource;
}

/** Resources of a type as `[logical id, body]`. */
function entries(res: Json, type: string): [string, Json][] {
  return Object.entries(res[type] ?? {});
}

/** The one resource of a type whose logical id contains `part`. */
function one(res: Json, type: string, part = ""): Json {
  const found = entries(res, type).filter(([name]) => name.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} *${part}*, found ${found.map(([n]) => n).join(", ") || "none"}`);
  return found[0][1];
}

/** The items in a stable order (synthesized resources come sorted by logical id, not in declaration order). */
function unordered<T>(items: T[]): T[] {
  return [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** `${type.name.attr}` of the one resource of a type whose logical id contains `part`. */
function ref(res: Json, type: string, part: string, attr: string): string {
  const found = entries(res, type).filter(([name]) => name.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} *${part}*`);
  return `\${${type}.${found[0][0]}.${attr}}`;
}

const { stack: fullStack, gateway: full } = restGateway();
const res = synth(fullStack);

describe("RestGateway defaults", () => {
  test("a regional REST API tagged with the gateway, its execute-api endpoint off behind the custom domain", () => {
    const api = one(res, "aws_api_gateway_rest_api");
    expect(api.endpoint_configuration).toEqual({ types: ["REGIONAL"] });
    expect(api.disable_execute_api_endpoint).toBe(true);
    expect(api.tags).toMatchObject({ "zt:gateway": "edge", Name: "edge" });
    expect(one(res, "aws_api_gateway_stage").tags).toMatchObject({ "zt:gateway": "edge" });
    // Of the gateway's own resources only the API and its stage name it; the private integration tags its load balancer side.
    const tagged = Object.entries(res).flatMap(([type, byName]) =>
      Object.values(byName as Json)
        .filter((r: Json) => r.tags?.["zt:gateway"] !== undefined)
        .map(() => type),
    );
    expect([...new Set(tagged)].sort()).toEqual(["aws_api_gateway_rest_api", "aws_api_gateway_stage", "aws_api_gateway_vpc_link", "aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_security_group", "aws_vpc_security_group_egress_rule"]);
  });

  test("the resource policy lets anyone reach the Cognito and Lambda routes and only this account's principals the IAM route", () => {
    const policy = JSON.parse(one(res, "aws_api_gateway_rest_api").policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "InvokeRoutesThroughTheirAuthorizers",
        Effect: "Allow",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: ["execute-api:/live/GET/orders/*", "execute-api:/live/POST/orders", "execute-api:/live/GET/catalog"],
      },
      {
        Sid: "InvokeIamRoutesFromThisAccount",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "execute-api:Invoke",
        Resource: ["execute-api:/live/PUT/catalog/*"],
      },
    ]);
  });

  test("every method has its authorizer, Cognito methods their scopes, and none is NONE", () => {
    const methods = entries(res, "aws_api_gateway_method").map(([, m]) => [m.http_method, m.authorization, m.authorizer_id, m.authorization_scopes]);
    expect(unordered(methods)).toEqual(
      unordered([
        ["GET", "COGNITO_USER_POOLS", ref(res, "aws_api_gateway_authorizer", "users", "id"), ["orders/read"]],
        ["POST", "COGNITO_USER_POOLS", ref(res, "aws_api_gateway_authorizer", "users", "id"), ["orders/write"]],
        ["GET", "CUSTOM", ref(res, "aws_api_gateway_authorizer", "partners", "id"), undefined],
        ["PUT", "AWS_IAM", undefined, undefined],
      ])
    );
  });

  test("a Cognito authorizer per user pool list and a Lambda REQUEST authorizer that only this API may invoke", () => {
    expect(one(res, "aws_api_gateway_authorizer", "users")).toMatchObject({
      type: "COGNITO_USER_POOLS",
      provider_arns: [USER_POOL],
      identity_source: "method.request.header.Authorization",
    });
    expect(one(res, "aws_api_gateway_authorizer", "partners")).toMatchObject({
      type: "REQUEST",
      authorizer_uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${AUTHORIZER_FUNCTION}/invocations`,
      identity_source: "method.request.header.Authorization",
      authorizer_result_ttl_in_seconds: 300,
    });
    expect(one(res, "aws_lambda_permission")).toEqual({
      statement_id: "zt-gateway-edge-partners",
      action: "lambda:InvokeFunction",
      function_name: AUTHORIZER_FUNCTION,
      principal: "apigateway.amazonaws.com",
      source_arn: `${ref(res, "aws_api_gateway_rest_api", "api", "execution_arn")}/authorizers/${ref(res, "aws_api_gateway_authorizer", "partners", "id")}`,
    });
  });

  test("one request validator checks body and parameters of every method with either; parameters are required", () => {
    expect(one(res, "aws_api_gateway_request_validator")).toMatchObject({
      validate_request_body: true,
      validate_request_parameters: true,
    });
    const validator = ref(res, "aws_api_gateway_request_validator", "validator", "id");
    const methods = entries(res, "aws_api_gateway_method").map(([, m]) => [`${m.http_method}`, m.request_validator_id, m.request_parameters]);
    expect(unordered(methods)).toEqual(
      unordered([
        ["GET", validator, { "method.request.path.id": true }],
        ["POST", validator, undefined],
        ["GET", validator, { "method.request.querystring.page": true }],
        ["PUT", validator, { "method.request.path.sku": true }],
      ])
    );
  });

  test("a method without body or parameters has no validator", () => {
    const f = gatewayStack();
    new RestGateway(
      f.stack,
      "gateway",
      restGatewayProps(f, {
        routes: [
          {
            method: "GET",
            path: "/orders",
            target: f.orders,
            port: SERVICE_PORT,
            authorizer: "users",
          },
        ],
      })
    );
    const r = synth(f.stack);
    expect(r.aws_api_gateway_request_validator).toBeUndefined();
    expect(one(r, "aws_api_gateway_method").request_validator_id).toBeUndefined();
  });

  test("one API resource per path segment, shared by the routes below it", () => {
    const parts = entries(res, "aws_api_gateway_resource").map(([, r]) => [r.path_part, r.parent_id]);
    const root = ref(res, "aws_api_gateway_rest_api", "api", "root_resource_id");
    expect(unordered(parts)).toEqual(
      unordered([
        ["orders", root],
        ["{id}", ref(res, "aws_api_gateway_resource", "resource--orders_", "id")],
        ["catalog", root],
        ["{sku}", ref(res, "aws_api_gateway_resource", "resource--catalog_", "id")],
      ])
    );
  });

  test("integrations are HTTP proxies over the VPC link, TLS to the listener of the service port, verified against the backend name", () => {
    const link = ref(res, "aws_api_gateway_vpc_link", "", "id");
    const integrations = entries(res, "aws_api_gateway_integration").map(([, i]) => i);
    for (const i of integrations) {
      expect(i).toMatchObject({
        type: "HTTP_PROXY",
        connection_type: "VPC_LINK",
        connection_id: link,
        tls_config: { insecure_skip_verification: false },
      });
    }
    expect(unordered(integrations.map((i) => [i.integration_http_method, i.uri, i.request_parameters]))).toEqual(
      unordered([
        ["GET", `https://${BACKEND_NAME}:8443/orders/{id}`, { "integration.request.path.id": "method.request.path.id" }],
        ["POST", `https://${BACKEND_NAME}:8443/orders`, undefined],
        ["GET", `https://${BACKEND_NAME}:10000/catalog`, undefined],
        ["PUT", `https://${BACKEND_NAME}:10000/catalog/{sku}`, { "integration.request.path.sku": "method.request.path.sku" }],
      ])
    );
  });

  test("the deployment is replaced, new before old, whenever routes, authorizers or the backend change", () => {
    const deployment = one(res, "aws_api_gateway_deployment");
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(deployment.depends_on).toHaveLength(8);
    expect(Object.keys(deployment.triggers).sort()).toEqual(["authorizers", "backend", "declaration"]);
    const f = gatewayStack("other");
    new RestGateway(
      f.stack,
      "gateway",
      restGatewayProps(f, {
        routes: restGatewayProps(f).routes.map((r, i) => (i === 0 ? { ...r, scopes: ["orders/admin"] } : r)),
      })
    );
    expect(one(synth(f.stack), "aws_api_gateway_deployment").triggers.declaration).not.toBe(deployment.triggers.declaration);
  });

  test("the stage traces with X-Ray, presents a client certificate and writes JSON access logs with who, what, TLS and WAF result", () => {
    const stage = one(res, "aws_api_gateway_stage");
    expect(stage).toMatchObject({
      stage_name: "live",
      xray_tracing_enabled: true,
      client_certificate_id: ref(res, "aws_api_gateway_client_certificate", "", "id"),
      cache_cluster_enabled: false,
      deployment_id: ref(res, "aws_api_gateway_deployment", "", "id"),
    });
    expect(stage.access_log_settings.destination_arn).toBe(ref(res, "aws_cloudwatch_log_group", "logging_access", "arn"));
    const format = JSON.parse(stage.access_log_settings.format);
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      sourceIp: "$context.identity.sourceIp",
      caller: "$context.identity.caller",
      tokenSubject: "$context.authorizer.claims.sub",
      route: "$context.resourcePath",
      status: "$context.status",
      tlsVersion: "$context.tlsVersion",
      clientCertSubject: "$context.identity.clientCert.subjectDN",
      wafStatus: "$context.waf.status",
    });
  });

  test("access and execution log groups are kept 365 days, encrypted with a key only CloudWatch Logs uses, for them alone", () => {
    const access = one(res, "aws_cloudwatch_log_group", "logging_access");
    const execution = one(res, "aws_cloudwatch_log_group", "logging_execution");
    const key = ref(res, "aws_kms_key", "logging", "arn");
    expect(access).toMatchObject({
      name: "/zt/gateway/edge/access",
      retention_in_days: 365,
      kms_key_id: key,
    });
    expect(execution).toMatchObject({
      name: `API-Gateway-Execution-Logs_${ref(res, "aws_api_gateway_rest_api", "api", "id")}/live`,
      retention_in_days: 365,
      kms_key_id: key,
    });
    const policy = JSON.parse(one(res, "aws_kms_key", "logging").policy);
    const logs = policy.Statement.find((s: Json) => s.Sid === "CloudWatchLogsForTheStageLogGroups");
    expect(logs.Principal).toEqual({ Service: `logs.${REGION}.amazonaws.com` });
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/zt/gateway/edge/access`,
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${execution.name}`,
    ]);
    expect(policy.Statement.find((s: Json) => s.Sid === "AdminRolesAdministerNotUse").Principal).toEqual({ AWS: KEY_ADMIN });
  });

  test("method settings for */*: ERROR execution logs, no data trace, metrics, default throttling, cache off; the throttled route has its own", () => {
    const all = one(res, "aws_api_gateway_method_settings", "settings_");
    expect(all.method_path).toBe("*/*");
    expect(all.settings).toEqual({
      logging_level: "ERROR",
      data_trace_enabled: false,
      metrics_enabled: true,
      throttling_rate_limit: 100,
      throttling_burst_limit: 200,
      caching_enabled: false,
      cache_data_encrypted: true,
    });
    const post = one(res, "aws_api_gateway_method_settings", "POST");
    expect(post.method_path).toBe("orders/POST");
    expect(post.settings).toMatchObject({
      logging_level: "ERROR",
      data_trace_enabled: false,
      throttling_rate_limit: 10,
      throttling_burst_limit: 20,
    });
  });

  test("the stage throttle prop sets the stage-wide limits", () => {
    const { stack } = restGateway({
      throttle: { rateLimit: 25, burstLimit: 50 },
    });
    expect(one(synth(stack), "aws_api_gateway_method_settings", "settings_").settings).toMatchObject({ throttling_rate_limit: 25, throttling_burst_limit: 50 });
  });

  test("the account's logging role is made once per stack, trusted by API Gateway of this account, writing only gateway log groups", () => {
    const f = gatewayStack();
    new RestGateway(f.stack, "gateway", restGatewayProps(f));
    new RestGateway(f.stack, "second", restGatewayProps(f, { name: "second", domain: undefined }));
    const r = synth(f.stack);
    expect(one(r, "aws_api_gateway_account")).toEqual({ cloudwatch_role_arn: ref(r, "aws_iam_role", "ZtApiGatewayAccountLogging", "arn") });
    const role = one(r, "aws_iam_role", "ZtApiGatewayAccountLogging");
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ]);
    const write = JSON.parse(one(r, "aws_iam_role_policy", "ZtApiGatewayAccountLogging").policy).Statement[0];
    expect(write.Resource).toEqual([
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:API-Gateway-Execution-Logs_*`,
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:API-Gateway-Execution-Logs_*:*`,
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/zt/gateway/*/access`,
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/zt/gateway/*/access:*`,
    ]);
    const account = `aws_api_gateway_account.${entries(r, "aws_api_gateway_account")[0][0]}`;
    for (const [, stage] of entries(r, "aws_api_gateway_stage")) expect(stage.depends_on).toContain(account);
  });

  test('accountLogging "existing" makes no account setting', () => {
    const { stack } = restGateway({ accountLogging: "existing" });
    const r = synth(stack);
    expect(r.aws_api_gateway_account).toBeUndefined();
    expect(one(r, "aws_api_gateway_stage").depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\./)]);
  });

  test("a REGIONAL web ACL with the rate limit guards the stage", () => {
    expect(one(res, "aws_wafv2_web_acl")).toMatchObject({
      scope: "REGIONAL",
      name: "edge",
    });
    const rate = one(res, "aws_wafv2_web_acl").rule.find((r: Json) => r.name === "RateLimitPerClientIp");
    expect(rate.statement.rate_based_statement.limit).toBe(1000);
    expect(one(res, "aws_wafv2_web_acl_association").resource_arn).toBe(ref(res, "aws_api_gateway_stage", "", "arn"));
    const { stack } = restGateway({ rateLimit: 300 });
    expect(one(synth(stack), "aws_wafv2_web_acl").rule.find((r: Json) => r.name === "RateLimitPerClientIp").statement.rate_based_statement.limit).toBe(300);
  });

  test("the custom domain is regional, TLS 1.2, with mutual TLS against the truststore object's version, mapped to the stage", () => {
    const bucket = ref(res, "aws_s3_bucket", "", "bucket");
    expect(one(res, "aws_api_gateway_domain_name")).toMatchObject({
      domain_name: API_DOMAIN,
      regional_certificate_arn: DOMAIN_CERT,
      endpoint_configuration: { types: ["REGIONAL"] },
      security_policy: "TLS_1_2",
      mutual_tls_authentication: {
        truststore_uri: `s3://${bucket}/truststore.pem`,
        truststore_version: ref(res, "aws_s3_object", "", "version_id"),
      },
    });
    expect(one(res, "aws_api_gateway_base_path_mapping")).toEqual({
      api_id: ref(res, "aws_api_gateway_rest_api", "api", "id"),
      stage_name: ref(res, "aws_api_gateway_stage", "", "stage_name"),
      domain_name: ref(res, "aws_api_gateway_domain_name", "", "domain_name"),
    });
    expect(full.invokeUrl).toBe(`https://${API_DOMAIN}/`);
    expect(full.domainName).toBe(API_DOMAIN);
  });

  test("the truststore bucket is versioned, KMS-encrypted with its own key, private, ACL-free and refuses requests without TLS", () => {
    const bucket = ref(res, "aws_s3_bucket", "", "id");
    const key = ref(res, "aws_kms_key", "truststore", "arn");
    expect(one(res, "aws_s3_bucket_versioning")).toMatchObject({
      bucket,
      versioning_configuration: { status: "Enabled" },
    });
    expect(one(res, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: "aws:kms",
          kms_master_key_id: key,
        },
        bucket_key_enabled: true,
      },
    ]);
    expect(one(res, "aws_s3_bucket_public_access_block")).toMatchObject({
      bucket,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(one(res, "aws_s3_bucket_ownership_controls").rule).toEqual({
      object_ownership: "BucketOwnerEnforced",
    });
    const arn = ref(res, "aws_s3_bucket", "", "arn");
    expect(JSON.parse(one(res, "aws_s3_bucket_policy").policy).Statement).toEqual([
      {
        Sid: "DenyRequestsWithoutTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    expect(one(res, "aws_s3_object")).toMatchObject({
      bucket,
      key: "truststore.pem",
      content: TRUSTSTORE_PEM,
      server_side_encryption: "aws:kms",
      kms_key_id: key,
    });
    const use = JSON.parse(one(res, "aws_kms_key", "truststore").policy).Statement.find((s: Json) => s.Sid === "AccountUsesThroughS3");
    expect(use.Condition).toEqual({
      StringEquals: {
        "kms:ViaService": `s3.${REGION}.amazonaws.com`,
        "kms:CallerAccount": ACCOUNT,
      },
    });
  });

  test("a domain without a truststore has no mutual TLS and no bucket", () => {
    const { stack } = restGateway({
      domain: { domainName: API_DOMAIN, certificateArn: DOMAIN_CERT },
    });
    const r = synth(stack);
    expect(one(r, "aws_api_gateway_domain_name").mutual_tls_authentication).toBeUndefined();
    expect(r.aws_s3_bucket).toBeUndefined();
  });

  test("a cache is encrypted, its size set on the stage, and answers cache-control only from authorized callers", () => {
    const { stack } = restGateway({ cacheSizeGb: 0.5 });
    const r = synth(stack);
    expect(one(r, "aws_api_gateway_stage")).toMatchObject({
      cache_cluster_enabled: true,
      cache_cluster_size: "0.5",
    });
    expect(one(r, "aws_api_gateway_method_settings", "settings_").settings).toMatchObject({
      caching_enabled: true,
      cache_data_encrypted: true,
      cache_ttl_in_seconds: 300,
      require_authorization_for_cache_control: true,
      unauthorized_cache_control_header_strategy: "FAIL_WITH_403",
    });
  });

  test("the load balancer's group reaches each service on its port, and each host group admits only that group", () => {
    const lbGroup = ref(res, "aws_security_group", "integration_firewall", "id");
    const egress = entries(res, "aws_vpc_security_group_egress_rule")
      .map(([, r]) => r)
      .filter((r) => r.security_group_id === lbGroup);
    expect(unordered(egress.map((r) => [r.referenced_security_group_id, r.from_port, r.to_port]))).toEqual(
      unordered([
        [ref(res, "aws_security_group", "orders_firewall", "id"), 8443, 8443],
        [ref(res, "aws_security_group", "catalog_firewall", "id"), 8443, 8443],
      ])
    );
    const ingress = entries(res, "aws_vpc_security_group_ingress_rule")
      .map(([, r]) => r)
      .filter((r) => r.referenced_security_group_id === lbGroup);
    expect(unordered(ingress.map((r) => [r.security_group_id, r.from_port]))).toEqual(
      unordered([
        [ref(res, "aws_security_group", "orders_firewall", "id"), 8443],
        [ref(res, "aws_security_group", "catalog_firewall", "id"), 8443],
      ])
    );
  });

  test("exposes the API, stage, web ACL, integration and a summary of the routes for the service graph", () => {
    expect(full.routes).toEqual([
      { method: "GET", path: "/orders/{id}", service: "orders", port: 8443 },
      { method: "POST", path: "/orders", service: "orders", port: 8443 },
      { method: "GET", path: "/catalog", service: "catalog", port: 8443 },
      { method: "PUT", path: "/catalog/{sku}", service: "catalog", port: 8443 },
    ]);
    expect(full.stageName).toBe("live");
    expect(resolveIn(fullStack, full.restApiId)).toBe(ref(res, "aws_api_gateway_rest_api", "api", "id"));
    expect(resolveIn(fullStack, full.stageArn)).toBe(ref(res, "aws_api_gateway_stage", "", "arn"));
    expect(full.webAcl.scope).toBe("REGIONAL");
    expect(full.integration.link).toBe("rest");
  });

  test("the pack finds nothing on the synthesized gateway; the only suppression is the load balancer's access logs", () => {
    const verdict = packVerdict(fullStack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed.map((s) => s.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["ZT-LB-005 aws_lb.gateway_integration_load-balancer"]);
  });

  test("greedy paths and ANY methods: the integration forwards the rest of the path, and the policy names every method", () => {
    const f = gatewayStack();
    new RestGateway(f.stack, "gateway", {
      ...restGatewayProps(f),
      domain: undefined,
      routes: [
        {
          method: "ANY",
          path: "/orders/{proxy+}",
          target: f.orders,
          port: SERVICE_PORT,
          authorizer: "users",
        },
      ],
    });
    const r = synth(f.stack);
    expect(one(r, "aws_api_gateway_integration")).toMatchObject({
      uri: `https://${BACKEND_NAME}:8443/orders/{proxy}`,
      request_parameters: {
        "integration.request.path.proxy": "method.request.path.proxy",
      },
    });
    expect(one(r, "aws_api_gateway_method").request_validator_id).toBe(ref(r, "aws_api_gateway_request_validator", "", "id"));
    expect(JSON.parse(one(r, "aws_api_gateway_rest_api").policy).Statement[0].Resource).toEqual(["execute-api:/live/*/orders/*"]);
  });

  test("uses the certificate and key administrators given", () => {
    expect(one(res, "aws_lb_listener", "orders")).toMatchObject({
      certificate_arn: BACKEND_CERT,
    });
    expect(entries(res, "aws_kms_key").filter(([, k]) => String(k.policy).includes(KEY_ADMIN)).length).toBeGreaterThanOrEqual(3);
  });
});
