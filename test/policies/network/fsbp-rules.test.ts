import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { ztNet015 } from "../../../policies/rules/network/zt-net-015-sg-high-risk-ports-open";
import { ztNet016 } from "../../../policies/rules/network/zt-net-016-network-acl-unused";
import { ztNet017 } from "../../../policies/rules/network/zt-net-017-transit-gateway-auto-accept";
import { ztNet018 } from "../../../policies/rules/network/zt-net-018-client-vpn-without-connection-log";
import { ztNet019 } from "../../../policies/rules/network/zt-net-019-vpn-tunnel-without-log";
import { ztNet020 } from "../../../policies/rules/network/zt-net-020-vpc-block-public-access-off";
import { ztNet021 } from "../../../policies/rules/network/zt-net-021-source-dest-check-disabled";
import { ztNet022 } from "../../../policies/rules/network/zt-net-022-peering-route-wider-than-peer";
import { ztNet023 } from "../../../policies/rules/network/zt-net-023-vpc-without-workload-endpoints";
import { ztNet024 } from "../../../policies/rules/network/zt-net-024-sg-unauthorized-ports-open";
import { configModel, describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { fsbpNetworkFixture } from "./fsbp-fixture";

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [
    ztNet015,
    {
      fail: [
        "aws_security_group.smb_open",
        "aws_security_group.netbios_udp_v6",
        "aws_security_group.smtp_halves",
        "aws_vpc_security_group_ingress_rule.docker_world",
        "aws_security_group.web_range_v6",
        "aws_security_group.every_tcp_port",
      ],
      pass: ["aws_security_group.docker_target", "aws_security_group.ftp_target", "aws_security_group_rule.ftp_private", "aws_security_group.https_open", "aws_security_group.smb_udp_only_dns", "aws_security_group.smtp_from_vpc"],
    },
  ],
  [ztNet016, { fail: ["aws_network_acl.orphan_acl"], pass: ["aws_network_acl.inline_subnets_acl", "aws_network_acl.associated_acl"] }],
  [ztNet017, { fail: ["aws_ec2_transit_gateway.auto_accept_tgw"], pass: ["aws_ec2_transit_gateway.reviewed_tgw"] }],
  [ztNet018, { fail: ["aws_ec2_client_vpn_endpoint.unlogged_client_vpn"], pass: ["aws_ec2_client_vpn_endpoint.logged_client_vpn"] }],
  [ztNet019, { fail: ["aws_vpn_connection.unlogged_vpn", "aws_vpn_connection.half_logged_vpn"], pass: ["aws_vpn_connection.logged_vpn"] }],
  [ztNet020, { fail: ["aws_vpc_block_public_access_options.bpa_off"], pass: ["aws_vpc_block_public_access_options.bpa_bidirectional"] }],
  [
    ztNet021,
    {
      fail: ["aws_network_interface.forwarding_eni", "aws_instance.nat_instance"],
      pass: ["aws_network_interface.plain_eni", "aws_instance.plain_instance"],
    },
  ],
  [
    ztNet022,
    {
      fail: ["aws_route.to_peer_wide", "aws_route.default_via_peer", "aws_route_table.accepter_wide_routes"],
      pass: ["aws_route.to_peer_primary", "aws_route.to_peer_secondary", "aws_route_table.accepter_routes"],
      unknown: ["aws_route.to_outside_peer"],
    },
  ],
  [
    ztNet024,
    {
      fail: ["aws_security_group.app_port_open", "aws_security_group.web_range_v6", "aws_vpc_security_group_ingress_rule.game_udp_world", "aws_security_group.smb_udp_only_dns"],
      pass: [
        "aws_security_group.web_open",
        "aws_security_group.https_open",
        "aws_security_group.game_target",
        "aws_security_group.smb_open",
        "aws_security_group.netbios_udp_v6",
        "aws_security_group.smtp_halves",
        "aws_vpc_security_group_ingress_rule.docker_world",
        "aws_security_group.smtp_from_vpc",
      ],
    },
  ],
  [ztNet023, { fail: ["aws_vpc.eks_without_endpoints", "aws_vpc.eks_ec2_without_dns", "aws_vpc.eks_without_ecr", "aws_vpc.main"], pass: ["aws_vpc.eks_with_endpoints", "aws_vpc.managed_hosts"] }],
];

const messageOf = (rule: Rule, model: Model, address: string) => resultsOf(rule, model).find((r) => r.address === address && r.status !== "pass")?.message;

describe("network rules for Security Hub EC2 controls", () => {
  describeFixtureModes("on the fixture", fsbpNetworkFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("reports a high-risk port per port and family, and a standalone rule on itself", () => {
      const items = (address: string) => resultsOf(ztNet015, model()).filter((r) => r.address === address && r.status === "fail").map((r) => r.item);
      expect(items("aws_security_group.netbios_udp_v6")).toEqual(["Ingress::::/0:137", "Ingress::::/0:138", "Ingress::::/0:139"]);
      expect(items("aws_vpc_security_group_ingress_rule.docker_world")).toEqual(["Ingress::0.0.0.0/0:2375"]);
      expect(messageOf(ztNet015, model(), "aws_security_group.smb_open")).toBe("aws_security_group.smb_open ingress:tcp:445-445 admits 0.0.0.0/0 on port 445 (SMB, TCP/UDP)");
    });

    it("names the tunnels without logs, and why a route or VPC fails", () => {
      const tunnels = resultsOf(ztNet019, model()).filter((r) => r.address === "aws_vpn_connection.half_logged_vpn").map((r) => `${r.item}:${r.status}`);
      expect(tunnels).toEqual(["Tunnel::tunnel1:pass", "Tunnel::tunnel2:fail"]);
      expect(messageOf(ztNet022, model(), "aws_route.to_peer_wide")).toBe(
        "10.0.0.0/8 is wider than the CIDR blocks of the peer VPC aws_vpc.accepter: traffic for addresses outside the peer goes to the peering connection",
      );
      expect(messageOf(ztNet022, model(), "aws_route_table.accepter_wide_routes")).toMatch(/^10\.0\.0\.0\/12 is wider than the CIDR blocks of the peer VPC aws_vpc\.requester/);
      expect(messageOf(ztNet023, model(), "aws_vpc.eks_without_endpoints")).toMatch(/^aws_eks_cluster\.eks_without_endpoints_cluster call the EC2 API from this VPC/);
      expect(messageOf(ztNet023, model(), "aws_vpc.eks_ec2_without_dns")).toMatch(/serves the EC2 API without private DNS/);
      const failed = (address: string) => resultsOf(ztNet023, model()).filter((r) => r.address === address && r.status === "fail").map((r) => r.item);
      expect(failed("aws_vpc.eks_without_endpoints")).toEqual(["Endpoint::ec2", "Endpoint::ecr.api", "Endpoint::ecr.dkr"]);
      expect(failed("aws_vpc.eks_ec2_without_dns")).toEqual(["Endpoint::ec2"]);
      expect(failed("aws_vpc.eks_without_ecr")).toEqual(["Endpoint::ecr.api", "Endpoint::ecr.dkr"]);
      expect(failed("aws_vpc.main")).toEqual(["Endpoint::ssm", "Endpoint::ssmmessages"]);
      expect(messageOf(ztNet023, model(), "aws_vpc.main")).toMatch(/^aws_instance\.nat_instance, aws_instance\.plain_instance call Systems Manager from this VPC/);
    });

    it("reports ports beyond HTTP and HTTPS once: not on ports other rules report, not where ZT-NET-003 reports every port", () => {
      expect(messageOf(ztNet024, model(), "aws_security_group.web_range_v6")).toBe("aws_security_group.web_range_v6 ingress:tcp:8000-8100 admits ::/0 on TCP 8000-8100");
      expect(resultsOf(ztNet024, model()).filter((r) => r.address === "aws_security_group.every_tcp_port").map((r) => r.status)).toEqual([]);
    });

    it("leaves VPCs without workloads and routes that do not target a peering connection not applicable", () => {
      expect(resultsOf(ztNet023, model()).filter((r) => r.address === "aws_vpc.requester")).toEqual([]);
      expect(resultsOf(ztNet022, model()).filter((r) => r.address === "aws_route_table.requester_routes")).toEqual([]);
    });
  });
});

const statuses = (rule: Rule, model: Model) =>
  resultsOf(rule, model)
    .map((r) => `${r.address}:${r.status}`)
    .sort();

describe("network rules for Security Hub EC2 controls, values unknown until apply", () => {
  it("ZT-NET-015 is unknown for an internet-wide CIDR from a variable and passes one derived from a VPC", () => {
    const model = configModel({
      resource: {
        aws_security_group: {
          variable: { name: "v", ingress: [{ protocol: "tcp", from_port: 445, to_port: 445, cidr_blocks: ["${var.sources}"] }] },
          derived: { name: "d", ingress: [{ protocol: "tcp", from_port: 445, to_port: 445, cidr_blocks: ["${aws_vpc.v.cidr_block}"] }] },
        },
        aws_vpc: { v: { cidr_block: "10.0.0.0/16" } },
      },
    });
    expect(statuses(ztNet015, model)).toEqual(["aws_security_group.derived:pass", "aws_security_group.variable:unknown"]);
  });

  it("ZT-NET-016, 017, 018, 019, 020, 021: settings from variables are unknown; subnets of the configuration count", () => {
    const model = configModel({
      resource: {
        aws_network_acl: { variable: { vpc_id: "vpc-1", subnet_ids: "${var.subnets}" }, derived: { vpc_id: "vpc-1", subnet_ids: "${aws_subnet.s[*].id}" }, empty: { vpc_id: "vpc-1", subnet_ids: [] } },
        aws_subnet: { s: { vpc_id: "vpc-1", cidr_block: "10.0.0.0/24" } },
        aws_ec2_transit_gateway: { variable: { auto_accept_shared_attachments: "${var.mode}" } },
        aws_ec2_client_vpn_endpoint: { variable: { connection_log_options: { enabled: "${var.log}" } } },
        aws_vpn_connection: { variable: { tunnel1_log_options: { cloudwatch_log_options: { log_enabled: "${var.log}" } }, tunnel2_log_options: { cloudwatch_log_options: { log_enabled: true } } } },
        aws_vpc_block_public_access_options: { variable: { internet_gateway_block_mode: "${var.mode}" } },
        aws_network_interface: { variable: { subnet_id: "subnet-1", source_dest_check: "${var.check}" } },
      },
    });
    expect(statuses(ztNet016, model)).toEqual(["aws_network_acl.derived:pass", "aws_network_acl.empty:fail", "aws_network_acl.variable:unknown"]);
    expect(statuses(ztNet017, model)).toEqual(["aws_ec2_transit_gateway.variable:unknown"]);
    expect(statuses(ztNet018, model)).toEqual(["aws_ec2_client_vpn_endpoint.variable:unknown"]);
    expect(statuses(ztNet019, model)).toEqual(["aws_vpn_connection.variable:pass", "aws_vpn_connection.variable:unknown"]);
    expect(statuses(ztNet020, model)).toEqual(["aws_vpc_block_public_access_options.variable:unknown"]);
    expect(statuses(ztNet021, model)).toEqual(["aws_network_interface.variable:unknown"]);
  });

  it("ZT-NET-022 is unknown for a peer whose CIDR is computed, and fails a default route through a peering connection outside the configuration", () => {
    const model = configModel({
      resource: {
        aws_vpc: { own: { cidr_block: "10.0.0.0/16" }, ipam: { ipv4_ipam_pool_id: "ipam-pool-1", ipv4_netmask_length: 16 } },
        aws_vpc_peering_connection: { p: { vpc_id: "${aws_vpc.own.id}", peer_vpc_id: "${aws_vpc.ipam.id}" } },
        aws_route_table: { t: { vpc_id: "${aws_vpc.own.id}" } },
        aws_route: {
          to_ipam: { route_table_id: "${aws_route_table.t.id}", destination_cidr_block: "10.1.0.0/16", vpc_peering_connection_id: "${aws_vpc_peering_connection.p.id}" },
          everything: { route_table_id: "${aws_route_table.t.id}", destination_ipv6_cidr_block: "::/0", vpc_peering_connection_id: "pcx-0123456789abcdef0" },
          variable: { route_table_id: "${aws_route_table.t.id}", destination_cidr_block: "${var.dest}", vpc_peering_connection_id: "${aws_vpc_peering_connection.p.id}" },
          internet: { route_table_id: "${aws_route_table.t.id}", destination_cidr_block: "0.0.0.0/0", gateway_id: "igw-1" },
        },
      },
    });
    expect(statuses(ztNet022, model)).toEqual(["aws_route.everything:fail", "aws_route.to_ipam:unknown", "aws_route.variable:unknown"]);
  });

  it("ZT-NET-023 reads node groups and is unknown for an endpoint whose service name is a variable", () => {
    const model = configModel({
      resource: {
        aws_vpc: { v: { cidr_block: "10.0.0.0/16" } },
        aws_subnet: { s: { vpc_id: "${aws_vpc.v.id}", cidr_block: "10.0.1.0/24" } },
        aws_eks_node_group: { g: { cluster_name: "c", node_group_name: "g", node_role_arn: "arn:aws:iam::111122223333:role/n", subnet_ids: ["${aws_subnet.s.id}"], scaling_config: { desired_size: 1, max_size: 1, min_size: 1 } } },
        aws_vpc_endpoint: { e: { vpc_id: "${aws_vpc.v.id}", service_name: "${var.service}", vpc_endpoint_type: "Interface" } },
      },
    });
    expect(statuses(ztNet023, model)).toEqual(["aws_vpc.v:unknown", "aws_vpc.v:unknown", "aws_vpc.v:unknown"]);
  });

  it("ZT-NET-023 finds Auto Scaling groups in the VPC's subnets", () => {
    const model = configModel({
      resource: {
        aws_vpc: { v: { cidr_block: "10.0.0.0/16" } },
        aws_subnet: { s: { vpc_id: "${aws_vpc.v.id}", cidr_block: "10.0.1.0/24" } },
        aws_autoscaling_group: { hosts: { min_size: 1, max_size: 1, vpc_zone_identifier: ["${aws_subnet.s.id}"], launch_template: { id: "lt-1" } } },
        aws_vpc_endpoint: { ssm: { vpc_id: "${aws_vpc.v.id}", service_name: "com.amazonaws.eu-west-1.ssm", vpc_endpoint_type: "Interface", private_dns_enabled: true } },
      },
    });
    expect(resultsOf(ztNet023, model).map((r) => `${r.item}:${r.status}`)).toEqual(["Endpoint::ssm:pass", "Endpoint::ssmmessages:fail"]);
  });
});
