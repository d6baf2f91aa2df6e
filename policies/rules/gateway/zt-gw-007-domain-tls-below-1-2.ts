import { defineRule, fail, pass, unknown } from "../../engine/outcome";

/** TLS 1.0 is the only legacy policy; the 2025 enhanced policies are named SecurityPolicy_TLS12_* / SecurityPolicy_TLS13_*. */
function isModern(policy: string): boolean {
  return policy === "TLS_1_2" || /^SecurityPolicy_TLS1[23]_/i.test(policy);
}

export const ztGw007 = defineRule({
  id: "ZT-GW-007",
  title: "API custom domain accepts TLS versions below 1.2",
  severity: "high",
  domain: "gateway",
  rationale:
    "TLS 1.0 and 1.1 have known weaknesses and no modern AEAD cipher suites. Zero trust secures every " +
    "connection regardless of network location, so the public entry point of an API must refuse legacy protocols. " +
    "REST API custom domains default to TLS_1_0 when security_policy is not set.",
  remediation:
    "Set security_policy = \"TLS_1_2\" on aws_api_gateway_domain_name and domain_name_configuration.security_policy " +
    "= \"TLS_1_2\" on aws_apigatewayv2_domain_name. The enhanced policies that allow only TLS 1.3 " +
    "(SecurityPolicy_TLS13_*) need AWS provider 6.x: provider 5.100.0, which @cdktf/provider-aws 20.1 pins, accepts " +
    "only TLS_1_0 and TLS_1_2 and rejects them at plan time, so TLS_1_2 is the strongest policy it can set. The rule " +
    "passes the enhanced policies where a newer provider sets them.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)", "SC-13"],
    checkov: ["CKV_AWS_206"],
  },
  resourceTypes: ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"],
  check(r) {
    const path = r.type === "aws_api_gateway_domain_name" ? "security_policy" : "domain_name_configuration.security_policy";
    const v = r.get(path);
    if (v.kind === "known") {
      const policy = String(v.value);
      return isModern(policy) ? pass() : fail(`security_policy "${policy}" allows TLS versions below 1.2`, `SecurityPolicy::${policy}`);
    }
    if (!r.configured(path)) {
      return r.type === "aws_api_gateway_domain_name"
        ? fail("security_policy is not set: REST API custom domains default to TLS_1_0", "SecurityPolicy::TLS_1_0")
        : fail("domain_name_configuration.security_policy is not set", "SecurityPolicy::unset");
    }
    return unknown(`${path} is computed at apply time`);
  },
});
