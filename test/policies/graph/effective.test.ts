import { effectiveGraph } from "../../../policies/graph";
import { FlowEdge } from "../../../policies/graph/types";
import { configModel, synthModel } from "../../support/rules";
import { graphFixture } from "./fixture";

/** Edges as one line each: `from -> to protocol ports [layer:address,...]`. */
function lines(edges: readonly FlowEdge[]): string[] {
  return edges.map((e) => `${e.from} -> ${e.to} ${e.protocol} ${e.fromPort}-${e.toPort} [${e.layers.map((l) => `${l.layer}:${l.addresses.join("+")}`).join(" ")}]`);
}

const rule = (group: string, body: Record<string, unknown>) => ({ security_group_id: `\${aws_security_group.${group}.id}`, ...body });

/** An untagged group `web` with rules of every kind of peer, in Terraform JSON as cdktf writes it. */
const PEERS = {
  resource: {
    aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
    aws_security_group: {
      web: {
        vpc_id: "${aws_vpc.main.id}",
        ingress: [
          { protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"] },
          { protocol: "tcp", from_port: 8080, to_port: 8080, cidr_blocks: ["${aws_vpc.main.cidr_block}"] },
          { protocol: "tcp", from_port: 7000, to_port: 7001, self: true },
        ],
        egress: [
          { protocol: "-1", from_port: 0, to_port: 0, self: true },
          { protocol: "tcp", from_port: 443, to_port: 443, prefix_list_ids: ["pl-0123"] },
          { protocol: "-1", from_port: 0, to_port: 0, security_groups: ["sg-0abc"] },
        ],
      },
    },
    aws_vpc_security_group_ingress_rule: {
      http: rule("web", { ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "0.0.0.0/0" }),
      alt: rule("web", { ip_protocol: "tcp", from_port: 81, to_port: 90, cidr_ipv4: "0.0.0.0/0" }),
      office: rule("web", { ip_protocol: "tcp", from_port: 22, to_port: 22, cidr_ipv4: "10.1.0.0/24" }),
      from_variable: rule("web", { ip_protocol: "tcp", from_port: 5000, to_port: 5000, cidr_ipv4: "${var.office}" }),
      any_protocol: rule("web", { ip_protocol: "${var.protocol}", cidr_ipv4: "10.2.0.0/24" }),
    },
  },
};

describe("effectiveGraph", () => {
  it("names every kind of peer, merges touching port ranges and joins a group's egress with its own ingress", () => {
    const [graph] = effectiveGraph(configModel(PEERS, "peers"));
    const web = "sg:aws_security_group.web";
    const http = "aws_vpc_security_group_ingress_rule";
    expect(graph.stack).toBe("peers");
    expect(lines(graph.edges)).toEqual([
      `cidr:10.1.0.0/24 -> ${web} tcp 22-22 [security-group-ingress:${http}.office]`,
      `internet -> ${web} tcp 80-90 [security-group-ingress:${http}.alt+${http}.http]`,
      `internet -> ${web} tcp 443-443 [security-group-ingress:aws_security_group.web]`,
      `${web} -> prefix-list:pl-0123 tcp 443-443 [security-group-egress:aws_security_group.web]`,
      `${web} -> ${web} tcp 7000-7001 [security-group-egress:aws_security_group.web security-group-ingress:aws_security_group.web]`,
      `${web} -> sg:sg-0abc all 0-65535 [security-group-egress:aws_security_group.web]`,
      `vpc -> ${web} tcp 8080-8080 [security-group-ingress:aws_security_group.web]`,
    ]);
    expect(graph.nodes.map((n) => `${n.id} ${n.kind}`)).toEqual([
      "cidr:10.1.0.0/24 cidr",
      "internet internet",
      "prefix-list:pl-0123 prefix-list",
      `${web} group`,
      "sg:sg-0abc group",
      "vpc vpc",
    ]);
  });

  it("lists what is unknown until apply with the address of the rule, never dropping it silently", () => {
    const [graph] = effectiveGraph(configModel(PEERS, "peers"));
    expect(graph.unknown).toEqual([
      { address: "aws_vpc_security_group_ingress_rule.any_protocol", text: "aws_vpc_security_group_ingress_rule.any_protocol: its protocol is unknown until apply" },
      { address: "aws_vpc_security_group_ingress_rule.from_variable", text: "aws_vpc_security_group_ingress_rule.from_variable names a CIDR unknown until apply (var.office)" },
    ]);
  });

  it("drops an edge between two groups when a network ACL on the way denies its port", () => {
    const edges = (denied: boolean) => lines(effectiveGraph(synthModel(graphFixture({ aclDeniesData: denied })))[0].edges).filter((l) => l.startsWith("payments -> ledger"));
    expect(edges(false)).toHaveLength(1);
    expect(edges(true)).toEqual([]);
  });

  it("narrows all traffic between two groups to what the network ACLs let through", () => {
    const host = (subnet: string, group: string) => ({ ami: "ami-0abcdef1234567890", instance_type: "t3.micro", subnet_id: `\${aws_subnet.${subnet}.id}`, vpc_security_group_ids: [`\${aws_security_group.${group}.id}`] });
    const everything = { protocol: "-1", from_port: 0, to_port: 0 };
    const entry = (egress: boolean) => ({ network_acl_id: "${aws_network_acl.tcp_only.id}", rule_number: 100, egress, rule_action: "allow", cidr_block: "10.0.0.0/16", protocol: "6", from_port: 0, to_port: 65535 });
    const config = {
      resource: {
        aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
        aws_subnet: { a: { vpc_id: "${aws_vpc.main.id}", cidr_block: "10.0.1.0/24" }, b: { vpc_id: "${aws_vpc.main.id}", cidr_block: "10.0.2.0/24" } },
        aws_security_group: {
          client: { tags: { "zt:service": "client" }, egress: [{ ...everything, security_groups: ["${aws_security_group.server.id}"] }] },
          server: { tags: { "zt:service": "server" }, ingress: [{ ...everything, security_groups: ["${aws_security_group.client.id}"] }] },
        },
        aws_instance: { client: host("a", "client"), server: host("b", "server") },
        aws_network_acl: { tcp_only: { vpc_id: "${aws_vpc.main.id}", subnet_ids: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"] } },
        aws_network_acl_rule: { in: entry(false), out: entry(true) },
      },
    };
    const [graph] = effectiveGraph(configModel(config, "acl"));
    expect(lines(graph.edges)).toEqual([
      "client -> server tcp 0-65535 [security-group-egress:aws_security_group.client security-group-ingress:aws_security_group.server network-acl:aws_network_acl.tcp_only]",
    ]);
  });

  it("leaves out the network ACLs of subnets outside the configuration, and lists subnets unknown until apply", () => {
    const host = (subnet: string, group: string) => ({ ami: "ami-0abcdef1234567890", instance_type: "t3.micro", subnet_id: subnet, vpc_security_group_ids: [`\${aws_security_group.${group}.id}`] });
    const tcp = { protocol: "tcp", from_port: 8443, to_port: 8443 };
    const config = (clientSubnet: string) => ({
      resource: {
        aws_security_group: {
          client: { tags: { "zt:service": "client" }, egress: [{ ...tcp, security_groups: ["${aws_security_group.server.id}"] }] },
          server: { tags: { "zt:service": "server" }, ingress: [{ ...tcp, security_groups: ["${aws_security_group.client.id}"] }] },
        },
        aws_instance: { client: host(clientSubnet, "client"), server: host("subnet-0def", "server") },
      },
    });
    const edge = "client -> server tcp 8443-8443 [security-group-egress:aws_security_group.client security-group-ingress:aws_security_group.server]";
    const outside = effectiveGraph(configModel(config("subnet-0abc"), "outside"))[0];
    expect(lines(outside.edges)).toEqual([edge]);
    expect(outside.unknown).toEqual([]);
    const computed = effectiveGraph(configModel(config("${var.subnet}"), "computed"))[0];
    expect(lines(computed.edges)).toEqual([edge]);
    expect(computed.unknown).toEqual([
      { address: "aws_security_group.client", text: "network ACLs between client and server not read: aws_instance.client runs in a subnet unknown until apply" },
    ]);
  });

  it("gives one graph per stack, in stack order", () => {
    const model = synthModel(graphFixture());
    expect(effectiveGraph(model).map((g) => g.stack)).toEqual(["graph"]);
  });
});
