import { Resource } from "../../engine/model";
import { fail, na, pass, unknown } from "../../engine/outcome";
import { jsonOfText } from "../../engine/json-text";
import { Outcome } from "../../engine/types";

/**
 * Judges each operation of the OpenAPI body of a REST or HTTP API (OPTIONS preflights aside): one outcome per operation,
 * item `Operation::GET /orders`. Not applicable without a body (`routesAre` names where the API's methods or routes are
 * then declared); unknown when the body cannot be read.
 */
export function judgeOpenApi(api: Resource, routesAre: string): Outcome | Outcome[] {
  const body = openApiBody(api);
  if (body.kind === "absent") return na(`no OpenAPI body (${routesAre})`);
  if (body.kind === "unknown") return unknown(`${body.reason}; its operations cannot be checked for authorization`);
  const out: Outcome[] = [];
  for (const op of openApiOperations(body.doc)) {
    if (op.method === "OPTIONS") continue;
    const item = `Operation::${op.method} ${op.path}`;
    out.push(op.authorized ? pass(item) : fail(`OpenAPI operation ${op.method} ${op.path} ${op.reason}`, item));
  }
  return out.length > 0 ? out : na("the OpenAPI body declares no operation to authorize (OPTIONS preflights aside)");
}

/**
 * The OpenAPI definition (`body`) of an aws_api_gateway_rest_api or aws_apigatewayv2_api, read for the operations it
 * declares. JSON bodies are read: literal text, text whose strings hold `${...}` tokens (`JSON.stringify` of a
 * definition with integration URIs), a `${jsonencode({...})}` literal (`Fn.jsonencode`), or the planned value. Values
 * computed by expressions stay `${...}` strings: the operations and their security requirements are literal in
 * practice. Unknown when the body is another expression (`file(...)`, a variable) or YAML.
 */
export type OpenApiBody =
  | { readonly kind: "absent" }
  | { readonly kind: "unknown"; readonly reason: string }
  | { readonly kind: "document"; readonly doc: Record<string, unknown> };

export function openApiBody(api: Resource): OpenApiBody {
  const v = api.getConfigured("body");
  if (v.kind === "absent") return ABSENT_BODY;
  let text: unknown = v.kind === "known" ? v.value : undefined;
  if (v.kind === "unknown") {
    const raw = api.literal ? undefined : api.rawAt("body");
    if (typeof raw !== "string") return COMPUTED_BODY;
    text = raw;
  }
  if (typeof text !== "string" || text.trim() === "") return ABSENT_BODY;
  const json = jsonOfText(text);
  if (json === undefined) {
    if (v.kind === "unknown") return COMPUTED_BODY;
    return { kind: "unknown", reason: "the OpenAPI body is not JSON (YAML definitions are not read)" };
  }
  if (!isRecord(json.value)) return { kind: "unknown", reason: "the OpenAPI body is not a JSON object" };
  return { kind: "document", doc: json.value };
}

const COMPUTED_BODY: OpenApiBody = Object.freeze({ kind: "unknown", reason: "the OpenAPI body is computed by an expression until apply" });
const ABSENT_BODY: OpenApiBody = Object.freeze({ kind: "absent" });

/** How an operation of the definition admits callers. */
export interface OpenApiOperation {
  /** Upper-case method (`ANY` for `x-amazon-apigateway-any-method`). */
  readonly method: string;
  readonly path: string;
  /** True when every security alternative of the operation runs an API Gateway authorizer (IAM, Cognito, Lambda). */
  readonly authorized: boolean;
  /** Why the operation is not authorized; empty when it is. */
  readonly reason: string;
}

const METHODS: Readonly<Record<string, string>> = {
  get: "GET",
  put: "PUT",
  post: "POST",
  delete: "DELETE",
  options: "OPTIONS",
  head: "HEAD",
  patch: "PATCH",
  "x-amazon-apigateway-any-method": "ANY",
};

/**
 * The operations of an OpenAPI 3 or Swagger 2 definition, each judged by its security requirements (its own
 * `security`, else the document's). A requirement authorizes when one of its schemes is an API Gateway authorizer: a
 * scheme with `x-amazon-apigateway-authtype` (awsSigv4, cognito_user_pools, custom) or `x-amazon-apigateway-authorizer`.
 * A plain API key scheme identifies a usage plan and does not authorize; an empty requirement (`{}`) makes
 * authorization optional.
 */
export function openApiOperations(doc: Record<string, unknown>): OpenApiOperation[] {
  const components = isRecord(doc.components) ? doc.components : {};
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : isRecord(doc.securityDefinitions) ? doc.securityDefinitions : {};
  const global = doc.security;
  return openApiEntries(doc).map(({ method, path, op }) => {
    const security = op.security !== undefined ? op.security : global;
    const reason = securityGap(security, schemes);
    return { method, path, authorized: reason === "", reason };
  });
}

/** One operation object of an OpenAPI definition, with the path item that holds it. */
export interface OpenApiEntry {
  /** Upper-case method (`ANY` for `x-amazon-apigateway-any-method`). */
  readonly method: string;
  readonly path: string;
  readonly op: Record<string, unknown>;
  readonly pathItem: Record<string, unknown>;
}

/** Every operation of an OpenAPI 3 or Swagger 2 definition, in the order the definition lists them. */
export function openApiEntries(doc: Record<string, unknown>): OpenApiEntry[] {
  const paths = isRecord(doc.paths) ? doc.paths : {};
  const out: OpenApiEntry[] = [];
  for (const path of Object.keys(paths)) {
    const pathItem = paths[path];
    if (!isRecord(pathItem)) continue;
    for (const key of Object.keys(pathItem)) {
      const method = METHODS[key.toLowerCase()];
      const op = pathItem[key];
      if (method !== undefined && isRecord(op)) out.push({ method, path, op, pathItem });
    }
  }
  return out;
}

/** Why a list of security requirements lets a caller in without an authorizer; empty when it does not. */
function securityGap(security: unknown, schemes: Record<string, unknown>): string {
  if (!Array.isArray(security) || security.length === 0) return "declares no security requirement";
  for (const requirement of security) {
    const names = isRecord(requirement) ? Object.keys(requirement) : [];
    if (names.length === 0) return "lists an empty security requirement, which makes authorization optional";
    if (!names.some((name) => isAuthorizer(schemes[name]))) {
      const undefinedName = names.find((name) => !isRecord(schemes[name]));
      if (undefinedName !== undefined) return `requires security scheme "${undefinedName}", which the definition does not declare`;
      return `can be called with ${names.map((n) => `"${n}"`).join(" and ")} alone, which is not an API Gateway authorizer (an API key identifies a usage plan, it does not authenticate)`;
    }
  }
  return "";
}

function isAuthorizer(scheme: unknown): boolean {
  return isRecord(scheme) && (scheme["x-amazon-apigateway-authtype"] !== undefined || scheme["x-amazon-apigateway-authorizer"] !== undefined);
}

/** True for a non-null object that is not an array. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
