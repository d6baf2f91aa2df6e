import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { judgeOpenApi } from "./_openapi";

const AUTHORIZED = new Set(["AWS_IAM", "CUSTOM", "JWT"]);

export const ztGw002 = defineRule({
  id: "ZT-GW-002",
  title: "HTTP or WebSocket API route does not require authorization",
  severity: "high",
  domain: "gateway",
  rationale:
    "An API Gateway v2 route without an authorization type forwards anonymous requests to its integration. " +
    "Each request must be authenticated and authorized before it reaches the backend. WebSocket APIs authorize " +
    "once, on the $connect route; the other routes of the connection inherit that decision, so only $connect is checked.",
  remediation:
    "Set authorization_type to JWT, AWS_IAM or CUSTOM (with authorizer_id) on every HTTP API route except " +
    "CORS preflight routes (\"OPTIONS /...\"), and on the $connect route of WebSocket APIs. In the OpenAPI body of " +
    "an HTTP API, give every operation (or the document) a security requirement whose scheme is an API Gateway " +
    "authorizer (x-amazon-apigateway-authorizer, or x-amazon-apigateway-authtype for IAM).",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "IA-2", "IA-9"],
    checkov: ["CKV_AWS_309"],
    cdkNag: ["AwsSolutions-APIG4"],
    securityHub: ["APIGateway.8"],
  },
  resourceTypes: ["aws_apigatewayv2_route", "aws_apigatewayv2_api"],
  check(r, model) {
    if (r.type === "aws_apigatewayv2_api") {
      // Only HTTP APIs are imported from OpenAPI; a WebSocket API declares its routes as resources.
      if (r.str("protocol_type")?.toUpperCase() === "WEBSOCKET") return na("WebSocket APIs declare their routes as resources");
      return judgeOpenApi(r, "routes are aws_apigatewayv2_route resources");
    }
    const key = r.str("route_key");
    if (key === undefined) return unknown("route_key is computed at apply time");
    const api = model.referenced(r, "api_id", ["aws_apigatewayv2_api"])[0];
    const protocol = api?.str("protocol_type")?.toUpperCase() ?? inferProtocol(key);
    if (protocol === "WEBSOCKET") {
      if (key !== "$connect") return na("WebSocket routes other than $connect are authorized at connect time");
    } else if (/^OPTIONS\s/i.test(key)) {
      return na("CORS preflight route");
    }
    const auth = r.get("authorization_type");
    if (auth.kind === "unknown") return unknown("authorization_type is computed at apply time");
    const value = auth.kind === "known" ? String(auth.value).toUpperCase() : "NONE";
    if (AUTHORIZED.has(value)) return pass();
    const apiKey = r.bool("api_key_required") === true;
    return fail(
      `route "${key}" has authorization_type ${auth.kind === "absent" ? "unset (NONE)" : `"${auth.value}"`}` +
        (apiKey ? "; api_key_required identifies a usage plan but does not authenticate the caller" : ""),
      `Route::${key}`,
    );
  },
});

/** HTTP API route keys are `$default` or `METHOD /path`; anything else belongs to a WebSocket API. */
function inferProtocol(key: string): "HTTP" | "WEBSOCKET" {
  return key === "$default" || /^[A-Za-z]+\s+\//.test(key) ? "HTTP" : "WEBSOCKET";
}
