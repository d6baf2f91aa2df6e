import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcIpv4CidrBlockAssociation } from "@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclAssociation } from "@cdktf/provider-aws/lib/network-acl-association";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2ClientVpnEndpoint } from "@cdktf/provider-aws/lib/ec2-client-vpn-endpoint";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CustomerGateway } from "@cdktf/provider-aws/lib/customer-gateway";
import { VpnGateway } from "@cdktf/provider-aws/lib/vpn-gateway";
import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import { VpcBlockPublicAccessOptions } from "@cdktf/provider-aws/lib/vpc-block-public-access-options";
import { NetworkInterface } from "@cdktf/provider-aws/lib/network-interface";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { Route } from "@cdktf/provider-aws/lib/route";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";

const WORLD4 = "0.0.0.0/0";
const WORLD6 = "::/0";
const ACCOUNT = "111122223333";
const REGION = "eu-west-1";

/** Insecure and secure twins for the network rules that implement Security Hub EC2 controls, named after what they show. */
export function fsbpNetworkFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "fsbp-network");
  new AwsProvider(stack, "aws", { region: REGION });
  const main = new Vpc(stack, "main", { cidrBlock: "10.0.0.0/16" });
  const subnet = new Subnet(stack, "main_a", { vpcId: main.id, cidrBlock: "10.0.1.0/24", availabilityZone: `${REGION}a` });

  // ZT-NET-015: high-risk ports from the internet.
  const sg = (id: string, extra: Partial<ConstructorParameters<typeof SecurityGroup>[2]> = {}) =>
    new SecurityGroup(stack, id, { name: id, description: `fixture ${id}`, vpcId: main.id, ...extra });
  sg("smb_open", { ingress: [{ protocol: "tcp", fromPort: 445, toPort: 445, cidrBlocks: [WORLD4] }] });
  sg("netbios_udp_v6", { ingress: [{ protocol: "udp", fromPort: 137, toPort: 139, ipv6CidrBlocks: [WORLD6] }] });
  sg("smtp_halves", { ingress: [{ protocol: "tcp", fromPort: 25, toPort: 25, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }] });
  const dockerTarget = sg("docker_target");
  new VpcSecurityGroupIngressRule(stack, "docker_world", { securityGroupId: dockerTarget.id, ipProtocol: "tcp", fromPort: 2375, toPort: 2375, cidrIpv4: WORLD4 });
  const ftpTarget = sg("ftp_target");
  new SecurityGroupRule(stack, "ftp_private", { type: "ingress", protocol: "tcp", fromPort: 20, toPort: 21, cidrBlocks: ["10.0.0.0/8"], securityGroupId: ftpTarget.id });
  sg("https_open", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [WORLD4], ipv6CidrBlocks: [WORLD6] }] });
  sg("smb_udp_only_dns", { ingress: [{ protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: [WORLD4] }] });
  sg("smtp_from_vpc", { ingress: [{ protocol: "tcp", fromPort: 25, toPort: 25, cidrBlocks: [main.cidrBlock] }] });

  // ZT-NET-024: other ports than HTTP and HTTPS from the internet.
  sg("app_port_open", { ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: [WORLD4] }] });
  sg("web_range_v6", { ingress: [{ protocol: "tcp", fromPort: 8000, toPort: 8100, ipv6CidrBlocks: [WORLD6] }] });
  sg("every_tcp_port", { ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: [WORLD4] }] });
  const gameTarget = sg("game_target");
  new VpcSecurityGroupIngressRule(stack, "game_udp_world", { securityGroupId: gameTarget.id, ipProtocol: "udp", fromPort: 27015, toPort: 27015, cidrIpv4: WORLD4 });
  sg("web_open", { ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: [WORLD4] }, { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [WORLD4] }] });

  // ZT-NET-016: network ACLs with and without subnets.
  new NetworkAcl(stack, "orphan_acl", { vpcId: main.id });
  new NetworkAcl(stack, "inline_subnets_acl", { vpcId: main.id, subnetIds: [subnet.id] });
  const associated = new NetworkAcl(stack, "associated_acl", { vpcId: main.id });
  const other = new Subnet(stack, "main_b", { vpcId: main.id, cidrBlock: "10.0.2.0/24", availabilityZone: `${REGION}b` });
  new NetworkAclAssociation(stack, "associated_acl_b", { networkAclId: associated.id, subnetId: other.id });

  // ZT-NET-017: transit gateways.
  new Ec2TransitGateway(stack, "auto_accept_tgw", { description: "accepts every shared attachment", autoAcceptSharedAttachments: "enable" });
  new Ec2TransitGateway(stack, "reviewed_tgw", { description: "accepts attachments one by one" });

  // ZT-NET-018: Client VPN endpoints.
  const logs = new CloudwatchLogGroup(stack, "vpn_logs", { name: "/ztb/vpn", retentionInDays: 365 });
  const clientVpn = (id: string, connectionLogOptions: ConstructorParameters<typeof Ec2ClientVpnEndpoint>[2]["connectionLogOptions"]) =>
    new Ec2ClientVpnEndpoint(stack, id, {
      description: id,
      clientCidrBlock: "10.200.0.0/22",
      serverCertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/00000000-0000-0000-0000-000000000001`,
      authenticationOptions: [{ type: "certificate-authentication", rootCertificateChainArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/00000000-0000-0000-0000-000000000002` }],
      connectionLogOptions,
    });
  clientVpn("unlogged_client_vpn", { enabled: false });
  clientVpn("logged_client_vpn", { enabled: true, cloudwatchLogGroup: logs.name });

  // ZT-NET-019: Site-to-Site VPN connections.
  const customer = new CustomerGateway(stack, "office", { bgpAsn: "65000", ipAddress: "198.51.100.10", type: "ipsec.1" });
  const vgw = new VpnGateway(stack, "vgw", { vpcId: main.id });
  const logged = { cloudwatchLogOptions: { logEnabled: true, logGroupArn: logs.arn } };
  const vpn = (id: string, extra: Partial<ConstructorParameters<typeof VpnConnection>[2]>) =>
    new VpnConnection(stack, id, { customerGatewayId: customer.id, vpnGatewayId: vgw.id, type: "ipsec.1", staticRoutesOnly: true, ...extra });
  vpn("unlogged_vpn", {});
  vpn("half_logged_vpn", { tunnel1LogOptions: logged });
  vpn("logged_vpn", { tunnel1LogOptions: logged, tunnel2LogOptions: logged });

  // ZT-NET-020: VPC Block Public Access.
  new VpcBlockPublicAccessOptions(stack, "bpa_off", { internetGatewayBlockMode: "off" });
  new VpcBlockPublicAccessOptions(stack, "bpa_bidirectional", { internetGatewayBlockMode: "block-bidirectional" });

  // ZT-NET-021: source/destination checks.
  new NetworkInterface(stack, "forwarding_eni", { subnetId: subnet.id, sourceDestCheck: false });
  new NetworkInterface(stack, "plain_eni", { subnetId: subnet.id });
  new Instance(stack, "nat_instance", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", subnetId: subnet.id, sourceDestCheck: false });
  new Instance(stack, "plain_instance", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", subnetId: subnet.id });

  // ZT-NET-022: routes to a peering connection.
  const requester = new Vpc(stack, "requester", { cidrBlock: "10.10.0.0/16" });
  const accepter = new Vpc(stack, "accepter", { cidrBlock: "10.20.0.0/16" });
  new VpcIpv4CidrBlockAssociation(stack, "accepter_secondary", { vpcId: accepter.id, cidrBlock: "10.21.0.0/16" });
  const pcx = new VpcPeeringConnection(stack, "pcx", { vpcId: requester.id, peerVpcId: accepter.id, autoAccept: true });
  const requesterRoutes = new RouteTable(stack, "requester_routes", { vpcId: requester.id });
  const route = (id: string, destinationCidrBlock: string, vpcPeeringConnectionId = pcx.id) =>
    new Route(stack, id, { routeTableId: requesterRoutes.id, destinationCidrBlock, vpcPeeringConnectionId });
  route("to_peer_primary", "10.20.0.0/16");
  route("to_peer_secondary", "10.21.0.0/24");
  route("to_peer_wide", "10.0.0.0/8");
  route("default_via_peer", WORLD4);
  route("to_outside_peer", "10.30.0.0/16", "pcx-0123456789abcdef0");
  new RouteTable(stack, "accepter_routes", { vpcId: accepter.id, route: [{ cidrBlock: "10.10.0.0/16", vpcPeeringConnectionId: pcx.id }] });
  new RouteTable(stack, "accepter_wide_routes", { vpcId: accepter.id, route: [{ cidrBlock: "10.0.0.0/12", vpcPeeringConnectionId: pcx.id }] });

  // ZT-NET-023: VPCs that run EKS, with and without private endpoints for the EC2 and ECR APIs.
  const eksVpc = (id: string, cidr: string, endpoints: Readonly<Record<string, boolean>>) => {
    const vpc = new Vpc(stack, id, { cidrBlock: cidr });
    const a = new Subnet(stack, `${id}_a`, { vpcId: vpc.id, cidrBlock: cidr.replace("0.0/16", "1.0/24"), availabilityZone: `${REGION}a` });
    const b = new Subnet(stack, `${id}_b`, { vpcId: vpc.id, cidrBlock: cidr.replace("0.0/16", "2.0/24"), availabilityZone: `${REGION}b` });
    new EksCluster(stack, `${id}_cluster`, { name: id, roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`, vpcConfig: { subnetIds: [a.id, b.id], endpointPublicAccess: false, endpointPrivateAccess: true } });
    for (const [service, privateDnsEnabled] of Object.entries(endpoints)) {
      new VpcEndpoint(stack, `${id}_${service.replace(".", "_")}`, { vpcId: vpc.id, serviceName: `com.amazonaws.${REGION}.${service}`, vpcEndpointType: "Interface", subnetIds: [a.id, b.id], privateDnsEnabled });
    }
  };
  eksVpc("eks_without_endpoints", "10.40.0.0/16", {});
  eksVpc("eks_with_endpoints", "10.41.0.0/16", { ec2: true, "ecr.api": true, "ecr.dkr": true });
  eksVpc("eks_ec2_without_dns", "10.42.0.0/16", { ec2: false, "ecr.api": true, "ecr.dkr": true });
  eksVpc("eks_without_ecr", "10.43.0.0/16", { ec2: true });
  // Hosts managed through Systems Manager: "main" holds instances and no endpoint; this one has both endpoints.
  const managed = new Vpc(stack, "managed_hosts", { cidrBlock: "10.50.0.0/16" });
  const managedSubnet = new Subnet(stack, "managed_hosts_a", { vpcId: managed.id, cidrBlock: "10.50.1.0/24", availabilityZone: `${REGION}a` });
  new Instance(stack, "managed_host", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", subnetId: managedSubnet.id });
  for (const service of ["ssm", "ssmmessages"]) {
    new VpcEndpoint(stack, `managed_hosts_${service}`, { vpcId: managed.id, serviceName: `com.amazonaws.${REGION}.${service}`, vpcEndpointType: "Interface", subnetIds: [managedSubnet.id], privateDnsEnabled: true });
  }
  return stack;
}
