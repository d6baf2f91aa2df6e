import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { methodSettingsFor, stageLabel } from "./_rest-api";

/** Execution logging levels that write logs. */
const LOGGING = new Set(["ERROR", "INFO"]);

export const ztGw013 = defineRule({
  id: "ZT-GW-013",
  title: "REST or WebSocket API stage does not write execution logs",
  severity: "medium",
  domain: "gateway",
  rationale:
    "Execution logs record what API Gateway did with each request: authorizer decisions, request validation and " +
    "integration errors. Without them a denied or failing call leaves no trace beyond its access log line, and the " +
    "decisions of the policy enforcement point cannot be reviewed. Zero trust monitors every access decision. " +
    "AWS Security Hub control APIGateway.1 (REST and WebSocket API execution logging should be enabled) asks for " +
    "logging level ERROR or INFO on every stage; the level is OFF unless set. HTTP APIs have no execution logs and are not checked.",
  remediation:
    "REST APIs: add an aws_api_gateway_method_settings for the stage with method_path \"*/*\" and settings " +
    "logging_level = \"ERROR\" (or \"INFO\") and data_trace_enabled = false, and do not set logging_level = \"OFF\" on " +
    "per-method settings. API Gateway writes these logs only once the account's aws_api_gateway_account names a " +
    "CloudWatch role (cloudwatch_role_arn). WebSocket APIs: set default_route_settings logging_level on the aws_apigatewayv2_stage.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-3", "AU-12", "CA-7"],
    checkov: ["CKV2_AWS_4"],
    securityHub: ["APIGateway.1"],
  },
  resourceTypes: ["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
  check(r, model) {
    return r.type === "aws_api_gateway_stage" ? restStage(r, model) : webSocketStage(r, model);
  },
});

/** The stage-wide logging level (the method settings of every method), then each per-method setting that turns logging off. */
function restStage(stage: Resource, model: Model): Outcome | Outcome[] {
  const all = methodSettingsFor(stage, model);
  const stageWide = all.filter((m) => m.str("method_path") === "*/*");
  const name = stageLabel(stage);
  const out: Outcome[] = [];
  if (stageWide.length === 0) {
    out.push(fail(`${name} has no aws_api_gateway_method_settings with method_path "*/*" setting logging_level: execution logging is OFF`, "MethodPath::*/*"));
  } else {
    const levels = stageWide.map((m) => level(m.blocks("settings")[0], `${name} method settings ${m.address}`, "MethodPath::*/*"));
    out.push(levels.find((o) => o.status === "pass") ?? levels.find((o) => o.status === "unknown") ?? levels[0]);
  }
  for (const m of all) {
    const path = m.str("method_path");
    if (path === undefined || path === "*/*") continue;
    const v = m.blocks("settings")[0]?.configuredValue("logging_level");
    if (v?.kind === "known" && String(v.value).toUpperCase() === "OFF") {
      out.push(fail(`${name} method settings ${m.address} turn execution logging OFF for ${path}`, `MethodPath::${path}`));
    }
  }
  return out;
}

/** WebSocket stages log at default_route_settings.logging_level; HTTP API stages cannot. */
function webSocketStage(stage: Resource, model: Model): Outcome {
  const api = model.referenced(stage, "api_id", ["aws_apigatewayv2_api"])[0];
  const settings = stage.blocks("default_route_settings")[0];
  const protocol = api?.str("protocol_type")?.toUpperCase();
  if (protocol === "HTTP") return na("HTTP APIs have no execution logs");
  if (protocol === undefined && settings?.configuredValue("logging_level").kind !== "known") {
    return api === undefined ? na("the API is not in the configuration and the stage sets no logging level") : unknown("protocol_type of the API is computed at apply time");
  }
  return level(settings, `stage "${stage.str("name") ?? stage.name}" default_route_settings`, undefined);
}

function level(settings: View | undefined, where: string, item: string | undefined): Outcome {
  const v = settings?.configuredValue("logging_level");
  if (v === undefined || v.kind === "absent") return fail(`${where}: logging_level is unset (OFF)`, item);
  if (v.kind === "unknown") return unknown(`${where}: logging_level is computed at apply time`, item);
  const value = String(v.value).toUpperCase();
  return LOGGING.has(value) ? pass(item) : fail(`${where}: logging_level is "${String(v.value)}"`, item);
}
