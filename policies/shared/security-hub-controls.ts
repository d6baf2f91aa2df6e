/**
 * AWS Security Hub controls the pack maps its rules to (`RuleReferences.securityHub`), and the coverage domains:
 * every control of the AWS Foundational Security Best Practices standard v1.0.0 (FSBP) for EC2 (with the VPC, EBS,
 * VPN, Transit Gateway and Client VPN controls numbered EC2.*), IAM, KMS, Secrets Manager, API Gateway, Elastic Load
 * Balancing, EKS, WAF and Systems Manager. Controls of other services appear only when a rule names them.
 *
 * Source: "AWS Foundational Security Best Practices standard in Security Hub CSPM", the list "Controls that apply to
 * the standard" (docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html), and the per-service control
 * pages (ec2-controls.html, iam-controls.html, cloudtrail-controls.html, ecr-controls.html, sns-controls.html) for the
 * controls of other standards; read on 2026-12-07. Controls Security Hub has retired are not in that list and are left
 * out here (EC2.22, for example). Titles are Security Hub's own.
 *
 * A control is judged from the Terraform configuration or plan unless it carries `runtimeOnly`: the one-line reason
 * that only the running account can tell. Plain data: nothing here imports the engine or a rule.
 */

/** The services whose FSBP controls the coverage table of docs/rules.md reports, in table order. */
export const COVERAGE_SERVICES = ["EC2", "IAM", "KMS", "SecretsManager", "APIGateway", "ELB", "EKS", "WAF", "SSM"] as const;

/** A service of the coverage table. */
export type CoverageService = (typeof COVERAGE_SERVICES)[number];

/** The Security Hub standard a control belongs to: FSBP, or for controls outside FSBP one standard that holds it. */
export type SecurityHubStandard = "fsbp" | "cis" | "nist-800-53" | "pci-dss";

/** One Security Hub control. */
export interface SecurityHubControl {
  /** Control id, `<service>.<number>`, e.g. `EC2.8`. */
  readonly id: string;
  /** Security Hub's title of the control. */
  readonly title: string;
  /** The standard the control is taken from. */
  readonly standard: SecurityHubStandard;
  /** Why the control cannot be judged before apply; absent when a configuration or plan can decide it. */
  readonly runtimeOnly?: string;
}

/** Shorthand for an FSBP control a plan can decide. */
function fsbp(id: string, title: string): SecurityHubControl {
  return { id, title, standard: "fsbp" };
}

/** Shorthand for an FSBP control only the running account can decide. */
function runtime(id: string, title: string, reason: string): SecurityHubControl {
  return { id, title, standard: "fsbp", runtimeOnly: reason };
}

/** FSBP controls of the coverage services. */
const COVERAGE_CONTROLS: readonly SecurityHubControl[] = [
  fsbp("EC2.1", "Amazon EBS snapshots should not be publicly restorable"),
  fsbp("EC2.2", "VPC default security groups should not allow inbound or outbound traffic"),
  fsbp("EC2.3", "Attached Amazon EBS volumes should be encrypted at-rest"),
  runtime("EC2.4", "Stopped EC2 instances should be removed after a specified time period", "how long an instance has been stopped is a runtime state"),
  fsbp("EC2.6", "VPC flow logging should be enabled in all VPCs"),
  fsbp("EC2.7", "EBS default encryption should be enabled"),
  fsbp("EC2.8", "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)"),
  fsbp("EC2.9", "Amazon EC2 instances should not have a public IPv4 address"),
  fsbp("EC2.10", "Amazon EC2 should be configured to use VPC endpoints that are created for the Amazon EC2 service"),
  fsbp("EC2.15", "Amazon EC2 subnets should not automatically assign public IP addresses"),
  fsbp("EC2.16", "Unused Network Access Control Lists should be removed"),
  fsbp("EC2.17", "Amazon EC2 instances should not use multiple ENIs"),
  fsbp("EC2.18", "Security groups should only allow unrestricted incoming traffic for authorized ports"),
  fsbp("EC2.19", "Security groups should not allow unrestricted access to ports with high risk"),
  runtime("EC2.20", "Both VPN tunnels for an AWS Site-to-Site VPN connection should be up", "whether a VPN tunnel is up is a runtime state"),
  fsbp("EC2.21", "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389"),
  fsbp("EC2.23", "Amazon EC2 Transit Gateways should not automatically accept VPC attachment requests"),
  fsbp("EC2.24", "Amazon EC2 paravirtual instance types should not be used"),
  fsbp("EC2.25", "Amazon EC2 launch templates should not assign public IPs to network interfaces"),
  fsbp("EC2.51", "EC2 Client VPN endpoints should have client connection logging enabled"),
  fsbp("EC2.55", "VPCs should be configured with an interface endpoint for ECR API"),
  fsbp("EC2.56", "VPCs should be configured with an interface endpoint for Docker Registry"),
  fsbp("EC2.57", "VPCs should be configured with an interface endpoint for Systems Manager"),
  fsbp("EC2.58", "VPCs should be configured with an interface endpoint for Systems Manager Incident Manager Contacts"),
  fsbp("EC2.60", "VPCs should be configured with an interface endpoint for Systems Manager Incident Manager"),
  fsbp("EC2.170", "EC2 launch templates should use Instance Metadata Service Version 2 (IMDSv2)"),
  fsbp("EC2.171", "EC2 VPN connections should have logging enabled"),
  fsbp("EC2.172", "EC2 VPC Block Public Access settings should block internet gateway traffic"),
  fsbp("EC2.173", "EC2 Spot Fleet requests with launch parameters should enable encryption for attached EBS volumes"),
  fsbp("EC2.180", "EC2 network interfaces should have source/destination checking enabled"),
  fsbp("EC2.181", "EC2 launch templates should enable encryption for attached EBS volumes"),

  fsbp("IAM.1", 'IAM policies should not allow full "*" administrative privileges'),
  fsbp("IAM.2", "IAM users should not have IAM policies attached"),
  runtime("IAM.3", "IAM users' access keys should be rotated every 90 days or less", "a key's age is known only once the key exists"),
  runtime("IAM.4", "IAM root user access key should not exist", "the root user's access keys cannot be managed by Terraform"),
  fsbp("IAM.5", "MFA should be enabled for all IAM users that have a console password"),
  runtime("IAM.6", "Hardware MFA should be enabled for the root user", "the root user's MFA device cannot be managed by Terraform"),
  fsbp("IAM.7", "Password policies for IAM users should have strong configurations"),
  runtime("IAM.8", "Unused IAM user credentials should be removed", "when a credential was last used is a runtime record"),
  fsbp("IAM.21", "IAM customer managed policies that you create should not allow wildcard actions for services"),

  fsbp("KMS.1", "IAM customer managed policies should not allow decryption actions on all KMS keys"),
  fsbp("KMS.2", "IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys"),
  runtime("KMS.3", "AWS KMS keys should not be deleted unintentionally", "a key pending deletion is a state reached by scheduling its deletion, not a setting of the key"),
  fsbp("KMS.5", "KMS keys should not be publicly accessible"),

  fsbp("SecretsManager.1", "Secrets Manager secrets should have automatic rotation enabled"),
  runtime("SecretsManager.2", "Secrets Manager secrets configured with automatic rotation should rotate successfully", "whether a rotation succeeded is known only once it has run"),
  runtime("SecretsManager.3", "Remove unused Secrets Manager secrets", "when a secret was last read is a runtime record"),
  fsbp("SecretsManager.4", "Secrets Manager secrets should be rotated within a specified number of days"),

  fsbp("APIGateway.1", "API Gateway REST and WebSocket API execution logging should be enabled"),
  fsbp("APIGateway.2", "API Gateway REST API stages should be configured to use SSL certificates for backend authentication"),
  fsbp("APIGateway.3", "API Gateway REST API stages should have AWS X-Ray tracing enabled"),
  fsbp("APIGateway.4", "API Gateway should be associated with a WAF Web ACL"),
  fsbp("APIGateway.5", "API Gateway REST API cache data should be encrypted at rest"),
  fsbp("APIGateway.8", "API Gateway routes should specify an authorization type"),
  fsbp("APIGateway.9", "Access logging should be configured for API Gateway V2 Stages"),

  fsbp("ELB.1", "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS"),
  fsbp("ELB.2", "Classic Load Balancers with SSL/HTTPS listeners should use a certificate provided by AWS Certificate Manager"),
  fsbp("ELB.3", "Classic Load Balancer listeners should be configured with HTTPS or TLS termination"),
  fsbp("ELB.4", "Application Load Balancer should be configured to drop invalid http headers"),
  fsbp("ELB.5", "Application and Classic Load Balancers logging should be enabled"),
  fsbp("ELB.6", "Application, Gateway, and Network Load Balancers should have deletion protection enabled"),
  fsbp("ELB.7", "Classic Load Balancers should have connection draining enabled"),
  fsbp("ELB.8", "Classic Load Balancers with SSL listeners should use a predefined security policy that has strong AWS Configuration"),
  fsbp("ELB.9", "Classic Load Balancers should have cross-zone load balancing enabled"),
  fsbp("ELB.10", "Classic Load Balancer should span multiple Availability Zones"),
  fsbp("ELB.12", "Application Load Balancer should be configured with defensive or strictest desync mitigation mode"),
  fsbp("ELB.13", "Application, Network and Gateway Load Balancers should span multiple Availability Zones"),
  fsbp("ELB.14", "Classic Load Balancer should be configured with defensive or strictest desync mitigation mode"),
  fsbp("ELB.17", "Application and Network Load Balancers with listeners should use recommended security policies"),
  fsbp("ELB.18", "Application and Network Load Balancer listeners should use secure protocols to encrypt data in transit"),

  fsbp("EKS.1", "EKS cluster endpoints should not be publicly accessible"),
  fsbp("EKS.2", "EKS clusters should run on a supported Kubernetes version"),
  fsbp("EKS.3", "EKS clusters should use encrypted Kubernetes secrets"),
  fsbp("EKS.8", "EKS clusters should have audit logging enabled"),

  fsbp("WAF.1", "AWS WAF Classic Global Web ACL logging should be enabled"),
  fsbp("WAF.2", "AWS WAF Classic Regional rules should have at least one condition"),
  fsbp("WAF.3", "AWS WAF Classic Regional rule groups should have at least one rule"),
  fsbp("WAF.4", "AWS WAF Classic Regional web ACLs should have at least one rule or rule group"),
  fsbp("WAF.6", "AWS WAF Classic global rules should have at least one condition"),
  fsbp("WAF.7", "AWS WAF Classic global rule groups should have at least one rule"),
  fsbp("WAF.8", "AWS WAF Classic global web ACLs should have at least one rule or rule group"),
  fsbp("WAF.10", "AWS WAF web ACLs should have at least one rule or rule group"),
  fsbp("WAF.12", "AWS WAF rules should have CloudWatch metrics enabled"),

  runtime("SSM.1", "Amazon EC2 instances should be managed by AWS Systems Manager", "an instance is managed once its agent has registered after launch"),
  runtime(
    "SSM.2",
    "Amazon EC2 instances managed by Systems Manager should have a patch compliance status of COMPLIANT after a patch installation",
    "patch compliance is reported by the running instance",
  ),
  runtime(
    "SSM.3",
    "Amazon EC2 instances managed by Systems Manager should have an association compliance status of COMPLIANT",
    "association compliance is reported by the running instance",
  ),
  fsbp("SSM.4", "SSM documents should not be public"),
  fsbp("SSM.6", "SSM Automation should have CloudWatch logging enabled"),
  fsbp("SSM.7", "SSM documents should have the block public sharing setting enabled"),
];

/** Controls of other services that rules name, and newer controls the list above lacks. They count in no coverage figure. */
const OTHER_CONTROLS: readonly SecurityHubControl[] = [
  // Newer than the stored copy of the FSBP list read for this catalog: id and title as Security Hub findings name it,
  // not yet read from an AWS page, so it stays out of the coverage figures until it is.
  fsbp("EC2.182", "Block public access settings should be enabled for EBS snapshots"),
  fsbp("AutoScaling.3", "Amazon EC2 Auto Scaling group launch configurations should configure EC2 instances to require Instance Metadata Service Version 2 (IMDSv2)"),
  fsbp("AutoScaling.5", "Amazon EC2 instances launched using Amazon EC2 Auto Scaling group launch configurations should not have Public IP addresses"),
  fsbp("CloudFront.3", "CloudFront distributions should require encryption in transit"),
  fsbp("CloudTrail.1", "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events"),
  fsbp("CloudTrail.2", "CloudTrail should have encryption at-rest enabled"),
  fsbp("CloudTrail.4", "CloudTrail log file validation should be enabled"),
  fsbp("CloudTrail.5", "CloudTrail trails should be integrated with Amazon CloudWatch Logs"),
  { id: "CloudTrail.6", title: "Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible", standard: "cis" },
  { id: "CloudTrail.7", title: "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket", standard: "cis" },
  fsbp("Config.1", "AWS Config should be enabled and use the service-linked role for resource recording"),
  fsbp("DMS.1", "Database Migration Service replication instances should not be public"),
  fsbp("DocumentDB.1", "Amazon DocumentDB clusters should be encrypted at rest"),
  fsbp("ECR.1", "ECR private repositories should have image scanning configured"),
  fsbp("ECR.2", "ECR private repositories should have tag immutability configured"),
  fsbp("ECR.3", "ECR repositories should have at least one lifecycle policy configured"),
  { id: "ECR.5", title: "ECR repositories should be encrypted with customer managed AWS KMS keys", standard: "nist-800-53" },
  fsbp("ECS.2", "ECS services should not have public IP addresses assigned to them automatically"),
  fsbp("ECS.3", "ECS task definitions should not share the host's process namespace"),
  fsbp("ECS.4", "ECS containers should run as non-privileged"),
  fsbp("ECS.5", "ECS containers should be limited to read-only access to root filesystems"),
  fsbp("EFS.1", "Elastic File System should be configured to encrypt file data at-rest using AWS KMS"),
  fsbp("EFS.8", "EFS file systems should be encrypted at rest"),
  fsbp("ElastiCache.4", "ElastiCache replication groups should be encrypted at rest"),
  fsbp("ElastiCache.5", "ElastiCache replication groups should be encrypted in transit"),
  fsbp("ES.1", "Elasticsearch domains should have encryption at-rest enabled"),
  fsbp("ES.3", "Elasticsearch domains should encrypt data sent between nodes"),
  fsbp("GuardDuty.1", "GuardDuty should be enabled"),
  fsbp("GuardDuty.5", "GuardDuty EKS Audit Log Monitoring should be enabled"),
  { id: "IAM.10", title: "Password policies for IAM users should have strong configurations", standard: "pci-dss" },
  { id: "IAM.11", title: "Ensure IAM password policy requires at least one uppercase letter", standard: "cis" },
  { id: "IAM.12", title: "Ensure IAM password policy requires at least one lowercase letter", standard: "cis" },
  { id: "IAM.13", title: "Ensure IAM password policy requires at least one symbol", standard: "cis" },
  { id: "IAM.14", title: "Ensure IAM password policy requires at least one number", standard: "cis" },
  { id: "IAM.15", title: "Ensure IAM password policy requires minimum password length of 14 or greater", standard: "cis" },
  { id: "IAM.16", title: "Ensure IAM password policy prevents password reuse", standard: "cis" },
  { id: "IAM.17", title: "Ensure IAM password policy expires passwords within 90 days or less", standard: "cis" },
  fsbp("Kinesis.1", "Kinesis streams should be encrypted at rest"),
  fsbp("MSK.1", "MSK clusters should be encrypted in transit among broker nodes"),
  fsbp("Neptune.1", "Neptune DB clusters should be encrypted at rest"),
  fsbp("Opensearch.1", "OpenSearch domains should have encryption at rest enabled"),
  fsbp("Opensearch.3", "OpenSearch domains should encrypt data sent between nodes"),
  fsbp("RDS.2", "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration"),
  fsbp("RDS.3", "RDS DB instances should have encryption at-rest enabled"),
  fsbp("RDS.10", "IAM authentication should be configured for RDS instances"),
  fsbp("RDS.12", "IAM authentication should be configured for RDS clusters"),
  fsbp("RDS.27", "RDS DB clusters should be encrypted at rest"),
  fsbp("Redshift.1", "Amazon Redshift clusters should prohibit public access"),
  fsbp("Redshift.10", "Redshift clusters should be encrypted at rest"),
  fsbp("S3.5", "S3 general purpose buckets should require requests to use SSL"),
  { id: "SNS.1", title: "SNS topics should be encrypted at-rest using AWS KMS", standard: "nist-800-53" },
  fsbp("SNS.4", "SNS topic access policies should not allow public access"),
  fsbp("SQS.1", "Amazon SQS queues should be encrypted at rest"),
  fsbp("SQS.3", "SQS queue access policies should not allow public access"),
];

/** Every control of the catalog: the coverage services' FSBP controls first, then the others rules name. */
export const SECURITY_HUB_CONTROLS: readonly SecurityHubControl[] = [...COVERAGE_CONTROLS, ...OTHER_CONTROLS];

const BY_ID: ReadonlyMap<string, SecurityHubControl> = new Map(SECURITY_HUB_CONTROLS.map((c) => [c.id, c]));

/** The control with this id, or undefined when the catalog does not hold it. */
export function securityHubControl(id: string): SecurityHubControl | undefined {
  return BY_ID.get(id);
}

/** The service part of a control id: `EC2` of `EC2.8`. */
export function controlService(id: string): string {
  const dot = id.indexOf(".");
  return dot < 0 ? id : id.slice(0, dot);
}

/** The FSBP controls of one coverage service, in control number order. */
export function coverageControls(service: CoverageService): readonly SecurityHubControl[] {
  return COVERAGE_CONTROLS.filter((c) => controlService(c.id) === service).sort((a, b) => controlNumber(a.id) - controlNumber(b.id));
}

function controlNumber(id: string): number {
  return Number(id.slice(id.indexOf(".") + 1));
}
