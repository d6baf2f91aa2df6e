import { RestGateway, RestGatewayProps } from "../../constructs/gateway";
import { AUTHORIZER_FUNCTION, BACKEND_CERT, DOMAIN_CERT, GatewayFixture, KEY_ADMIN, SERVICE_PORT, TRUSTSTORE_PEM, USER_POOL, gatewayStack } from "./fixtures";

/** Host name on the backend certificate. */
export const BACKEND_NAME = "services.edge.internal.example.com";
/** The custom domain of the gateway. */
export const API_DOMAIN = "api.example.com";

/**
 * Props of a gateway "edge" with a Cognito, a Lambda and an IAM authorizer, four routes to two services (path and
 * query parameters, a body, scopes, a per-route throttle) and a custom domain with mutual TLS.
 */
export function restGatewayProps(f: GatewayFixture, overrides: Partial<RestGatewayProps> = {}): RestGatewayProps {
  return {
    name: "edge",
    network: f.network,
    backendCertificateArn: BACKEND_CERT,
    backendServerName: BACKEND_NAME,
    keyAdminRoleArns: [KEY_ADMIN],
    authorizers: [
      { name: "users", kind: "cognito", userPoolArns: [USER_POOL] },
      { name: "partners", kind: "lambda", functionArn: AUTHORIZER_FUNCTION },
      { name: "services", kind: "iam" },
    ],
    routes: [
      { method: "GET", path: "/orders/{id}", target: f.orders, port: SERVICE_PORT, authorizer: "users", scopes: ["orders/read"] },
      { method: "POST", path: "/orders", target: f.orders, port: SERVICE_PORT, authorizer: "users", scopes: ["orders/write"], throttle: { rateLimit: 10, burstLimit: 20 } },
      { method: "GET", path: "/catalog", target: f.catalog, port: SERVICE_PORT, authorizer: "partners", requiredParameters: ["method.request.querystring.page"] },
      { method: "PUT", path: "/catalog/{sku}", target: f.catalog, port: SERVICE_PORT, authorizer: "services" },
    ],
    domain: { domainName: API_DOMAIN, certificateArn: DOMAIN_CERT, truststorePem: TRUSTSTORE_PEM },
    ...overrides,
  };
}

/** A fixture stack with a gateway "gateway" built from {@link restGatewayProps} and the overrides. */
export function restGateway(overrides: Partial<RestGatewayProps> = {}, stackId?: string): GatewayFixture & { gateway: RestGateway } {
  const f = gatewayStack(stackId);
  return { ...f, gateway: new RestGateway(f.stack, "gateway", restGatewayProps(f, overrides)) };
}
