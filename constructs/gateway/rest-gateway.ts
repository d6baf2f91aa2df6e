import { createHash } from "crypto";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayClientCertificate } from "@cdktf/provider-aws/lib/api-gateway-client-certificate";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodSettings, ApiGatewayMethodSettingsSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Policy } from "../../policies/policy";
import { GATEWAY_TAG } from "../../policies/shared/service-graph";
import { IEnvironment, resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { PolicyStatementJson, policyDocument } from "../core/policy-document";
import { requireArns } from "../core/validate";
import { INetwork } from "../network/network";
import { resourceTags } from "../network/tags";
import { accountRootArn } from "../secrets/key-policy";
import { REST_METHOD_WITHOUT_AUTHORIZATION_RULE_ID } from "../rule-ids";
import { RestDomain, RestGatewayDomain } from "./domain-name";
import { PrivateIntegration, PrivateIntegrationTarget } from "./private-integration";
import {
  ParsedPath,
  RestRoute,
  RouteSummary,
  ThrottleSettings,
  arnPath,
  integrationParameters,
  integrationPath,
  needsValidation,
  pathOf,
  requestParameters,
} from "./rest-routes";
import {
  isAnonymous,
  requireGatewayName,
  validateAuthorizers,
  validateCacheSize,
  validateDomain,
  validateHostName,
  validateRateLimit,
  validateRetention,
  validateRoutes,
  validateStageName,
  validateThrottle,
} from "./rest-validate";
import { StageAccountLogging } from "./stage-account-logging";
import { ACCESS_LOG_FORMAT, StageLogging } from "./stage-logging";
import { GatewayAuthorizer } from "./types";
import { DEFAULT_RATE_LIMIT, GatewayWebAcl } from "./web-acl";

/** Stage throttling when none is given: requests per second and burst. */
export const DEFAULT_STAGE_THROTTLE: ThrottleSettings = { rateLimit: 100, burstLimit: 200 };
/** Stage name when none is given. */
export const DEFAULT_STAGE_NAME = "live";
/** Days the access and execution logs are kept when no retention is given. */
export const DEFAULT_GATEWAY_LOG_RETENTION_DAYS = 365;
/** Seconds a cached response lives when the stage cache is on. */
export const CACHE_TTL_SECONDS = 300;

/** Properties of a {@link RestGateway}. */
export interface RestGatewayProps {
  /** Name of the gateway: names the API, its stage, logs, keys and load balancer; a DNS label of at most 32 characters. */
  readonly name: string;
  /** Network whose private tier holds the private integration's load balancer. */
  readonly network: INetwork;
  /** Authorizers routes name: Cognito user pools, Lambda REQUEST authorizers or IAM (`jwt` needs an HttpGateway). */
  readonly authorizers: GatewayAuthorizer[];
  /** Routes: each method and path, its authorizer (or a reasoned anonymous route) and the service port it reaches. */
  readonly routes: RestRoute[];
  /** ACM certificate of the private integration load balancer's TLS listeners. */
  readonly backendCertificateArn: string;
  /**
   * Host name on the backend certificate, e.g. `services.internal.example.com`: the integration URIs name it, so API
   * Gateway sends it as Host and SNI and verifies the listener's certificate against it, while the VPC link carries
   * the connection to the load balancer (whose own DNS name is on no certificate).
   */
  readonly backendServerName: string;
  /**
   * Custom domain clients call (TLS 1.2 at least; mutual TLS with a truststore). With a domain the default
   * `execute-api` endpoint is disabled, so the domain's controls cannot be bypassed.
   *
   * @default - no custom domain: clients call the stage's `execute-api` URL
   */
  readonly domain?: RestGatewayDomain;
  /**
   * Requests one client IP may send in five minutes before the web ACL's rate-based rule blocks it (at least 10, the
   * AWS WAF minimum).
   *
   * @default 1000
   */
  readonly rateLimit?: number;
  /**
   * Throttling of every method of the stage (routes may set their own).
   *
   * @default { rateLimit: 100, burstLimit: 200 }
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Size of the stage cache in GB (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237). A cache is encrypted, answers only
   * authorized cache-control requests, and keeps responses for 300 seconds.
   *
   * @default - no cache
   */
  readonly cacheSizeGb?: number;
  /**
   * Days the access and execution logs are kept (365 or more).
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Roles that administer (not use) the gateway's keys: logs, WAF logs and truststore.
   *
   * @default [] (only the account root administers them)
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Name of the stage.
   *
   * @default "live"
   */
  readonly stageName?: string;
  /**
   * The account-wide role API Gateway writes logs with (`aws_api_gateway_account`, one per account and region):
   * `"create"` makes it (once per stack); `"existing"` relies on one set elsewhere, e.g. by a gateway in another stack.
   *
   * @default "create"
   */
  readonly accountLogging?: "create" | "existing";
  /**
   * Extra tags of every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

const KIND = "RestGateway";

/** How a method is authorized. */
interface MethodAuthorization {
  readonly authorization: "COGNITO_USER_POOLS" | "CUSTOM" | "AWS_IAM" | "NONE";
  readonly authorizerId?: string;
}

/**
 * The front door of services: a regional REST API whose every route is authenticated, validated, rate-limited,
 * filtered by a web ACL and logged, and reaches its service only through a private integration.
 *
 * - Every method is authorized by a Cognito user pool (with the route's scopes), a Lambda REQUEST authorizer or IAM
 *   (SigV4). An anonymous route takes a reason, recorded on its method as a suppression of ZT-GW-001.
 * - A resource policy admits the routes' callers: anyone for Cognito, Lambda and anonymous routes (their authorizers
 *   decide), and only principals of this account for IAM routes, so a role of another account cannot sign its way in.
 * - A request validator checks the parameters and body of every method that has either; path parameters and the
 *   declared query strings and headers are required.
 * - Integrations are HTTP proxies over a VPC link to an internal Network Load Balancer ({@link PrivateIntegration}),
 *   TLS to the service port, the listener's certificate verified against `backendServerName`.
 * - The stage traces with X-Ray, presents a client certificate to the backend, writes JSON access logs (caller, token
 *   subject, client certificate, route, status, TLS version, WAF result) and ERROR execution logs without request
 *   data to log groups encrypted with a customer-managed key and kept 365 days, throttles every method, and encrypts
 *   its cache when one is on. A {@link GatewayWebAcl} (AWS managed rules, a rate limit per client IP) guards it.
 * - With a custom domain (TLS 1.2, mutual TLS with a truststore) the default `execute-api` endpoint is disabled.
 *
 * Deployments are redeployed on any change to routes, authorizers, policy or integrations, created before the old one
 * is destroyed.
 */
export class RestGateway extends Construct {
  /** Name of the gateway. */
  readonly name: string;
  /** The REST API. */
  readonly restApi: ApiGatewayRestApi;
  /** Id of the REST API. */
  readonly restApiId: string;
  /** The stage. */
  readonly stage: ApiGatewayStage;
  /** ARN of the stage. */
  readonly stageArn: string;
  /** Name of the stage. */
  readonly stageName: string;
  /** URL clients call: `https://<domain>/` with a custom domain, else the stage's `execute-api` URL. */
  readonly invokeUrl: string;
  /** The custom domain, when one is given. */
  readonly domain?: RestDomain;
  /** The custom domain's name, when one is given. */
  readonly domainName?: string;
  /** The web ACL associated with the stage. */
  readonly webAcl: GatewayWebAcl;
  /** The load balancer and VPC link the integrations go through. */
  readonly integration: PrivateIntegration;
  /** The stage's log groups and their key. */
  readonly logging: StageLogging;
  /** The certificate the stage presents to the backend. */
  readonly clientCertificate: ApiGatewayClientCertificate;
  /** What each route carries, for the service graph. */
  readonly routes: readonly RouteSummary[];
  private readonly env: IEnvironment;
  private readonly resources = new Map<string, string>();

  constructor(scope: Construct, id: string, props: RestGatewayProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const env = resolveEnvironment(scope, source, { accountId: props.network?.accountId, region: props.network?.region });
    const parsed = validate(source, props, env);
    const stageName = props.stageName ?? DEFAULT_STAGE_NAME;
    const tags = props.tags ?? {};
    const gatewayTags = resourceTags({ ...tags, [GATEWAY_TAG]: props.name }, props.name);
    this.env = env;
    this.name = props.name;
    this.stageName = stageName;
    this.routes = props.routes.map((r) => ({ method: r.method, path: r.path, service: r.target.serviceName, port: r.port.fromPort }));

    this.integration = new PrivateIntegration(this, "integration", {
      gatewayName: props.name,
      network: props.network,
      certificateArn: props.backendCertificateArn,
      targets: uniqueTargets(props.routes),
      link: "rest",
      tags,
    });
    const policy = resourcePolicy(props, parsed, stageName, env);
    this.restApi = new ApiGatewayRestApi(this, "api", {
      name: props.name,
      description: `Gateway ${props.name}: every route authorized, validated, rate-limited and logged`,
      endpointConfiguration: { types: ["REGIONAL"] },
      disableExecuteApiEndpoint: props.domain !== undefined,
      policy,
      tags: gatewayTags,
    });
    this.restApiId = this.restApi.id;

    const authorizations = this.addAuthorizers(props.authorizers);
    const deployment = this.deploy(id, props, parsed, policy, authorizations);
    const account = (props.accountLogging ?? "create") === "create" ? StageAccountLogging.of(this, env).account : undefined;
    this.logging = new StageLogging(this, "logging", {
      gatewayName: props.name,
      restApiId: this.restApi.id,
      stageName,
      env,
      retentionDays: props.logRetentionDays ?? DEFAULT_GATEWAY_LOG_RETENTION_DAYS,
      keyAdminRoleArns: props.keyAdminRoleArns ?? [],
      tags,
    });
    this.clientCertificate = new ApiGatewayClientCertificate(this, "client-certificate", {
      description: `Presented by gateway ${props.name} to its backends`,
      tags: resourceTags(tags, `${props.name}-backend-client`),
    });
    this.stage = this.createStage(props, stageName, deployment, account);
    this.stageArn = this.stage.arn;

    this.webAcl = new GatewayWebAcl(this, "web-acl", {
      name: props.name,
      scope: "REGIONAL",
      rateLimit: props.rateLimit ?? DEFAULT_RATE_LIMIT,
      keyAdminRoleArns: props.keyAdminRoleArns,
      tags,
    });
    this.webAcl.associate("stage", this.stage.arn);

    if (props.domain) {
      this.domain = new RestDomain(this, "domain", {
        gatewayName: props.name,
        domain: props.domain,
        restApiId: this.restApi.id,
        stageName: this.stage.stageName,
        keyAdminRoleArns: props.keyAdminRoleArns ?? [],
        tags,
      });
      this.domainName = props.domain.domainName;
      this.invokeUrl = `https://${props.domain.domainName}/`;
    } else {
      this.invokeUrl = this.stage.invokeUrl;
    }
  }

  /**
   * The routes' methods and integrations, and the deployment that snapshots them: replaced (new before old) when the
   * declaration, the authorizers or the backend change.
   */
  private deploy(gatewayId: string, props: RestGatewayProps, parsed: readonly ParsedPath[], policy: string, authorizations: ReadonlyMap<string, MethodAuthorization>): ApiGatewayDeployment {
    const validator = parsed.some((p, i) => needsValidation(props.routes[i], p))
      ? new ApiGatewayRequestValidator(this, "validator", { name: "body-and-parameters", restApiId: this.restApi.id, validateRequestBody: true, validateRequestParameters: true })
      : undefined;
    const built = props.routes.map((route, i) => this.addRoute(gatewayId, props.backendServerName, route, parsed[i], authorizations, validator));
    return new ApiGatewayDeployment(this, "deployment", {
      restApiId: this.restApi.id,
      description: `Routes of gateway ${props.name}`,
      triggers: {
        declaration: createHash("sha256").update(JSON.stringify({ policy, routes: built.map((b) => b.fingerprint) })).digest("hex"),
        authorizers: Fn.join(",", [...authorizations.values()].map((a) => a.authorizerId ?? a.authorization)),
        backend: `${this.integration.vpcLinkId} ${props.backendServerName}`,
      },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: built.flatMap((b) => [b.method, b.integration]),
    });
  }

  /** The stage, with its method settings: stage-wide, then one per throttled route. */
  private createStage(props: RestGatewayProps, stageName: string, deployment: ApiGatewayDeployment, account: ApiGatewayAccount | undefined): ApiGatewayStage {
    const cache = props.cacheSizeGb !== undefined;
    const stage = new ApiGatewayStage(this, "stage", {
      restApiId: this.restApi.id,
      stageName,
      deploymentId: deployment.id,
      description: `Stage ${stageName} of gateway ${props.name}`,
      xrayTracingEnabled: true,
      clientCertificateId: this.clientCertificate.id,
      accessLogSettings: { destinationArn: this.logging.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
      cacheClusterEnabled: cache,
      cacheClusterSize: cache ? String(props.cacheSizeGb) : undefined,
      tags: resourceTags({ ...(props.tags ?? {}), [GATEWAY_TAG]: props.name }, `${props.name}-${stageName}`),
      // Logging needs the account's role, and the execution log group made here rather than by API Gateway.
      dependsOn: [this.logging.executionLogGroup, ...(account ? [account] : [])],
    });
    this.addMethodSettings(stage, "settings", "*/*", props.throttle ?? DEFAULT_STAGE_THROTTLE, cache, account);
    for (const route of props.routes) {
      if (route.throttle) this.addMethodSettings(stage, `settings ${route.method} ${route.path}`, `${route.path.slice(1)}/${route.method}`, route.throttle, cache, account);
    }
    return stage;
  }

  /** One aws_api_gateway_authorizer per Cognito or Lambda authorizer; IAM needs none. */
  private addAuthorizers(authorizers: readonly GatewayAuthorizer[]): Map<string, MethodAuthorization> {
    const out = new Map<string, MethodAuthorization>();
    for (const a of authorizers) {
      if (a.kind === "iam") {
        out.set(a.name, { authorization: "AWS_IAM" });
      } else if (a.kind === "cognito") {
        const authorizer = new ApiGatewayAuthorizer(this, `authorizer-${a.name}`, {
          name: a.name,
          restApiId: this.restApi.id,
          type: "COGNITO_USER_POOLS",
          providerArns: a.userPoolArns,
          identitySource: "method.request.header.Authorization",
        });
        out.set(a.name, { authorization: "COGNITO_USER_POOLS", authorizerId: authorizer.id });
      } else if (a.kind === "lambda") {
        const authorizer = new ApiGatewayAuthorizer(this, `authorizer-${a.name}`, {
          name: a.name,
          restApiId: this.restApi.id,
          type: "REQUEST",
          authorizerUri: `${this.env.arnPrefix}:apigateway:${this.env.region}:lambda:path/2015-03-31/functions/${a.functionArn}/invocations`,
          identitySource: (a.identitySources ?? ["method.request.header.Authorization"]).join(","),
          authorizerResultTtlInSeconds: a.resultTtlSeconds ?? 300,
        });
        // API Gateway invokes the function as itself; only this API's authorizer may (no confused deputy).
        new LambdaPermission(this, `authorizer-${a.name}-permission`, {
          statementId: `zt-gateway-${this.name}-${a.name}`,
          action: "lambda:InvokeFunction",
          functionName: a.functionArn,
          principal: `apigateway.${this.env.dnsSuffix}`,
          sourceArn: `${this.restApi.executionArn}/authorizers/${authorizer.id}`,
        });
        out.set(a.name, { authorization: "CUSTOM", authorizerId: authorizer.id });
      }
    }
    return out;
  }

  /** The API Gateway resource of a path, made with its parents on first use. */
  private resourceFor(parsed: ParsedPath, count = parsed.segments.length): string {
    if (count === 0) return this.restApi.rootResourceId;
    const path = pathOf(parsed.segments, count);
    const existing = this.resources.get(path);
    if (existing !== undefined) return existing;
    const parentId = this.resourceFor(parsed, count - 1);
    const resource = new ApiGatewayResource(this, `resource ${path}`, { restApiId: this.restApi.id, parentId, pathPart: parsed.segments[count - 1].text });
    this.resources.set(path, resource.id);
    return resource.id;
  }

  /** The method and integration of one route. */
  private addRoute(gatewayId: string, backendServerName: string, route: RestRoute, parsed: ParsedPath, authorizations: ReadonlyMap<string, MethodAuthorization>, validator: ApiGatewayRequestValidator | undefined) {
    const resourceId = this.resourceFor(parsed);
    const auth: MethodAuthorization = isAnonymous(route.authorizer) ? { authorization: "NONE" } : authorizations.get(route.authorizer)!;
    const key = `${route.method} ${route.path}`;
    const parameters = requestParameters(route, parsed);
    const validated = needsValidation(route, parsed);
    const method = new ApiGatewayMethod(this, `method ${key}`, {
      restApiId: this.restApi.id,
      resourceId,
      httpMethod: route.method,
      authorization: auth.authorization,
      authorizerId: auth.authorizerId,
      authorizationScopes: route.scopes && route.scopes.length > 0 ? route.scopes : undefined,
      requestParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
      requestValidatorId: validated ? validator!.id : undefined,
    });
    if (isAnonymous(route.authorizer)) {
      Policy.suppress(method, REST_METHOD_WITHOUT_AUTHORIZATION_RULE_ID, { reason: `anonymous route ${key} of ${KIND} "${gatewayId}": ${route.authorizer.reason}` });
    }
    const listener = this.integration.listenerFor(route.target, route.port);
    const uri = `https://${backendServerName}:${listener.port}${integrationPath(parsed)}`;
    const passed = integrationParameters(parsed);
    const integration = new ApiGatewayIntegration(this, `integration ${key}`, {
      restApiId: this.restApi.id,
      resourceId,
      httpMethod: method.httpMethod,
      type: "HTTP_PROXY",
      integrationHttpMethod: route.method,
      connectionType: "VPC_LINK",
      connectionId: this.integration.vpcLinkId,
      uri,
      requestParameters: Object.keys(passed).length > 0 ? passed : undefined,
      tlsConfig: { insecureSkipVerification: false },
    });
    const fingerprint = { key, auth: auth.authorization, scopes: route.scopes ?? [], parameters, validated, port: listener.port, path: integrationPath(parsed) };
    return { method, integration, fingerprint };
  }

  /** Method settings: ERROR execution logs without data, metrics, throttling, and an encrypted cache when on. */
  private addMethodSettings(stage: ApiGatewayStage, id: string, methodPath: string, throttle: ThrottleSettings, cache: boolean, account: ApiGatewayAccount | undefined): void {
    const settings: ApiGatewayMethodSettingsSettings = {
      loggingLevel: "ERROR",
      dataTraceEnabled: false,
      metricsEnabled: true,
      throttlingRateLimit: throttle.rateLimit,
      throttlingBurstLimit: throttle.burstLimit,
      cachingEnabled: cache,
      cacheDataEncrypted: true,
      ...(cache ? { cacheTtlInSeconds: CACHE_TTL_SECONDS, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403" } : {}),
    };
    new ApiGatewayMethodSettings(this, id, {
      restApiId: this.restApi.id,
      stageName: stage.stageName,
      methodPath,
      settings,
      dependsOn: account ? [account] : undefined,
    });
  }
}

/** Every distinct (service, port) the routes reach, in route order. */
function uniqueTargets(routes: readonly RestRoute[]): PrivateIntegrationTarget[] {
  const out: PrivateIntegrationTarget[] = [];
  for (const r of routes) {
    if (!out.some((t) => t.target === r.target && t.port.id === r.port.id)) out.push({ target: r.target, port: r.port });
  }
  return out;
}

/**
 * The API's resource policy: Cognito, Lambda and anonymous routes may be invoked by anyone (their authorizers decide),
 * IAM routes only by principals of this account (their IAM policies decide). An `Allow` for `*` on an IAM route would
 * let any AWS account's principal call it with its own credentials.
 */
function resourcePolicy(props: RestGatewayProps, parsed: readonly ParsedPath[], stageName: string, env: IEnvironment): string {
  const kinds = new Map(props.authorizers.map((a) => [a.name, a.kind]));
  const open: string[] = [];
  const signed: string[] = [];
  props.routes.forEach((route, i) => {
    const arn = `execute-api:/${stageName}/${route.method === "ANY" ? "*" : route.method}/${arnPath(parsed[i])}`;
    const iam = typeof route.authorizer === "string" && kinds.get(route.authorizer) === "iam";
    (iam ? signed : open).push(arn);
  });
  const statements: PolicyStatementJson[] = [];
  if (open.length > 0) {
    statements.push({ Sid: "InvokeRoutesThroughTheirAuthorizers", Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: open });
  }
  if (signed.length > 0) {
    statements.push({
      Sid: "InvokeIamRoutesFromThisAccount",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(env.partition, env.accountId) },
      Action: "execute-api:Invoke",
      Resource: signed,
    });
  }
  return policyDocument(statements);
}

/** Checks every prop; returns the routes' parsed paths. */
function validate(source: ErrorSource, props: RestGatewayProps, env: IEnvironment): ParsedPath[] {
  requireGatewayName(source, props.name);
  if (!props.network) throw new ValidationError(source, "network", "network is missing; pass the SegmentedNetwork whose private tier holds the load balancer.");
  requireArns(source, "backendCertificateArn", [props.backendCertificateArn], env.partition, "acm", /^certificate\/.+/, `${env.arnPrefix}:acm:${env.region}:${env.accountId}:certificate/1234abcd-12ab-34cd-56ef-1234567890ab`);
  validateHostName(source, "backendServerName", props.backendServerName);
  const authorizers = props.authorizers ?? [];
  validateAuthorizers(source, authorizers, env);
  const parsed = validateRoutes(source, props.routes, authorizers);
  if (props.domain !== undefined) validateDomain(source, props.domain, env);
  validateRateLimit(source, props.rateLimit ?? DEFAULT_RATE_LIMIT);
  if (props.throttle !== undefined) validateThrottle(source, "throttle", props.throttle);
  if (props.cacheSizeGb !== undefined) validateCacheSize(source, props.cacheSizeGb);
  validateRetention(source, props.logRetentionDays ?? DEFAULT_GATEWAY_LOG_RETENTION_DAYS);
  validateStageName(source, props.stageName ?? DEFAULT_STAGE_NAME);
  requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns ?? [], env.partition, "iam", /^role\/.+/, `${env.arnPrefix}:iam::123456789012:role/platform-admin`);
  const logging = props.accountLogging ?? "create";
  if (logging !== "create" && logging !== "existing") {
    throw new ValidationError(source, "accountLogging", `accountLogging "${String(logging)}" is not one; use "create" or "existing".`);
  }
  return parsed;
}
