import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztGw004 = defineRule({
  id: "ZT-GW-004",
  title: "REST API stage does not trace requests with X-Ray",
  severity: "low",
  domain: "gateway",
  rationale:
    "Tracing follows each request from the gateway through its backends, which is how anomalous call paths and " +
    "lateral movement between services become visible. Zero trust asks for continuous monitoring of every flow.",
  remediation: "Set xray_tracing_enabled = true on the aws_api_gateway_stage.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-12", "SI-4"],
    checkov: ["CKV_AWS_73"],
    cdkNag: ["HIPAA.Security-APIGWXrayEnabled"],
    securityHub: ["APIGateway.3"],
  },
  resourceTypes: ["aws_api_gateway_stage"],
  check(r) {
    const v = r.get("xray_tracing_enabled");
    if (v.kind === "unknown") return unknown("xray_tracing_enabled is computed at apply time");
    if (r.bool("xray_tracing_enabled") === true) return pass();
    return fail(`stage "${r.str("stage_name") ?? r.name}" has xray_tracing_enabled ${v.kind === "absent" ? "unset (false)" : String(v.value)}`);
  },
});
