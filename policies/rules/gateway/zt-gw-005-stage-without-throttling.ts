import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { methodSettingsFor } from "./_rest-api";

export const ztGw005 = defineRule({
  id: "ZT-GW-005",
  title: "API stage has no request throttling",
  severity: "medium",
  domain: "gateway",
  rationale:
    "Without stage throttling a single client can consume the whole account-level request quota, brute-force " +
    "credentials or run up backend cost. Zero trust limits what any one session can do; rate limits bound the " +
    "blast radius of a stolen token or a misbehaving caller.",
  remediation:
    "REST APIs: add an aws_api_gateway_method_settings for the stage with method_path \"*/*\" and settings " +
    "throttling_rate_limit and throttling_burst_limit set to non-negative values (-1 means unlimited). " +
    "HTTP/WebSocket APIs: set default_route_settings throttling_rate_limit and throttling_burst_limit on the aws_apigatewayv2_stage.",
  references: {
    nist800207: ["Tenet 4"],
    nist80053: ["SC-5", "AC-10"],
    cdkNag: ["Serverless-APIGWDefaultThrottling"],
  },
  resourceTypes: ["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
  check(r, model) {
    if (r.type === "aws_apigatewayv2_stage") {
      const settings = r.blocks("default_route_settings")[0];
      if (!settings) return fail(`stage "${r.str("name") ?? r.name}" has no default_route_settings throttling`);
      return limits(settings, `stage "${r.str("name") ?? r.name}" default_route_settings`);
    }
    const all = methodSettingsFor(r, model);
    const stageWide = all.filter((m) => m.str("method_path") === "*/*");
    const name = `stage "${r.str("stage_name") ?? r.name}"`;
    if (stageWide.length === 0) {
      const some = all.map((m) => m.str("method_path")).filter((p): p is string => p !== undefined);
      return fail(
        some.length > 0
          ? `${name} throttles only ${some.join(", ")}; no method settings with method_path "*/*" limit the other methods`
          : `${name} has no aws_api_gateway_method_settings with throttling limits`,
      );
    }
    const outcomes = stageWide.map((m) => limits(m.blocks("settings")[0] ?? new View({}, undefined, undefined), `${name} method settings ${m.address}`));
    return outcomes.find((o) => o.status === "pass") ?? outcomes.find((o) => o.status === "unknown") ?? outcomes[0];
  },
});

function limits(settings: View, where: string): Outcome {
  const missing: string[] = [];
  const attrs = ["throttling_rate_limit", "throttling_burst_limit"];
  for (let i = 0; i < attrs.length; i++) {
    const attr = attrs[i];
    const v = settings.get(attr);
    if (v.kind === "unknown") return unknown(`${where}: ${attr} is computed at apply time`);
    const n = settings.num(attr);
    if (n === undefined || n < 0) missing.push(`${attr} ${n === undefined ? "unset" : n} (unlimited)`);
  }
  return missing.length === 0 ? pass() : fail(`${where}: ${missing.join(", ")}`);
}
