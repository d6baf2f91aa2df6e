import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { judgeOpenApi } from "./_openapi";

const AUTHORIZED = new Set(["AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"]);

export const ztGw001 = defineRule({
  id: "ZT-GW-001",
  title: "REST API method does not require authorization",
  severity: "high",
  domain: "gateway",
  rationale:
    "A method with authorization NONE hands every anonymous caller on the internet to the backend integration. " +
    "Zero trust authenticates and authorizes each request before it reaches a resource; an API key is an " +
    "identifier for usage plans, not a credential, so api_key_required does not count as authentication.",
  remediation:
    "Set authorization to AWS_IAM, CUSTOM (Lambda authorizer with authorizer_id) or COGNITO_USER_POOLS on every " +
    "aws_api_gateway_method except CORS preflight OPTIONS methods. In an OpenAPI body, give every operation (or the " +
    "document) a security requirement whose scheme is an API Gateway authorizer (x-amazon-apigateway-authtype or " +
    "x-amazon-apigateway-authorizer).",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "IA-2", "IA-9"],
    checkov: ["CKV_AWS_59"],
    cdkNag: ["AwsSolutions-APIG4", "AwsSolutions-COG4"],
  },
  resourceTypes: ["aws_api_gateway_method", "aws_api_gateway_rest_api"],
  check(r) {
    if (r.type === "aws_api_gateway_rest_api") return judgeOpenApi(r, "methods are aws_api_gateway_method resources");
    const auth = r.get("authorization");
    const method = r.get("http_method");
    if (method.kind === "known" && String(method.value).toUpperCase() === "OPTIONS") return na("OPTIONS preflight");
    if (auth.kind === "absent") return unknown("authorization is not set");
    if (auth.kind === "unknown") return unknown("authorization is computed at apply time");
    const value = String(auth.value).toUpperCase();
    if (AUTHORIZED.has(value)) return pass();
    if (method.kind !== "known") return unknown(`authorization is ${value} but http_method is unknown (only OPTIONS may skip authorization)`);
    const apiKey = r.bool("api_key_required") === true;
    const name = String(method.value).toUpperCase();
    return fail(
      `${name} method has authorization "${auth.value}"` +
        (apiKey ? "; api_key_required identifies a usage plan but does not authenticate the caller" : ""),
      `Method::${name}`,
    );
  },
});
