import { defineRule, fail, na, pass } from "../../engine/outcome";
import { endpointTypes, restApiOf, wafAssociations } from "./_rest-api";

export const ztGw006 = defineRule({
  id: "ZT-GW-006",
  title: "Public REST API stage is not protected by a WAF web ACL",
  severity: "medium",
  domain: "gateway",
  rationale:
    "An internet-reachable API without a web ACL accepts injection payloads, credential stuffing and bot traffic " +
    "straight into the integration. Zero trust inspects and filters each request at the enforcement point in " +
    "front of the resource, not only inside the application. Narrower than Security Hub APIGateway.4, which also expects a web ACL on private APIs: those are not judged here.",
  remediation:
    "Associate an AWS WAFv2 web ACL (scope REGIONAL) with the stage: aws_wafv2_web_acl_association with " +
    "resource_arn = the stage's arn. Private (VPC endpoint) APIs are not checked.",
  references: {
    nist800207: ["Tenet 4", "Tenet 5"],
    nist80053: ["SC-7", "SI-3", "SI-4"],
    checkov: ["CKV2_AWS_29"],
    cdkNag: ["AwsSolutions-APIG3"],
    securityHub: ["APIGateway.4"],
  },
  resourceTypes: ["aws_api_gateway_stage"],
  check(r, model) {
    const api = restApiOf(r, model);
    if (api && endpointTypes(api)?.includes("PRIVATE")) return na("private API, reachable only through VPC endpoints");
    const assoc = wafAssociations(r, model);
    if (assoc.length > 0) return pass();
    return fail(`stage "${r.str("stage_name") ?? r.name}" has no aws_wafv2_web_acl_association referencing it`);
  },
});
