import { MIN_REASON_LENGTH } from "../../policies/engine/suppressions";
import { IEnvironment } from "../core/environment";
import { ErrorSource, ValidationError } from "../core/errors";
import { isToken, requireArns } from "../core/validate";
import { LOG_RETENTION_DAYS } from "../network/validation";
import { ParsedPath, RestRoute, ThrottleSettings, parseRoutePath } from "./rest-routes";
import { GatewayAuthorizer, LambdaAuthorizer, NoAuthorization, RouteMethod } from "./types";
import { MAX_RATE_LIMIT, MIN_RATE_LIMIT } from "./web-acl";

/** Sizes of a REST API stage cache, in GB, as API Gateway offers them. */
export const CACHE_SIZES_GB: readonly number[] = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237];

/** Longest gateway name: it prefixes bucket, role and key alias names that AWS limits. */
export const MAX_GATEWAY_NAME_LENGTH = 32;

const DNS_LABEL = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
const METHODS: readonly RouteMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "ANY"];
const REQUIRED_PARAMETER = /^method\.request\.(querystring|header)\.[A-Za-z0-9._~-]+$/;
const IDENTITY_SOURCE = /^(method\.request\.(header|querystring)\.[A-Za-z0-9._~-]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** True when the route is anonymous (a {@link NoAuthorization}). */
export function isAnonymous(authorizer: string | NoAuthorization): authorizer is NoAuthorization {
  return typeof authorizer === "object" && authorizer !== null && (authorizer as NoAuthorization).none === true;
}

/** Throws unless `name` is a DNS label of at most {@link MAX_GATEWAY_NAME_LENGTH} characters. */
export function requireGatewayName(source: ErrorSource, name: string): void {
  if (typeof name !== "string" || name.length > MAX_GATEWAY_NAME_LENGTH || !DNS_LABEL.test(name)) {
    throw new ValidationError(source, "name", `name "${String(name)}" must be a DNS label of at most ${MAX_GATEWAY_NAME_LENGTH} characters (lower-case letters, digits, "-"), e.g. "edge".`);
  }
}

/** Checks the authorizers: unique DNS-label names, Cognito pools and Lambda functions given as ARNs, no JWT. */
export function validateAuthorizers(source: ErrorSource, authorizers: readonly GatewayAuthorizer[], env: IEnvironment): void {
  const seen = new Set<string>();
  authorizers.forEach((a, i) => {
    const at = `authorizers[${i}]`;
    if (typeof a?.name !== "string" || !DNS_LABEL.test(a.name)) {
      throw new ValidationError(source, `${at}.name`, `${at}.name "${String(a?.name)}" must be a DNS label such as "users".`);
    }
    if (seen.has(a.name)) throw new ValidationError(source, `${at}.name`, `authorizer name "${a.name}" is used twice; give each authorizer its own name.`);
    seen.add(a.name);
    switch (a.kind) {
      case "cognito":
        if (!Array.isArray(a.userPoolArns) || a.userPoolArns.length === 0) {
          throw new ValidationError(source, `${at}.userPoolArns`, `cognito authorizer "${a.name}" names no user pool; pass the ARNs of the pools whose tokens it accepts.`);
        }
        requireArns(source, `${at}.userPoolArns`, a.userPoolArns, env.partition, "cognito-idp", /^userpool\/.+/, `${env.arnPrefix}:cognito-idp:${env.region}:${env.accountId}:userpool/${env.region}_AbCdEf123`);
        return;
      case "lambda":
        validateLambda(source, at, a, env);
        return;
      case "iam":
        return;
      case "jwt":
        throw new ValidationError(source, `${at}.kind`, `jwt authorizer "${a.name}" cannot guard a REST API (REST APIs validate JWTs only through Cognito or a Lambda authorizer); use HttpGateway for OIDC/JWT issuers.`);
      default:
        throw new ValidationError(source, `${at}.kind`, `authorizer "${(a as { name: string }).name}" has kind "${String((a as { kind: unknown }).kind)}"; use "cognito", "lambda" or "iam".`);
    }
  });
}

function validateLambda(source: ErrorSource, at: string, a: LambdaAuthorizer, env: IEnvironment): void {
  if (typeof a.functionArn !== "string" || a.functionArn === "") {
    throw new ValidationError(source, `${at}.functionArn`, `lambda authorizer "${a.name}" has no functionArn; pass the ARN of the authorizer function.`);
  }
  requireArns(source, `${at}.functionArn`, [a.functionArn], env.partition, "lambda", /^function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/, `${env.arnPrefix}:lambda:${env.region}:${env.accountId}:function:authorizer`);
  const sources = a.identitySources ?? ["method.request.header.Authorization"];
  if (sources.length === 0 || sources.some((s) => !isToken(s) && !IDENTITY_SOURCE.test(s))) {
    throw new ValidationError(source, `${at}.identitySources`, `lambda authorizer "${a.name}" identitySources must name request parts such as "method.request.header.Authorization".`);
  }
  const ttl = a.resultTtlSeconds ?? 300;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
    throw new ValidationError(source, `${at}.resultTtlSeconds`, `lambda authorizer "${a.name}" resultTtlSeconds ${ttl} must be a whole number of seconds from 0 to 3600.`);
  }
}

/** Checks every route and returns the parsed paths, in route order. */
export function validateRoutes(source: ErrorSource, routes: readonly RestRoute[], authorizers: readonly GatewayAuthorizer[]): ParsedPath[] {
  if (!Array.isArray(routes) || routes.length === 0) throw new ValidationError(source, "routes", "routes is empty; a gateway needs at least one route.");
  const byName = new Map(authorizers.map((a) => [a.name, a]));
  const seen = new Set<string>();
  const paramAt = new Map<string, string>();
  return routes.map((route, i) => {
    const at = `routes[${i}]`;
    if (!METHODS.includes(route.method)) throw new ValidationError(source, `${at}.method`, `${at}.method "${String(route.method)}" is not one; use ${METHODS.join(", ")}.`);
    const parsed = parseRoutePath(route.path);
    if (typeof parsed === "string") throw new ValidationError(source, `${at}.path`, `${at}.path "${String(route.path)}" ${parsed}; write paths such as "/orders/{id}".`);
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new ValidationError(source, at, `route ${key} is declared twice; declare each method and path once.`);
    seen.add(key);
    checkSiblingParameters(source, at, parsed, paramAt);
    checkTarget(source, at, route);
    checkAuthorization(source, at, route, byName);
    checkRequiredParameters(source, at, route);
    if (route.throttle !== undefined) {
      if (parsed.segments.length === 0) throw new ValidationError(source, `${at}.throttle`, `route ${key} is on the root path, which method settings cannot name; throttle the stage instead.`);
      validateThrottle(source, `${at}.throttle`, route.throttle);
    }
    return parsed;
  });
}

/** Two routes may not give the same place in the path tree different parameter names (`/a/{id}`, `/a/{key}`). */
function checkSiblingParameters(source: ErrorSource, at: string, parsed: ParsedPath, paramAt: Map<string, string>): void {
  let parent = "";
  for (const segment of parsed.segments) {
    if (segment.param !== undefined) {
      const existing = paramAt.get(parent);
      if (existing !== undefined && existing !== segment.text) {
        throw new ValidationError(source, `${at}.path`, `${at}.path puts ${segment.text} where another route has ${existing} (under "${parent || "/"}"); use one parameter name at each place.`);
      }
      paramAt.set(parent, segment.text);
    }
    parent = `${parent}/${segment.text}`;
  }
}

function checkTarget(source: ErrorSource, at: string, route: RestRoute): void {
  const target = route.target;
  if (!target || typeof target.serviceName !== "string" || !target.connections || typeof target.attachToTargetGroup !== "function") {
    throw new ValidationError(source, `${at}.target`, `${at}.target is not a service the gateway can reach; pass the service's HardenedHost (or another IGatewayTarget).`);
  }
  const port = route.port;
  if (!port || port.protocol !== "tcp" || port.fromPort !== port.toPort) {
    throw new ValidationError(source, `${at}.port`, `${at}.port ${port?.description ?? String(port)} is not one TCP port; the gateway reaches services over TLS on TCP, e.g. Port.tcp(8443).`);
  }
  const served = target.connections.defaultPort;
  if (served !== undefined && served.id !== port.id) {
    throw new ValidationError(source, `${at}.port`, `service "${target.serviceName}" serves ${served.description}, not ${port.description}; route to ${served.description}.`);
  }
}

function checkAuthorization(source: ErrorSource, at: string, route: RestRoute, byName: ReadonlyMap<string, GatewayAuthorizer>): void {
  const scopes = route.scopes ?? [];
  if (isAnonymous(route.authorizer)) {
    const reason = route.authorizer.reason;
    if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
      throw new ValidationError(source, `${at}.authorizer.reason`, `anonymous route ${route.method} ${route.path} needs a reason of at least ${MIN_REASON_LENGTH} characters saying why callers need no authentication.`);
    }
    if (scopes.length > 0) throw new ValidationError(source, `${at}.scopes`, `anonymous route ${route.method} ${route.path} cannot require scopes; name a cognito authorizer or drop the scopes.`);
    return;
  }
  const authorizer = typeof route.authorizer === "string" ? byName.get(route.authorizer) : undefined;
  if (authorizer === undefined) {
    const known = [...byName.keys()].map((n) => `"${n}"`).join(", ") || "none";
    throw new ValidationError(source, `${at}.authorizer`, `route ${route.method} ${route.path} names authorizer "${String(route.authorizer)}", which the gateway does not have (authorizers: ${known}); add it to authorizers or name one of them.`);
  }
  if (scopes.length > 0 && authorizer.kind !== "cognito") {
    throw new ValidationError(source, `${at}.scopes`, `route ${route.method} ${route.path} requires scopes, but its ${authorizer.kind} authorizer "${authorizer.name}" cannot check them; use a cognito authorizer or drop the scopes.`);
  }
  if (scopes.some((s) => typeof s !== "string" || !/^\S+$/.test(s))) {
    throw new ValidationError(source, `${at}.scopes`, `route ${route.method} ${route.path} has an empty scope or one with spaces; pass OAuth scopes such as "orders/read".`);
  }
}

function checkRequiredParameters(source: ErrorSource, at: string, route: RestRoute): void {
  for (const p of route.requiredParameters ?? []) {
    if (typeof p !== "string" || !REQUIRED_PARAMETER.test(p)) {
      throw new ValidationError(source, `${at}.requiredParameters`, `required parameter "${String(p)}" must be "method.request.querystring.<name>" or "method.request.header.<name>" (path parameters are always required).`);
    }
  }
}

/** Throws unless the throttle has a positive rate and a whole burst of at least 1. */
export function validateThrottle(source: ErrorSource, prop: string, throttle: ThrottleSettings): void {
  if (typeof throttle?.rateLimit !== "number" || !(throttle.rateLimit > 0)) {
    throw new ValidationError(source, `${prop}.rateLimit`, `${prop}.rateLimit ${String(throttle?.rateLimit)} must be more than 0 requests per second.`);
  }
  if (!Number.isInteger(throttle.burstLimit) || throttle.burstLimit < 1) {
    throw new ValidationError(source, `${prop}.burstLimit`, `${prop}.burstLimit ${String(throttle.burstLimit)} must be a whole number of requests, at least 1.`);
  }
}

/** Throws unless the WAF rate limit is within what AWS WAF accepts. */
export function validateRateLimit(source: ErrorSource, rateLimit: number): void {
  if (!Number.isInteger(rateLimit) || rateLimit < MIN_RATE_LIMIT || rateLimit > MAX_RATE_LIMIT) {
    throw new ValidationError(source, "rateLimit", `rateLimit ${rateLimit} must be a whole number of requests per client IP in five minutes, at least ${MIN_RATE_LIMIT} (the AWS WAF minimum) and at most ${MAX_RATE_LIMIT}.`);
  }
}

/** Throws unless the cache size is one API Gateway offers. */
export function validateCacheSize(source: ErrorSource, size: number): void {
  if (!CACHE_SIZES_GB.includes(size)) throw new ValidationError(source, "cacheSizeGb", `cacheSizeGb ${size} is not a stage cache size; use one of ${CACHE_SIZES_GB.join(", ")}.`);
}

/** Throws unless the retention is one CloudWatch Logs accepts and keeps logs at least a year. */
export function validateRetention(source: ErrorSource, days: number): void {
  if (!LOG_RETENTION_DAYS.includes(days) || days < 365) {
    throw new ValidationError(source, "logRetentionDays", `logRetentionDays ${days} must be a retention CloudWatch Logs accepts of at least 365 days: ${LOG_RETENTION_DAYS.filter((d) => d >= 365).join(", ")}.`);
  }
}

/** Throws unless the stage name is 1–128 letters, digits, `-` or `_`. */
export function validateStageName(source: ErrorSource, stageName: string): void {
  if (typeof stageName !== "string" || !/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
    throw new ValidationError(source, "stageName", `stageName "${String(stageName)}" must be 1 to 128 letters, digits, "-" or "_", e.g. "live".`);
  }
}

/** Throws unless `name` is a lower-case DNS name (tokens pass). */
export function validateHostName(source: ErrorSource, prop: string, name: string): void {
  if (typeof name !== "string" || (!isToken(name) && !DOMAIN_NAME.test(name))) {
    throw new ValidationError(source, prop, `${prop} "${String(name)}" is not a lower-case DNS name such as "services.internal.example.com".`);
  }
}

/** Throws unless the custom domain is a DNS name with an ACM certificate of this partition. */
export function validateDomain(source: ErrorSource, domain: { domainName: string; certificateArn: string; truststorePem?: string }, env: IEnvironment): void {
  if (domain.truststorePem !== undefined && (domain.domainName === undefined || domain.certificateArn === undefined)) {
    throw new ValidationError(source, "domain.truststorePem", "mutual TLS (domain.truststorePem) works only on a custom domain; pass domain.domainName and domain.certificateArn with it.");
  }
  validateHostName(source, "domain.domainName", domain.domainName);
  requireArns(source, "domain.certificateArn", [domain.certificateArn], env.partition, "acm", /^certificate\/.+/, `${env.arnPrefix}:acm:${env.region}:${env.accountId}:certificate/1234abcd-12ab-34cd-56ef-1234567890ab`);
  const pem = domain.truststorePem;
  if (pem !== undefined && (typeof pem !== "string" || (!isToken(pem) && !pem.includes("-----BEGIN CERTIFICATE-----")))) {
    throw new ValidationError(source, "domain.truststorePem", "domain.truststorePem must be PEM text of the certificate authorities clients' certificates chain to (-----BEGIN CERTIFICATE----- ...).");
  }
}
