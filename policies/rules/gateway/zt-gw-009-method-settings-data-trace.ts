import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztGw009 = defineRule({
  id: "ZT-GW-009",
  title: "API method settings log full request and response payloads",
  severity: "low",
  domain: "gateway",
  rationale:
    "Data trace writes whole request and response bodies, including bearer tokens, session cookies and personal " +
    "data, to CloudWatch Logs, where anyone with log read access can replay them. Zero trust keeps credentials " +
    "scoped to one session; copying them into logs widens who can use them.",
  remediation:
    "Set data_trace_enabled = false in aws_api_gateway_method_settings (and in default_route_settings / route_settings " +
    "of aws_apigatewayv2_stage); use access logs and logging_level INFO or ERROR instead.",
  references: {
    nist800207: ["Tenet 3"],
    nist80053: ["AU-9", "SC-28", "SI-12"],
    checkov: ["CKV_AWS_276"],
  },
  resourceTypes: ["aws_api_gateway_method_settings", "aws_apigatewayv2_stage"],
  check(r) {
    const blocks =
      r.type === "aws_api_gateway_method_settings"
        ? r.blocks("settings").map((b) => ({ view: b, item: r.str("method_path") ?? "settings" }))
        : [
            ...r.blocks("default_route_settings").map((b) => ({ view: b, item: "$default_route_settings" })),
            ...r.blocks("route_settings").map((b) => ({ view: b, item: b.str("route_key") ?? "route_settings" })),
          ];
    if (blocks.length === 0) return pass();
    return blocks.map(({ view, item }) => {
      const v = view.get("data_trace_enabled");
      if (v.kind === "unknown") return unknown("data_trace_enabled is computed at apply time", `DataTrace::${item}`);
      return view.bool("data_trace_enabled") === true ? fail(`data_trace_enabled is true for ${item}`, `DataTrace::${item}`) : pass(`DataTrace::${item}`);
    });
  },
});
