import { Model } from "../../../policies/engine/model";
import { gatewayRules } from "../../../policies/rules/gateway";
import { ztGw001 } from "../../../policies/rules/gateway/zt-gw-001-rest-method-without-authorization";
import { ztGw002 } from "../../../policies/rules/gateway/zt-gw-002-http-route-without-authorization";
import { ztGw003 } from "../../../policies/rules/gateway/zt-gw-003-stage-without-access-logs";
import { ztGw004 } from "../../../policies/rules/gateway/zt-gw-004-rest-stage-without-xray";
import { ztGw005 } from "../../../policies/rules/gateway/zt-gw-005-stage-without-throttling";
import { ztGw006 } from "../../../policies/rules/gateway/zt-gw-006-rest-stage-without-waf";
import { ztGw007 } from "../../../policies/rules/gateway/zt-gw-007-domain-tls-below-1-2";
import { ztGw008 } from "../../../policies/rules/gateway/zt-gw-008-execute-api-endpoint-enabled";
import { ztGw009 } from "../../../policies/rules/gateway/zt-gw-009-method-settings-data-trace";
import { ztGw010 } from "../../../policies/rules/gateway/zt-gw-010-public-rest-api-without-policy";
import { ztGw011 } from "../../../policies/rules/gateway/zt-gw-011-function-url-without-auth";
import { ztGw012 } from "../../../policies/rules/gateway/zt-gw-012-cloudfront-plaintext-or-old-tls";
import { ztGw013 } from "../../../policies/rules/gateway/zt-gw-013-stage-without-execution-logging";
import { ztGw014 } from "../../../policies/rules/gateway/zt-gw-014-stage-without-client-certificate";
import { ztGw015 } from "../../../policies/rules/gateway/zt-gw-015-stage-cache-not-encrypted";
import { ztGw016 } from "../../../policies/rules/gateway/zt-gw-016-method-without-request-validator";
import { ztGw017 } from "../../../policies/rules/gateway/zt-gw-017-http-api-without-waf";
import { ztGw018 } from "../../../policies/rules/gateway/zt-gw-018-web-acl-without-rules";
import { ztGw019 } from "../../../policies/rules/gateway/zt-gw-019-waf-without-metrics";
import { ztGw020 } from "../../../policies/rules/gateway/zt-gw-020-web-acl-without-logging";
import { ztGw021 } from "../../../policies/rules/gateway/zt-gw-021-waf-classic-resource";
import { configModel, describeFixtureModes, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { gatewayFixture } from "./fixture";

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [
    ztGw001,
    {
      fail: [
        "aws_api_gateway_method.get_open",
        "aws_api_gateway_method.post_api_key_only",
        "aws_api_gateway_rest_api.openapi_api_key_only",
        "aws_api_gateway_rest_api.openapi_encoded",
      ],
      pass: [
        "aws_api_gateway_method.put_iam",
        "aws_api_gateway_method.delete_custom",
        "aws_api_gateway_method.private_get",
        "aws_api_gateway_rest_api.openapi_secure",
      ],
    },
  ],
  [
    ztGw002,
    {
      fail: ["aws_apigatewayv2_route.http_open", "aws_apigatewayv2_route.http_open_none", "aws_apigatewayv2_route.ws_connect"],
      pass: ["aws_apigatewayv2_route.http_jwt", "aws_apigatewayv2_route.http_default_iam", "aws_apigatewayv2_api.openapi_http"],
    },
  ],
  [
    ztGw003,
    {
      fail: ["aws_api_gateway_stage.dev", "aws_apigatewayv2_stage.http_dev", "aws_apigatewayv2_stage.ws_stage"],
      pass: ["aws_api_gateway_stage.prod", "aws_api_gateway_stage.private_stage", "aws_apigatewayv2_stage.http_stage"],
    },
  ],
  [ztGw004, { fail: ["aws_api_gateway_stage.dev"], pass: ["aws_api_gateway_stage.prod", "aws_api_gateway_stage.private_stage"] }],
  [
    ztGw005,
    {
      fail: ["aws_api_gateway_stage.dev", "aws_api_gateway_stage.private_stage", "aws_apigatewayv2_stage.http_dev"],
      pass: ["aws_api_gateway_stage.prod", "aws_apigatewayv2_stage.http_stage", "aws_apigatewayv2_stage.ws_stage"],
    },
  ],
  [ztGw006, { fail: ["aws_api_gateway_stage.dev"], pass: ["aws_api_gateway_stage.prod"] }],
  [
    ztGw007,
    {
      fail: ["aws_api_gateway_domain_name.legacy_domain"],
      pass: ["aws_api_gateway_domain_name.modern_domain", "aws_apigatewayv2_domain_name.http_domain"],
    },
  ],
  [ztGw008, { fail: ["aws_api_gateway_rest_api.api"], pass: ["aws_api_gateway_rest_api.locked_api", "aws_apigatewayv2_api.http"] }],
  [
    ztGw009,
    {
      fail: ["aws_api_gateway_method_settings.dev_items_get", "aws_apigatewayv2_stage.ws_stage"],
      pass: ["aws_api_gateway_method_settings.prod_all", "aws_apigatewayv2_stage.http_stage"],
    },
  ],
  [
    ztGw010,
    {
      fail: ["aws_api_gateway_rest_api.api"],
      pass: [
        "aws_api_gateway_rest_api.locked_api",
        "aws_api_gateway_rest_api.private_api",
        "aws_api_gateway_rest_api.openapi_secure",
        "aws_api_gateway_rest_api.openapi_api_key_only",
        "aws_api_gateway_rest_api.openapi_encoded",
      ],
    },
  ],
  [ztGw011, { fail: ["aws_lambda_function_url.public_url"], pass: ["aws_lambda_function_url.iam_url"] }],
  [ztGw012, { fail: ["aws_cloudfront_distribution.edge_legacy"], pass: ["aws_cloudfront_distribution.edge_modern"] }],
  [
    ztGw013,
    {
      fail: ["aws_api_gateway_stage.dev", "aws_api_gateway_stage.private_stage", "aws_api_gateway_stage.cached"],
      pass: ["aws_api_gateway_stage.prod", "aws_api_gateway_stage.hardened", "aws_apigatewayv2_stage.ws_stage"],
    },
  ],
  [
    ztGw014,
    {
      fail: ["aws_api_gateway_stage.prod", "aws_api_gateway_stage.dev", "aws_api_gateway_stage.private_stage"],
      pass: ["aws_api_gateway_stage.hardened", "aws_api_gateway_stage.cached"],
    },
  ],
  [ztGw015, { fail: ["aws_api_gateway_stage.cached"], pass: ["aws_api_gateway_stage.hardened"] }],
  [
    ztGw016,
    {
      fail: [
        "aws_api_gateway_method.post_api_key_only",
        "aws_api_gateway_method.put_iam",
        "aws_api_gateway_method.orders_search",
        "aws_api_gateway_method.orders_replace",
        "aws_api_gateway_method.order_read",
        "aws_api_gateway_rest_api.openapi_secure",
        "aws_api_gateway_rest_api.openapi_api_key_only",
      ],
      pass: ["aws_api_gateway_method.orders_create", "aws_api_gateway_method.order_delete", "aws_api_gateway_rest_api.openapi_validated"],
    },
  ],
  [
    ztGw017,
    {
      fail: ["aws_apigatewayv2_api.http", "aws_apigatewayv2_api.openapi_http", "aws_apigatewayv2_api.http_bypass", "aws_apigatewayv2_api.http_unguarded"],
      pass: ["aws_apigatewayv2_api.http_fronted"],
    },
  ],
  [ztGw018, { fail: ["aws_wafv2_web_acl.acl"], pass: ["aws_wafv2_web_acl.acl_full", "aws_wafv2_web_acl.acl_quiet", "aws_wafv2_web_acl.edge_acl"] }],
  [
    ztGw019,
    {
      fail: ["aws_wafv2_web_acl.acl_quiet", "aws_wafv2_rule_group.rule_group_quiet"],
      pass: ["aws_wafv2_web_acl.acl", "aws_wafv2_web_acl.acl_full", "aws_wafv2_web_acl.edge_acl"],
    },
  ],
  [ztGw020, { fail: ["aws_wafv2_web_acl.acl", "aws_wafv2_web_acl.acl_quiet"], pass: ["aws_wafv2_web_acl.acl_full", "aws_wafv2_web_acl.edge_acl"] }],
  // No WAF Classic resource here: test/policies/gateway/fsbp-waf-classic.test.ts judges them.
  [ztGw021, { fail: [], pass: [] }],
];

describe("gateway rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, gatewayRules));

  describeFixtureModes("on the fixture", gatewayFixture, (model, mode) => {
    itExpectsRules(EXPECTED, model);

    it("judges each operation of an OpenAPI body, OPTIONS aside", () => {
      const items = (address: string) =>
        resultsOf(ztGw001, model())
          .filter((r) => r.address === address)
          .map((r) => `${r.item}:${r.status}`)
          .sort();
      expect(items("aws_api_gateway_rest_api.openapi_secure")).toEqual(["Operation::GET /orders:pass", "Operation::POST /orders:pass"]);
      expect(items("aws_api_gateway_rest_api.openapi_api_key_only")).toEqual(["Operation::GET /orders:pass", "Operation::POST /orders:fail"]);
      expect(items("aws_api_gateway_rest_api.openapi_encoded")).toEqual(["Operation::DELETE /orders:fail", "Operation::GET /orders:pass"]);
      const http = resultsOf(ztGw002, model()).filter((r) => r.address === "aws_apigatewayv2_api.openapi_http");
      expect(http.map((r) => `${r.item}:${r.status}`)).toEqual(["Operation::GET /orders:pass"]);
      expect(resultsOf(ztGw001, model()).filter((r) => r.address === "aws_api_gateway_rest_api.api")).toEqual([]);
    });

    it("ZT-GW-017 names the missing web ACL and the bypassing execute-api endpoint as items", () => {
      const item = (address: string) => resultsOf(ztGw017, model()).find((r) => r.address === address)?.item;
      expect(item("aws_apigatewayv2_api.http_unguarded")).toBe("WebAcl::none");
      expect(item("aws_apigatewayv2_api.http")).toBe("WebAcl::none");
      expect(item("aws_apigatewayv2_api.http_bypass")).toBe("ExecuteApiEndpoint::enabled");
      expect(resultsOf(ztGw017, model()).filter((r) => r.address === "aws_apigatewayv2_api.ws")).toEqual([]);
    });

    it("names each method path of a stage whose execution logging or cache falls short", () => {
      const items = (rule: typeof ztGw001, address: string) =>
        resultsOf(rule, model())
          .filter((r) => r.address === address)
          .map((r) => `${r.item}:${r.status}`)
          .sort();
      expect(items(ztGw013, "aws_api_gateway_stage.cached")).toEqual(["MethodPath::*/*:pass", "MethodPath::orders/GET:fail"]);
      expect(items(ztGw015, "aws_api_gateway_stage.cached")).toEqual(["MethodPath::*/*:fail", "MethodPath::orders/GET:fail"]);
      expect(items(ztGw016, "aws_api_gateway_rest_api.openapi_secure")).toEqual(["Operation::POST /orders:fail"]);
      expect(items(ztGw016, "aws_api_gateway_rest_api.openapi_validated")).toEqual(["Operation::GET /orders/{id}:pass", "Operation::POST /orders:pass"]);
      expect(items(ztGw019, "aws_wafv2_web_acl.acl_quiet")).toEqual([
        "Rule::AWSManagedRulesAmazonIpReputationList:pass",
        "Rule::AWSManagedRulesCommonRuleSet:fail",
        "WebAcl:fail",
      ]);
      expect(items(ztGw019, "aws_wafv2_rule_group.rule_group_quiet")).toEqual(["Rule::BlockAdminPath:fail", "RuleGroup:pass"]);
    });

    it("explains what a method's validator leaves unchecked and why a misnamed log group does not log", () => {
      const message = (rule: typeof ztGw001, address: string) => resultsOf(rule, model()).find((r) => r.address === address && r.status === "fail")?.message;
      expect(message(ztGw016, "aws_api_gateway_method.orders_replace")).toBe(
        "PUT method takes a body but validator aws_api_gateway_request_validator.validate_parameters does not validate the request body",
      );
      expect(message(ztGw016, "aws_api_gateway_method.order_read")).toBe("GET method takes parameters but has no request_validator_id");
      expect(message(ztGw020, "aws_wafv2_web_acl.acl_quiet")).toBe(
        'aws_wafv2_web_acl_logging_configuration.acl_quiet_logging logs to aws_cloudwatch_log_group.waf_logs_misnamed ("/waf/api-acl-quiet"): AWS WAF accepts only destinations named aws-waf-logs-...',
      );
    });

    it("names plain HTTP and the default CloudFront certificate as two items", () => {
      const edge = resultsOf(ztGw012, model()).filter((r) => r.address === "aws_cloudfront_distribution.edge_legacy");
      expect(edge.map((r) => r.item).sort()).toEqual(["MinimumProtocol::DefaultCertificate", "ViewerProtocol::default"]);
    });

    if (mode === "synthesized") {
      it("does not treat OPTIONS methods, non-$connect WebSocket routes or private stages as findings", () => {
        const none = (rule: typeof ztGw001, address: string) => expect(resultsOf(rule, model()).filter((r) => r.address === address)).toEqual([]);
        none(ztGw001, "aws_api_gateway_method.options_preflight");
        none(ztGw002, "aws_apigatewayv2_route.http_preflight");
        none(ztGw002, "aws_apigatewayv2_route.ws_disconnect");
        none(ztGw002, "aws_apigatewayv2_route.ws_send");
        none(ztGw006, "aws_api_gateway_stage.private_stage");
        none(ztGw008, "aws_apigatewayv2_api.ws");
      });

      it("names the failing item and explains that an API key is not authentication", () => {
        const r = resultsOf(ztGw001, model()).find((x) => x.address === "aws_api_gateway_method.post_api_key_only");
        expect(r?.findingId).toBe("ZT-GW-001[Method::POST]");
        expect(r?.message).toMatch(/api_key_required .* does not authenticate/);
      });
    } else {
      it("reads omitted optional+computed attributes (security_policy, endpoint_configuration) as the AWS defaults", () => {
        const tls = resultsOf(ztGw007, model()).find((r) => r.address === "aws_api_gateway_domain_name.legacy_domain");
        expect(tls?.status).toBe("fail");
        expect(tls?.item).toBe("SecurityPolicy::TLS_1_0");
        const policy = resultsOf(ztGw010, model()).find((r) => r.address === "aws_api_gateway_rest_api.api");
        expect(policy?.message).toMatch(/^EDGE REST API/);
      });
    }
  });
});

const cfg = (resource: Record<string, unknown>) => configModel({ resource });
const statuses = (rule: typeof ztGw001, model: Model) => resultsOf(rule, model).map((r) => `${r.address}:${r.status}`);

describe("gateway rules on tricky shapes", () => {
  describe("OpenAPI bodies (ZT-GW-001 on REST APIs, ZT-GW-002 on HTTP APIs)", () => {
    const iam = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" };
    const lambda = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authorizer": { type: "token", authorizerUri: "arn" } };
    const key = { type: "apiKey", name: "x-api-key", in: "header" };
    const judge = (body: unknown) => {
      const model = cfg({ aws_api_gateway_rest_api: { api: { name: "api", body: typeof body === "string" ? body : JSON.stringify(body) } } });
      return resultsOf(ztGw001, model).map((r) => `${r.item ?? "-"}:${r.status}${r.status === "pass" ? "" : ` ${r.message}`}`);
    };

    it("an operation's own security overrides the document's; an empty list or requirement opens it", () => {
      expect(
        judge({
          openapi: "3.0.1",
          components: { securitySchemes: { iam, lambda, key } },
          security: [{ iam: [] }],
          paths: {
            "/a": { get: {}, delete: { security: [] }, put: { security: [{ lambda: [] }] }, patch: { security: [{ lambda: [] }, {}] } },
            "/b": { "x-amazon-apigateway-any-method": { security: [{ key: [] }] }, options: { security: [] }, parameters: [] },
          },
        }),
      ).toEqual([
        "Operation::GET /a:pass",
        "Operation::DELETE /a:fail OpenAPI operation DELETE /a declares no security requirement",
        "Operation::PUT /a:pass",
        "Operation::PATCH /a:fail OpenAPI operation PATCH /a lists an empty security requirement, which makes authorization optional",
        'Operation::ANY /b:fail OpenAPI operation ANY /b can be called with "key" alone, which is not an API Gateway authorizer (an API key identifies a usage plan, it does not authenticate)',
      ]);
    });

    it("reads Swagger 2 security definitions and flags schemes the definition does not declare", () => {
      expect(
        judge({
          swagger: "2.0",
          securityDefinitions: { cognito: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "cognito_user_pools" } },
          paths: { "/x": { get: { security: [{ cognito: [] }] }, post: { security: [{ missing: [] }] }, head: {} } },
        }),
      ).toEqual([
        "Operation::GET /x:pass",
        'Operation::POST /x:fail OpenAPI operation POST /x requires security scheme "missing", which the definition does not declare',
        "Operation::HEAD /x:fail OpenAPI operation HEAD /x declares no security requirement",
      ]);
    });

    it("ZT-GW-002 judges the operations of an HTTP API body; WebSocket APIs and APIs without a body are not applicable", () => {
      const jwt = { type: "oauth2", "x-amazon-apigateway-authorizer": { type: "jwt", identitySource: "$request.header.Authorization" } };
      const body = JSON.stringify({
        openapi: "3.0.1",
        components: { securitySchemes: { jwt } },
        paths: { "/me": { get: { security: [{ jwt: [] }] } }, "/$default": { "x-amazon-apigateway-any-method": {} } },
      });
      const model = cfg({
        aws_apigatewayv2_api: {
          http: { name: "http", protocol_type: "HTTP", body },
          ws: { name: "ws", protocol_type: "WEBSOCKET", route_selection_expression: "$request.body.action" },
          routes_only: { name: "routes", protocol_type: "HTTP" },
        },
      });
      expect(resultsOf(ztGw002, model).map((r) => `${r.address} ${r.item}:${r.status}`)).toEqual([
        "aws_apigatewayv2_api.http Operation::GET /me:pass",
        "aws_apigatewayv2_api.http Operation::ANY /$default:fail",
      ]);
    });

    it("reads bodies that embed tokens or are jsonencode() literals", () => {
      const secured = '{"openapi":"3.0.1","components":{"securitySchemes":{"iam":{"x-amazon-apigateway-authtype":"awsSigv4"}}},"security":[{"iam":[]}],"paths":{"/a":{"get":{"x-amazon-apigateway-integration":{"uri":"${aws_lambda_function.f.invoke_arn}"}}}}}';
      expect(judge(secured)).toEqual(["Operation::GET /a:pass"]);
      expect(judge('${jsonencode({"openapi" = "3.0.1", "paths" = {"/a" = {"get" = {"x-amazon-apigateway-integration" = {"uri" = aws_lambda_function.f.invoke_arn}}}}})}')).toEqual([
        "Operation::GET /a:fail OpenAPI operation GET /a declares no security requirement",
      ]);
    });

    it("a body from another expression or in YAML is unknown; no body or only OPTIONS is not applicable", () => {
      expect(judge('${file("openapi.json")}')).toEqual(["-:unknown the OpenAPI body is computed by an expression until apply; its operations cannot be checked for authorization"]);
      expect(judge("${jsonencode(var.spec)}")).toEqual(["-:unknown the OpenAPI body is computed by an expression until apply; its operations cannot be checked for authorization"]);
      expect(judge("openapi: 3.0.1\npaths: {}\n")).toEqual(["-:unknown the OpenAPI body is not JSON (YAML definitions are not read); its operations cannot be checked for authorization"]);
      expect(judge({ openapi: "3.0.1", paths: { "/x": { options: {} } } })).toEqual([]);
      expect(resultsOf(ztGw001, cfg({ aws_api_gateway_rest_api: { api: { name: "api" } } }))).toEqual([]);
    });
  });

  it("ZT-GW-012: ordered behaviors, an unset minimum protocol and an old one", () => {
    const behavior = (viewer_protocol_policy: string, path_pattern?: string) => ({ target_origin_id: "o", viewer_protocol_policy, ...(path_pattern ? { path_pattern } : {}) });
    const model = cfg({
      aws_cloudfront_distribution: {
        unset_min: { default_cache_behavior: behavior("https-only"), ordered_cache_behavior: [behavior("allow-all", "/legacy/*"), behavior("redirect-to-https", "/api/*")], viewer_certificate: { acm_certificate_arn: "arn" } },
        old_min: { default_cache_behavior: behavior("${var.policy}"), viewer_certificate: { acm_certificate_arn: "arn", minimum_protocol_version: "TLSv1.1_2016" } },
      },
    });
    expect(resultsOf(ztGw012, model).map((r) => `${r.address} ${r.item}:${r.status}`)).toEqual([
      "aws_cloudfront_distribution.unset_min ViewerProtocol::/legacy/*:fail",
      "aws_cloudfront_distribution.unset_min MinimumProtocol::TLSv1:fail",
      "aws_cloudfront_distribution.old_min ViewerProtocol::default:unknown",
      "aws_cloudfront_distribution.old_min MinimumProtocol::TLSv1.1_2016:fail",
    ]);
  });

  it("ZT-GW-013: WebSocket stages log at default_route_settings, HTTP API stages are not checked, a computed level is unknown", () => {
    const model = cfg({
      aws_apigatewayv2_api: { ws: { name: "ws", protocol_type: "WEBSOCKET", route_selection_expression: "$request.body.action" }, http: { name: "h", protocol_type: "HTTP" } },
      aws_apigatewayv2_stage: {
        ws_off: { api_id: "${aws_apigatewayv2_api.ws.id}", name: "off", default_route_settings: { logging_level: "OFF" } },
        ws_unset: { api_id: "${aws_apigatewayv2_api.ws.id}", name: "unset" },
        http: { api_id: "${aws_apigatewayv2_api.http.id}", name: "$default" },
        elsewhere: { api_id: "abc123", name: "live" },
        elsewhere_error: { api_id: "abc123", name: "live2", default_route_settings: { logging_level: "ERROR" } },
      },
      aws_api_gateway_stage: {
        var_level: { rest_api_id: "a", deployment_id: "d", stage_name: "var" },
        two: { rest_api_id: "a", deployment_id: "d", stage_name: "two" },
      },
      aws_api_gateway_method_settings: {
        var_level: { rest_api_id: "a", stage_name: "${aws_api_gateway_stage.var_level.stage_name}", method_path: "*/*", settings: { logging_level: "${var.level}" } },
        two_off: { rest_api_id: "a", stage_name: "${aws_api_gateway_stage.two.stage_name}", method_path: "*/*", settings: { logging_level: "OFF" } },
        two_info: { rest_api_id: "a", stage_name: "${aws_api_gateway_stage.two.stage_name}", method_path: "*/*", settings: { logging_level: "info" } },
      },
    });
    expect(statuses(ztGw013, model)).toEqual([
      "aws_api_gateway_stage.var_level:unknown",
      "aws_api_gateway_stage.two:pass",
      "aws_apigatewayv2_stage.ws_off:fail",
      "aws_apigatewayv2_stage.ws_unset:fail",
      "aws_apigatewayv2_stage.elsewhere_error:pass",
    ]);
  });

  it("ZT-GW-014: a certificate id from a variable is unknown, an empty one is none, a literal one counts", () => {
    const model = cfg({
      aws_api_gateway_stage: {
        var_cert: { rest_api_id: "a", deployment_id: "d", stage_name: "v", client_certificate_id: "${var.cert}" },
        empty: { rest_api_id: "a", deployment_id: "d", stage_name: "e", client_certificate_id: "" },
        literal: { rest_api_id: "a", deployment_id: "d", stage_name: "l", client_certificate_id: "abc123" },
      },
    });
    expect(statuses(ztGw014, model)).toEqual(["aws_api_gateway_stage.var_cert:unknown", "aws_api_gateway_stage.empty:fail", "aws_api_gateway_stage.literal:pass"]);
  });

  it("ZT-GW-015: no cluster is not applicable; stage-wide caching off passes; per-method caching inherits stage-wide encryption", () => {
    const settings = (stage: string, method_path: string, s: Record<string, unknown>) => ({ rest_api_id: "a", stage_name: `\${aws_api_gateway_stage.${stage}.stage_name}`, method_path, settings: s });
    const model = cfg({
      aws_api_gateway_stage: {
        no_cluster: { rest_api_id: "a", deployment_id: "d", stage_name: "n" },
        var_cluster: { rest_api_id: "a", deployment_id: "d", stage_name: "v", cache_cluster_enabled: "${var.cache}" },
        caching_off: { rest_api_id: "a", deployment_id: "d", stage_name: "o", cache_cluster_enabled: true },
        inherits: { rest_api_id: "a", deployment_id: "d", stage_name: "i", cache_cluster_enabled: true },
        var_encrypted: { rest_api_id: "a", deployment_id: "d", stage_name: "e", cache_cluster_enabled: true },
      },
      aws_api_gateway_method_settings: {
        caching_off: settings("caching_off", "*/*", { caching_enabled: false }),
        inherits: settings("inherits", "*/*", { cache_data_encrypted: true }),
        inherits_get: settings("inherits", "orders/GET", { caching_enabled: true }),
        var_encrypted: settings("var_encrypted", "*/*", { cache_data_encrypted: "${var.encrypt}" }),
      },
    });
    expect(statuses(ztGw015, model)).toEqual([
      "aws_api_gateway_stage.var_cluster:unknown",
      "aws_api_gateway_stage.caching_off:pass",
      "aws_api_gateway_stage.inherits:pass",
      "aws_api_gateway_stage.inherits:pass",
      "aws_api_gateway_stage.var_encrypted:unknown",
    ]);
  });

  describe("ZT-GW-016 on methods and OpenAPI bodies", () => {
    it("follows parent resources to a {param}; a resource outside the configuration is unknown; a literal validator id counts", () => {
      const method = (http_method: string, resource_id: string, extra: Record<string, unknown> = {}) => ({ rest_api_id: "a", resource_id, http_method, authorization: "AWS_IAM", ...extra });
      const model = cfg({
        aws_api_gateway_rest_api: { api: { name: "api" } },
        aws_api_gateway_resource: {
          user: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", parent_id: "${aws_api_gateway_rest_api.api.root_resource_id}", path_part: "{user}" },
          orders: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", parent_id: "${aws_api_gateway_resource.user.id}", path_part: "orders" },
        },
        aws_api_gateway_request_validator: { var_flags: { rest_api_id: "a", name: "v", validate_request_parameters: "${var.validate}" } },
        aws_api_gateway_method: {
          nested: method("GET", "${aws_api_gateway_resource.orders.id}"),
          root: method("GET", "${aws_api_gateway_rest_api.api.root_resource_id}"),
          outside: method("GET", "r-123"),
          outside_post: method("POST", "r-123", { request_validator_id: "abc123" }),
          var_flags: method("GET", "${aws_api_gateway_resource.orders.id}", { request_validator_id: "${aws_api_gateway_request_validator.var_flags.id}" }),
          var_validator: method("ANY", "r-123", { request_validator_id: "${var.validator}" }),
          options: method("OPTIONS", "${aws_api_gateway_resource.orders.id}"),
        },
      });
      expect(statuses(ztGw016, model)).toEqual([
        "aws_api_gateway_method.nested:fail",
        "aws_api_gateway_method.outside:unknown",
        "aws_api_gateway_method.outside_post:pass",
        "aws_api_gateway_method.var_flags:unknown",
        "aws_api_gateway_method.var_validator:unknown",
      ]);
    });

    it("reads the validator an operation names, Swagger 2 body parameters and path-level parameters", () => {
      const judge = (body: Record<string, unknown>) =>
        resultsOf(ztGw016, cfg({ aws_api_gateway_rest_api: { api: { name: "api", body: JSON.stringify(body) } } })).map((r) => `${r.item}:${r.status}${r.status === "pass" ? "" : ` ${r.message}`}`);
      expect(
        judge({
          swagger: "2.0",
          "x-amazon-apigateway-request-validators": { body: { validateRequestBody: true }, none: {} },
          paths: {
            "/a": { delete: { parameters: [{ name: "payload", in: "body" }], "x-amazon-apigateway-request-validator": "body" }, head: {} },
            "/b": { parameters: [{ name: "q", in: "query" }], get: { "x-amazon-apigateway-request-validator": "none" } },
            "/c": { post: { "x-amazon-apigateway-request-validator": "missing" } },
          },
        }),
      ).toEqual([
        "Operation::DELETE /a:pass",
        'Operation::GET /b:fail OpenAPI operation GET /b takes parameters but request validator "none" does not validate the request parameters',
        'Operation::POST /c:fail OpenAPI operation POST /c names request validator "missing", which x-amazon-apigateway-request-validators does not declare',
      ]);
      expect(judge({ openapi: "3.0.1", paths: { "/a": { get: {}, options: {} } } })).toEqual([]);
    });
  });

  it("ZT-GW-018 / ZT-GW-019: rule_json is read; dynamic rules and computed rule_json or flags are unknown", () => {
    const visibility = (flag: unknown) => ({ cloudwatch_metrics_enabled: flag, metric_name: "m", sampled_requests_enabled: true });
    const model = cfg({
      aws_wafv2_web_acl: {
        json_rules: {
          name: "j",
          scope: "REGIONAL",
          default_action: { allow: {} },
          visibility_config: visibility(true),
          rule_json: JSON.stringify([{ Name: "quiet", Priority: 1, VisibilityConfig: { CloudWatchMetricsEnabled: false } }, { Name: "var", VisibilityConfig: { CloudWatchMetricsEnabled: "${var.metrics}" } }]),
        },
        json_empty: { name: "e", scope: "REGIONAL", default_action: { allow: {} }, visibility_config: visibility(true), rule_json: "[]" },
        json_var: { name: "v", scope: "REGIONAL", default_action: { allow: {} }, visibility_config: visibility("${var.metrics}"), rule_json: "${var.rules}" },
        dynamic_rules: {
          name: "d",
          scope: "REGIONAL",
          default_action: { allow: {} },
          visibility_config: visibility(true),
          dynamic: { rule: { for_each: "${var.rules}", content: { name: "${rule.value.name}", priority: 1, visibility_config: visibility(true) } } },
        },
      },
    });
    expect(statuses(ztGw018, model)).toEqual([
      "aws_wafv2_web_acl.json_rules:pass",
      "aws_wafv2_web_acl.json_empty:fail",
      "aws_wafv2_web_acl.json_var:unknown",
      "aws_wafv2_web_acl.dynamic_rules:unknown",
    ]);
    expect(resultsOf(ztGw019, model).map((r) => `${r.address} ${r.item}:${r.status}`)).toEqual([
      "aws_wafv2_web_acl.json_rules WebAcl:pass",
      "aws_wafv2_web_acl.json_rules Rule::quiet:fail",
      "aws_wafv2_web_acl.json_rules Rule::var:unknown",
      "aws_wafv2_web_acl.json_empty WebAcl:pass",
      "aws_wafv2_web_acl.json_var WebAcl:unknown",
      "aws_wafv2_web_acl.json_var Rule::*:unknown",
      "aws_wafv2_web_acl.dynamic_rules WebAcl:pass",
      "aws_wafv2_web_acl.dynamic_rules Rule::#1:pass",
    ]);
  });

  it("ZT-GW-020: destinations by ARN, bucket and name prefix; a computed ACL or name is unknown", () => {
    const acl = { name: "a", scope: "REGIONAL", default_action: { allow: {} }, visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "m", sampled_requests_enabled: true } };
    const logging = (acl: string, destination: string) => ({ resource_arn: `\${aws_wafv2_web_acl.${acl}.arn}`, log_destination_configs: [destination] });
    const model = cfg({
      aws_wafv2_web_acl: { bucket: acl, prefixed: acl, wrong_prefix: acl, var_name: acl, arn_wrong: acl },
      aws_s3_bucket: { logs: { bucket: "aws-waf-logs-bucket" } },
      aws_cloudwatch_log_group: { prefixed: { name_prefix: "aws-waf-logs-api-" }, wrong_prefix: { name_prefix: "waf-" }, var_name: { name: "${var.name}" } },
      aws_wafv2_web_acl_logging_configuration: {
        bucket: logging("bucket", "${aws_s3_bucket.logs.arn}"),
        prefixed: logging("prefixed", "${aws_cloudwatch_log_group.prefixed.arn}"),
        wrong_prefix: logging("wrong_prefix", "${aws_cloudwatch_log_group.wrong_prefix.arn}"),
        var_name: logging("var_name", "${aws_cloudwatch_log_group.var_name.arn}"),
        arn_wrong: logging("arn_wrong", "arn:aws:logs:eu-west-1:111122223333:log-group:waf-logs:*"),
      },
    });
    expect(statuses(ztGw020, model)).toEqual([
      "aws_wafv2_web_acl.bucket:pass",
      "aws_wafv2_web_acl.prefixed:pass",
      "aws_wafv2_web_acl.wrong_prefix:fail",
      "aws_wafv2_web_acl.var_name:unknown",
      "aws_wafv2_web_acl.arn_wrong:fail",
    ]);
    const opaque = cfg({ aws_wafv2_web_acl: { a: acl }, aws_wafv2_web_acl_logging_configuration: { l: { resource_arn: "${var.acl}", log_destination_configs: ["arn"] } } });
    expect(resultsOf(ztGw020, opaque).map((r) => r.message)).toEqual([
      'no logging configuration names web ACL "a", but the resource_arn of aws_wafv2_web_acl_logging_configuration.l is computed until apply',
    ]);
  });

  describe("ZT-GW-017 on HTTP APIs and the distributions in front of them", () => {
    const origin = (domain_name: string) => ({ domain_name, origin_id: "api" });
    const judge = (extra: Record<string, unknown>, api: Record<string, unknown> = { name: "a", protocol_type: "HTTP", disable_execute_api_endpoint: true }) =>
      resultsOf(ztGw017, cfg({ aws_apigatewayv2_api: { api }, ...extra })).map((r) => `${r.status}${r.status === "pass" ? "" : ` ${r.message}`}`);

    it("matches an origin that names a mapped custom domain literally, and compares host names case-insensitively", () => {
      expect(
        judge({
          aws_apigatewayv2_domain_name: { d: { domain_name: "Orders.example.com", domain_name_configuration: { certificate_arn: "c", endpoint_type: "REGIONAL" } } },
          aws_apigatewayv2_api_mapping: { m: { api_id: "${aws_apigatewayv2_api.api.id}", domain_name: "orders.example.com", stage: "$default" } },
          aws_cloudfront_distribution: { edge: { origin: origin("orders.EXAMPLE.com"), web_acl_id: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1" } },
        }),
      ).toEqual(["pass"]);
    });

    it("reads an origin through the domain's target_domain_name reference; a web ACL id from a variable is unknown, an empty one is none", () => {
      const domain = { aws_apigatewayv2_domain_name: { d: { domain_name: "orders.example.com", domain_name_configuration: { certificate_arn: "c", endpoint_type: "REGIONAL" } } } };
      const mapping = { aws_apigatewayv2_api_mapping: { m: { api_id: "${aws_apigatewayv2_api.api.id}", domain_name: "${aws_apigatewayv2_domain_name.d.id}", stage: "$default" } } };
      const edge = (web_acl_id: string) => ({
        aws_cloudfront_distribution: { edge: { origin: origin("${aws_apigatewayv2_domain_name.d.domain_name_configuration[0].target_domain_name}"), web_acl_id } },
      });
      expect(judge({ ...domain, ...mapping, ...edge("${var.acl}") })).toEqual([
        "unknown web_acl_id of aws_cloudfront_distribution.edge, in front of the API, is computed by an expression until apply",
      ]);
      expect(judge({ ...domain, ...mapping, ...edge("") })).toEqual([
        "fail the API is served through aws_cloudfront_distribution.edge, which has no web_acl_id; HTTP APIs cannot carry a WAFv2 web ACL themselves",
      ]);
      expect(judge({ ...domain, ...mapping, ...edge("${aws_wafv2_web_acl.edge.arn}"), aws_wafv2_web_acl: { edge: { name: "edge", scope: "CLOUDFRONT" } } })).toEqual(["pass"]);
    });

    it("an origin computed from a variable may be the API: unknown; one naming another resource is not the API", () => {
      expect(judge({ aws_cloudfront_distribution: { edge: { origin: origin("${var.origin}"), web_acl_id: "arn" } } })).toEqual([
        "unknown no CloudFront distribution names the API as its origin, but the origin of aws_cloudfront_distribution.edge is computed until apply",
      ]);
      expect(judge({ aws_cloudfront_distribution: { edge: { origin: origin("${aws_s3_bucket.b.bucket_regional_domain_name}"), web_acl_id: "arn" } }, aws_s3_bucket: { b: {} } })).toEqual([
        "fail no CloudFront distribution with a web ACL is in front of the HTTP API, and HTTP APIs cannot carry a WAFv2 web ACL themselves",
      ]);
    });

    it("a protocol or endpoint flag from a variable is unknown; WebSocket APIs are not checked", () => {
      const edge = { aws_cloudfront_distribution: { edge: { origin: origin('${replace(aws_apigatewayv2_api.api.api_endpoint, "https://", "")}'), web_acl_id: "arn" } } };
      expect(judge(edge, { name: "a", protocol_type: "${var.protocol}" })).toEqual(["unknown protocol_type is computed at apply time"]);
      expect(judge(edge, { name: "a", protocol_type: "HTTP", disable_execute_api_endpoint: "${var.disable}" })).toEqual(["unknown disable_execute_api_endpoint is computed at apply time"]);
      expect(judge(edge, { name: "a", protocol_type: "HTTP", disable_execute_api_endpoint: false })[0]).toMatch(/execute-api endpoint stays enabled \(disable_execute_api_endpoint false\)/);
      expect(judge(edge, { name: "a", protocol_type: "WEBSOCKET", route_selection_expression: "$request.body.action" })).toEqual([]);
    });
  });

  it("ZT-GW-011: an authorization type from a variable is unknown; NONE names the exposure", () => {
    const model = cfg({
      aws_lambda_function_url: {
        from_variable: { function_name: "f", authorization_type: "${var.auth}" },
        open: { function_name: "f", authorization_type: "NONE" },
      },
    });
    expect(statuses(ztGw011, model)).toEqual(["aws_lambda_function_url.from_variable:unknown", "aws_lambda_function_url.open:fail"]);
    expect(resultsOf(ztGw011, model)[1].message).toBe('authorization_type is "NONE": anyone on the internet can call the function URL');
  });

  it("ZT-GW-001: unknown method or authorization is unknown, lower-case values are normalized", () => {
    const model = cfg({
      aws_api_gateway_method: {
        var_method: { rest_api_id: "a", resource_id: "r", http_method: "${var.method}", authorization: "NONE" },
        var_auth: { rest_api_id: "a", resource_id: "r", http_method: "GET", authorization: "${var.auth}" },
        lower: { rest_api_id: "a", resource_id: "r", http_method: "get", authorization: "none" },
        lower_iam: { rest_api_id: "a", resource_id: "r", http_method: "get", authorization: "aws_iam" },
        options_lower: { rest_api_id: "a", resource_id: "r", http_method: "options", authorization: "NONE" },
      },
    });
    expect(statuses(ztGw001, model)).toEqual([
      "aws_api_gateway_method.var_method:unknown",
      "aws_api_gateway_method.var_auth:unknown",
      "aws_api_gateway_method.lower:fail",
      "aws_api_gateway_method.lower_iam:pass",
    ]);
  });

  it("ZT-GW-002: infers the protocol from the route key when the API is not in the configuration", () => {
    const model = cfg({
      aws_apigatewayv2_route: {
        ws_custom: { api_id: "abc123", route_key: "sendMessage" },
        ws_connect_custom: { api_id: "abc123", route_key: "$connect", authorization_type: "CUSTOM", authorizer_id: "x" },
        ws_connect_open: { api_id: "abc123", route_key: "$connect" },
        http_default_open: { api_id: "abc123", route_key: "$default", authorization_type: "NONE" },
        http_var: { api_id: "abc123", route_key: "GET /x", authorization_type: "${var.auth}" },
        http_preflight_lower: { api_id: "abc123", route_key: "options /x" },
      },
    });
    expect(statuses(ztGw002, model)).toEqual([
      "aws_apigatewayv2_route.ws_connect_custom:pass",
      "aws_apigatewayv2_route.ws_connect_open:fail",
      "aws_apigatewayv2_route.http_default_open:fail",
      "aws_apigatewayv2_route.http_var:unknown",
    ]);
  });

  it("ZT-GW-003 / ZT-GW-004: a referenced destination passes, an unknown tracing flag is unknown", () => {
    const model = cfg({
      aws_api_gateway_stage: {
        ref: {
          rest_api_id: "a",
          deployment_id: "d",
          stage_name: "s",
          xray_tracing_enabled: "${var.xray}",
          access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.l.arn}", format: "$context.requestId" },
        },
        off: { rest_api_id: "a", deployment_id: "d", stage_name: "s2", xray_tracing_enabled: false },
      },
    });
    expect(statuses(ztGw003, model)).toEqual(["aws_api_gateway_stage.ref:pass", "aws_api_gateway_stage.off:fail"]);
    expect(statuses(ztGw004, model)).toEqual(["aws_api_gateway_stage.ref:unknown", "aws_api_gateway_stage.off:fail"]);
  });

  it("ZT-GW-005: -1 is unlimited, literal stage names match on the same API, unknown limits are unknown", () => {
    const model = cfg({
      aws_api_gateway_rest_api: { api: { name: "api" }, other: { name: "other" } },
      aws_api_gateway_stage: {
        unlimited: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", deployment_id: "d", stage_name: "unlimited" },
        literal: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", deployment_id: "d", stage_name: "literal" },
        other_api: { rest_api_id: "${aws_api_gateway_rest_api.other.id}", deployment_id: "d", stage_name: "literal" },
        var_limit: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", deployment_id: "d", stage_name: "var" },
      },
      aws_api_gateway_method_settings: {
        unlimited: {
          rest_api_id: "${aws_api_gateway_rest_api.api.id}",
          stage_name: "${aws_api_gateway_stage.unlimited.stage_name}",
          method_path: "*/*",
          settings: { throttling_burst_limit: -1, throttling_rate_limit: 100 },
        },
        literal: {
          rest_api_id: "${aws_api_gateway_rest_api.api.id}",
          stage_name: "literal",
          method_path: "*/*",
          settings: { throttling_burst_limit: 10, throttling_rate_limit: 5 },
        },
        var_limit: {
          rest_api_id: "${aws_api_gateway_rest_api.api.id}",
          stage_name: "var",
          method_path: "*/*",
          settings: { throttling_burst_limit: "${var.burst}", throttling_rate_limit: 5 },
        },
      },
      aws_apigatewayv2_stage: {
        burst_only: { api_id: "x", name: "b", default_route_settings: { throttling_burst_limit: 10 } },
      },
    });
    expect(statuses(ztGw005, model)).toEqual([
      "aws_api_gateway_stage.unlimited:fail",
      "aws_api_gateway_stage.literal:pass",
      "aws_api_gateway_stage.other_api:fail",
      "aws_api_gateway_stage.var_limit:unknown",
      "aws_apigatewayv2_stage.burst_only:fail",
    ]);
    expect(resultsOf(ztGw005, model)[0].message).toMatch(/throttling_burst_limit -1 \(unlimited\)/);
  });

  it("ZT-GW-006: a WAF Classic regional association counts; private APIs are not checked", () => {
    const model = cfg({
      aws_api_gateway_rest_api: { priv: { name: "p", endpoint_configuration: { types: ["PRIVATE"] } } },
      aws_api_gateway_stage: {
        classic: { rest_api_id: "a", deployment_id: "d", stage_name: "c" },
        private: { rest_api_id: "${aws_api_gateway_rest_api.priv.id}", deployment_id: "d", stage_name: "p" },
      },
      aws_wafregional_web_acl_association: { c: { resource_arn: "${aws_api_gateway_stage.classic.arn}", web_acl_id: "w" } },
    });
    expect(statuses(ztGw006, model)).toEqual(["aws_api_gateway_stage.classic:pass"]);
  });

  it("ZT-GW-007: TLS_1_0 fails, enhanced TLS 1.3 policies pass, expressions are unknown", () => {
    const model = cfg({
      aws_api_gateway_domain_name: {
        tls10: { domain_name: "a.example.com", security_policy: "TLS_1_0" },
        enhanced: { domain_name: "b.example.com", security_policy: "SecurityPolicy_TLS13_1_3_2025_09" },
        var_policy: { domain_name: "c.example.com", security_policy: "${var.policy}" },
      },
      aws_apigatewayv2_domain_name: {
        v2_missing: { domain_name: "d.example.com", domain_name_configuration: { certificate_arn: "c", endpoint_type: "REGIONAL" } },
      },
    });
    expect(statuses(ztGw007, model)).toEqual([
      "aws_api_gateway_domain_name.tls10:fail",
      "aws_api_gateway_domain_name.enhanced:pass",
      "aws_api_gateway_domain_name.var_policy:unknown",
      "aws_apigatewayv2_domain_name.v2_missing:fail",
    ]);
  });

  it("ZT-GW-008: mapped HTTP APIs must disable the default endpoint; a variable is unknown", () => {
    const model = cfg({
      aws_apigatewayv2_api: {
        open: { name: "o", protocol_type: "HTTP" },
        unmapped: { name: "u", protocol_type: "HTTP" },
      },
      aws_api_gateway_rest_api: { var_flag: { name: "v", disable_execute_api_endpoint: "${var.disable}" } },
      aws_apigatewayv2_api_mapping: { m: { api_id: "${aws_apigatewayv2_api.open.id}", domain_name: "d", stage: "$default" } },
      aws_api_gateway_base_path_mapping: { m: { api_id: "${aws_api_gateway_rest_api.var_flag.id}", domain_name: "d" } },
    });
    expect(statuses(ztGw008, model)).toEqual(["aws_api_gateway_rest_api.var_flag:unknown", "aws_apigatewayv2_api.open:fail"]);
  });

  it("ZT-GW-009: reports each route_settings entry that traces data", () => {
    const model = cfg({
      aws_apigatewayv2_stage: {
        ws: {
          api_id: "x",
          name: "live",
          route_settings: [
            { route_key: "sendMessage", data_trace_enabled: true },
            { route_key: "$connect", data_trace_enabled: false },
          ],
        },
      },
    });
    const results = resultsOf(ztGw009, model);
    expect(results.map((r) => `${r.status}:${r.item}`)).toEqual(["fail:DataTrace::sendMessage", "pass:DataTrace::$connect"]);
  });

  it("ZT-GW-010: an empty policy string is no policy; unknown endpoint types are unknown", () => {
    const model = cfg({
      aws_api_gateway_rest_api: {
        empty_policy: { name: "e", policy: "", endpoint_configuration: { types: ["REGIONAL"] } },
        inline: { name: "i", policy: '{"Version":"2012-10-17","Statement":[]}' },
        var_types: { name: "v", endpoint_configuration: { types: "${var.types}" } },
      },
    });
    expect(statuses(ztGw010, model)).toEqual([
      "aws_api_gateway_rest_api.empty_policy:fail",
      "aws_api_gateway_rest_api.inline:pass",
      "aws_api_gateway_rest_api.var_types:unknown",
    ]);
  });
});
