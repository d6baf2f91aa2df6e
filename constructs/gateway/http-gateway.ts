import { Construct } from "constructs";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { GATEWAY_TAG } from "../../policies/shared/service-graph";
import { Policy } from "../../policies/policy";
import { IEnvironment, resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { isToken, requireArns } from "../core/validate";
import { INetwork } from "../network/network";
import { resourceTags } from "../network/tags";
import { LOG_RETENTION_DAYS } from "../network/validation";
import { ANONYMOUS_HTTP_ROUTE_RULE_ID, HTTP_API_WITHOUT_WAF_RULE_ID } from "../rule-ids";
import { DOMAIN_SECURITY_POLICY } from "./domain-name";
import { HttpAccessLog, httpAccessLogFormat } from "./http-access-log";
import { HttpRouteAuthorization, createHttpAuthorizers, validateHttpAuthorizers } from "./http-authorizers";
import { HttpGatewayDistribution, HttpGatewayEdge, ORIGIN_VERIFY_HEADER, validateHttpEdge } from "./http-edge";
import { HttpBackend, httpBackends, httpRouteId, httpRouteKey, isAnonymous, validateHttpRoutes } from "./http-routes";
import { PrivateIntegration } from "./private-integration";
import { TruststoreBucket } from "./truststore-bucket";
import { GatewayAuthorizer, GatewayRoute } from "./types";

const KIND = "HttpGateway";

/** The custom domain of an HTTP gateway. */
export interface HttpGatewayDomain {
  /** Host name the API is served under (the CloudFront distribution's origin when there is one). */
  readonly domainName: string;
  /** ACM certificate for `domainName`, in the gateway's region. */
  readonly certificateArn: string;
  /**
   * PEM text of the certificate authorities that issue client certificates: turns on mutual TLS, so only clients
   * presenting a certificate that chains to one of them complete the TLS handshake. The bundle is kept in a
   * {@link TruststoreBucket}. CloudFront presents no client certificate to its origin, so mutual TLS goes with edge
   * "none" only.
   *
   * @default - no mutual TLS: clients are authenticated by the routes' authorizers only
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html
   */
  readonly truststorePem?: string;
}

/** Request limits of every route of the stage. */
export interface HttpGatewayThrottle {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  /** Requests allowed in a burst. */
  readonly burstLimit: number;
}

/** Properties of an {@link HttpGateway}. */
export interface HttpGatewayProps {
  /** Name of the gateway: a DNS label. Names the API, its log group and key, and tags them `zt:gateway`. */
  readonly name: string;
  /** Network of the private integration's load balancer (its private tier). */
  readonly network: INetwork;
  /**
   * How callers authenticate. `jwt` (any OIDC issuer: issuer and audiences), `lambda` (a REQUEST authorizer on
   * payload 2.0 with simple responses) and `iam` (SigV4). HTTP APIs have no Cognito authorizer: a Cognito user pool
   * is a JWT issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`, its app client ids as audiences), and
   * `cognito` is refused with that advice.
   */
  readonly authorizers: GatewayAuthorizer[];
  /** Routes: each names a method, a path, its target service and port, and an authorizer (scopes with JWT). */
  readonly routes: GatewayRoute[];
  /** ACM certificate of the private integration's TLS listeners, in the gateway's region. */
  readonly backendCertificateArn: string;
  /** Host name on the backend certificate: API Gateway sends it as SNI and verifies the listener's certificate against it. */
  readonly backendServerName: string;
  /**
   * The API's custom domain. Required: the construct disables the default execute-api endpoint, so clients reach the
   * API only through this domain with its `TLS_1_2` policy (an API without a custom domain keeps the execute-api
   * endpoint, which a distribution cannot hide).
   */
  readonly domain: HttpGatewayDomain;
  /**
   * What stands in front of the API; an explicit choice. HTTP APIs cannot carry a WAFv2 web ACL: either a CloudFront
   * distribution with a web ACL (`kind: "cloudfront"`), or no WAF (`kind: "none"`), recorded as a suppression of
   * ZT-GW-017 with the reason.
   */
  readonly edge: HttpGatewayEdge;
  /**
   * Name of the stage.
   *
   * @default "$default"
   */
  readonly stageName?: string;
  /**
   * Default request limits of every route of the stage.
   *
   * @default { rateLimit: 100, burstLimit: 200 }
   */
  readonly throttle?: HttpGatewayThrottle;
  /**
   * Days the access logs are kept.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Roles that administer (not use) the access log key.
   *
   * @default [] (only the account root administers it)
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Extra tags of every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** Request limits of the stage when none are given. */
export const DEFAULT_HTTP_THROTTLE: HttpGatewayThrottle = { rateLimit: 100, burstLimit: 200 };
/** Retention of the access logs when none is given. */
export const DEFAULT_HTTP_LOG_RETENTION_DAYS = 365;

/** A DNS label of at most 40 characters (it prefixes the names of the load balancer and other resources). */
const NAME = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
/** A lower-case host name. */
const HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** A stage name API Gateway accepts. */
const STAGE = /^(\$default|[A-Za-z0-9_-]{1,128})$/;

/**
 * An HTTP API (API Gateway v2) in front of private services, for teams that validate JWTs from any OIDC issuer:
 *
 * - Every route has an authorizer: JWT (issuer and audiences, scopes per route), a Lambda REQUEST authorizer (its
 *   function invocable only by this API's authorizers), or IAM. An anonymous route (`{ none: true, reason }`) is
 *   recorded as a suppression of ZT-GW-002 on the route with the reason.
 * - One `$default` stage (or `stageName`), deployed automatically, with default route throttling, detailed metrics and
 *   JSON access logs ({@link HTTP_ACCESS_LOG_FIELDS}) to a log group encrypted with a customer-managed key, kept 365 days.
 * - A regional custom domain with the `TLS_1_2` policy, mapped to the stage, and mutual TLS when a truststore is
 *   given (kept in a versioned, CMK-encrypted bucket that refuses public access and plain HTTP); the default
 *   execute-api endpoint is disabled. The caller points DNS for `domain.domainName` at {@link HttpGateway.regionalDomainName}.
 * - Private integrations over a VPC link to an internal Network Load Balancer ({@link PrivateIntegration}, link
 *   "http"), one per service and port: HTTPS to the listener, the certificate verified against `backendServerName`,
 *   and the load balancer admitted to the service on that port only, through `connections`.
 * - `edge`: a CloudFront distribution with a CLOUDFRONT web ACL in front of the custom domain, or no WAF with a
 *   recorded suppression of ZT-GW-017.
 *
 * Known gap: the custom domain stays publicly resolvable, so a client that calls it directly skips the
 * distribution and its web ACL (not authentication: every route still checks its authorizer). HTTP APIs have no
 * resource policy, and JWT and IAM authorizers cannot check a header. With `edge.originSecret`, CloudFront sends
 * {@link ORIGIN_VERIFY_HEADER} and every Lambda authorizer requires it as an identity source, so routes behind Lambda
 * authorizers refuse requests that did not come through CloudFront (the function must compare the value); JWT and IAM
 * routes accept them. Where every request must pass the WAF, use Lambda authorizers or the REST gateway.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html
 */
export class HttpGateway extends Construct {
  /** The API. */
  readonly api: Apigatewayv2Api;
  /** The stage. */
  readonly stage: Apigatewayv2Stage;
  /** The custom domain. */
  readonly domainName: Apigatewayv2DomainName;
  /** The truststore of the custom domain, when mutual TLS is on. */
  readonly truststore?: TruststoreBucket;
  /** The private integration's load balancer and VPC link. */
  readonly privateIntegration: PrivateIntegration;
  /** The access log group and its key. */
  readonly accessLog: HttpAccessLog;
  /** Routes by route key (`GET /orders/{id}`). */
  readonly routes: ReadonlyMap<string, Apigatewayv2Route>;
  /** The CloudFront distribution in front of the API (edge "cloudfront"). */
  readonly distribution?: CloudfrontDistribution;
  /** Regional host name of the custom domain: the target of the caller's DNS record for `domain.domainName`. */
  readonly regionalDomainName: string;
  /** Hosted zone of {@link HttpGateway.regionalDomainName}, for an alias record. */
  readonly regionalHostedZoneId: string;

  constructor(scope: Construct, id: string, props: HttpGatewayProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const env = resolveEnvironment(scope, source, {});
    validate(source, props, env);
    const tags = props.tags ?? {};
    const gatewayTags = { ...resourceTags(tags, props.name), [GATEWAY_TAG]: props.name };
    const edge = props.edge;
    const originHeader = edge.kind === "cloudfront" && edge.originSecret !== undefined ? ORIGIN_VERIFY_HEADER : undefined;

    this.api = new Apigatewayv2Api(this, "api", {
      name: props.name,
      description: `HTTP gateway ${props.name}: every route authorized, served only through ${props.domain.domainName}`,
      protocolType: "HTTP",
      disableExecuteApiEndpoint: true,
      tags: gatewayTags,
    });
    this.accessLog = new HttpAccessLog(this, "access-log", {
      gatewayName: props.name,
      env,
      retentionDays: props.logRetentionDays ?? DEFAULT_HTTP_LOG_RETENTION_DAYS,
      keyAdminRoleArns: props.keyAdminRoleArns ?? [],
      tags,
    });
    const backends = httpBackends(props.routes);
    this.privateIntegration = new PrivateIntegration(this, "private-integration", {
      gatewayName: props.name,
      network: props.network,
      certificateArn: props.backendCertificateArn,
      targets: backends,
      link: "http",
      tags,
    });
    const integrations = this.createIntegrations(props, backends);
    const authorizations = createHttpAuthorizers(this, props.authorizers, { env, api: this.api, gatewayName: props.name, originHeader });
    this.routes = this.createRoutes(props.routes, authorizations, integrations);

    this.stage = this.createStage(props, gatewayTags);
    if (props.domain.truststorePem !== undefined) {
      this.truststore = new TruststoreBucket(this, "truststore", { gatewayName: props.name, pem: props.domain.truststorePem, keyAdminRoleArns: props.keyAdminRoleArns ?? [], tags });
    }
    this.domainName = this.createDomain(props.domain, tags);
    this.regionalDomainName = this.domainName.domainNameConfiguration.targetDomainName;
    this.regionalHostedZoneId = this.domainName.domainNameConfiguration.hostedZoneId;

    if (edge.kind === "cloudfront") {
      this.distribution = new HttpGatewayDistribution(this, "edge", { gatewayName: props.name, edge, originDomainName: this.domainName.domainName, tags }).distribution;
    } else {
      // The decision travels with the stack and shows in every report.
      Policy.suppress(this.api, HTTP_API_WITHOUT_WAF_RULE_ID, { reason: `edge "none" on ${KIND} "${id}": ${edge.reason.trim()}` });
    }
  }

  /** The stage: deployed on every change, throttled, with detailed metrics and JSON access logs. */
  private createStage(props: HttpGatewayProps, tags: Record<string, string>): Apigatewayv2Stage {
    const throttle = props.throttle ?? DEFAULT_HTTP_THROTTLE;
    return new Apigatewayv2Stage(this, "stage", {
      apiId: this.api.id,
      name: props.stageName ?? "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLog.logGroup.arn, format: httpAccessLogFormat() },
      defaultRouteSettings: {
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        detailedMetricsEnabled: true,
      },
      tags,
    });
  }

  /** The regional custom domain (`TLS_1_2`, mutual TLS with the truststore), mapped to the stage. */
  private createDomain(domain: HttpGatewayDomain, tags: Record<string, string>): Apigatewayv2DomainName {
    const resource = new Apigatewayv2DomainName(this, "domain", {
      domainName: domain.domainName,
      domainNameConfiguration: { certificateArn: domain.certificateArn, endpointType: "REGIONAL", securityPolicy: DOMAIN_SECURITY_POLICY },
      mutualTlsAuthentication: this.truststore ? { truststoreUri: this.truststore.uri, truststoreVersion: this.truststore.object.versionId } : undefined,
      tags: resourceTags(tags, domain.domainName),
    });
    new Apigatewayv2ApiMapping(this, "mapping", { apiId: this.api.id, domainName: resource.id, stage: this.stage.id });
    return resource;
  }

  /**
   * One HTTP_PROXY integration per service and port: over the VPC link to the port's TLS listener. The private
   * integration admits its load balancer to the service on that port only (`connections.allowTo`).
   */
  private createIntegrations(props: HttpGatewayProps, backends: readonly HttpBackend[]): Map<HttpBackend, Apigatewayv2Integration> {
    const out = new Map<HttpBackend, Apigatewayv2Integration>();
    for (const backend of backends) {
      const { target, port } = backend;
      const listener = this.privateIntegration.listenerFor(target, port);
      out.set(
        backend,
        new Apigatewayv2Integration(this, `integration-${target.serviceName}-${port.id}`, {
          apiId: this.api.id,
          description: `${target.serviceName} on ${port.description}, through the private integration`,
          integrationType: "HTTP_PROXY",
          integrationMethod: "ANY",
          connectionType: "VPC_LINK",
          connectionId: this.privateIntegration.vpcLinkId,
          integrationUri: listener.listenerArn,
          payloadFormatVersion: "1.0",
          tlsConfig: { serverNameToVerify: props.backendServerName },
        }),
      );
    }
    return out;
  }

  private createRoutes(
    routes: readonly GatewayRoute[],
    authorizations: ReadonlyMap<string, HttpRouteAuthorization>,
    integrations: ReadonlyMap<HttpBackend, Apigatewayv2Integration>,
  ): Map<string, Apigatewayv2Route> {
    const out = new Map<string, Apigatewayv2Route>();
    for (const route of routes) {
      const key = httpRouteKey(route);
      const integration = [...integrations].find(([b]) => b.target === route.target && b.port.id === route.port.id)![1];
      const target = `integrations/${integration.id}`;
      let resource: Apigatewayv2Route;
      if (isAnonymous(route.authorizer)) {
        resource = new Apigatewayv2Route(this, httpRouteId(key), { apiId: this.api.id, routeKey: key, target, authorizationType: "NONE" });
        Policy.suppress(resource, ANONYMOUS_HTTP_ROUTE_RULE_ID, { reason: `authorizer none on ${KIND} "${this.node.id}" route "${key}": ${route.authorizer.reason.trim()}` });
      } else {
        const auth = authorizations.get(route.authorizer)!;
        const scopes = route.scopes ?? [];
        resource = new Apigatewayv2Route(this, httpRouteId(key), {
          apiId: this.api.id,
          routeKey: key,
          target,
          authorizationType: auth.authorizationType,
          authorizerId: auth.authorizer?.id,
          authorizationScopes: auth.scopes && scopes.length > 0 ? [...scopes] : undefined,
        });
      }
      out.set(key, resource);
    }
    return out;
  }
}

function validate(source: ErrorSource, props: HttpGatewayProps, env: IEnvironment): void {
  if (typeof props.name !== "string" || !NAME.test(props.name)) {
    throw new ValidationError(source, "name", `name "${String(props.name)}" must be a DNS label of at most 40 characters (lower-case letters, digits and "-").`);
  }
  if (!props.network) throw new ValidationError(source, "network", "network is required: the private integration's load balancer lives in its private tier.");
  validateHttpAuthorizers(source, props.authorizers, env);
  validateHttpRoutes(source, props.routes, props.authorizers);
  const certificate = `${env.arnPrefix}:acm:${env.region}:123456789012:certificate/...`;
  requireArns(source, "backendCertificateArn", [props.backendCertificateArn], env.partition, "acm", /^certificate\/.+/, certificate);
  requireHost(source, "backendServerName", props.backendServerName);
  if (!props.domain || typeof props.domain !== "object") {
    throw new ValidationError(source, "domain", "domain is required: { domainName, certificateArn }; the API is served only through its custom domain.");
  }
  requireHost(source, "domain.domainName", props.domain.domainName);
  requireArns(source, "domain.certificateArn", [props.domain.certificateArn], env.partition, "acm", /^certificate\/.+/, certificate);
  validateHttpEdge(source, props.edge, props.domain.domainName, env);
  validateTruststore(source, props);
  const stage = props.stageName ?? "$default";
  if (typeof stage !== "string" || !STAGE.test(stage)) {
    throw new ValidationError(source, "stageName", `stageName "${String(stage)}" must be "$default" or 1 to 128 letters, digits, "-" or "_".`);
  }
  validateThrottle(source, props.throttle ?? DEFAULT_HTTP_THROTTLE);
  const retention = props.logRetentionDays ?? DEFAULT_HTTP_LOG_RETENTION_DAYS;
  if (retention === 0 || !LOG_RETENTION_DAYS.includes(retention)) {
    throw new ValidationError(source, "logRetentionDays", `logRetentionDays ${retention} is not a retention CloudWatch Logs accepts; use 365 or one of ${LOG_RETENTION_DAYS.filter((d) => d > 0).join(", ")}.`);
  }
  requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns ?? [], env.partition, "iam", /^role\/.+/, `${env.arnPrefix}:iam::123456789012:role/platform-admin`);
}

function validateTruststore(source: ErrorSource, props: HttpGatewayProps): void {
  const pem = props.domain.truststorePem;
  if (pem === undefined) return;
  if (typeof pem !== "string" || (!isToken(pem) && !pem.includes("-----BEGIN CERTIFICATE-----"))) {
    throw new ValidationError(source, "domain.truststorePem", "domain.truststorePem must be PEM text holding at least one certificate (-----BEGIN CERTIFICATE-----).");
  }
  if (props.edge?.kind === "cloudfront") {
    throw new ValidationError(
      source,
      "domain.truststorePem",
      'mutual TLS on the custom domain refuses the CloudFront distribution, which presents no client certificate to its origin; use edge "none" with a reason, or leave truststorePem out.',
    );
  }
}

function requireHost(source: ErrorSource, prop: string, value: unknown): void {
  if (typeof value === "string" && (isToken(value) || HOST.test(value))) return;
  throw new ValidationError(source, prop, `${prop} "${String(value)}" is not a lower-case host name, e.g. "api.example.com".`);
}

function validateThrottle(source: ErrorSource, throttle: HttpGatewayThrottle): void {
  const { rateLimit, burstLimit } = throttle;
  if (typeof rateLimit !== "number" || !Number.isFinite(rateLimit) || rateLimit <= 0) {
    throw new ValidationError(source, "throttle.rateLimit", `throttle.rateLimit ${String(rateLimit)} must be a positive number of requests per second.`);
  }
  if (!Number.isInteger(burstLimit) || burstLimit <= 0) {
    throw new ValidationError(source, "throttle.burstLimit", `throttle.burstLimit ${String(burstLimit)} must be a positive whole number of requests.`);
  }
}
