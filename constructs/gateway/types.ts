import { IConnectable } from "../core/connections";
import { Port } from "../core/port";
import { Tier } from "../network/props";

/**
 * What the gateway constructs share: the service a route reaches, the authorizers a route names, and the routes
 * themselves. The REST gateway, the HTTP gateway, the private integration and the ServicePlatform all speak these types.
 */

/** A service the gateway forwards to: its hosts, reachable through the private integration's load balancer. */
export interface IGatewayTarget extends IConnectable {
  /** Name of the service (`zt:service` of its resources). */
  readonly serviceName: string;
  /** Tier the hosts run in. */
  readonly subnetTier: Tier;
  /** Registers the hosts with a load balancer target group (see `HardenedHost.attachToTargetGroup`). */
  attachToTargetGroup(id: string, targetGroupArn: string, port: Port): void;
}

/** Amazon Cognito user pools validate the caller's token (REST APIs; scopes per route). */
export interface CognitoAuthorizer {
  /** Name routes use to pick this authorizer; a DNS label. */
  readonly name: string;
  /** Authorizer kind. */
  readonly kind: "cognito";
  /** ARNs of the user pools whose tokens are accepted. */
  readonly userPoolArns: string[];
}

/** A Lambda function decides from the request (REST APIs: a REQUEST authorizer). */
export interface LambdaAuthorizer {
  /** Name routes use to pick this authorizer; a DNS label. */
  readonly name: string;
  /** Authorizer kind. */
  readonly kind: "lambda";
  /** ARN of the authorizer function. */
  readonly functionArn: string;
  /**
   * Request parts the authorizer reads, e.g. `method.request.header.Authorization`.
   *
   * @default ["method.request.header.Authorization"]
   */
  readonly identitySources?: string[];
  /**
   * Seconds a decision is cached (0–3600).
   *
   * @default 300
   */
  readonly resultTtlSeconds?: number;
}

/** The caller signs the request with AWS credentials (SigV4); IAM policies decide. */
export interface IamAuthorizer {
  /** Name routes use to pick this authorizer; a DNS label. */
  readonly name: string;
  /** Authorizer kind. */
  readonly kind: "iam";
}

/** A JWT from any OIDC issuer, validated by the API (HTTP APIs only; scopes per route). */
export interface JwtAuthorizer {
  /** Name routes use to pick this authorizer; a DNS label. */
  readonly name: string;
  /** Authorizer kind. */
  readonly kind: "jwt";
  /** Issuer URL (`https://...`), the `iss` claim of accepted tokens. */
  readonly issuer: string;
  /** Accepted `aud` values; at least one. */
  readonly audiences: string[];
}

/** How a gateway authenticates callers. */
export type GatewayAuthorizer = CognitoAuthorizer | LambdaAuthorizer | IamAuthorizer | JwtAuthorizer;

/** A route open to anonymous callers: a decision recorded as a suppression with its reason. */
export interface NoAuthorization {
  /** Marks the route as anonymous. */
  readonly none: true;
  /** Why callers need no authentication (at least 10 characters); shown in every policy report. */
  readonly reason: string;
}

/** HTTP methods a route may serve. */
export type RouteMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "ANY";

/** One route of a gateway: a method and path forwarded to a port of a service. */
export interface GatewayRoute {
  /** HTTP method. */
  readonly method: RouteMethod;
  /** Path, starting with `/`; `{name}` segments are path parameters, `{proxy+}` a greedy last segment. */
  readonly path: string;
  /** The service that serves the route. */
  readonly target: IGatewayTarget;
  /** The service's port. */
  readonly port: Port;
  /** Name of one of the gateway's authorizers, or an anonymous route with its reason. */
  readonly authorizer: string | NoAuthorization;
  /**
   * OAuth scopes a token must carry (Cognito and JWT authorizers only).
   *
   * @default [] (any valid token)
   */
  readonly scopes?: string[];
  /**
   * Query string parameters and headers the route requires, as API Gateway names them
   * (`method.request.querystring.page`, `method.request.header.X-Request-Id`); validated before the backend is called.
   *
   * @default [] (path parameters are always required and validated)
   */
  readonly requiredParameters?: string[];
}
