import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { stageLabel } from "./_rest-api";

export const ztGw014 = defineRule({
  id: "ZT-GW-014",
  title: "REST API stage presents no client certificate to its backends",
  severity: "low",
  domain: "gateway",
  rationale:
    "A backend reached over HTTP cannot tell the API Gateway that fronts it, with its authorizers, validation and " +
    "throttling, from any other caller that finds its address. A client certificate on the stage lets the backend " +
    "authenticate API Gateway on every TLS connection and refuse the rest. Zero trust authenticates both ends of " +
    "every connection, the hop behind the gateway included. AWS Security Hub control APIGateway.2 (REST API stages " +
    "should be configured to use SSL certificates for backend authentication).",
  remediation:
    "Create an aws_api_gateway_client_certificate and set client_certificate_id on the aws_api_gateway_stage to its " +
    "id; configure the backend to require client certificates signed by it (the certificate's pem_encoded_certificate), " +
    "and renew it before expiration_date.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["IA-3", "IA-9", "SC-8", "SC-23"],
    checkov: ["CKV2_AWS_51"],
    securityHub: ["APIGateway.2"],
  },
  resourceTypes: ["aws_api_gateway_stage"],
  check(r, model) {
    const v = r.configuredValue("client_certificate_id");
    if (v.kind === "known" && String(v.value).trim() !== "") return pass();
    if (v.kind === "unknown") {
      // The id of a client certificate of the configuration is known to be one; another expression may be empty.
      if (model.referenced(r, "client_certificate_id", ["aws_api_gateway_client_certificate"]).length > 0) return pass();
      return unknown("client_certificate_id is computed by an expression until apply");
    }
    return fail(`${stageLabel(r)} has no client_certificate_id: backends cannot authenticate API Gateway`);
  },
});
