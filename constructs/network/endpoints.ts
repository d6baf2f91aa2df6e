import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Connections, IConnectable, Peer } from "../core/connections";
import { ValidationError, sourceOf } from "../core/errors";
import { PolicyStatementJson, policyDocument } from "../core/policy-document";
import { Port } from "../core/port";
import { GATEWAY_ENDPOINT_SERVICES, GatewayEndpointService, ResolvedInterfaceEndpoint } from "./endpoint-services";
import { awsOwnedBucketObjectArns } from "./aws-owned-buckets";
import { PLATFORM_TAG } from "../../policies/shared/service-graph";
import { resourceTags } from "./tags";

/** Properties of {@link VpcEndpoints}. */
export interface VpcEndpointsProps {
  /** VPC of the endpoints. */
  readonly vpcId: string;
  /** Network name used in Name tags. */
  readonly name: string;
  /** Region of the VPC. */
  readonly region: string;
  /** Account whose principals may use the endpoints. */
  readonly accountId: string;
  /** ARN partition of the region. */
  readonly partition: string;
  /** Route tables that get routes to the gateway endpoints. */
  readonly gatewayRouteTableIds: string[];
  /** Subnets hosting the interface endpoints, one per availability zone. */
  readonly interfaceSubnetIds: string[];
  /** Subnet CIDRs admitted on TCP 443 by the endpoint security group (empty: only groups admitted one by one). */
  readonly clientCidrs: string[];
  /** Interface endpoints to create. */
  readonly interfaceEndpoints: readonly ResolvedInterfaceEndpoint[];
  /** Extra tags for every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Interface endpoint services whose policy also requires the resource to be in this account
 * (`aws:ResourceAccount`), with the service's actions that name no resource (so no resource account), which
 * stay allowed for the account's principals without that condition. Other services keep the principal
 * condition only: their agents call actions without resources (SSM, Session Manager, ECR authorization tokens),
 * or read resources of other accounts by design (ECR images AWS publishes from its own registries).
 */
export const RESOURCE_ACCOUNT_SCOPED_SERVICES: Readonly<Record<string, readonly string[]>> = {
  kms: ["kms:CreateKey", "kms:GenerateRandom", "kms:ListAliases", "kms:ListKeys"],
  secretsmanager: ["secretsmanager:BatchGetSecretValue", "secretsmanager:GetRandomPassword", "secretsmanager:ListSecrets"],
};

function accountOnlyStatement(actionPrefix: string, accountId: string, resourceInAccount: boolean): PolicyStatementJson {
  return {
    Sid: resourceInAccount ? "OnlyThisAccountsPrincipalsAndResources" : "OnlyPrincipalsOfThisAccount",
    Effect: "Allow",
    Principal: "*",
    Action: `${actionPrefix}:*`,
    Resource: "*",
    Condition: { StringEquals: { "aws:PrincipalAccount": accountId, ...(resourceInAccount ? { "aws:ResourceAccount": accountId } : {}) } },
  };
}

/**
 * Policy of a gateway endpoint: every `s3:*` or `dynamodb:*` action, but only for principals of `accountId`
 * on buckets and tables of `accountId` (`aws:ResourceAccount`), so a principal of this account cannot copy data
 * to another account's bucket or table through the endpoint. The S3 endpoint also lets anyone read the objects
 * of the AWS-owned buckets of {@link AWS_OWNED_BUCKETS} (ECR image layers, Amazon Linux repositories, SSM Agent
 * buckets), which hosts and AWS services need; ECR's bucket only when `endpointPrefixes` includes `ecr`, because
 * those downloads use URLs presigned by ECR rather than by a principal of this account.
 */
export function gatewayEndpointPolicy(
  service: GatewayEndpointService,
  accountId: string,
  region: string,
  partition: string,
  endpointPrefixes: readonly string[],
): string {
  const statements = [accountOnlyStatement(service, accountId, true)];
  if (service === "s3") {
    statements.push({
      Sid: "ReadAwsOwnedBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: awsOwnedBucketObjectArns(partition, region, endpointPrefixes),
    });
  }
  return policyDocument(statements);
}

/**
 * Policy of an interface endpoint: `<prefix>:*` for principals of `accountId` only; for the services of
 * {@link RESOURCE_ACCOUNT_SCOPED_SERVICES}, also only on resources of `accountId`, plus their actions without
 * resources. The STS endpoint also passes `sts:AssumeRoleWithWebIdentity`, which is called without AWS
 * credentials (so it carries no principal account), but only for roles of `accountId`; the trust policy of the
 * target role still decides.
 */
export function interfaceEndpointPolicy(endpoint: ResolvedInterfaceEndpoint, accountId: string, partition: string): string {
  const resourceLess = RESOURCE_ACCOUNT_SCOPED_SERVICES[endpoint.service];
  const statements = [accountOnlyStatement(endpoint.actionPrefix, accountId, resourceLess !== undefined)];
  if (resourceLess !== undefined) {
    statements.push({
      Sid: "ActionsWithoutResourcesForThisAccount",
      Effect: "Allow",
      Principal: "*",
      Action: [...resourceLess],
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": accountId } },
    });
  }
  if (endpoint.actionPrefix === "sts") {
    statements.push({
      Sid: "WebIdentityFederationToThisAccountsRoles",
      Effect: "Allow",
      Principal: "*",
      Action: "sts:AssumeRoleWithWebIdentity",
      Resource: `arn:${partition}:iam::${accountId}:role/*`,
    });
  }
  return policyDocument(statements);
}

/** Construct id of an interface endpoint. */
function endpointId(service: string): string {
  return `interface-${service.replace(/\./g, "-")}`;
}

/**
 * Gateway endpoints for S3 and DynamoDB on the given route tables, and interface endpoints with
 * private DNS behind a security group that admits only TCP 443 from the given subnet CIDRs and has
 * no egress rules.
 */
export class VpcEndpoints extends Construct implements IConnectable {
  /** Gateway endpoints by service. */
  public readonly gateway: Readonly<Record<GatewayEndpointService, VpcEndpoint>>;
  /** Interface endpoints by service name. */
  public readonly interface: ReadonlyMap<string, VpcEndpoint>;
  /** Security group of the interface endpoints; undefined when there are none. */
  public readonly securityGroup?: SecurityGroup;
  // Connections of the endpoint security group (start).
  private readonly endpointConnections?: Connections;
  // Connections of the endpoint security group (end).

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const endpointPrefixes = props.interfaceEndpoints.map((endpoint) => endpoint.actionPrefix);
    const gateway = {} as Record<GatewayEndpointService, VpcEndpoint>;
    for (const service of GATEWAY_ENDPOINT_SERVICES) {
      gateway[service] = new VpcEndpoint(this, `gateway-${service}`, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Gateway",
        routeTableIds: props.gatewayRouteTableIds,
        policy: gatewayEndpointPolicy(service, props.accountId, props.region, props.partition, endpointPrefixes),
        tags: resourceTags(props.tags, `${props.name}-${service}`),
      });
    }
    this.gateway = gateway;

    const interfaces = new Map<string, VpcEndpoint>();
    this.interface = interfaces;
    if (props.interfaceEndpoints.length === 0) {
      return;
    }
    const securityGroup = new SecurityGroup(this, "security-group", {
      name: `${props.name}-vpc-endpoints`,
      description: props.clientCidrs.length > 0 ? "Interface VPC endpoints: HTTPS from the private and isolated tiers only" : "Interface VPC endpoints: HTTPS from admitted workload groups only",
      vpcId: props.vpcId,
      tags: { ...resourceTags(props.tags, `${props.name}-vpc-endpoints`), [PLATFORM_TAG]: "vpc-endpoints" },
    });
    this.securityGroup = securityGroup;
    // Connections of the endpoint security group (start).
    this.endpointConnections = new Connections({
      source: sourceOf("SegmentedNetwork", scope),
      securityGroup: { scope: this, securityGroupId: securityGroup.id, tags: resourceTags(props.tags, `${props.name}-vpc-endpoints-https-from-sg`) },
      defaultPort: Port.HTTPS,
    });
    // Connections of the endpoint security group (end).
    for (const cidr of props.clientCidrs) {
      new VpcSecurityGroupIngressRule(this, `https-from-${cidr.replace(/[./]/g, "-")}`, {
        securityGroupId: securityGroup.id,
        description: `HTTPS from subnet ${cidr}`,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
        tags: resourceTags(props.tags, `${props.name}-vpc-endpoints-https-${cidr}`),
      });
    }
    for (const endpoint of props.interfaceEndpoints) {
      interfaces.set(
        endpoint.service,
        new VpcEndpoint(this, endpointId(endpoint.service), {
          vpcId: props.vpcId,
          serviceName: `com.amazonaws.${props.region}.${endpoint.service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: props.interfaceSubnetIds,
          securityGroupIds: [securityGroup.id],
          policy: interfaceEndpointPolicy(endpoint, props.accountId, props.partition),
          tags: resourceTags(props.tags, `${props.name}-${endpoint.service}`),
        }),
      );
    }
  }

  // Connections of the endpoint security group (start).
  /**
   * The interface endpoints as a connectable on HTTPS (TCP 443, the default port):
   * `hosts.connections.allowTo(network.endpoints)` writes the hosts' egress rule and the endpoints' ingress rule.
   *
   * @throws ValidationError when the network has no interface endpoints
   */
  public get connections(): Connections {
    if (!this.endpointConnections) {
      throw new ValidationError(sourceOf("SegmentedNetwork", this.node.scope!), "interfaceEndpoints", "has no interface endpoints to connect to; list at least one service in interfaceEndpoints.");
    }
    return this.endpointConnections;
  }

  /**
   * Admits TCP 443 to the interface endpoints from a workload security group. Calling it again with
   * the same id returns the rule made the first time.
   *
   * @throws when the network has no interface endpoints
   */
  public allowAccessFrom(securityGroupId: string, description?: string): VpcSecurityGroupIngressRule {
    if (!this.securityGroup) {
      throw new ValidationError(
        sourceOf("SegmentedNetwork", this.node.scope!),
        "interfaceEndpoints",
        "allowEndpointAccessFrom needs interface endpoints, but interfaceEndpoints is empty; list at least one service or drop the call.",
      );
    }
    return this.endpointConnections!.allowFrom(Peer.securityGroupId(securityGroupId), Port.HTTPS, description ?? "HTTPS from a workload security group")!;
  }
  // Connections of the endpoint security group (end).
}
