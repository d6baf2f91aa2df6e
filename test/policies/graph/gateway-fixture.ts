import { App, DataResource, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingAttachment } from "@cdktf/provider-aws/lib/autoscaling-attachment";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayVpcLink } from "@cdktf/provider-aws/lib/api-gateway-vpc-link";
import { GraphDocument, GraphEdge, SERVICE_GRAPH_SCHEMA } from "../../../policies/shared/service-graph";

/** What to change in {@link gatewayFixture}, one finding or edge case each. */
export interface GatewayFixtureOptions {
  /** A hand-added method: DELETE /orders/{id} to orders, which the declared routes do not list. */
  readonly undeclaredRoute?: boolean;
  /** A second listener (9443) to the payments hosts and a route GET /payments to it, with no declared gateway edge. */
  readonly paymentsRoute?: boolean;
  /** The load balancer's group has no egress to orders. */
  readonly withoutBalancerEgress?: boolean;
  /** The API's endpoint type is PRIVATE: the internet cannot reach it. */
  readonly privateApi?: boolean;
  /** The declared routes also list PUT /orders/{id}, which no method serves. */
  readonly declaredExtraRoute?: boolean;
  /** GET /orders uses a VPC link given by a variable (unknown until apply). */
  readonly unknownLink?: boolean;
  /** orders admits the whole VPC on 8443 rather than the load balancer's group. */
  readonly ordersAdmitVpc?: boolean;
  /** The orders hosts run in a second subnet, and one network ACL over both subnets allows the VPC, or first denies TCP 8443. */
  readonly backendAcl?: "allow" | "deny";
}

const AMI = "ami-0abcdef1234567890";
const CERTIFICATE = "arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";

/** The routes the fixture's API serves to orders. */
export const ORDER_ROUTES = ["GET /orders", "GET /orders/{id}", "POST /orders"];

/** The declared graph of the fixture: the internet to gateway `edge`, `edge` to orders on 8443, with their routes. */
export function gatewayGraph(options: GatewayFixtureOptions = {}): GraphDocument {
  const routes = options.declaredExtraRoute ? [...ORDER_ROUTES, "PUT /orders/{id}"] : ORDER_ROUTES;
  const edges: GraphEdge[] = [
    { from: "internet", to: "gateway:edge", protocol: "tcp", port: 443, kind: "gateway", routes },
    { from: "gateway:edge", to: "orders", protocol: "tcp", port: 8443, kind: "gateway", name: "https", routes },
  ];
  return {
    schema: SERVICE_GRAPH_SCHEMA,
    platform: "gateway/platform",
    services: [
      { name: "orders", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "ec2", tier: "private" } },
      { name: "payments", ports: [{ name: "https", port: 9443, protocol: "http" }], runtime: { kind: "ec2", tier: "private" } },
    ],
    edges,
  };
}

/**
 * A REST API in front of a service, written resource by resource (no library construct): API `edge` (tagged
 * `zt:gateway = edge`, REGIONAL) with GET and POST /orders and GET /orders/{id}, each a VPC_LINK integration through a
 * VPC link to an internal Network Load Balancer (its group tagged `zt:gateway = edge`), whose TLS listener on 8443
 * forwards to a target group the orders auto scaling group is attached to; the balancer's group may reach orders on
 * 8443 and orders admits it. The declared graph is in `terraform_data.ztb_service_graph`.
 */
export function gatewayFixture(options: GatewayFixtureOptions = {}): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "gateway");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const vpc = new Vpc(stack, "main", { cidrBlock: "10.0.0.0/16" });
  const privateA = new Subnet(stack, "private_a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
  let hostSubnet = privateA;
  if (options.backendAcl !== undefined) {
    hostSubnet = new Subnet(stack, "private_b", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24", availabilityZone: "eu-west-1b" });
    const acl = new NetworkAcl(stack, "private_acl", { vpcId: vpc.id, subnetIds: [privateA.id, hostSubnet.id] });
    const entry = (id: string, n: number, egress: boolean, action: string, protocol: string, from?: number, to?: number) =>
      new NetworkAclRule(stack, id, { networkAclId: acl.id, ruleNumber: n, egress, ruleAction: action, cidrBlock: "10.0.0.0/16", protocol, fromPort: from, toPort: to });
    if (options.backendAcl === "deny") entry("deny_backend", 50, false, "deny", "6", 8443, 8443);
    entry("vpc_in", 100, false, "allow", "-1");
    entry("vpc_out", 100, true, "allow", "-1");
  }
  const group = (id: string, tags: Record<string, string>) => new SecurityGroup(stack, id, { vpcId: vpc.id, name: id, description: `${id} hosts`, tags });
  const nlbGroup = group("nlb_group", { "zt:gateway": "edge" });
  const orders = group("orders", { "zt:service": "orders" });

  new VpcSecurityGroupIngressRule(stack, "nlb_from_vpc", { securityGroupId: nlbGroup.id, ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: vpc.cidrBlock });
  if (!options.withoutBalancerEgress) {
    new VpcSecurityGroupEgressRule(stack, "nlb_to_orders", { securityGroupId: nlbGroup.id, ipProtocol: "tcp", fromPort: 8443, toPort: 8443, referencedSecurityGroupId: orders.id });
  }
  if (options.ordersAdmitVpc) new VpcSecurityGroupIngressRule(stack, "orders_from_vpc", { securityGroupId: orders.id, ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: vpc.cidrBlock });
  else new VpcSecurityGroupIngressRule(stack, "orders_from_nlb", { securityGroupId: orders.id, ipProtocol: "tcp", fromPort: 8443, toPort: 8443, referencedSecurityGroupId: nlbGroup.id });

  const nlb = new Lb(stack, "nlb", { name: "edge", internal: true, loadBalancerType: "network", subnets: [privateA.id], securityGroups: [nlbGroup.id] });
  const ordersTargets = new LbTargetGroup(stack, "orders_targets", { name: "edge-orders", port: 8443, protocol: "TLS", vpcId: vpc.id, targetType: "instance" });
  new LbListener(stack, "orders_listener", {
    loadBalancerArn: nlb.arn,
    port: 8443,
    protocol: "TLS",
    certificateArn: CERTIFICATE,
    defaultAction: [{ type: "forward", targetGroupArn: ordersTargets.arn }],
  });
  const template = new LaunchTemplate(stack, "orders_template", {
    imageId: AMI,
    instanceType: "t3.micro",
    networkInterfaces: [{ deviceIndex: 0, securityGroups: [orders.id] }],
  });
  const hosts = new AutoscalingGroup(stack, "orders_hosts", { minSize: 1, maxSize: 1, vpcZoneIdentifier: [hostSubnet.id], launchTemplate: { id: template.id } });
  new AutoscalingAttachment(stack, "orders_attachment", { autoscalingGroupName: hosts.name, lbTargetGroupArn: ordersTargets.arn });

  const api = new ApiGatewayRestApi(stack, "api", { name: "edge", endpointConfiguration: { types: [options.privateApi ? "PRIVATE" : "REGIONAL"] }, tags: { "zt:gateway": "edge" } });
  const link = new ApiGatewayVpcLink(stack, "link", { name: "edge", targetArns: [nlb.arn] });
  const ordersPath = new ApiGatewayResource(stack, "orders_path", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "orders" });
  const orderPath = new ApiGatewayResource(stack, "order_path", { restApiId: api.id, parentId: ordersPath.id, pathPart: "{id}" });

  const route = (id: string, resource: ApiGatewayResource, httpMethod: string, port: number, connectionId: string) => {
    const method = new ApiGatewayMethod(stack, id, { restApiId: api.id, resourceId: resource.id, httpMethod, authorization: "AWS_IAM" });
    new ApiGatewayIntegration(stack, `${id}_integration`, {
      restApiId: api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "HTTP_PROXY",
      integrationHttpMethod: httpMethod,
      connectionType: "VPC_LINK",
      connectionId,
      uri: `https://${nlb.dnsName}:${port}/${resource.pathPart}`,
    });
  };
  const linkOfList = options.unknownLink ? new TerraformVariable(stack, "link_id", { type: "string" }).stringValue : link.id;
  route("list_orders", ordersPath, "GET", 8443, linkOfList);
  route("create_order", ordersPath, "POST", 8443, link.id);
  route("get_order", orderPath, "GET", 8443, link.id);
  if (options.undeclaredRoute) route("delete_order", orderPath, "DELETE", 8443, link.id);

  if (options.paymentsRoute) {
    const payments = group("payments", { "zt:service": "payments" });
    new VpcSecurityGroupEgressRule(stack, "nlb_to_payments", { securityGroupId: nlbGroup.id, ipProtocol: "tcp", fromPort: 9443, toPort: 9443, referencedSecurityGroupId: payments.id });
    new VpcSecurityGroupIngressRule(stack, "payments_from_nlb", { securityGroupId: payments.id, ipProtocol: "tcp", fromPort: 9443, toPort: 9443, referencedSecurityGroupId: nlbGroup.id });
    const paymentsTargets = new LbTargetGroup(stack, "payments_targets", { name: "edge-payments", port: 9443, protocol: "TLS", vpcId: vpc.id, targetType: "instance" });
    new LbListener(stack, "payments_listener", {
      loadBalancerArn: nlb.arn,
      port: 9443,
      protocol: "TLS",
      certificateArn: CERTIFICATE,
      defaultAction: [{ type: "forward", targetGroupArn: paymentsTargets.arn }],
    });
    const host = new Instance(stack, "payments_host", { ami: AMI, instanceType: "t3.micro", subnetId: privateA.id, vpcSecurityGroupIds: [payments.id] });
    new LbTargetGroupAttachment(stack, "payments_attachment", { targetGroupArn: paymentsTargets.arn, targetId: host.id, port: 9443 });
    const paymentsPath = new ApiGatewayResource(stack, "payments_path", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "payments" });
    route("list_payments", paymentsPath, "GET", 9443, link.id);
  }

  const carrier = new DataResource(stack, "graph", {});
  carrier.addOverride("input", JSON.stringify(gatewayGraph(options)));
  carrier.overrideLogicalId("ztb_service_graph");
  return stack;
}
