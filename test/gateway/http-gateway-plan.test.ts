import { HttpGateway } from "../../constructs/gateway";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel } from "../support/rules";
import { planCreatingExactly, plannedAfter } from "../support/terraform";
import { DOMAIN_CERT, SERVICE_PORT, TRUSTSTORE_PEM } from "./fixtures";
import { API_DOMAIN, BACKEND_NAME, EDGE_ALIAS, edgeFixture, httpGatewayProps } from "./http-gateway-fixture";

type Json = Record<string, unknown>;

describe("HttpGateway under terraform plan", () => {
  test("a gateway behind CloudFront (web ACL in us-east-1) and one without an edge plan clean, and the pack passes the plan", async () => {
    const fixture = edgeFixture("http-plan");
    const { stack } = fixture;
    new HttpGateway(stack, "gateway", httpGatewayProps(fixture));
    new HttpGateway(stack, "partners", {
      ...httpGatewayProps(fixture),
      name: "partners",
      stageName: "v1",
      throttle: { rateLimit: 20, burstLimit: 40 },
      routes: [
        { method: "GET", path: "/catalog/{proxy+}", target: fixture.catalog, port: SERVICE_PORT, authorizer: "partner" },
        { method: "GET", path: "/health", target: fixture.catalog, port: SERVICE_PORT, authorizer: { none: true, reason: "load balancer health probes carry no credentials" } },
      ],
      domain: { domainName: "partners.example.com", certificateArn: DOMAIN_CERT, truststorePem: TRUSTSTORE_PEM },
      edge: { kind: "none", reason: "partners call from a fixed address range that a network firewall filters" },
    });

    const { plan } = await planCreatingExactly(stack);

    const after = (type: string, prefix: string) => plannedAfter<Json>(plan, type, prefix);
    expect(after("aws_apigatewayv2_api", "gateway_").map((a) => [a.protocol_type, a.disable_execute_api_endpoint])).toEqual([["HTTP", true]]);
    expect(after("aws_apigatewayv2_domain_name", "gateway_")[0].domain_name_configuration).toEqual([
      expect.objectContaining({ certificate_arn: DOMAIN_CERT, endpoint_type: "REGIONAL", security_policy: "TLS_1_2" }),
    ]);
    expect(after("aws_apigatewayv2_integration", "gateway_").map((i) => i.tls_config)).toEqual([
      [{ server_name_to_verify: BACKEND_NAME }],
      [{ server_name_to_verify: BACKEND_NAME }],
    ]);
    // The truststore's bucket name and object version are known after apply; the block is there.
    expect(after("aws_apigatewayv2_domain_name", "partners_")[0].mutual_tls_authentication).toHaveLength(1);
    const distribution = after("aws_cloudfront_distribution", "gateway_")[0];
    expect(distribution.aliases).toEqual([EDGE_ALIAS]);
    expect(distribution.viewer_certificate).toEqual([expect.objectContaining({ minimum_protocol_version: "TLSv1.2_2021", ssl_support_method: "sni-only" })]);
    expect((distribution.origin as Json[])[0]).toMatchObject({ domain_name: API_DOMAIN, custom_origin_config: [expect.objectContaining({ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] })] });

    const report = evaluate(stackPlanModel(plan as unknown as Json, stack), zeroTrustPack.rules);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed).map((f) => `${f.ruleId} ${f.address.replace(/_[0-9A-F]{8}$/, "")}`).sort()).toEqual([
      "ZT-GW-002 aws_apigatewayv2_route.partners_route-get-health-74fac65f",
      "ZT-GW-017 aws_apigatewayv2_api.partners_api",
      "ZT-LB-005 aws_lb.gateway_private-integration_load-balancer",
      "ZT-LB-005 aws_lb.partners_private-integration_load-balancer",
    ]);
    expect(report.unknowns.map((u) => `${u.ruleId} ${u.address}: ${u.message}`)).toEqual([]);
  });
});
