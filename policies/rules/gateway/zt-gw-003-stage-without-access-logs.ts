import { defineRule, fail, pass } from "../../engine/outcome";

export const ztGw003 = defineRule({
  id: "ZT-GW-003",
  title: "API stage does not write access logs",
  severity: "medium",
  domain: "gateway",
  rationale:
    "Access logs record who called which route, from where and with what result. Zero trust depends on that " +
    "per-request telemetry to detect misuse and to refine access policy; without it, calls through the API leave no trace.",
  remediation:
    "Add an access_log_settings block with destination_arn (a CloudWatch log group or Firehose stream) and a " +
    "format to every aws_api_gateway_stage and aws_apigatewayv2_stage.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-3", "AU-12"],
    checkov: ["CKV_AWS_76"],
    cdkNag: ["AwsSolutions-APIG1"],
    securityHub: ["APIGateway.9"],
  },
  resourceTypes: ["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
  check(r) {
    // A destination written as a reference (log group ARN) is unknown until apply but configured: pass.
    if (r.has("access_log_settings.destination_arn")) return pass();
    return fail(`stage "${r.str(r.type === "aws_api_gateway_stage" ? "stage_name" : "name") ?? r.name}" has no access_log_settings destination`);
  },
});
