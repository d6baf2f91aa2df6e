import { App, DataResource, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclAssociation } from "@cdktf/provider-aws/lib/network-acl-association";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { GraphDocument, GraphEdge, SERVICE_GRAPH_SCHEMA } from "../../../policies/shared/service-graph";

/** What to change in {@link graphFixture}, one finding or edge case each. */
export interface GraphFixtureOptions {
  /** The declared graph: written (default), left out, or not a declared-graph document. */
  readonly graph?: "declared" | "none" | "invalid";
  /** A hand-added rule: ledger admits orders on TCP 5432, which the graph does not declare. */
  readonly undeclaredIngress?: boolean;
  /** payments' ingress from orders on 8443 is missing. */
  readonly withoutPaymentsIngress?: boolean;
  /** The data tier's ACL denies TCP 5432 ahead of its allow entry. */
  readonly aclDeniesData?: boolean;
  /** ledger admits a security group given by a variable (unknown until apply). */
  readonly unknownPeer?: boolean;
  /** The endpoints' group admits payments, which has no platform edge to them. */
  readonly endpointsAdmitPayments?: boolean;
  /** The graph declares a service `audit` (and the edge orders -> audit) that has no security group. */
  readonly serviceWithoutGroup?: boolean;
}

const AMI = "ami-0abcdef1234567890";

/** The declared graph of the fixture: orders -> payments -> ledger, plus orders' platform edges. */
export function fixtureGraph(options: GraphFixtureOptions = {}): GraphDocument {
  const edges: GraphEdge[] = [
    { from: "orders", to: "payments", protocol: "tcp", port: 8443, kind: "service", name: "https" },
    { from: "payments", to: "ledger", protocol: "tcp", port: 5432, kind: "service", name: "postgres" },
    { from: "orders", to: "platform:vpc-endpoints", protocol: "tcp", port: 443, kind: "platform" },
    { from: "orders", to: "platform:s3", protocol: "tcp", port: 443, kind: "platform" },
  ];
  const services = [
    { name: "orders", ports: [], runtime: { kind: "ec2", tier: "private" } },
    { name: "payments", ports: [{ name: "https", port: 8443, protocol: "http" as const }], runtime: { kind: "ec2", tier: "private" } },
    { name: "ledger", ports: [{ name: "postgres", port: 5432, protocol: "tcp" as const }], runtime: { kind: "ec2", tier: "isolated" } },
  ];
  if (options.serviceWithoutGroup) {
    services.push({ name: "audit", ports: [{ name: "https", port: 9443, protocol: "http" as const }], runtime: { kind: "ec2", tier: "private" } });
    edges.push({ from: "orders", to: "audit", protocol: "tcp", port: 9443, kind: "service", name: "https" });
  }
  return { schema: SERVICE_GRAPH_SCHEMA, platform: "graph/platform", services, edges };
}

/**
 * A small platform written resource by resource (no library construct): three services in their own security
 * groups, tagged `zt:service`; interface endpoints tagged `zt:platform = vpc-endpoints`; an S3 gateway endpoint; hosts
 * in two private subnets (instances) and an isolated subnet (an auto scaling group); one ACL per tier; and the declared
 * graph in `terraform_data.ztb_service_graph`.
 */
export function graphFixture(options: GraphFixtureOptions = {}): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "graph");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const vpc = new Vpc(stack, "main", { cidrBlock: "10.0.0.0/16" });
  const privateA = new Subnet(stack, "private_a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
  const privateB = new Subnet(stack, "private_b", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24", availabilityZone: "eu-west-1b" });
  const data = new Subnet(stack, "data_a", { vpcId: vpc.id, cidrBlock: "10.0.3.0/24", availabilityZone: "eu-west-1a" });

  const group = (id: string, tags: Record<string, string>) => new SecurityGroup(stack, id, { vpcId: vpc.id, name: id, description: `${id} hosts`, tags });
  const orders = group("orders", { "zt:service": "orders" });
  const payments = group("payments", { "zt:service": "payments" });
  const ledger = group("ledger", { "zt:service": "ledger" });
  const endpoints = group("endpoints", { "zt:platform": "vpc-endpoints" });

  const s3 = new VpcEndpoint(stack, "s3", { vpcId: vpc.id, serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway" });
  new VpcEndpoint(stack, "ssm", {
    vpcId: vpc.id,
    serviceName: "com.amazonaws.eu-west-1.ssm",
    vpcEndpointType: "Interface",
    subnetIds: [privateA.id],
    securityGroupIds: [endpoints.id],
  });

  const egress = (id: string, from: SecurityGroup, port: number, to: { group?: SecurityGroup; prefixList?: string }) =>
    new VpcSecurityGroupEgressRule(stack, id, {
      securityGroupId: from.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: to.group?.id,
      prefixListId: to.prefixList,
    });
  const ingress = (id: string, on: SecurityGroup, port: number, from: string) =>
    new VpcSecurityGroupIngressRule(stack, id, { securityGroupId: on.id, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: from });

  egress("orders_to_payments", orders, 8443, { group: payments });
  if (!options.withoutPaymentsIngress) ingress("payments_from_orders", payments, 8443, orders.id);
  egress("payments_to_ledger", payments, 5432, { group: ledger });
  ingress("ledger_from_payments", ledger, 5432, payments.id);
  egress("orders_to_endpoints", orders, 443, { group: endpoints });
  ingress("endpoints_from_orders", endpoints, 443, orders.id);
  egress("orders_to_s3", orders, 443, { prefixList: s3.prefixListId });
  if (options.undeclaredIngress) ingress("ledger_from_orders", ledger, 5432, orders.id);
  if (options.endpointsAdmitPayments) ingress("endpoints_from_payments", endpoints, 443, payments.id);
  if (options.unknownPeer) {
    const peer = new TerraformVariable(stack, "peer_group", { type: "string" });
    ingress("ledger_from_peer", ledger, 5432, peer.stringValue);
  }

  new Instance(stack, "orders_host", { ami: AMI, instanceType: "t3.micro", subnetId: privateA.id, vpcSecurityGroupIds: [orders.id] });
  new Instance(stack, "payments_host", { ami: AMI, instanceType: "t3.micro", subnetId: privateB.id, vpcSecurityGroupIds: [payments.id] });
  const template = new LaunchTemplate(stack, "ledger_template", {
    imageId: AMI,
    instanceType: "t3.micro",
    networkInterfaces: [{ deviceIndex: 0, securityGroups: [ledger.id] }],
  });
  new AutoscalingGroup(stack, "ledger_hosts", { minSize: 1, maxSize: 1, vpcZoneIdentifier: [data.id], launchTemplate: { id: template.id } });

  // Private tier: everything within the VPC. Data tier: PostgreSQL from the private tier, and the replies.
  const privateAcl = new NetworkAcl(stack, "private_acl", { vpcId: vpc.id, subnetIds: [privateA.id, privateB.id] });
  const dataAcl = new NetworkAcl(stack, "data_acl", { vpcId: vpc.id });
  new NetworkAclAssociation(stack, "data_association", { networkAclId: dataAcl.id, subnetId: data.id });
  const entry = (id: string, acl: NetworkAcl, n: number, egressRule: boolean, action: string, cidr: string, protocol: string, from?: number, to?: number) =>
    new NetworkAclRule(stack, id, { networkAclId: acl.id, ruleNumber: n, egress: egressRule, ruleAction: action, cidrBlock: cidr, protocol, fromPort: from, toPort: to });
  entry("private_in", privateAcl, 100, false, "allow", "10.0.0.0/16", "-1");
  entry("private_out", privateAcl, 100, true, "allow", "10.0.0.0/16", "-1");
  if (options.aclDeniesData) entry("data_in_deny", dataAcl, 50, false, "deny", "10.0.0.0/16", "6", 5432, 5432);
  entry("data_in", dataAcl, 100, false, "allow", "10.0.0.0/20", "6", 5432, 5432);
  entry("data_out", dataAcl, 100, true, "allow", "10.0.0.0/20", "6", 1024, 65535);

  const graph = options.graph ?? "declared";
  if (graph !== "none") {
    const text = graph === "invalid" ? '{"schema": "ztb.service-graph/v0"}' : JSON.stringify(fixtureGraph(options));
    const carrier = new DataResource(stack, "graph", {});
    carrier.addOverride("input", text);
    carrier.overrideLogicalId("ztb_service_graph");
  }
  return stack;
}
