import { StackEnvironment } from "../../constructs/core";
import { SegmentedNetwork } from "../../constructs/network";
import { PlatformGatewayProps, ServiceDeclaration, ServicePlatform } from "../../constructs/service";
import { expectInvalid } from "../core/validation-error";
import { BACKEND_CERT, DOMAIN_CERT, KEY_ADMIN, USER_POOL } from "../gateway/fixtures";
import { ACCOUNT, REGION, newStack, ofType, packVerdict } from "../identity/harness";
import { ADMIN, threeServices } from "./fixtures";

const GATEWAY: PlatformGatewayProps = {
  authorizers: [
    { name: "customers", kind: "cognito", userPoolArns: [USER_POOL] },
    { name: "staff", kind: "iam" },
  ],
  backendCertificateArn: BACKEND_CERT,
  backendServerName: "services.internal.example.com",
  domain: { domainName: "api.example.com", certificateArn: DOMAIN_CERT },
  keyAdminRoleArns: [KEY_ADMIN],
};

/** web faces the edge with three routes; api and db as in the three-service fixture. */
function edgeServices(): ServiceDeclaration[] {
  const [web, api, db] = threeServices();
  return [
    {
      ...web,
      routes: [
        { method: "GET", path: "/orders", port: "https", authorizer: "customers", scopes: ["shop/orders.read"] },
        { method: "POST", path: "/orders", port: "https", authorizer: "customers", scopes: ["shop/orders.write"] },
        { method: "GET", path: "/admin/{id}", port: "https", authorizer: "staff" },
      ],
    },
    api,
    db,
  ];
}

function platform(services: ServiceDeclaration[], gateway: PlatformGatewayProps | "none" = GATEWAY) {
  const stack = newStack();
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  const network = new SegmentedNetwork(stack, "network", { name: "net", cidr: "10.0.0.0/16", region: REGION, accountId: ACCOUNT, availabilityZones: ["eu-west-1a", "eu-west-1b"] });
  return { stack, platform: new ServicePlatform(stack, "services", { network, adminRoleArns: [ADMIN], services, gateway: gateway === "none" ? undefined : gateway }) };
}

describe("ServicePlatform with a gateway", () => {
  const { stack, platform: p } = platform(edgeServices());

  test("the declared routes become the gateway's methods, each with its authorizer and scopes", () => {
    expect(p.gateway!.name).toBe("edge");
    const methods = Object.values(ofType(stack, "aws_api_gateway_method")).map((m) => [m.http_method, m.authorization, m.authorization_scopes ?? null]);
    expect(methods).toEqual(
      expect.arrayContaining([
        ["GET", "COGNITO_USER_POOLS", ["shop/orders.read"]],
        ["POST", "COGNITO_USER_POOLS", ["shop/orders.write"]],
        ["GET", "AWS_IAM", null],
      ]),
    );
    expect(methods).toHaveLength(3);
  });

  test("only the gateway's load balancer reaches the edge service, on its port", () => {
    const ingress = Object.entries(ofType(stack, "aws_vpc_security_group_ingress_rule")).filter(([name]) => name.startsWith("services_web_"));
    expect(ingress.map(([, r]) => [r.referenced_security_group_id, r.from_port])).toEqual([
      [expect.stringMatching(/^\$\{aws_security_group\.services_gateway_integration_\w+\.id\}$/), 8443],
    ]);
  });

  test("the declared graph holds the internet to the gateway and the gateway to the service, with the routes", () => {
    expect(p.graph.edges.filter((e) => e.kind === "gateway")).toEqual([
      { from: "internet", to: "gateway:edge", protocol: "tcp", port: 443, kind: "gateway", routes: ["GET /orders", "POST /orders", "GET /admin/{id}"] },
      { from: "gateway:edge", to: "web", protocol: "tcp", port: 8443, kind: "gateway", name: "https", routes: ["GET /orders", "POST /orders", "GET /admin/{id}"] },
    ]);
  });

  test("the platform and its gateway add no unsuppressed finding", () => {
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });
});

describe("ServicePlatform refuses routes it cannot serve", () => {
  const [web, api, db] = edgeServices();
  const route = web.routes![0];
  test("routes without a gateway", () => {
    expectInvalid(() => platform([web, api, db], "none"), "services[0].routes[0]", 'service "web" declares the route GET /orders but the platform has no gateway');
  });
  test("an authorizer the gateway does not have, naming the closest", () => {
    expectInvalid(() => platform([{ ...web, routes: [{ ...route, authorizer: "customer" }] }, api, db]), "services[0].routes[0].authorizer", 'names the authorizer "customer", which the gateway does not have; did you mean "customers"?');
  });
  test("a route to a port the service does not declare, or to a TCP port", () => {
    expectInvalid(() => platform([{ ...web, routes: [{ ...route, port: "admin" }] }, api, db]), "services[0].routes[0].port", 'routes GET /orders to port "admin", which the service does not declare (its ports: "https")');
    expectInvalid(
      () => platform([web, api, { ...db, routes: [{ method: "GET", path: "/rows", port: "postgres", authorizer: "staff" }] }]),
      "services[2].routes[0].port",
      'routes GET /rows to port "postgres", which is TCP; a gateway forwards HTTP only',
    );
  });
  test("a route to a service in the isolated tier", () => {
    const isolated: ServiceDeclaration = { ...api, name: "reports", calls: [], secrets: [], runtime: { kind: "ec2", amiId: "ami-0abcdef1234567890", tier: "isolated" }, routes: [{ ...route, path: "/reports" }] };
    expectInvalid(() => platform([web, api, db, isolated]), "services[3].routes[0]", "which the gateway's load balancer in the private tier does not reach");
  });
  test("the same method and path on two services, a bad path, an anonymous route without a reason", () => {
    expectInvalid(() => platform([web, { ...api, routes: [{ ...route }] }, db]), "services[1].routes[0]", 'declares the route GET /orders, which "web" already declares');
    expectInvalid(() => platform([{ ...web, routes: [{ ...route, path: "/orders/*" }] }, api, db]), "services[0].routes[0].path", 'has the route path "/orders/*"');
    expectInvalid(() => platform([{ ...web, routes: [{ ...route, authorizer: { none: true, reason: "" }, scopes: [] }] }, api, db]), "services[0].routes[0].authorizer", "is anonymous without a reason");
  });
});
