import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { OpenApiEntry, isRecord, openApiBody, openApiEntries } from "./_openapi";

/** Methods that take a request body (ANY includes them). */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "ANY"]);

/** A validator's setting for one kind of check, as the configuration tells it. */
type Flag = { readonly kind: "known"; readonly value: unknown } | { readonly kind: "unknown" } | { readonly kind: "absent" };

/** What a method's request carries that a validator should check. */
interface Needs {
  readonly body: boolean;
  readonly parameters: boolean;
}

export const ztGw016 = defineRule({
  id: "ZT-GW-016",
  title: "REST API method with a body or parameters has no request validator",
  severity: "medium",
  domain: "gateway",
  rationale:
    "Without a request validator API Gateway forwards any body and any parameters to the integration, so malformed " +
    "or oversized input, missing required parameters and unexpected fields reach the backend's parser. Validating at " +
    "the gateway rejects them at the enforcement point, before any backend code runs; zero trust checks every " +
    "request against policy before it reaches a resource. A method needs a validator when it takes a body (POST, " +
    "PUT, PATCH, ANY) or parameters (request_parameters, or a {param} in its resource path); the validator must check " +
    "the body (validate_request_body) for the former and parameters (validate_request_parameters) for the latter. " +
    "Checkov's CKV2_AWS_53 asks for request_validator_id on every aws_api_gateway_method, GET and OPTIONS included, " +
    "and accepts a validator that validates nothing; this rule skips methods with nothing to validate, reads what " +
    "the validator checks, and judges OpenAPI bodies too.",
  remediation:
    "Create an aws_api_gateway_request_validator with validate_request_body and validate_request_parameters = true " +
    "and set request_validator_id on each such aws_api_gateway_method; give the method request_models (a JSON schema " +
    "model) for its body and declare its parameters as required in request_parameters (\"method.request.path.id\" = " +
    "true). In an OpenAPI body, declare x-amazon-apigateway-request-validators and name one with " +
    "x-amazon-apigateway-request-validator on the document or on each operation.",
  references: {
    nist800207: ["Tenet 4"],
    nist80053: ["SI-10", "SC-7"],
    checkov: ["CKV2_AWS_53"],
  },
  resourceTypes: ["aws_api_gateway_method", "aws_api_gateway_rest_api"],
  check(r, model) {
    return r.type === "aws_api_gateway_rest_api" ? judgeBody(r) : judgeMethod(r, model);
  },
});

function judgeMethod(r: Resource, model: Model): Outcome {
  const method = r.str("http_method")?.toUpperCase();
  if (method === undefined) return unknown("http_method is computed at apply time");
  if (method === "OPTIONS") return na("OPTIONS preflight");
  const params = r.configuredValue("request_parameters");
  const declared = params.kind === "unknown" || (params.kind === "known" && isRecord(params.value) && Object.keys(params.value).length > 0);
  const pathParams = pathHasParameter(r, model);
  if (!BODY_METHODS.has(method) && !declared && pathParams === false) return na("the method takes neither a body nor parameters");
  if (!BODY_METHODS.has(method) && !declared && pathParams === undefined) return unknown("the method's resource path is not in the configuration");
  const needs: Needs = { body: BODY_METHODS.has(method), parameters: declared || pathParams === true };
  const item = `Method::${method}`;
  const id = r.configuredValue("request_validator_id");
  if (id.kind === "absent" || (id.kind === "known" && String(id.value).trim() === "")) {
    return fail(`${method} method ${describe(needs)} but has no request_validator_id`, item);
  }
  if (id.kind === "known") return pass(item);
  const validator = model.referenced(r, "request_validator_id", ["aws_api_gateway_request_validator"])[0];
  if (validator === undefined) return unknown("request_validator_id is computed by an expression until apply", item);
  return judgeFlags(
    needs,
    (flag) => validator.get(flag === "body" ? "validate_request_body" : "validate_request_parameters"),
    `${method} method`,
    `validator ${validator.address}`,
    item,
  );
}

/**
 * Whether the path of the method's resource has a `{param}` part: its path_part and those of its parents, followed
 * through parent_id references to the API's root. Undefined when a part or a parent is not in the configuration.
 */
function pathHasParameter(r: Resource, model: Model): boolean | undefined {
  let current = model.referenced(r, "resource_id", ["aws_api_gateway_resource"])[0];
  if (current === undefined) return model.referenced(r, "resource_id", ["aws_api_gateway_rest_api"]).length > 0 ? false : undefined;
  for (let depth = 0; current !== undefined && depth < 64; depth++) {
    const part = current.str("path_part");
    if (part === undefined) return undefined;
    if (part.includes("{")) return true;
    const parent: Resource | undefined = model.referenced(current, "parent_id", ["aws_api_gateway_resource"])[0];
    if (parent === undefined) return model.referenced(current, "parent_id", ["aws_api_gateway_rest_api"]).length > 0 ? false : undefined;
    current = parent;
  }
  return undefined;
}

/** Each operation of the API's OpenAPI body that takes a body or parameters, judged by the validator it names. */
function judgeBody(api: Resource): Outcome | Outcome[] {
  const body = openApiBody(api);
  if (body.kind === "absent") return na("no OpenAPI body (methods are aws_api_gateway_method resources)");
  if (body.kind === "unknown") return unknown(`${body.reason}; its operations cannot be checked for request validation`);
  const doc = body.doc;
  const validators = isRecord(doc["x-amazon-apigateway-request-validators"]) ? doc["x-amazon-apigateway-request-validators"] : {};
  const out: Outcome[] = [];
  for (const entry of openApiEntries(doc)) {
    if (entry.method === "OPTIONS") continue;
    const needs = operationNeeds(entry);
    if (!needs.body && !needs.parameters) continue;
    const item = `Operation::${entry.method} ${entry.path}`;
    const what = `OpenAPI operation ${entry.method} ${entry.path}`;
    const name = entry.op["x-amazon-apigateway-request-validator"] ?? doc["x-amazon-apigateway-request-validator"];
    if (typeof name !== "string" || name.trim() === "") {
      out.push(fail(`${what} ${describe(needs)} but names no x-amazon-apigateway-request-validator`, item));
      continue;
    }
    const validator = validators[name];
    if (!isRecord(validator)) {
      out.push(fail(`${what} names request validator "${name}", which x-amazon-apigateway-request-validators does not declare`, item));
      continue;
    }
    const flag = (kind: keyof Needs) => definitionFlag(validator[kind === "body" ? "validateRequestBody" : "validateRequestParameters"]);
    out.push(judgeFlags(needs, flag, what, `request validator "${name}"`, item));
  }
  return out.length > 0 ? out : na("no operation of the OpenAPI body takes a body or parameters");
}

/** A body for POST, PUT, PATCH, ANY or a requestBody / `in: body` parameter; parameters declared on the operation or its path, or a `{param}` path. */
function operationNeeds(entry: OpenApiEntry): Needs {
  const params = [...listOf(entry.pathItem.parameters), ...listOf(entry.op.parameters)];
  const bodyParam = params.some((p) => isRecord(p) && p.in === "body");
  return {
    body: BODY_METHODS.has(entry.method) || entry.op.requestBody !== undefined || bodyParam,
    parameters: params.some((p) => !(isRecord(p) && p.in === "body")) || entry.path.includes("{"),
  };
}

/** A flag of a validator in the definition: unknown when a `${...}` token stands for it. */
function definitionFlag(v: unknown): Flag {
  if (v === undefined) return { kind: "absent" };
  return typeof v === "string" && v.includes("${") ? { kind: "unknown" } : { kind: "known", value: v };
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Fails when the validator does not check what the request carries; unknown when a flag is computed. */
function judgeFlags(needs: Needs, flag: (kind: keyof Needs) => Flag, what: string, validator: string, item: string): Outcome {
  const missing: string[] = [];
  for (const kind of ["body", "parameters"] as const) {
    if (!needs[kind]) continue;
    const v = flag(kind);
    if (v.kind === "unknown") return unknown(`${validator}: whether it validates the request ${kind} is computed until apply`, item);
    if (!(v.kind === "known" && (v.value === true || v.value === "true"))) missing.push(kind);
  }
  if (missing.length === 0) return pass(item);
  return fail(`${what} ${describe(needs)} but ${validator} does not validate the request ${missing.join(" or ")}`, item);
}

function describe(needs: Needs): string {
  if (needs.body && needs.parameters) return "takes a body and parameters";
  return needs.body ? "takes a body" : "takes parameters";
}
