/** Default interface endpoints of a SegmentedNetwork. */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly string[] = [
  "sts",
  "kms",
  "secretsmanager",
  "logs",
  "ssm",
  "ssmmessages",
  "ec2messages",
  "ecr.api",
  "ecr.dkr",
];

/** Interface endpoint service names mapped to the IAM action prefix their endpoint policy allows. */
export const KNOWN_INTERFACE_ENDPOINT_PREFIXES: Readonly<Record<string, string>> = {
  "acm-pca": "acm-pca",
  athena: "athena",
  autoscaling: "autoscaling",
  "codeartifact.api": "codeartifact",
  "codeartifact.repositories": "codeartifact",
  ec2: "ec2",
  ec2messages: "ec2messages",
  "ecr.api": "ecr",
  "ecr.dkr": "ecr",
  ecs: "ecs",
  "ecs-agent": "ecs",
  "ecs-telemetry": "ecs",
  eks: "eks",
  "eks-auth": "eks-auth",
  elasticfilesystem: "elasticfilesystem",
  elasticloadbalancing: "elasticloadbalancing",
  events: "events",
  "execute-api": "execute-api",
  glue: "glue",
  "kinesis-firehose": "firehose",
  "kinesis-streams": "kinesis",
  kms: "kms",
  lambda: "lambda",
  logs: "logs",
  monitoring: "cloudwatch",
  rds: "rds",
  secretsmanager: "secretsmanager",
  sns: "sns",
  sqs: "sqs",
  ssm: "ssm",
  ssmmessages: "ssmmessages",
  states: "states",
  sts: "sts",
  xray: "xray",
};

/** Services reached through gateway endpoints, which every SegmentedNetwork creates. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

/** A gateway endpoint service. */
export type GatewayEndpointService = (typeof GATEWAY_ENDPOINT_SERVICES)[number];

/** An interface endpoint with the IAM action prefix its policy allows. */
export interface ResolvedInterfaceEndpoint {
  /** Service name after `com.amazonaws.<region>.`. */
  readonly service: string;
  /** IAM action prefix allowed by the endpoint policy. */
  readonly actionPrefix: string;
}
