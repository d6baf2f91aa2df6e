import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";

const MAPPINGS: Record<string, string[]> = {
  aws_api_gateway_rest_api: ["aws_api_gateway_base_path_mapping"],
  aws_apigatewayv2_api: ["aws_apigatewayv2_api_mapping"],
};

export const ztGw008 = defineRule({
  id: "ZT-GW-008",
  title: "Default execute-api endpoint stays enabled behind a custom domain",
  severity: "medium",
  domain: "gateway",
  rationale:
    "When an API is published on a custom domain, the controls attached to that domain (mutual TLS, the domain's " +
    "TLS policy, edge WAF and DNS-based routing) are bypassed by calling the default execute-api hostname directly. " +
    "Zero trust leaves a single, policy-enforced entry point to each resource.",
  remediation:
    "Set disable_execute_api_endpoint = true on the aws_api_gateway_rest_api or aws_apigatewayv2_api that is " +
    "mapped to a custom domain.",
  references: {
    nist800207: ["Tenet 4", "Tenet 6"],
    nist80053: ["SC-7", "AC-4"],
  },
  resourceTypes: ["aws_api_gateway_rest_api", "aws_apigatewayv2_api"],
  check(r, model) {
    const mappings = (MAPPINGS[r.type] ?? []).flatMap((t) => model.referrers(r, t, "api_id"));
    if (mappings.length === 0) return na("the API is not mapped to a custom domain");
    const v = r.get("disable_execute_api_endpoint");
    if (r.bool("disable_execute_api_endpoint") === true) return pass();
    // Optional+computed on REST APIs: left out, the plan shows it unknown and AWS keeps the endpoint enabled.
    if (v.kind === "unknown" && r.configured("disable_execute_api_endpoint")) return unknown("disable_execute_api_endpoint is computed at apply time");
    return fail(
      `the API is served through ${mappings.map((m) => m.address).join(", ")} but disable_execute_api_endpoint is ` +
        (v.kind === "known" ? String(v.value) : "unset (false)"),
    );
  },
});
