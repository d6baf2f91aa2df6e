import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { GatewayWebAcl, HttpGateway, HttpGatewayProps } from "../../constructs/gateway";
import { ACCOUNT } from "../identity/harness";
import { AUTHORIZER_FUNCTION, BACKEND_CERT, DOMAIN_CERT, GatewayFixture, KEY_ADMIN, SERVICE_PORT, gatewayStack } from "./fixtures";

/** ACM certificate in us-east-1 for the distribution's aliases. */
export const EDGE_CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/2a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
/** OIDC issuer of the JWT authorizer. */
export const ISSUER = "https://login.example.com/";
/** The API's custom domain, the distribution's origin. */
export const API_DOMAIN = "origin.api.example.com";
/** Host name viewers call. */
export const EDGE_ALIAS = "api.example.com";
/** Host name on the backend certificate. */
export const BACKEND_NAME = "services.shop.internal.example.com";
/** The origin secret of the fixture (a literal only in tests; pass a sensitive variable). */
export const ORIGIN_SECRET = "fixture-origin-secret-0123456789";

/** The fixture plus a us-east-1 provider and a CLOUDFRONT web ACL. */
export function edgeFixture(id = "http"): GatewayFixture & { usEast1: AwsProvider; webAcl: GatewayWebAcl } {
  const fixture = gatewayStack(id);
  const usEast1 = new AwsProvider(fixture.stack, "aws-us-east-1", { region: "us-east-1", alias: "us_east_1" });
  const webAcl = new GatewayWebAcl(fixture.stack, "edge-acl", { name: "shop-edge", scope: "CLOUDFRONT", provider: usEast1, keyAdminRoleArns: [KEY_ADMIN] });
  return { ...fixture, usEast1, webAcl };
}

/**
 * The props of the fixture's HTTP gateway "shop": a JWT, a Lambda and an IAM authorizer, routes to both services, a
 * custom domain and a CloudFront edge with the web ACL.
 */
export function httpGatewayProps(fixture: ReturnType<typeof edgeFixture>): HttpGatewayProps {
  const { network, orders, catalog, webAcl } = fixture;
  return {
    name: "shop",
    network,
    authorizers: [
      { name: "oidc", kind: "jwt", issuer: ISSUER, audiences: ["shop-api"] },
      { name: "partner", kind: "lambda", functionArn: AUTHORIZER_FUNCTION },
      { name: "internal", kind: "iam" },
    ],
    routes: [
      { method: "GET", path: "/orders/{id}", target: orders, port: SERVICE_PORT, authorizer: "oidc", scopes: ["orders/read"] },
      { method: "POST", path: "/orders", target: orders, port: SERVICE_PORT, authorizer: "oidc", scopes: ["orders/write"] },
      { method: "DELETE", path: "/orders/{id}", target: orders, port: SERVICE_PORT, authorizer: "internal" },
      { method: "GET", path: "/catalog/{proxy+}", target: catalog, port: SERVICE_PORT, authorizer: "partner" },
    ],
    backendCertificateArn: BACKEND_CERT,
    backendServerName: BACKEND_NAME,
    domain: { domainName: API_DOMAIN, certificateArn: DOMAIN_CERT },
    edge: { kind: "cloudfront", webAcl, certificateArn: EDGE_CERT, aliases: [EDGE_ALIAS], originSecret: ORIGIN_SECRET },
    keyAdminRoleArns: [KEY_ADMIN],
  };
}

/** The fixture's HTTP gateway, with `overrides` (given the fixture, so they can name its hosts and web ACL). */
export function httpGateway(overrides: (f: ReturnType<typeof edgeFixture>) => Partial<HttpGatewayProps> = () => ({}), id = "http") {
  const fixture = edgeFixture(id);
  const gateway = new HttpGateway(fixture.stack, "gateway", { ...httpGatewayProps(fixture), ...overrides(fixture) });
  return { ...fixture, gateway };
}
