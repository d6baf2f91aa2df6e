import { Construct } from "constructs";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { IEnvironment, servicePrincipal } from "../core/environment";
import { ErrorSource, ValidationError } from "../core/errors";
import { isToken, requireArns } from "../core/validate";
import { GatewayAuthorizer, JwtAuthorizer, LambdaAuthorizer } from "./types";

/** A DNS label: how authorizers are named. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Identity sources of a REST API (`method.request.header.X`), which an HTTP API writes `$request.header.X`. */
const REST_SOURCE = /^method\.request\.(header|querystring)\.(.+)$/;
/** Identity sources an HTTP API accepts. */
const HTTP_SOURCE = /^\$(request\.(header|querystring)|context|stageVariables)\.[^.\s].*$/;
/** The most seconds an authorizer's decision may be cached. */
const MAX_TTL_SECONDS = 3600;
/** Seconds a Lambda authorizer's decision is cached when the authorizer names none. */
const DEFAULT_TTL_SECONDS = 300;

/** How a route of an HTTP gateway is authorized. */
export interface HttpRouteAuthorization {
  /** `authorization_type` of the route. */
  readonly authorizationType: "JWT" | "CUSTOM" | "AWS_IAM";
  /**
   * Authorizer resource (JWT and CUSTOM only).
   *
   * @default - none: AWS_IAM routes name no authorizer
   */
  readonly authorizer?: Apigatewayv2Authorizer;
  /** Whether the authorizer checks OAuth scopes (JWT only). */
  readonly scopes: boolean;
}

/** Options of {@link createHttpAuthorizers}. */
export interface HttpAuthorizerOptions {
  /** Account, region and partition of the API. */
  readonly env: IEnvironment;
  /** The API the authorizers belong to. */
  readonly api: Apigatewayv2Api;
  /** Name of the gateway, which starts the id of each Lambda permission statement. */
  readonly gatewayName: string;
  /**
   * A header every request through the gateway's CloudFront distribution carries; Lambda authorizers require it
   * (API Gateway answers 401 without calling the function when an identity source is missing).
   *
   * @default - none
   */
  readonly originHeader?: string;
}

/** Throws unless the authorizers can be built on an HTTP API: known kinds, unique DNS-label names, complete settings. */
export function validateHttpAuthorizers(source: ErrorSource, authorizers: readonly GatewayAuthorizer[], env: IEnvironment): void {
  if (!Array.isArray(authorizers) || authorizers.length === 0) {
    throw new ValidationError(source, "authorizers", "authorizers is empty; declare at least one (jwt, lambda or iam) for the routes to name.");
  }
  const seen = new Set<string>();
  authorizers.forEach((authorizer, i) => {
    const where = `authorizers[${i}]`;
    if (typeof authorizer?.name !== "string" || !LABEL.test(authorizer.name)) {
      throw new ValidationError(source, `${where}.name`, `authorizer name "${String(authorizer?.name)}" must be a DNS label (lower-case letters, digits and "-").`);
    }
    if (seen.has(authorizer.name)) throw new ValidationError(source, `${where}.name`, `authorizer "${authorizer.name}" is declared twice; give each authorizer its own name.`);
    seen.add(authorizer.name);
    validateOne(source, where, authorizer, env);
  });
}

function validateOne(source: ErrorSource, where: string, authorizer: GatewayAuthorizer, env: IEnvironment): void {
  switch (authorizer.kind) {
    case "jwt":
      return validateJwt(source, where, authorizer);
    case "lambda":
      return validateLambda(source, where, authorizer, env);
    case "iam":
      return;
    case "cognito":
      throw new ValidationError(
        source,
        `${where}.kind`,
        `authorizer "${authorizer.name}" is a Cognito authorizer, which HTTP APIs do not have; declare it as kind "jwt" with issuer ` +
          `"https://cognito-idp.<region>.${env.dnsSuffix}/<user pool id>" and the user pool's app client ids as audiences.`,
      );
    default:
      throw new ValidationError(source, `${where}.kind`, `authorizer kind "${String((authorizer as { kind?: unknown }).kind)}" is not one; use "jwt", "lambda" or "iam".`);
  }
}

function validateJwt(source: ErrorSource, where: string, authorizer: JwtAuthorizer): void {
  const issuer = authorizer.issuer;
  if (typeof issuer !== "string" || (!isToken(issuer) && !isHttpsUrl(issuer))) {
    throw new ValidationError(
      source,
      `${where}.issuer`,
      `JWT authorizer "${authorizer.name}" is an authorizer missing its issuer ("${String(issuer)}"); pass the https URL of the OIDC issuer, the iss claim of accepted tokens.`,
    );
  }
  const audiences = authorizer.audiences;
  if (!Array.isArray(audiences) || audiences.length === 0 || audiences.some((a) => typeof a !== "string" || a.trim() === "")) {
    throw new ValidationError(source, `${where}.audiences`, `JWT authorizer "${authorizer.name}" needs at least one audience (the aud or client_id of accepted tokens).`);
  }
}

function validateLambda(source: ErrorSource, where: string, authorizer: LambdaAuthorizer, env: IEnvironment): void {
  requireArns(source, `${where}.functionArn`, [authorizer.functionArn], env.partition, "lambda", /^function:.+/, `${env.arnPrefix}:lambda:${env.region}:123456789012:function:authorizer`);
  const ttl = authorizer.resultTtlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL_SECONDS) {
    throw new ValidationError(source, `${where}.resultTtlSeconds`, `resultTtlSeconds ${ttl} must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}.`);
  }
  for (const identity of authorizer.identitySources ?? []) {
    if (httpIdentitySource(identity) === undefined) {
      throw new ValidationError(
        source,
        `${where}.identitySources`,
        `identity source "${identity}" is not one an HTTP API reads; use "$request.header.Name", "$request.querystring.name" (or the REST form "method.request.header.Name").`,
      );
    }
  }
  if (ttl > 0 && authorizer.identitySources !== undefined && authorizer.identitySources.length === 0) {
    throw new ValidationError(source, `${where}.identitySources`, `a cached Lambda authorizer (resultTtlSeconds ${ttl}) needs at least one identity source, the cache key.`);
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

/** An identity source in the form HTTP APIs take: REST forms are translated, HTTP forms kept, others undefined. */
export function httpIdentitySource(source: string): string | undefined {
  const rest = REST_SOURCE.exec(source);
  if (rest) return `$request.${rest[1]}.${rest[2]}`;
  return HTTP_SOURCE.test(source) ? source : undefined;
}

/**
 * The authorizers of an HTTP API, by name: JWT authorizers validate the issuer and audiences of a bearer token;
 * Lambda authorizers are REQUEST authorizers on payload 2.0 with simple responses, allowed to invoke their function
 * from this API's authorizers only (an `aws_lambda_permission` with `source_arn`); IAM needs no resource.
 */
export function createHttpAuthorizers(scope: Construct, authorizers: readonly GatewayAuthorizer[], options: HttpAuthorizerOptions): Map<string, HttpRouteAuthorization> {
  const out = new Map<string, HttpRouteAuthorization>();
  for (const authorizer of authorizers) {
    if (authorizer.kind === "jwt") {
      const resource = new Apigatewayv2Authorizer(scope, `authorizer-${authorizer.name}`, {
        apiId: options.api.id,
        name: authorizer.name,
        authorizerType: "JWT",
        identitySources: ["$request.header.Authorization"],
        jwtConfiguration: { issuer: authorizer.issuer, audience: [...authorizer.audiences] },
      });
      out.set(authorizer.name, { authorizationType: "JWT", authorizer: resource, scopes: true });
    } else if (authorizer.kind === "lambda") {
      out.set(authorizer.name, { authorizationType: "CUSTOM", authorizer: lambdaAuthorizer(scope, authorizer, options), scopes: false });
    } else if (authorizer.kind === "iam") {
      out.set(authorizer.name, { authorizationType: "AWS_IAM", scopes: false });
    }
  }
  return out;
}

function lambdaAuthorizer(scope: Construct, authorizer: LambdaAuthorizer, options: HttpAuthorizerOptions): Apigatewayv2Authorizer {
  const { env, api } = options;
  const sources = (authorizer.identitySources ?? ["method.request.header.Authorization"]).map((s) => httpIdentitySource(s) as string);
  if (options.originHeader !== undefined) sources.push(`$request.header.${options.originHeader}`);
  const resource = new Apigatewayv2Authorizer(scope, `authorizer-${authorizer.name}`, {
    apiId: api.id,
    name: authorizer.name,
    authorizerType: "REQUEST",
    authorizerUri: `${env.arnPrefix}:apigateway:${env.region}:lambda:path/2015-03-31/functions/${authorizer.functionArn}/invocations`,
    authorizerPayloadFormatVersion: "2.0",
    enableSimpleResponses: true,
    authorizerResultTtlInSeconds: authorizer.resultTtlSeconds ?? DEFAULT_TTL_SECONDS,
    // An uncached authorizer may read the whole request; an empty list is left out rather than sent.
    identitySources: sources.length > 0 ? [...new Set(sources)] : undefined,
  });
  new LambdaPermission(scope, `authorizer-${authorizer.name}-permission`, {
    statementId: `${options.gatewayName}-authorizer-${authorizer.name}`,
    action: "lambda:InvokeFunction",
    functionName: authorizer.functionArn,
    principal: servicePrincipal(env, "apigateway"),
    sourceArn: `${api.executionArn}/authorizers/${resource.id}`,
  });
  return resource;
}
