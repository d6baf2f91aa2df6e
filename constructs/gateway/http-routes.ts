import { createHash } from "crypto";
import { ErrorSource, ValidationError } from "../core/errors";
import { Port } from "../core/port";
import { MIN_REASON_LENGTH } from "../../policies/engine/suppressions";
import { GatewayAuthorizer, GatewayRoute, IGatewayTarget, NoAuthorization, RouteMethod } from "./types";

/** Methods a route may serve. */
const METHODS: readonly RouteMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "ANY"];
/** One path segment: a literal, a `{name}` parameter or a greedy `{name+}` (last segment only). */
const SEGMENT = /^([A-Za-z0-9._~:@!$&'()*,;=-]+|\{[A-Za-z_][A-Za-z0-9_]*\}|\{[A-Za-z_][A-Za-z0-9_]*\+\})$/;

/** The route key of an HTTP API route: `GET /orders/{id}`. */
export function httpRouteKey(route: Pick<GatewayRoute, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

/** A construct id for the route with `key`, stable and distinct for every key: a readable slug and a short hash. */
export function httpRouteId(key: string): string {
  const slug = key.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 8);
  return `route-${slug}-${hash}`;
}

/** True when a route is open to anonymous callers. */
export function isAnonymous(authorizer: GatewayRoute["authorizer"]): authorizer is NoAuthorization {
  return typeof authorizer === "object" && authorizer !== null && (authorizer as NoAuthorization).none === true;
}

/** A service and a port that routes forward to: one integration (and one load balancer listener) each. */
export interface HttpBackend {
  /** The service. */
  readonly target: IGatewayTarget;
  /** Its port. */
  readonly port: Port;
}

/** The distinct (target, port) pairs of the routes, in the order they first appear. */
export function httpBackends(routes: readonly GatewayRoute[]): HttpBackend[] {
  const out: HttpBackend[] = [];
  for (const route of routes) {
    if (!out.some((b) => b.target === route.target && b.port.id === route.port.id)) out.push({ target: route.target, port: route.port });
  }
  return out;
}

/**
 * Throws unless every route can be built on an HTTP API: a known method, a path API Gateway accepts, a target and a
 * port, an authorizer among `authorizers` (or an anonymous route with a reason), scopes only on JWT authorizers, no
 * request parameters (HTTP APIs do not validate them), and no route key twice.
 */
export function validateHttpRoutes(source: ErrorSource, routes: readonly GatewayRoute[], authorizers: readonly GatewayAuthorizer[]): void {
  if (!Array.isArray(routes) || routes.length === 0) {
    throw new ValidationError(source, "routes", "routes is empty; declare at least one route (method, path, target, port, authorizer).");
  }
  const keys = new Set<string>();
  routes.forEach((route, i) => {
    const where = `routes[${i}]`;
    validateShape(source, where, route);
    const key = httpRouteKey(route);
    if (keys.has(key)) throw new ValidationError(source, where, `route "${key}" is declared twice; declare each method and path once.`);
    keys.add(key);
    validateAuthorization(source, where, route, key, authorizers);
  });
}

function validateShape(source: ErrorSource, where: string, route: GatewayRoute): void {
  if (!METHODS.includes(route?.method)) {
    throw new ValidationError(source, `${where}.method`, `method "${String(route?.method)}" is not one; use one of ${METHODS.join(", ")}.`);
  }
  if (!isPath(route.path)) {
    throw new ValidationError(
      source,
      `${where}.path`,
      `path "${String(route.path)}" is not a route path; start with "/", separate segments with "/", name parameters "{id}" and only the last segment "{proxy+}".`,
    );
  }
  const target = route.target;
  if (!target || !target.connections || typeof target.serviceName !== "string" || typeof target.attachToTargetGroup !== "function") {
    throw new ValidationError(source, `${where}.target`, `route "${httpRouteKey(route)}" needs a target service (a HardenedHost or another IGatewayTarget).`);
  }
  if (!(route.port instanceof Port) || route.port.protocol !== "tcp" || route.port.fromPort !== route.port.toPort) {
    throw new ValidationError(source, `${where}.port`, `route "${httpRouteKey(route)}" needs one TCP port of its target, e.g. Port.tcp(8443).`);
  }
  if ((route.requiredParameters ?? []).length > 0) {
    throw new ValidationError(
      source,
      `${where}.requiredParameters`,
      `route "${httpRouteKey(route)}" names requiredParameters, which HTTP APIs do not validate; validate them in the service, or use the REST gateway (request validators).`,
    );
  }
}

function isPath(path: unknown): boolean {
  if (typeof path !== "string" || !path.startsWith("/")) return false;
  if (path === "/") return true;
  const segments = path.slice(1).split("/");
  return segments.every((s, i) => SEGMENT.test(s) && (!s.endsWith("+}") || i === segments.length - 1));
}

function validateAuthorization(source: ErrorSource, where: string, route: GatewayRoute, key: string, authorizers: readonly GatewayAuthorizer[]): void {
  const scopes = route.scopes ?? [];
  if (isAnonymous(route.authorizer)) {
    if (typeof route.authorizer.reason !== "string" || route.authorizer.reason.trim().length < MIN_REASON_LENGTH) {
      throw new ValidationError(source, `${where}.authorizer.reason`, `anonymous route "${key}" needs a reason of at least ${MIN_REASON_LENGTH} characters saying why callers need no authentication.`);
    }
    if (scopes.length > 0) throw new ValidationError(source, `${where}.scopes`, `anonymous route "${key}" has scopes, but no token is checked; remove them or name a JWT authorizer.`);
    return;
  }
  const found = authorizers.find((a) => a.name === route.authorizer);
  if (found === undefined) {
    const names = authorizers.map((a) => `"${a.name}"`).join(", ");
    throw new ValidationError(source, `${where}.authorizer`, `route "${key}" names unknown authorizer "${String(route.authorizer)}"; declare it in authorizers or use one of ${names}.`);
  }
  if (scopes.length > 0 && found.kind !== "jwt") {
    throw new ValidationError(source, `${where}.scopes`, `route "${key}" has scopes, but authorizer "${found.name}" is ${found.kind}; HTTP APIs check scopes with JWT authorizers only.`);
  }
  if (scopes.some((s) => typeof s !== "string" || s.trim() === "" || /\s/.test(s))) {
    throw new ValidationError(source, `${where}.scopes`, `route "${key}" has a scope that is empty or holds spaces; name each OAuth scope on its own.`);
  }
}
