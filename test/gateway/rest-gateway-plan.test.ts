import { Testing } from "cdktf";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel } from "../support/rules";
import { expectPlanOk, planStack, plannedAddresses, synthesizedAddresses, plannedActions, plannedAfter } from "../support/terraform";
import { RestGateway } from "../../constructs/gateway";
import { SERVICE_PORT, gatewayStack } from "./fixtures";
import { API_DOMAIN, BACKEND_NAME, restGatewayProps } from "./rest-gateway-harness";

type Json = Record<string, unknown>;

describe("RestGateway under terraform plan", () => {
  test("Cognito, Lambda, IAM and anonymous routes to two services behind a mutual-TLS domain, with a cache, plan clean, and the pack finds nothing on the plan but the recorded decisions", async () => {
    const f = gatewayStack("rest-plan");
    const props = restGatewayProps(f);
    const { stack } = f;
    new RestGateway(stack, "gateway", {
      ...props,
      cacheSizeGb: 0.5,
      routes: [
        ...props.routes,
        { method: "ANY", path: "/catalog/{sku}/{proxy+}", target: f.catalog, port: SERVICE_PORT, authorizer: "users" },
        { method: "GET", path: "/health", target: f.orders, port: SERVICE_PORT, authorizer: { none: true, reason: "uptime monitors probe the health route without credentials" } },
      ],
    });
    const json = JSON.parse(Testing.synth(stack)) as Json;
    const result = await planStack(stack);
    expectPlanOk(result);
    expect(result.warnings.filter((w) => !w.summary.startsWith("Incomplete lock file")).map((w) => `${w.summary}: ${w.detail}`.slice(0, 400))).toEqual([]);
    const plan = result.plan;
    expect(plannedAddresses(plan)).toEqual(synthesizedAddresses(json));
    expect(plannedActions(plan)).toEqual(["create"]);

    const after = (type: string) => plannedAfter<Json>(plan, type);
    expect(after("aws_api_gateway_rest_api").map((a) => [a.disable_execute_api_endpoint, a.endpoint_configuration])).toEqual([
      [true, [expect.objectContaining({ types: ["REGIONAL"] })]],
    ]);
    expect(after("aws_api_gateway_domain_name")[0]).toMatchObject({ domain_name: API_DOMAIN, security_policy: "TLS_1_2", mutual_tls_authentication: [expect.anything()] });
    expect(after("aws_api_gateway_integration").map((i) => String(i.uri).split(":")[1])).toEqual(Array(6).fill(`//${BACKEND_NAME}`));
    expect(after("aws_api_gateway_stage")[0]).toMatchObject({ xray_tracing_enabled: true, stage_name: "live", cache_cluster_enabled: true, cache_cluster_size: "0.5" });

    const report = evaluate(stackPlanModel(plan as unknown as Json, stack), zeroTrustPack.rules);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed).map((f) => `${f.ruleId} ${f.address.replace(/_[0-9A-F]{8}$/, "")}`)).toEqual([
      "ZT-GW-001 aws_api_gateway_method.gateway_methodGET--health",
      "ZT-LB-005 aws_lb.gateway_integration_load-balancer",
    ]);
    expect(report.unknowns.map((u) => `${u.ruleId} ${u.address}: ${u.message}`)).toEqual([]);
  });
});
