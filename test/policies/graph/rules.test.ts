import { Model } from "../../../policies/engine/model";
import { effectiveGraph } from "../../../policies/graph";
import { Result } from "../../../policies/engine/types";
import { ztGraph001 } from "../../../policies/rules/graph/zt-graph-001-undeclared-flow";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { configModel, describeFixtureModes, resultsOf, synthModel } from "../../support/rules";
import { fixtureGraph, graphFixture, GraphFixtureOptions } from "./fixture";

/** The results of a rule on the fixture built with `options`, synthesized. */
function results(rule: typeof ztGraph001, options: GraphFixtureOptions): Result[] {
  return resultsOf(rule, synthModel(graphFixture(options)));
}

function withStatus(list: readonly Result[], status: Result["status"]): Result[] {
  return list.filter((r) => r.status === status);
}

describeFixtureModes("the declared graph fixture", () => graphFixture(), (model: () => Model) => {
  it("has the effective graph the declaration describes, every layer on each edge named", () => {
    const [graph] = effectiveGraph(model());
    expect(graph.unknown).toEqual([]);
    expect(graph.nodes.map((n) => `${n.id} ${n.kind} ${n.addresses.join(",")}`)).toEqual([
      "ledger service aws_security_group.ledger",
      "orders service aws_security_group.orders",
      "payments service aws_security_group.payments",
      "platform:s3 platform aws_vpc_endpoint.s3",
      "platform:vpc-endpoints platform aws_security_group.endpoints",
    ]);
    const sg = (kind: string, name: string) => `aws_vpc_security_group_${kind}_rule.${name}`;
    expect(graph.edges).toEqual([
      {
        from: "orders",
        to: "payments",
        protocol: "tcp",
        fromPort: 8443,
        toPort: 8443,
        layers: [
          { layer: "security-group-egress", addresses: [sg("egress", "orders_to_payments")] },
          { layer: "security-group-ingress", addresses: [sg("ingress", "payments_from_orders")] },
          { layer: "network-acl", addresses: ["aws_network_acl.private_acl"] },
        ],
      },
      { from: "orders", to: "platform:s3", protocol: "tcp", fromPort: 443, toPort: 443, layers: [{ layer: "security-group-egress", addresses: [sg("egress", "orders_to_s3")] }] },
      {
        // The endpoint and the orders host share a subnet: no network ACL on the way.
        from: "orders",
        to: "platform:vpc-endpoints",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        layers: [
          { layer: "security-group-egress", addresses: [sg("egress", "orders_to_endpoints")] },
          { layer: "security-group-ingress", addresses: [sg("ingress", "endpoints_from_orders")] },
        ],
      },
      {
        from: "payments",
        to: "ledger",
        protocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
        layers: [
          { layer: "security-group-egress", addresses: [sg("egress", "payments_to_ledger")] },
          { layer: "security-group-ingress", addresses: [sg("ingress", "ledger_from_payments")] },
          { layer: "network-acl", addresses: ["aws_network_acl.data_acl", "aws_network_acl.private_acl"] },
        ],
      },
    ]);
  });

  it("ZT-GRAPH-001 passes every rule that touches a declared service, and finds nothing else", () => {
    const list = resultsOf(ztGraph001, model());
    expect(withStatus(list, "fail").map((r) => r.message)).toEqual([]);
    expect(withStatus(list, "unknown").map((r) => r.message)).toEqual([]);
    expect(withStatus(list, "error")).toEqual([]);
    expect(withStatus(list, "pass").map((r) => r.address).sort()).toEqual([
      "aws_vpc_security_group_egress_rule.orders_to_endpoints",
      "aws_vpc_security_group_egress_rule.orders_to_payments",
      "aws_vpc_security_group_egress_rule.orders_to_s3",
      "aws_vpc_security_group_egress_rule.payments_to_ledger",
      "aws_vpc_security_group_ingress_rule.endpoints_from_orders",
      "aws_vpc_security_group_ingress_rule.ledger_from_payments",
      "aws_vpc_security_group_ingress_rule.payments_from_orders",
    ]);
  });

  it("ZT-GRAPH-002 passes each declared edge, the platform edges included", () => {
    const list = resultsOf(ztGraph002, model());
    expect(list.filter((r) => r.status !== "pass").map((r) => `${r.status}: ${r.message}`)).toEqual([]);
    expect(list.map((r) => r.item).sort()).toEqual([
      "orders|payments|tcp|8443",
      "orders|platform:s3|tcp|443",
      "orders|platform:vpc-endpoints|tcp|443",
      "payments|ledger|tcp|5432",
    ]);
    expect(new Set(list.map((r) => r.address))).toEqual(new Set(["terraform_data.ztb_service_graph"]));
  });
});

describe("ZT-GRAPH-001 (configuration allows a flow the service graph does not declare)", () => {
  it("fails a hand-added ingress rule, naming both services and the port", () => {
    const fails = withStatus(results(ztGraph001, { undeclaredIngress: true }), "fail");
    expect(fails.map((r) => r.address)).toEqual(["aws_vpc_security_group_ingress_rule.ledger_from_orders"]);
    expect(fails[0].message).toContain("allows orders -> ledger on TCP 5432, which the service graph does not declare");
    expect(fails[0].item).toBe("orders->ledger:tcp:5432");
    expect(fails[0].severity).toBe("high");
  });

  it("judges a platform group's ingress by the platform edges: the endpoints admit orders, not payments", () => {
    const list = results(ztGraph001, { endpointsAdmitPayments: true });
    expect(withStatus(list, "fail").map((r) => `${r.address}: ${r.message}`)).toEqual([
      "aws_vpc_security_group_ingress_rule.endpoints_from_payments: aws_vpc_security_group_ingress_rule.endpoints_from_payments allows payments -> platform:vpc-endpoints on TCP 443, which the service graph does not declare",
    ]);
    expect(list.find((r) => r.address === "aws_vpc_security_group_ingress_rule.endpoints_from_orders")?.status).toBe("pass");
  });

  it("is not applicable without a declared graph, and says so", () => {
    const model = synthModel(graphFixture({ graph: "none", undeclaredIngress: true }));
    expect(resultsOf(ztGraph001, model)).toEqual([]);
    const outcome = ztGraph001.check(model.resources.find((r) => r.address === "aws_vpc_security_group_ingress_rule.ledger_from_orders")!, model);
    expect(outcome).toEqual(expect.objectContaining({ status: "na", reason: "no declared service graph in this input (terraform_data.ztb_service_graph)" }));
  });

  it("is unknown for a rule whose peer is known only at apply", () => {
    const unknowns = withStatus(results(ztGraph001, { unknownPeer: true }), "unknown");
    expect(unknowns.map((r) => r.address)).toEqual(["aws_vpc_security_group_ingress_rule.ledger_from_peer"]);
    expect(unknowns[0].message).toContain("names a security group unknown until apply (var.peer_group)");
  });
});

describe("ZT-GRAPH-002 (a layer blocks a declared edge)", () => {
  it("fails an edge whose destination admits no caller, naming the layer", () => {
    const fails = withStatus(results(ztGraph002, { withoutPaymentsIngress: true }), "fail");
    expect(fails.map((r) => r.item)).toEqual(["orders|payments|tcp|8443"]);
    expect(fails[0].message).toBe(
      "declared edge orders -> payments TCP 8443 is blocked by security-group-ingress of payments: no ingress rule admits orders on TCP 8443",
    );
    expect(fails[0].address).toBe("terraform_data.ztb_service_graph");
  });

  it("fails an edge a network ACL denies, naming the network-acl layer and the entry's ACL", () => {
    const fails = withStatus(results(ztGraph002, { aclDeniesData: true }), "fail");
    expect(fails.map((r) => r.item)).toEqual(["payments|ledger|tcp|5432"]);
    expect(fails[0].message).toBe(
      "declared edge payments -> ledger TCP 5432 is blocked by network-acl of subnets aws_subnet.private_b and aws_subnet.data_a: aws_network_acl.data_acl ingress from 10.0.2.0/24 does not allow TCP 5432",
    );
  });

  it("fails an edge to a declared service that has no security group", () => {
    const fails = withStatus(results(ztGraph002, { serviceWithoutGroup: true }), "fail");
    expect(fails.map((r) => r.item)).toEqual(["orders|audit|tcp|9443"]);
    expect(fails[0].message).toContain("service audit has no security group in the configuration");
  });

  it("fails a declared graph it cannot read, with the reason", () => {
    const fails = withStatus(results(ztGraph002, { graph: "invalid" }), "fail");
    expect(fails.map((r) => r.message)).toEqual([
      'the declared service graph cannot be read: the declared service graph has schema "ztb.service-graph/v0", not ztb.service-graph/v1',
    ]);
  });

  it("is not applicable without a declared graph", () => {
    expect(results(ztGraph002, { graph: "none" })).toEqual([]);
  });
});

describe("ZT-GRAPH-001 on values unknown until apply", () => {
  const graph = { terraform_data: { ztb_service_graph: { input: JSON.stringify(fixtureGraph()) } } };
  const model = (tags: Record<string, string>) =>
    configModel({
      resource: {
        ...graph,
        aws_security_group: { lb: { tags } },
        aws_vpc_security_group_ingress_rule: {
          office: { security_group_id: "${aws_security_group.lb.id}", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "${var.office}" },
          peer: { security_group_id: "${aws_security_group.lb.id}", ip_protocol: "tcp", from_port: 443, to_port: 443, referenced_security_group_id: "${var.peer}" },
        },
      },
    });

  it("is unknown for a CIDR known only at apply on a declared service's group, and for a peer group on any group", () => {
    const unknowns = (tags: Record<string, string>) => withStatus(resultsOf(ztGraph001, model(tags)), "unknown").map((r) => r.address);
    expect(unknowns({ "zt:service": "payments" })).toEqual(["aws_vpc_security_group_ingress_rule.office", "aws_vpc_security_group_ingress_rule.peer"]);
    // A CIDR is never a service: on a group outside the graph, only the unknown peer group may concern a service.
    expect(unknowns({})).toEqual(["aws_vpc_security_group_ingress_rule.peer"]);
  });
});
