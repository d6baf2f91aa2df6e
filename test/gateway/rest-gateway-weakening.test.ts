import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { RestGateway } from "../../constructs/gateway";
import { REST_METHOD_WITHOUT_AUTHORIZATION_RULE_ID } from "../../constructs/rule-ids";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { ztGw008 } from "../../policies/rules/gateway/zt-gw-008-execute-api-endpoint-enabled";
import { textReport } from "../../policies/reporters/text";
import { packVerdict } from "../identity/harness";
import { resolveIn } from "../network/fixtures";
import { synthModel } from "../support/rules";
import { SERVICE_PORT, gatewayStack } from "./fixtures";
import { restGateway, restGatewayProps } from "./rest-gateway-harness";

const HEALTH_REASON = "uptime monitors probe the health route without credentials";
const RECORDED = `anonymous route GET /health of RestGateway "gateway": ${HEALTH_REASON}`;

/** The fixture gateway with one more route, GET /health, open to anonymous callers. */
function withAnonymousRoute() {
  const f = gatewayStack();
  const props = restGatewayProps(f);
  new RestGateway(f.stack, "gateway", {
    ...props,
    routes: [
      ...props.routes,
      {
        method: "GET",
        path: "/health",
        target: f.orders,
        port: SERVICE_PORT,
        authorizer: { none: true, reason: HEALTH_REASON },
      },
    ],
  });
  return f.stack;
}

describe("RestGateway weakening props announce themselves", () => {
  test("an anonymous route: its method has authorization NONE and the ZT-GW-001 finding on it is reported suppressed with the route's reason", () => {
    const stack = withAnonymousRoute();
    const model = synthModel(stack);
    const methods = model.resources.filter((r) => r.type === "aws_api_gateway_method");
    const open = methods.filter((m) => m.str("authorization") === "NONE");
    expect(open).toHaveLength(1);
    expect(open[0].suppressions).toEqual([{ id: REST_METHOD_WITHOUT_AUTHORIZATION_RULE_ID, reason: RECORDED }]);
    expect(methods.filter((m) => m !== open[0]).flatMap((m) => m.suppressions)).toEqual([]);

    const report = evaluate(model, zeroTrustPack.rules);
    const gw001 = report.findings.filter((f) => f.ruleId === "ZT-GW-001");
    expect(gw001.map((f) => [f.address, f.status, f.suppressed, f.suppressionReason])).toEqual([[open[0].address, "fail", true, RECORDED]]);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.address}: ${f.message}`)).toEqual([]);
    expect(textReport(report)).toContain(`[suppressed: ${RECORDED}]`);

    const policy = JSON.parse(String(model.resources.find((r) => r.type === "aws_api_gateway_rest_api")!.str("policy")));
    expect(policy.Statement[0].Resource).toContain("execute-api:/live/GET/health");
  });

  test("the suppression travels in the synthesized stack's metadata, so ztb check on cdk.tf.json reports it too", () => {
    const stack = withAnonymousRoute();
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
    fs.rmSync(outdir, { recursive: true, force: true });
    const methods = Object.values(json.resource.aws_api_gateway_method) as Record<string, unknown>[];
    const open = methods.filter((m) => m.authorization === "NONE");
    expect(open.map((m) => (m["//"] as { ztb: unknown }).ztb)).toEqual([{ suppressions: [{ id: "ZT-GW-001", reason: RECORDED }] }]);
  });

  test("without a custom domain the execute-api endpoint stays on, ZT-GW-008 does not apply, and the pack finds nothing", () => {
    const { stack, gateway } = restGateway({ domain: undefined });
    const model = synthModel(stack);
    const api = model.resources.find((r) => r.type === "aws_api_gateway_rest_api")!;
    expect(api.bool("disable_execute_api_endpoint")).toBe(false);
    expect(
      model.resources.filter(
        (r) => r.type.startsWith("aws_api_gateway_domain_name") || r.type === "aws_api_gateway_base_path_mapping" || r.type === "aws_s3_bucket"
      )
    ).toEqual([]);
    const report = evaluate(model, zeroTrustPack.rules);
    expect(ztGw008.check(api, model)).toEqual({
      status: "na",
      reason: "the API is not mapped to a custom domain",
    });
    expect(report.results.filter((r) => r.ruleId === "ZT-GW-008")).toEqual([]);
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(gateway.domain).toBeUndefined();
    expect(resolveIn(stack, gateway.invokeUrl)).toMatch(/^\$\{aws_api_gateway_stage\.gateway_stage_[0-9A-F]{8}\.invoke_url\}$/);
  });

  test("with the custom domain, a hand-made twin that leaves execute-api on is caught by ZT-GW-008", () => {
    const { stack, gateway } = restGateway();
    gateway.restApi.disableExecuteApiEndpoint = false;
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([expect.stringMatching(/^ZT-GW-008 fail aws_api_gateway_rest_api\.gateway_api_[0-9A-F]{8}: /)]);
  });

  test("a hand-made twin without the resource policy, throttling or X-Ray is caught by the rules the defaults satisfy", () => {
    const { stack, gateway } = restGateway();
    gateway.restApi.policy = "";
    gateway.stage.xrayTracingEnabled = false;
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed.map((line) => line.split(" ")[0]).sort()).toEqual(["ZT-GW-004", "ZT-GW-010"]);
  });

  test("a hand-made twin without the client certificate, execution logs, cache encryption or request validation is caught by ZT-GW-013 to ZT-GW-016", () => {
    const { stack, gateway } = restGateway({ cacheSizeGb: 0.5 });
    gateway.stage.resetClientCertificateId();
    const settings = gateway.node.findChild("settings") as ApiGatewayMethodSettings;
    settings.addOverride("settings.logging_level", "OFF");
    settings.addOverride("settings.cache_data_encrypted", false);
    (gateway.node.findChild("method POST /orders") as ApiGatewayMethod).resetRequestValidatorId();
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed.map((line) => line.split(" ")[0]).sort()).toEqual([
      "ZT-GW-013[MethodPath::*/*]",
      "ZT-GW-014",
      "ZT-GW-015[MethodPath::*/*]",
      "ZT-GW-016[Method::POST]",
    ]);
  });

  test("a stage cache is encrypted, so turning it on adds no finding", () => {
    const { stack } = restGateway({ cacheSizeGb: 1.6 });
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });

  test('accountLogging "existing" adds no finding', () => {
    const { stack } = restGateway({ accountLogging: "existing" });
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });
});
