import { Model } from "../../../policies/engine/model";
import { Result } from "../../../policies/engine/types";
import { effectiveGraph } from "../../../policies/graph";
import { FlowEdge } from "../../../policies/graph/types";
import { routeServed } from "../../../policies/graph/readers/gateways";
import { ztGraph001 } from "../../../policies/rules/graph/zt-graph-001-undeclared-flow";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { configModel, describeFixtureModes, resultsOf, synthModel } from "../../support/rules";
import { gatewayFixture, GatewayFixtureOptions, gatewayGraph, ORDER_ROUTES } from "./gateway-fixture";

/** Edges as one line each: `from -> to protocol ports [layer:address,...] routes`. */
function lines(edges: readonly FlowEdge[]): string[] {
  return edges.map(
    (e) =>
      `${e.from} -> ${e.to} ${e.protocol} ${e.fromPort}-${e.toPort} [${e.layers.map((l) => `${l.layer}:${l.addresses.join("+")}`).join(" ")}]` +
      (e.routes === undefined ? "" : ` ${e.routes.join(", ")}`),
  );
}

function graphOf(options: GatewayFixtureOptions) {
  return effectiveGraph(synthModel(gatewayFixture(options)))[0];
}

function results(rule: typeof ztGraph001, options: GatewayFixtureOptions): Result[] {
  return resultsOf(rule, synthModel(gatewayFixture(options)));
}

function withStatus(list: readonly Result[], status: Result["status"]): Result[] {
  return list.filter((r) => r.status === status);
}

const METHODS = ["create_order", "get_order", "list_orders"].map((m) => `aws_api_gateway_method.${m}`);
const ORDERS_EDGE = `gateway:edge -> orders tcp 8443-8443 [gateway-route:${METHODS.join("+")} security-group-egress:aws_vpc_security_group_egress_rule.nlb_to_orders security-group-ingress:aws_vpc_security_group_ingress_rule.orders_from_nlb] ${ORDER_ROUTES.join(", ")}`;
const INTERNET_EDGE = `internet -> gateway:edge tcp 443-443 [gateway-route:aws_api_gateway_rest_api.api] ${ORDER_ROUTES.join(", ")}`;
const VPC_LINK_EDGE = "vpc -> gateway:edge tcp 8443-8443 [security-group-ingress:aws_vpc_security_group_ingress_rule.nlb_from_vpc]";

describeFixtureModes("a REST API in front of a service through a VPC link", () => gatewayFixture(), (model: () => Model) => {
  it("draws internet -> gateway -> service, the gateway's edge joining its routes with the security groups between the load balancer and the hosts", () => {
    const [graph] = effectiveGraph(model());
    expect(graph.unknown).toEqual([]);
    expect(lines(graph.edges)).toEqual([ORDERS_EDGE, INTERNET_EDGE, VPC_LINK_EDGE]);
    expect(graph.nodes.find((n) => n.id === "gateway:edge")).toEqual({
      id: "gateway:edge",
      kind: "gateway",
      label: "edge",
      addresses: ["aws_api_gateway_rest_api.api", "aws_security_group.nlb_group"],
    });
  });

  it("ZT-GRAPH-001 passes every declared route and the load balancer's rules", () => {
    const list = resultsOf(ztGraph001, model());
    expect(list.filter((r) => r.status !== "pass").map((r) => `${r.status}: ${r.message}`)).toEqual([]);
    expect(withStatus(list, "pass").map((r) => r.address).sort()).toEqual([
      ...METHODS,
      "aws_vpc_security_group_egress_rule.nlb_to_orders",
      "aws_vpc_security_group_ingress_rule.orders_from_nlb",
    ]);
  });

  it("ZT-GRAPH-002 passes both gateway edges", () => {
    const list = resultsOf(ztGraph002, model());
    expect(list.map((r) => `${r.status} ${r.item}`).sort()).toEqual(["pass gateway:edge|orders|tcp|8443", "pass internet|gateway:edge|tcp|443"]);
  });
});

describe("the gateway-route layer", () => {
  it("names an API without the zt:gateway tag by its address", () => {
    const config = {
      resource: {
        aws_api_gateway_rest_api: { plain: { name: "plain", endpoint_configuration: { types: ["REGIONAL"] } } },
        aws_api_gateway_method: { root: { rest_api_id: "${aws_api_gateway_rest_api.plain.id}", resource_id: "${aws_api_gateway_rest_api.plain.root_resource_id}", http_method: "GET", authorization: "AWS_IAM" } },
      },
    };
    const [graph] = effectiveGraph(configModel(config, "plain"));
    expect(lines(graph.edges)).toEqual(["internet -> gateway:aws_api_gateway_rest_api.plain tcp 443-443 [gateway-route:aws_api_gateway_rest_api.plain] GET /"]);
    expect(graph.nodes.map((n) => `${n.id} ${n.kind} ${n.label}`)).toEqual(["gateway:aws_api_gateway_rest_api.plain gateway aws_api_gateway_rest_api.plain", "internet internet internet"]);
  });

  it("draws no internet edge to a PRIVATE API", () => {
    expect(lines(graphOf({ privateApi: true }).edges)).toEqual([ORDERS_EDGE, VPC_LINK_EDGE]);
  });

  it("leaves out a route the load balancer's security group does not let through", () => {
    expect(lines(graphOf({ withoutBalancerEgress: true }).edges)).toEqual([INTERNET_EDGE, VPC_LINK_EDGE]);
  });

  it("draws a route the hosts admit by an address block that holds the load balancer, with its own layer", () => {
    expect(lines(graphOf({ ordersAdmitVpc: true }).edges)).toEqual([
      `gateway:edge -> orders tcp 8443-8443 [gateway-route:${METHODS.join("+")}] ${ORDER_ROUTES.join(", ")}`,
      INTERNET_EDGE,
      VPC_LINK_EDGE,
      "vpc -> orders tcp 8443-8443 [security-group-ingress:aws_vpc_security_group_ingress_rule.orders_from_vpc]",
    ]);
  });

  it("judges the network ACLs between the load balancer's subnets and the hosts' on the gateway's edge", () => {
    expect(lines(graphOf({ backendAcl: "allow" }).edges)[0]).toBe(ORDERS_EDGE.replace("] GET", " network-acl:aws_network_acl.private_acl] GET"));
    expect(lines(graphOf({ backendAcl: "deny" }).edges)).toEqual([INTERNET_EDGE, VPC_LINK_EDGE]);
  });

  it("follows each route to the listener on its URI's port, and an instance attachment to its host's group", () => {
    const edges = lines(graphOf({ paymentsRoute: true }).edges).filter((l) => l.startsWith("gateway:edge -> payments"));
    expect(edges).toEqual([
      "gateway:edge -> payments tcp 9443-9443 [gateway-route:aws_api_gateway_method.list_payments security-group-egress:aws_vpc_security_group_egress_rule.nlb_to_payments security-group-ingress:aws_vpc_security_group_ingress_rule.payments_from_nlb] GET /payments",
    ]);
  });

  it("lists a route whose VPC link is unknown until apply, and draws the rest", () => {
    const graph = graphOf({ unknownLink: true });
    expect(graph.unknown).toEqual([
      { address: "aws_api_gateway_method.list_orders", text: "route GET /orders: the connection_id of aws_api_gateway_integration.list_orders_integration is unknown until apply" },
    ]);
    expect(lines(graph.edges)[0]).toBe(ORDERS_EDGE.replace("+aws_api_gateway_method.list_orders", "").replace("GET /orders, ", ""));
  });

  it("reads an HTTP API: route keys, integration_uri naming the listener, and no internet edge once execute-api is disabled without a domain", () => {
    const config = (disabled: boolean) => ({
      resource: {
        aws_security_group: { orders: { tags: { "zt:service": "orders" } } },
        aws_launch_template: { orders: { image_id: "ami-0abcdef1234567890", vpc_security_group_ids: ["${aws_security_group.orders.id}"] } },
        aws_autoscaling_group: { orders: { min_size: 1, max_size: 1, launch_template: { id: "${aws_launch_template.orders.id}" }, target_group_arns: ["${aws_lb_target_group.orders.arn}"] } },
        aws_lb: { alb: { internal: true, load_balancer_type: "application" } },
        aws_lb_target_group: { orders: { port: 8080, protocol: "HTTPS" } },
        aws_lb_listener: { https: { load_balancer_arn: "${aws_lb.alb.arn}", port: 443, default_action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.orders.arn}" }] } },
        aws_apigatewayv2_api: { http: { name: "http", protocol_type: "HTTP", disable_execute_api_endpoint: disabled, tags: { "zt:gateway": "partners" } } },
        aws_apigatewayv2_vpc_link: { link: { name: "link", subnet_ids: ["subnet-0abc"], security_group_ids: [] } },
        aws_apigatewayv2_integration: {
          orders: { api_id: "${aws_apigatewayv2_api.http.id}", integration_type: "HTTP_PROXY", connection_type: "VPC_LINK", connection_id: "${aws_apigatewayv2_vpc_link.link.id}", integration_uri: "${aws_lb_listener.https.arn}", integration_method: "ANY" },
        },
        aws_apigatewayv2_route: {
          list: { api_id: "${aws_apigatewayv2_api.http.id}", route_key: "GET /orders", target: "integrations/${aws_apigatewayv2_integration.orders.id}" },
          health: { api_id: "${aws_apigatewayv2_api.http.id}", route_key: "GET /health" },
        },
      },
    });
    expect(lines(effectiveGraph(configModel(config(false), "http"))[0].edges)).toEqual([
      "gateway:partners -> orders tcp 8080-8080 [gateway-route:aws_apigatewayv2_route.list] GET /orders",
      "internet -> gateway:partners tcp 443-443 [gateway-route:aws_apigatewayv2_api.http] GET /health, GET /orders",
    ]);
    expect(lines(effectiveGraph(configModel(config(true), "http"))[0].edges)).toEqual(["gateway:partners -> orders tcp 8080-8080 [gateway-route:aws_apigatewayv2_route.list] GET /orders"]);
  });

  it("serves a route by the same method and path, or ANY on that path", () => {
    expect(routeServed(["GET /orders"], "GET /orders")).toBe(true);
    expect(routeServed(["ANY /orders"], "DELETE /orders")).toBe(true);
    expect(routeServed(["GET /orders"], "POST /orders")).toBe(false);
    expect(routeServed(["ANY /orders"], "GET /orders/{id}")).toBe(false);
  });
});

describe("ZT-GRAPH-001 on gateway routes", () => {
  it("fails a route the declared gateway edge does not list, on the method, naming the route, the gateway, the service and the port", () => {
    const fails = withStatus(results(ztGraph001, { undeclaredRoute: true }), "fail");
    expect(fails.map((r) => `${r.address}: ${r.message}`)).toEqual([
      "aws_api_gateway_method.delete_order: route DELETE /orders/{id} of gateway:edge (aws_api_gateway_method.delete_order) reaches orders on TCP 8443, and the declared gateway edge does not list it (declared routes: GET /orders, GET /orders/{id}, POST /orders)",
    ]);
    expect(fails[0].item).toBe("gateway:edge->orders:tcp:8443:DELETE /orders/{id}");
    expect(fails[0].severity).toBe("high");
  });

  it("fails a route to a declared service the graph has no gateway edge for, and the load balancer's rules to it as before", () => {
    const fails = withStatus(results(ztGraph001, { paymentsRoute: true }), "fail");
    expect(fails.map((r) => `${r.address}: ${r.message}`).sort()).toEqual([
      "aws_api_gateway_method.list_payments: route GET /payments of gateway:edge (aws_api_gateway_method.list_payments) reaches payments on TCP 9443, and the service graph declares no gateway edge from gateway:edge to payments on that port",
      "aws_vpc_security_group_egress_rule.nlb_to_payments: aws_vpc_security_group_egress_rule.nlb_to_payments allows gateway:edge -> payments on TCP 9443, which the service graph does not declare",
      "aws_vpc_security_group_ingress_rule.payments_from_nlb: aws_vpc_security_group_ingress_rule.payments_from_nlb allows gateway:edge -> payments on TCP 9443, which the service graph does not declare",
    ]);
  });

  it("is unknown on an API whose routes are in an OpenAPI body, and only there", () => {
    const config = {
      resource: {
        terraform_data: { ztb_service_graph: { input: JSON.stringify(gatewayGraph()) } },
        aws_api_gateway_rest_api: { openapi: { name: "openapi", body: "{}", endpoint_configuration: { types: ["PRIVATE"] } } },
        aws_apigatewayv2_api: { ws: { name: "ws", protocol_type: "WEBSOCKET" } },
      },
    };
    const list = resultsOf(ztGraph001, configModel(config, "openapi"));
    expect(list.map((r) => `${r.status} ${r.address}: ${r.message}`)).toEqual([
      "unknown aws_api_gateway_rest_api.openapi: aws_api_gateway_rest_api.openapi defines routes in an OpenAPI body, which is not read; cannot tell which service the route reaches, nor whether the service graph declares it",
    ]);
  });

  it("is unknown for a route whose VPC link is known only at apply", () => {
    const unknowns = withStatus(results(ztGraph001, { unknownLink: true }), "unknown");
    expect(unknowns.map((r) => r.address)).toEqual(["aws_api_gateway_method.list_orders"]);
    expect(unknowns[0].message).toContain("the connection_id of aws_api_gateway_integration.list_orders_integration is unknown until apply");
  });
});

describe("ZT-GRAPH-002 on gateway edges", () => {
  it("fails the internet edge of a gateway the internet cannot reach, naming the gateway-route layer", () => {
    const fails = withStatus(results(ztGraph002, { privateApi: true }), "fail");
    expect(fails.map((r) => `${r.item}: ${r.message}`)).toEqual([
      "internet|gateway:edge|tcp|443: declared edge internet -> gateway:edge TCP 443 is blocked by gateway-route of gateway:edge: gateway:edge is not reachable from the internet (aws_api_gateway_rest_api.api: its endpoint type is PRIVATE, and no custom domain maps it)",
    ]);
  });

  it("fails the gateway's edge to a service when the load balancer's security group blocks it", () => {
    const fails = withStatus(results(ztGraph002, { withoutBalancerEgress: true }), "fail");
    expect(fails.map((r) => `${r.item}: ${r.message}`)).toEqual([
      "gateway:edge|orders|tcp|8443: declared edge gateway:edge -> orders TCP 8443 is blocked by security-group-egress of gateway:edge: no egress rule allows orders on TCP 8443",
    ]);
  });

  it("fails the gateway's edge to a service when a network ACL between the load balancer and the hosts drops it", () => {
    const fails = withStatus(results(ztGraph002, { backendAcl: "deny" }), "fail");
    expect(fails.map((r) => `${r.item}: ${r.message}`)).toEqual([
      "gateway:edge|orders|tcp|8443: declared edge gateway:edge -> orders TCP 8443 is blocked by network-acl of subnets aws_subnet.private_a and aws_subnet.private_b: aws_network_acl.private_acl ingress from 10.0.1.0/24 does not allow TCP 8443",
    ]);
  });

  it("fails both gateway edges when a declared route is served by no method", () => {
    const fails = withStatus(results(ztGraph002, { declaredExtraRoute: true }), "fail");
    expect(fails.map((r) => `${r.item}: ${r.message}`)).toEqual([
      "internet|gateway:edge|tcp|443: declared edge internet -> gateway:edge TCP 443 is blocked by gateway-route of gateway:edge: no route of gateway:edge serves PUT /orders/{id}",
      "gateway:edge|orders|tcp|8443: declared edge gateway:edge -> orders TCP 8443 is blocked by gateway-route of gateway:edge: no route of gateway:edge to orders on TCP 8443 serves PUT /orders/{id}",
    ]);
  });

  it("is unknown, not a pass, when a route to the service cannot be followed and the rest do not reach it", () => {
    const list = results(ztGraph002, { unknownLink: true, declaredExtraRoute: false });
    expect(withStatus(list, "fail")).toEqual([]);
    expect(withStatus(list, "unknown").map((r) => `${r.item}: ${r.message}`)).toEqual([
      "gateway:edge|orders|tcp|8443: declared edge gateway:edge -> orders TCP 8443 may be blocked by gateway-route of gateway:edge: no route of gateway:edge to orders on TCP 8443 serves GET /orders as far as can be read; route GET /orders: the connection_id of aws_api_gateway_integration.list_orders_integration is unknown until apply",
    ]);
  });

  it("is unknown, not a missing gateway, for an API whose protocol is known only at apply", () => {
    const config = {
      resource: {
        terraform_data: { ztb_service_graph: { input: JSON.stringify(gatewayGraph()) } },
        aws_security_group: { orders: { tags: { "zt:service": "orders" } } },
        aws_apigatewayv2_api: { api: { name: "api", protocol_type: "${var.protocol}", tags: { "zt:gateway": "edge" } } },
      },
    };
    const list = resultsOf(ztGraph002, configModel(config, "protocol"));
    expect(list.map((r) => `${r.status} ${r.item}`)).toEqual(["unknown internet|gateway:edge|tcp|443", "fail gateway:edge|orders|tcp|8443"]);
    expect(list[0].message).toContain("the protocol of aws_apigatewayv2_api.api is unknown until apply");
    // The edge to orders has a path to judge: its groups block it, whatever the API turns out to be.
    expect(list[1].message).toBe("declared edge gateway:edge -> orders TCP 8443 is blocked by security-group-ingress of orders: no ingress rule admits gateway:edge on TCP 8443");
  });

  it("fails a declared gateway without any API in the configuration", () => {
    const config = {
      resource: {
        terraform_data: {
          ztb_service_graph: {
            input: JSON.stringify({
              schema: "ztb.service-graph/v1",
              platform: "p",
              services: [],
              edges: [{ from: "internet", to: "gateway:edge", protocol: "tcp", port: 443, kind: "gateway", routes: ["GET /"] }],
            }),
          },
        },
      },
    };
    const fails = withStatus(resultsOf(ztGraph002, configModel(config, "empty")), "fail");
    expect(fails.map((r) => r.message)).toEqual([
      "declared edge internet -> gateway:edge TCP 443 has no path: gateway gateway:edge has no API in the configuration (no API is tagged zt:gateway = edge)",
    ]);
  });
});
