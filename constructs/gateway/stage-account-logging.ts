import { TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IEnvironment } from "../core/environment";
import { policyDocument } from "../core/policy-document";
import { resourceTags } from "../network/tags";
import { accessLogGroupName } from "./stage-logging";

/** Name of the role API Gateway writes CloudWatch Logs with, one per region of an account. */
export function accountLoggingRoleName(region: string): string {
  return `zt-apigateway-cloudwatch-${region}`;
}

/**
 * The account-wide API Gateway setting that execution and access logging need: the role API Gateway writes to
 * CloudWatch Logs with (`aws_api_gateway_account`, one per account and region). Made once per stack
 * ({@link StageAccountLogging.of}); the role trusts API Gateway of this account only, and writes only to execution log
 * groups (`API-Gateway-Execution-Logs_*`) and gateway access log groups (`/zt/gateway/*`) of this region.
 *
 * The setting is one value per account and region: with gateways in several stacks of one account, let one stack
 * make it and set `accountLogging: "existing"` on the gateways of the others.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
export class StageAccountLogging extends Construct {
  /** Construct id of the setting under its stack. */
  public static readonly CONSTRUCT_ID = "ZtApiGatewayAccountLogging";

  /** The setting of the stack `scope` is in, made on first use. */
  public static of(scope: IConstruct, env: IEnvironment): StageAccountLogging {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(StageAccountLogging.CONSTRUCT_ID);
    return existing instanceof StageAccountLogging ? existing : new StageAccountLogging(stack, env);
  }

  /** The role API Gateway writes logs with. */
  readonly role: IamRole;
  /** The account setting naming the role. */
  readonly account: ApiGatewayAccount;

  private constructor(stack: TerraformStack, env: IEnvironment) {
    super(stack, StageAccountLogging.CONSTRUCT_ID);
    const name = accountLoggingRoleName(env.region);
    this.role = new IamRole(this, "role", {
      name,
      description: "Lets API Gateway of this account write execution and access logs to CloudWatch Logs",
      maxSessionDuration: 3600,
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: `apigateway.${env.dnsSuffix}` },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": env.accountId } },
        },
      ]),
      tags: resourceTags({}, name),
    });
    const groups = (pattern: string) => {
      const arn = `${env.arnPrefix}:logs:${env.region}:${env.accountId}:log-group:${pattern}`;
      return [arn, `${arn}:*`];
    };
    new IamRolePolicy(this, "policy", {
      name: "write-api-gateway-logs",
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: "WriteExecutionAndAccessLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
          Resource: [...groups("API-Gateway-Execution-Logs_*"), ...groups(accessLogGroupName("*"))],
        },
        {
          Sid: "FindLogGroups",
          Effect: "Allow",
          Action: "logs:DescribeLogGroups",
          Resource: `${env.arnPrefix}:logs:${env.region}:${env.accountId}:log-group:*`,
        },
      ]),
    });
    this.account = new ApiGatewayAccount(this, "account", { cloudwatchRoleArn: this.role.arn });
  }
}
