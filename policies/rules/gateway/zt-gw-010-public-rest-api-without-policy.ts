import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { endpointTypes } from "./_rest-api";

export const ztGw010 = defineRule({
  id: "ZT-GW-010",
  title: "Public REST API has no resource policy",
  severity: "low",
  domain: "gateway",
  rationale:
    "A resource policy is the network-aware layer of API access control: it can restrict callers to source VPC " +
    "endpoints, IP ranges or AWS principals before any authorizer runs. An EDGE or REGIONAL API without one is " +
    "reachable by every network; zero trust decides access per request from several signals, not only a token.",
  remediation:
    "Use endpoint_configuration types = [\"PRIVATE\"] for internal APIs, or attach a resource policy (the policy " +
    "argument or an aws_api_gateway_rest_api_policy) that limits aws:SourceIp, aws:SourceVpce or principals.",
  references: {
    nist800207: ["Tenet 4", "Tenet 6"],
    nist80053: ["AC-3", "AC-4", "SC-7"],
  },
  resourceTypes: ["aws_api_gateway_rest_api"],
  check(r, model) {
    const types = endpointTypes(r);
    const inline = r.get("policy");
    const hasInline = inline.kind === "known" ? String(inline.value).trim() !== "" : r.configured("policy");
    const hasPolicy = hasInline || model.referrers(r, "aws_api_gateway_rest_api_policy", "rest_api_id").length > 0;
    if (hasPolicy) return pass();
    if (types === undefined) return unknown("endpoint_configuration.types is computed at apply time");
    if (types.includes("PRIVATE")) return pass();
    return fail(`${types.join("/")} REST API has no resource policy (policy argument or aws_api_gateway_rest_api_policy)`);
  },
});
