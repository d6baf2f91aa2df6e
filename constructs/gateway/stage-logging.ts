import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { IEnvironment } from "../core/environment";
import { createCustomerManagedKey } from "../core/key";
import { logGroupKeyPolicy } from "../secrets/log-key-policy";
import { resourceTags } from "../network/tags";

/**
 * Fields of every access log line, as JSON: who called (source IP, IAM caller, Lambda authorizer principal, Cognito
 * token subject, client certificate subject), what (method, route, path, domain), how (TLS version and cipher), and
 * the outcome (status, WAF result, authorizer error, latency). Request and response bodies and tokens are never logged.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  caller: "$context.identity.caller",
  userArn: "$context.identity.userArn",
  principalId: "$context.authorizer.principalId",
  tokenSubject: "$context.authorizer.claims.sub",
  clientCertSubject: "$context.identity.clientCert.subjectDN",
  clientCertSerial: "$context.identity.clientCert.serialNumber",
  httpMethod: "$context.httpMethod",
  route: "$context.resourcePath",
  path: "$context.path",
  domainName: "$context.domainName",
  protocol: "$context.protocol",
  tlsVersion: "$context.tlsVersion",
  cipherSuite: "$context.cipherSuite",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integration.status",
  authorizerError: "$context.authorizer.error",
  wafStatus: "$context.waf.status",
  wafResponseCode: "$context.wafResponseCode",
  webAclArn: "$context.webaclArn",
};

/** The access log format: {@link ACCESS_LOG_FIELDS} as one JSON object per request. */
export const ACCESS_LOG_FORMAT = JSON.stringify(ACCESS_LOG_FIELDS);

/** Name of the access log group of a gateway. */
export function accessLogGroupName(gatewayName: string): string {
  return `/zt/gateway/${gatewayName}/access`;
}

/** Name of the execution log group API Gateway writes a stage's execution logs to. */
export function executionLogGroupName(restApiId: string, stageName: string): string {
  return `API-Gateway-Execution-Logs_${restApiId}/${stageName}`;
}

/** Properties of a {@link StageLogging}. */
export interface StageLoggingProps {
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** Id of the REST API (names the execution log group). */
  readonly restApiId: string;
  /** Name of the stage. */
  readonly stageName: string;
  /** Account, region and partition. */
  readonly env: IEnvironment;
  /** Days the logs are kept. */
  readonly retentionDays: number;
  /** Roles that administer (not use) the key. */
  readonly keyAdminRoleArns: readonly string[];
  /** Extra tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Where a stage's logs go: its access log group and its execution log group (made here, so API Gateway finds it
 * encrypted and with a retention instead of creating it without either), both encrypted with one customer-managed
 * key that only CloudWatch Logs of this region uses, and only for these two groups.
 */
export class StageLogging extends Construct {
  /** The key of both log groups. */
  readonly key: KmsKey;
  /** The access log group. */
  readonly accessLogGroup: CloudwatchLogGroup;
  /** The execution log group. */
  readonly executionLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: StageLoggingProps) {
    super(scope, id);
    const { env, gatewayName } = props;
    const accessName = accessLogGroupName(gatewayName);
    const executionName = executionLogGroupName(props.restApiId, props.stageName);
    this.key = createCustomerManagedKey(this, {
      description: `Encrypts the access and execution logs of gateway ${gatewayName}`,
      aliasName: `alias/zt/gateway/${gatewayName}/logs`,
      policy: logGroupKeyPolicy(env, { sid: "CloudWatchLogsForTheStageLogGroups", logGroupNames: [accessName, executionName], adminRoleArns: props.keyAdminRoleArns }),
      tags: resourceTags(props.tags, `${gatewayName}-gateway-logs`),
    }).key;
    this.accessLogGroup = new CloudwatchLogGroup(this, "access", {
      name: accessName,
      retentionInDays: props.retentionDays,
      kmsKeyId: this.key.arn,
      tags: resourceTags(props.tags, accessName),
    });
    this.executionLogGroup = new CloudwatchLogGroup(this, "execution", {
      name: executionName,
      retentionInDays: props.retentionDays,
      kmsKeyId: this.key.arn,
      tags: resourceTags(props.tags, `${gatewayName}-execution-logs`),
    });
  }
}
