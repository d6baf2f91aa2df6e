import { HardenedHost } from "../../constructs/compute";
import { Port } from "../../constructs/core";
import { GatewayAuthorizer, RestGateway, RestGatewayProps, RestRoute } from "../../constructs/gateway";
import { ServiceIdentity } from "../../constructs/identity";
import { AMI } from "../compute/fixtures";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION } from "../identity/harness";
import { DOMAIN_CERT, GatewayFixture, TRUSTSTORE_PEM, gatewayStack } from "./fixtures";
import { restGatewayProps } from "./rest-gateway-harness";

/** Builds a gateway in a fresh fixture stack with props changed by `change`. */
function build(change: (f: GatewayFixture, props: RestGatewayProps) => Partial<RestGatewayProps>): () => RestGateway {
  return () => {
    const f = gatewayStack();
    const props = restGatewayProps(f);
    return new RestGateway(f.stack, "gateway", {
      ...props,
      ...change(f, props),
    });
  };
}

/** Builds a gateway whose first route is changed by `change`. */
function withRoute(change: (f: GatewayFixture, route: RestRoute) => Partial<RestRoute> & Record<string, unknown>): () => RestGateway {
  return build((f, props) => ({
    routes: [{ ...props.routes[0], ...change(f, props.routes[0]) } as RestRoute, ...props.routes.slice(1)],
  }));
}

/** Builds a gateway with one more authorizer. */
function withAuthorizer(authorizer: Record<string, unknown>): () => RestGateway {
  return build((_, props) => ({
    authorizers: [...props.authorizers, authorizer as unknown as GatewayAuthorizer],
  }));
}

describe("RestGateway refuses bad props at construction", () => {
  test("a route naming an authorizer the gateway does not have", () => {
    const error = expectInvalid(
      withRoute(() => ({ authorizer: "admins" })),
      "routes[0].authorizer",
      'names authorizer "admins", which the gateway does not have (authorizers: "users", "partners", "services")'
    );
    expect(error.kind).toBe("RestGateway");
    expect(error.path).toBe("gateway/gateway");
  });

  test("scopes on an IAM or Lambda authorizer, or on an anonymous route", () => {
    expectInvalid(
      withRoute(() => ({ authorizer: "services", scopes: ["orders/read"] })),
      "routes[0].scopes",
      'its iam authorizer "services" cannot check them; use a cognito authorizer'
    );
    expectInvalid(
      withRoute(() => ({ authorizer: "partners", scopes: ["orders/read"] })),
      "routes[0].scopes",
      'its lambda authorizer "partners" cannot check them'
    );
    expectInvalid(
      withRoute(() => ({
        authorizer: { none: true, reason: "public health probe for monitors" },
        scopes: ["x"],
      })),
      "routes[0].scopes",
      "cannot require scopes"
    );
  });

  test("an empty scope or one with spaces", () => {
    expectInvalid(
      withRoute(() => ({ scopes: ["orders read"] })),
      "routes[0].scopes",
      'pass OAuth scopes such as "orders/read"'
    );
  });

  test("the same method and path twice", () => {
    expectInvalid(
      build((_, props) => ({ routes: [...props.routes, props.routes[0]] })),
      "routes[4]",
      "route GET /orders/{id} is declared twice"
    );
  });

  test.each([
    ["orders", "must start with /"],
    ["/orders/", "has an empty segment"],
    ["/orders//{id}", "has an empty segment"],
    ["/orders/{id}/{id}", 'names the path parameter "id" twice'],
    ["/files/{path+}/meta", "before its end"],
    ["/orders/a b", 'has the segment "a b"'],
    ["/orders/{1d}", 'has the segment "{1d}"'],
  ])("the invalid path %s", (path, message) => {
    expectInvalid(
      withRoute(() => ({ path })),
      "routes[0].path",
      message
    );
  });

  test("two parameter names at one place of the path tree", () => {
    expectInvalid(
      build((_, props) => ({
        routes: [...props.routes, { ...props.routes[0], method: "DELETE", path: "/orders/{orderId}" }],
      })),
      "routes[4].path",
      "puts {orderId} where another route has {id}"
    );
  });

  test("an anonymous route without a reason of at least 10 characters", () => {
    expectInvalid(
      withRoute(() => ({ authorizer: { none: true, reason: "public" } })),
      "routes[0].authorizer.reason",
      "needs a reason of at least 10 characters"
    );
  });

  test("a route port that is not one TCP port", () => {
    expectInvalid(
      withRoute(() => ({ port: Port.udp(8443) })),
      "routes[0].port",
      "is not one TCP port"
    );
    expectInvalid(
      withRoute(() => ({ port: Port.tcpRange(8000, 8100) })),
      "routes[0].port",
      "is not one TCP port"
    );
  });

  test("a route to a port its service does not serve", () => {
    expectInvalid(
      withRoute(() => ({ port: Port.tcp(9443) })),
      "routes[0].port",
      'service "orders" serves TCP 8443, not TCP 9443'
    );
  });

  test("a route to something that is not a service", () => {
    expectInvalid(
      withRoute(() => ({ target: undefined })),
      "routes[0].target",
      "is not a service the gateway can reach"
    );
  });

  test("a route to a service without a default port is accepted on any TCP port it names", () => {
    const f = gatewayStack();
    const identity = new ServiceIdentity(f.stack, "reports-identity", {
      serviceName: "reports",
      trust: { kind: "ec2" },
    });
    const reports = new HardenedHost(f.stack, "reports", {
      identity,
      network: f.network,
      amiId: AMI,
    });
    const gateway = new RestGateway(f.stack, "gateway", {
      ...restGatewayProps(f),
      routes: [
        {
          method: "GET",
          path: "/reports",
          target: reports,
          port: Port.tcp(9443),
          authorizer: "users",
        },
      ],
    });
    expect(gateway.routes).toEqual([{ method: "GET", path: "/reports", service: "reports", port: 9443 }]);
  });

  test("required parameters that are not query strings or headers", () => {
    expectInvalid(
      withRoute(() => ({ requiredParameters: ["page"] })),
      "routes[0].requiredParameters",
      'must be "method.request.querystring.<name>" or "method.request.header.<name>"'
    );
  });

  test("a per-route throttle on the root path, or with a bad rate or burst", () => {
    expectInvalid(
      withRoute(() => ({
        path: "/",
        throttle: { rateLimit: 5, burstLimit: 10 },
      })),
      "routes[0].throttle",
      "on the root path"
    );
    expectInvalid(
      withRoute(() => ({ throttle: { rateLimit: 0, burstLimit: 10 } })),
      "routes[0].throttle.rateLimit",
      "must be more than 0"
    );
    expectInvalid(
      withRoute(() => ({ throttle: { rateLimit: 5, burstLimit: 0.5 } })),
      "routes[0].throttle.burstLimit",
      "at least 1"
    );
  });

  test("a stage throttle with a negative rate", () => {
    expectInvalid(
      build(() => ({ throttle: { rateLimit: -1, burstLimit: 10 } })),
      "throttle.rateLimit",
      "must be more than 0"
    );
  });

  test("no routes", () => {
    expectInvalid(
      build(() => ({ routes: [] })),
      "routes",
      "a gateway needs at least one route"
    );
  });

  test("a Cognito authorizer without user pools, or with something else than a pool ARN", () => {
    expectInvalid(
      withAuthorizer({ name: "staff", kind: "cognito", userPoolArns: [] }),
      "authorizers[3].userPoolArns",
      'cognito authorizer "staff" names no user pool'
    );
    expectInvalid(
      withAuthorizer({
        name: "staff",
        kind: "cognito",
        userPoolArns: ["eu-west-1_AbCdEf123"],
      }),
      "authorizers[3].userPoolArns",
      "is not an cognito-idp ARN"
    );
  });

  test("a Lambda authorizer without its function, or with a bad identity source or TTL", () => {
    expectInvalid(withAuthorizer({ name: "staff", kind: "lambda" }), "authorizers[3].functionArn", 'lambda authorizer "staff" has no functionArn');
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:staff`;
    expectInvalid(
      withAuthorizer({
        name: "staff",
        kind: "lambda",
        functionArn: fn,
        identitySources: ["Authorization"],
      }),
      "authorizers[3].identitySources",
      "must name request parts"
    );
    expectInvalid(
      withAuthorizer({
        name: "staff",
        kind: "lambda",
        functionArn: fn,
        resultTtlSeconds: 7200,
      }),
      "authorizers[3].resultTtlSeconds",
      "from 0 to 3600"
    );
  });

  test("a JWT authorizer, which only the HTTP gateway supports", () => {
    expectInvalid(
      withAuthorizer({
        name: "oidc",
        kind: "jwt",
        issuer: "https://issuer.example.com",
        audiences: ["api"],
      }),
      "authorizers[3].kind",
      "use HttpGateway for OIDC/JWT issuers"
    );
  });

  test("two authorizers with one name, or a name that is not a DNS label", () => {
    expectInvalid(withAuthorizer({ name: "users", kind: "iam" }), "authorizers[3].name", 'authorizer name "users" is used twice');
    expectInvalid(withAuthorizer({ name: "Staff_Pool", kind: "iam" }), "authorizers[3].name", "must be a DNS label");
  });

  test("mutual TLS without a custom domain", () => {
    expectInvalid(
      build(() => ({
        domain: {
          truststorePem: TRUSTSTORE_PEM,
        } as unknown as RestGatewayProps["domain"],
      })),
      "domain.truststorePem",
      "mutual TLS (domain.truststorePem) works only on a custom domain"
    );
  });

  test("a truststore that is not PEM, a domain that is not a DNS name, a certificate that is not an ACM ARN", () => {
    expectInvalid(
      build(() => ({
        domain: {
          domainName: "api.example.com",
          certificateArn: DOMAIN_CERT,
          truststorePem: "not a certificate",
        },
      })),
      "domain.truststorePem",
      "must be PEM text"
    );
    expectInvalid(
      build(() => ({
        domain: { domainName: "API.example", certificateArn: DOMAIN_CERT },
      })),
      "domain.domainName",
      "is not a lower-case DNS name"
    );
    expectInvalid(
      build(() => ({
        domain: {
          domainName: "api.example.com",
          certificateArn: "certificate/123",
        },
      })),
      "domain.certificateArn",
      "is not an acm ARN"
    );
  });

  test("a WAF rate limit below the AWS minimum of 10 requests in five minutes", () => {
    expectInvalid(
      build(() => ({ rateLimit: 9 })),
      "rateLimit",
      "at least 10 (the AWS WAF minimum)"
    );
    expectInvalid(
      build(() => ({ rateLimit: 100.5 })),
      "rateLimit",
      "must be a whole number"
    );
  });

  test("a cache size API Gateway does not offer", () => {
    expectInvalid(
      build(() => ({ cacheSizeGb: 1 })),
      "cacheSizeGb",
      "is not a stage cache size; use one of 0.5, 1.6"
    );
  });

  test("a log retention shorter than a year, or one CloudWatch Logs does not accept", () => {
    expectInvalid(
      build(() => ({ logRetentionDays: 30 })),
      "logRetentionDays",
      "at least 365 days"
    );
    expectInvalid(
      build(() => ({ logRetentionDays: 500 })),
      "logRetentionDays",
      "at least 365 days"
    );
  });

  test("a bad gateway name, stage name, backend name, backend certificate, key admin or account logging choice", () => {
    expectInvalid(
      build(() => ({ name: "Edge" })),
      "name",
      "must be a DNS label of at most 32 characters"
    );
    expectInvalid(
      build(() => ({ name: "a".repeat(33) })),
      "name",
      "at most 32 characters"
    );
    expectInvalid(
      build(() => ({ stageName: "live stage" })),
      "stageName",
      "must be 1 to 128 letters"
    );
    expectInvalid(
      build(() => ({ backendServerName: "https://services" })),
      "backendServerName",
      "is not a lower-case DNS name"
    );
    expectInvalid(
      build(() => ({ backendCertificateArn: "cert" })),
      "backendCertificateArn",
      "is not an acm ARN"
    );
    expectInvalid(
      build(() => ({ keyAdminRoleArns: ["admin"] })),
      "keyAdminRoleArns",
      "is not an iam ARN"
    );
    expectInvalid(
      build(() => ({ accountLogging: "shared" as "create" })),
      "accountLogging",
      'use "create" or "existing"'
    );
  });

  test("a route method that is not an HTTP method", () => {
    expectInvalid(
      withRoute(() => ({ method: "FETCH" as RestRoute["method"] })),
      "routes[0].method",
      '"FETCH" is not one'
    );
  });
});
