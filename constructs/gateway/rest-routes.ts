import { GatewayRoute, RouteMethod } from "./types";

/** Requests per second and burst of a stage or of one route. */
export interface ThrottleSettings {
  /** Steady-state requests per second (more than 0). */
  readonly rateLimit: number;
  /** Requests that may arrive at once above the steady rate (a whole number, at least 1). */
  readonly burstLimit: number;
}

/** A route of a {@link RestGateway}: a {@link GatewayRoute} that may carry its own throttling. */
export interface RestRoute extends GatewayRoute {
  /**
   * Throttling of this route alone, in place of the stage's (method settings `<path>/<METHOD>`); not on the root
   * path `/`.
   *
   * @default - the stage's throttling
   */
  readonly throttle?: ThrottleSettings;
}

/** One segment of a route path. */
export interface PathSegment {
  /** The segment as written, e.g. `orders`, `{id}` or `{proxy+}`. */
  readonly text: string;
  /**
   * Name of the path parameter (`id` for `{id}`, `proxy` for `{proxy+}`).
   *
   * @default - none: a literal segment
   */
  readonly param?: string;
  /** True for a greedy `{name+}` segment. */
  readonly greedy: boolean;
}

/** A route path split into its segments. */
export interface ParsedPath {
  /** Segments below the root; empty for `/`. */
  readonly segments: readonly PathSegment[];
  /** Names of the path parameters, in order. */
  readonly params: readonly string[];
}

/** What a route carries, for the service graph: `GET /orders/{id}` to `orders` on TCP 8443. */
export interface RouteSummary {
  /** HTTP method. */
  readonly method: RouteMethod;
  /** Path as declared. */
  readonly path: string;
  /** The target service's name. */
  readonly service: string;
  /** The target port. */
  readonly port: number;
}

const LITERAL = /^[A-Za-z0-9._~-]+$/;
const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;

/** Methods whose requests carry a body: they are validated whatever their parameters. */
export const BODY_METHODS: readonly RouteMethod[] = ["POST", "PUT", "PATCH", "ANY"];

/**
 * Splits a route path into segments, or returns why it is not one: it starts with `/`, has no empty segment, no
 * trailing `/` (except the root itself), literal segments of URL-safe characters, `{name}` parameters with distinct
 * names, and at most one greedy `{name+}`, as the last segment.
 */
export function parseRoutePath(path: string): ParsedPath | string {
  if (typeof path !== "string" || !path.startsWith("/")) return "must start with /";
  if (path === "/") return { segments: [], params: [] };
  const parts = path.slice(1).split("/");
  const segments: PathSegment[] = [];
  const params: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const text = parts[i];
    if (text === "") return "has an empty segment (a doubled or trailing /)";
    const match = PARAM.exec(text);
    if (match) {
      const greedy = match[2] === "+";
      if (greedy && i !== parts.length - 1) return `has the greedy segment ${text} before its end; a {name+} segment must be the last`;
      if (params.includes(match[1])) return `names the path parameter "${match[1]}" twice`;
      params.push(match[1]);
      segments.push({ text, param: match[1], greedy });
    } else if (LITERAL.test(text)) {
      segments.push({ text, greedy: false });
    } else {
      return `has the segment "${text}", which is neither a literal of letters, digits and ._~- nor a {name} parameter`;
    }
  }
  return { segments, params };
}

/** The path of a route's first `count` segments, e.g. `/orders/{id}`. */
export function pathOf(segments: readonly PathSegment[], count = segments.length): string {
  return "/" + segments.slice(0, count).map((s) => s.text).join("/");
}

/** The path as the integration URI names it: a greedy `{proxy+}` becomes `{proxy}`. */
export function integrationPath(parsed: ParsedPath): string {
  return "/" + parsed.segments.map((s) => (s.greedy ? `{${s.param}}` : s.text)).join("/");
}

/** The path in an `execute-api` resource ARN: every parameter segment becomes `*`. */
export function arnPath(parsed: ParsedPath): string {
  return parsed.segments.map((s) => (s.param === undefined ? s.text : "*")).join("/");
}

/** True when requests of the route carry a body or parameters, so a request validator checks them. */
export function needsValidation(route: GatewayRoute, parsed: ParsedPath): boolean {
  return BODY_METHODS.includes(route.method) || parsed.params.length > 0 || (route.requiredParameters ?? []).length > 0;
}

/** The method's request parameters, all required: the path parameters and the declared query strings and headers. */
export function requestParameters(route: GatewayRoute, parsed: ParsedPath): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const p of parsed.params) out[`method.request.path.${p}`] = true;
  for (const p of route.requiredParameters ?? []) out[p] = true;
  return out;
}

/** Path parameters passed on to the backend: `integration.request.path.<p>` from `method.request.path.<p>`. */
export function integrationParameters(parsed: ParsedPath): Record<string, string> {
  return Object.fromEntries(parsed.params.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`]));
}
