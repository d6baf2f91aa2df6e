import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { IEnvironment } from "../core/environment";
import { ErrorSource, ValidationError } from "../core/errors";
import { isToken, requireArns } from "../core/validate";
import { resourceTags } from "../network/tags";
import { GatewayWebAcl } from "./web-acl";

/**
 * The WAF-protected CloudFront distribution in front of an HTTP gateway: HTTP APIs cannot carry a WAFv2 web ACL, so
 * the web ACL filters requests at the edge.
 */
export interface HttpGatewayCloudFrontEdge {
  /** Edge kind. */
  readonly kind: "cloudfront";
  /**
   * Web ACL of the distribution: a {@link GatewayWebAcl} of scope `CLOUDFRONT`, which the caller creates with a
   * us-east-1 provider.
   */
  readonly webAcl: GatewayWebAcl;
  /** ACM certificate in us-east-1 covering every alias (CloudFront reads viewer certificates from us-east-1 only). */
  readonly certificateArn: string;
  /** Host names viewers call (the distribution's aliases); at least one, none equal to the API's custom domain. */
  readonly aliases: string[];
  /**
   * A shared secret CloudFront sends to the API in the {@link ORIGIN_VERIFY_HEADER} header. Every Lambda authorizer
   * of the gateway requires the header (API Gateway answers 401 without calling the function when it is missing) and
   * should compare its value. JWT and IAM routes cannot check a header: see {@link HttpGateway} for the gap. The value
   * is stored in the Terraform state; pass a sensitive variable.
   *
   * @default - no origin header
   */
  readonly originSecret?: string;
  /**
   * Domain name of the S3 bucket (`<bucket>.s3.amazonaws.com`) receiving CloudFront's standard access logs. Such a
   * bucket needs ACLs enabled (object ownership `BucketOwnerPreferred`), so none is created here; the web ACL already
   * logs every request to a customer-managed-key log group.
   *
   * @default - no CloudFront standard logs (the web ACL's logs cover every request)
   */
  readonly logBucket?: string;
  /**
   * Provider of the distribution (CloudFront is global; any AWS provider of the account works).
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** No edge in front of the API: a decision recorded as a suppression of ZT-GW-017 with its reason. */
export interface HttpGatewayNoEdge {
  /** Edge kind. */
  readonly kind: "none";
  /** Why the API needs no WAF in front (at least 10 characters); shown in every policy report. */
  readonly reason: string;
}

/** What stands in front of an HTTP gateway: a WAF-protected CloudFront distribution, or nothing, with a reason. */
export type HttpGatewayEdge = HttpGatewayCloudFrontEdge | HttpGatewayNoEdge;

/** Header CloudFront adds to every request it forwards to the API when an origin secret is given. */
export const ORIGIN_VERIFY_HEADER = "X-Zt-Origin-Verify";

/**
 * AWS managed cache policy `CachingDisabled`: an API's responses are never cached at the edge, and the Authorization
 * header may then be forwarded by the origin request policy.
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
 */
export const CACHING_DISABLED_POLICY_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
/**
 * AWS managed origin request policy `AllViewerExceptHostHeader`: every viewer header, cookie and query string except
 * Host, so API Gateway sees its own custom domain.
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 */
export const ALL_VIEWER_EXCEPT_HOST_POLICY_ID = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** Region of the ACM certificates CloudFront serves. */
const CERTIFICATE_REGION = "us-east-1";
/** A host name: dot-separated DNS labels, a leading `*.` allowed. */
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** Every method an API route may serve. */
const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];
/** Origin id of the API in the distribution. */
const ORIGIN_ID = "api";

/** Throws unless `edge` is an explicit, complete choice; `apiDomain` is the API's custom domain name. */
export function validateHttpEdge(source: ErrorSource, edge: HttpGatewayEdge | undefined, apiDomain: string, env: IEnvironment): void {
  if (edge === undefined || edge === null || typeof edge !== "object") {
    throw new ValidationError(
      source,
      "edge",
      'edge is required: HTTP APIs cannot carry a WAFv2 web ACL, so choose { kind: "cloudfront", webAcl, certificateArn, aliases } or { kind: "none", reason }.',
    );
  }
  if (edge.kind === "none") {
    if (typeof edge.reason !== "string" || edge.reason.trim().length < 10) {
      throw new ValidationError(source, "edge.reason", 'edge "none" needs a reason of at least 10 characters saying why no WAF filters the API\'s requests.');
    }
    return;
  }
  if (edge.kind !== "cloudfront") {
    throw new ValidationError(source, "edge.kind", `edge kind "${String((edge as { kind?: unknown }).kind)}" is not one; use "cloudfront" or "none".`);
  }
  validateCloudFront(source, edge, apiDomain, env);
}

function validateCloudFront(source: ErrorSource, edge: HttpGatewayCloudFrontEdge, apiDomain: string, env: IEnvironment): void {
  if (!(edge.webAcl instanceof GatewayWebAcl)) throw new ValidationError(source, "edge.webAcl", "edge.webAcl must be a GatewayWebAcl of scope CLOUDFRONT.");
  if (edge.webAcl.scope !== "CLOUDFRONT") {
    throw new ValidationError(source, "edge.webAcl", `edge.webAcl has scope "${edge.webAcl.scope}"; a distribution takes a web ACL of scope "CLOUDFRONT" (created in us-east-1).`);
  }
  requireArns(source, "edge.certificateArn", [edge.certificateArn], env.partition, "acm", /^certificate\/.+/, `arn:aws:acm:${CERTIFICATE_REGION}:123456789012:certificate/...`);
  const region = typeof edge.certificateArn === "string" ? edge.certificateArn.split(":")[3] : undefined;
  if (!isToken(edge.certificateArn) && region !== CERTIFICATE_REGION) {
    throw new ValidationError(source, "edge.certificateArn", `edge.certificateArn is in ${region}; CloudFront serves ACM certificates from ${CERTIFICATE_REGION} only.`);
  }
  if (!Array.isArray(edge.aliases) || edge.aliases.length === 0) {
    throw new ValidationError(source, "edge.aliases", "edge.aliases is empty; name the host names viewers call (the certificate must cover them).");
  }
  for (const alias of edge.aliases) {
    if (typeof alias !== "string" || !HOST.test(alias)) throw new ValidationError(source, "edge.aliases", `alias "${String(alias)}" is not a lower-case host name.`);
    if (alias === apiDomain) {
      throw new ValidationError(source, "edge.aliases", `alias "${alias}" is the API's own custom domain; viewers call the distribution under another name, and the distribution calls the API's domain.`);
    }
  }
  if (edge.originSecret !== undefined && (typeof edge.originSecret !== "string" || edge.originSecret.length < 16)) {
    throw new ValidationError(source, "edge.originSecret", "edge.originSecret must be at least 16 characters (a random secret, from a sensitive variable).");
  }
}

/** Properties of {@link HttpGatewayDistribution}. */
export interface HttpGatewayDistributionProps {
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** The edge settings. */
  readonly edge: HttpGatewayCloudFrontEdge;
  /** Custom domain of the API (a reference to its `aws_apigatewayv2_domain_name`), the distribution's origin. */
  readonly originDomainName: string;
  /** Tags of the distribution. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A CloudFront distribution in front of an HTTP API's custom domain: viewers over HTTPS only with TLS 1.2 or later
 * (`TLSv1.2_2021`, SNI), the origin over HTTPS only with TLS 1.2, the web ACL on every request, no caching, every
 * viewer header but Host forwarded, and the origin secret header when one is given.
 */
export class HttpGatewayDistribution extends Construct {
  /** The distribution. */
  readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: HttpGatewayDistributionProps) {
    super(scope, id);
    const { edge } = props;
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: `Edge of HTTP gateway ${props.gatewayName}`,
      aliases: [...edge.aliases],
      webAclId: edge.webAcl.arn,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      origin: [
        {
          originId: ORIGIN_ID,
          domainName: props.originDomainName,
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
          customHeader: edge.originSecret === undefined ? undefined : [{ name: ORIGIN_VERIFY_HEADER, value: edge.originSecret }],
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: "https-only",
        allowedMethods: ALL_METHODS,
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: CACHING_DISABLED_POLICY_ID,
        originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_POLICY_ID,
        compress: true,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { acmCertificateArn: edge.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
      loggingConfig: edge.logBucket === undefined ? undefined : { bucket: edge.logBucket, prefix: `${props.gatewayName}/`, includeCookies: false },
      tags: resourceTags(props.tags, `${props.gatewayName}-edge`),
      provider: edge.provider,
    });
  }
}
