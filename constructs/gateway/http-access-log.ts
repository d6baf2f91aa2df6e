import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { IEnvironment } from "../core/environment";
import { createEncryptedLogGroup } from "../secrets/log-key-policy";
import { resourceTags } from "../network/tags";

/**
 * Fields of every access log line of an HTTP gateway, as API Gateway fills them: who called (source IP, the JWT
 * subject, the IAM caller, the Lambda authorizer's principal, the mutual TLS client certificate), which route, with
 * what result, and why a request failed (authorizer and integration errors). HTTP APIs have no variable for the
 * negotiated TLS version (REST APIs do); the custom domain's `TLS_1_2` policy bounds it.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export const HTTP_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  domainName: "$context.domainName",
  routeKey: "$context.routeKey",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  jwtSubject: "$context.authorizer.claims.sub",
  jwtClientId: "$context.authorizer.claims.client_id",
  authorizerPrincipal: "$context.authorizer.principalId",
  iamCaller: "$context.identity.userArn",
  iamAccount: "$context.identity.accountId",
  clientCertSubject: "$context.identity.clientCert.subjectDN",
  authorizerError: "$context.authorizer.error",
  errorMessage: "$context.error.message",
  integrationStatus: "$context.integrationStatus",
  integrationError: "$context.integrationErrorMessage",
  integrationLatency: "$context.integrationLatency",
};

/** The access log format of an HTTP gateway stage: one JSON object per request with {@link HTTP_ACCESS_LOG_FIELDS}. */
export function httpAccessLogFormat(): string {
  return JSON.stringify(HTTP_ACCESS_LOG_FIELDS);
}

/** Name of the access log group of the HTTP gateway `name`. */
export function httpAccessLogGroupName(name: string): string {
  return `/zt/http-gateway/${name}/access-logs`;
}

/** Sid of the key policy statement that lets CloudWatch Logs use the access log key. */
const ACCESS_LOG_SID = "CloudWatchLogsForTheAccessLogGroup";

/** Properties of {@link HttpAccessLog}. */
export interface HttpAccessLogProps {
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** Account, region and partition of the gateway. */
  readonly env: IEnvironment;
  /** Days the access logs are kept. */
  readonly retentionDays: number;
  /** Roles that administer (not use) the key. */
  readonly keyAdminRoleArns: readonly string[];
  /** Tags of every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The access log group of an HTTP gateway stage, `/zt/http-gateway/<name>/access-logs`, encrypted with a dedicated
 * customer-managed key that only CloudWatch Logs uses, for this log group.
 */
export class HttpAccessLog extends Construct {
  /** Customer-managed key encrypting the log group. */
  readonly key: KmsKey;
  /** Alias `alias/zt/http-gateway/<name>/access-logs` of the key. */
  readonly keyAlias: KmsAlias;
  /** The log group. */
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: HttpAccessLogProps) {
    super(scope, id);
    const name = httpAccessLogGroupName(props.gatewayName);
    const made = createEncryptedLogGroup(this, {
      name,
      env: props.env,
      retentionDays: props.retentionDays,
      keyAdminRoleArns: props.keyAdminRoleArns,
      keyDescription: `Encrypts the access logs of HTTP gateway ${props.gatewayName}`,
      aliasName: `alias/zt/http-gateway/${props.gatewayName}/access-logs`,
      sid: ACCESS_LOG_SID,
      keyTags: resourceTags(props.tags, `${props.gatewayName}-access-logs`),
      logGroupTags: resourceTags(props.tags, name),
    });
    this.key = made.key;
    this.keyAlias = made.alias;
    this.logGroup = made.logGroup;
  }
}
