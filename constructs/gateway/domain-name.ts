import { Construct } from "constructs";
import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { resourceTags } from "../network/tags";
import { TruststoreBucket } from "./truststore-bucket";

/** The custom domain of a REST gateway. */
export interface RestGatewayDomain {
  /** DNS name clients call, e.g. `api.example.com` (point it at {@link RestDomain.regionalDomainName}). */
  readonly domainName: string;
  /** ARN of the ACM certificate for `domainName`, in the gateway's region. */
  readonly certificateArn: string;
  /**
   * PEM text of the certificate authorities that issue client certificates: turns on mutual TLS, so only clients
   * presenting a certificate that chains to one of them complete the TLS handshake.
   *
   * @default - no mutual TLS: clients are authenticated by the routes' authorizers only
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html
   */
  readonly truststorePem?: string;
}

/** TLS policy of the custom domain: TLS 1.2 at least (provider 5.100.0 offers TLS_1_0 and TLS_1_2). */
export const DOMAIN_SECURITY_POLICY = "TLS_1_2";

/** Properties of a {@link RestDomain}. */
export interface RestDomainProps {
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** The domain. */
  readonly domain: RestGatewayDomain;
  /** Id of the REST API mapped at the domain's root. */
  readonly restApiId: string;
  /** Name of the stage mapped at the domain's root. */
  readonly stageName: string;
  /** Roles that administer (not use) the truststore key. */
  readonly keyAdminRoleArns: readonly string[];
  /** Extra tags of every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A regional custom domain for a REST API stage, mapped at its root: `TLS_1_2` security policy and, with a
 * truststore, mutual TLS against the truststore object's current version (kept in a {@link TruststoreBucket}).
 */
export class RestDomain extends Construct {
  /** The domain name resource. */
  readonly domainName: ApiGatewayDomainName;
  /** The truststore, when mutual TLS is on. */
  readonly truststore?: TruststoreBucket;
  /** DNS name to point the custom domain at (an alias or CNAME record). */
  readonly regionalDomainName: string;
  /** Hosted zone of {@link RestDomain.regionalDomainName}, for an alias record. */
  readonly regionalZoneId: string;

  constructor(scope: Construct, id: string, props: RestDomainProps) {
    super(scope, id);
    const { domain, gatewayName } = props;
    if (domain.truststorePem !== undefined) {
      this.truststore = new TruststoreBucket(this, "truststore", {
        gatewayName,
        pem: domain.truststorePem,
        keyAdminRoleArns: props.keyAdminRoleArns,
        tags: props.tags,
      });
    }
    this.domainName = new ApiGatewayDomainName(this, "domain-name", {
      domainName: domain.domainName,
      regionalCertificateArn: domain.certificateArn,
      endpointConfiguration: { types: ["REGIONAL"] },
      securityPolicy: DOMAIN_SECURITY_POLICY,
      mutualTlsAuthentication: this.truststore ? { truststoreUri: this.truststore.uri, truststoreVersion: this.truststore.object.versionId } : undefined,
      tags: resourceTags(props.tags, domain.domainName),
    });
    new ApiGatewayBasePathMapping(this, "mapping", {
      apiId: props.restApiId,
      stageName: props.stageName,
      domainName: this.domainName.domainName,
    });
    this.regionalDomainName = this.domainName.regionalDomainName;
    this.regionalZoneId = this.domainName.regionalZoneId;
  }
}
