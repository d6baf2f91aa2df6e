import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { apiHosts, distributionWebAcl, originsOf } from "./_cloudfront";

export const ztGw017 = defineRule({
  id: "ZT-GW-017",
  title: "HTTP API is not behind a WAF-protected CloudFront distribution",
  severity: "medium",
  domain: "gateway",
  rationale:
    "HTTP APIs (API Gateway v2) cannot be associated with an AWS WAF web ACL, so nothing filters injection payloads, " +
    "known-bad inputs or floods before the integration, unless a CloudFront distribution with a web ACL sits in front " +
    "and is the only way in. A distribution in front is bypassed as long as the default execute-api endpoint answers: " +
    "clients call https://{api-id}.execute-api.{region}.amazonaws.com directly. Zero trust inspects every request at " +
    "the enforcement point in front of the resource and leaves a single, policy-enforced entry point. Only the " +
    "distributions of the same configuration are seen: an API fronted by a distribution defined elsewhere fails, " +
    "and a distribution whose origin is an expression naming no resource (a variable) leaves the result unknown.",
  remediation:
    "Put an aws_cloudfront_distribution in front of the API whose origin domain_name is the API's custom domain " +
    "(aws_apigatewayv2_domain_name mapped to the API) or its execute-api host, give the distribution web_acl_id = " +
    "the ARN of an aws_wafv2_web_acl of scope CLOUDFRONT, and set disable_execute_api_endpoint = true on the " +
    "aws_apigatewayv2_api (which needs the custom domain as the origin). The domain's regional target stays " +
    "reachable by name: have the distribution add a secret origin header (custom_header) that the API's authorizer " +
    "requires. Or use a REST API, whose stages take a regional web ACL (ZT-GW-006). Where neither fits, record a " +
    "suppression of ZT-GW-017 on the API with the reason.",
  references: {
    nist800207: ["Tenet 4", "Tenet 5"],
    nist80053: ["SC-7", "SI-3", "SI-4"],
  },
  resourceTypes: ["aws_apigatewayv2_api"],
  check(r, model) {
    const protocol = r.get("protocol_type");
    if (protocol.kind === "unknown") return unknown("protocol_type is computed at apply time");
    if (protocol.kind === "known" && String(protocol.value).toUpperCase() !== "HTTP") return na("not an HTTP API");
    const hosts = apiHosts(r, model);
    const distributions = model.ofTypeIn("aws_cloudfront_distribution", r);
    const fronting = distributions.filter((d) => originsOf(d, hosts, model) === "fronts");
    const guarded = fronting.filter((d) => distributionWebAcl(d, model) === "yes");
    if (guarded.length === 0) {
      const maybe = fronting.filter((d) => distributionWebAcl(d, model) === "unknown");
      if (maybe.length > 0) return unknown(`web_acl_id of ${names(maybe)}, in front of the API, is computed by an expression until apply`);
      if (fronting.length > 0) {
        return fail(`the API is served through ${names(fronting)}, which has no web_acl_id; HTTP APIs cannot carry a WAFv2 web ACL themselves`, "WebAcl::none");
      }
      const opaque = distributions.filter((d) => originsOf(d, hosts, model) === "opaque");
      if (opaque.length > 0) return unknown(`no CloudFront distribution names the API as its origin, but the origin of ${names(opaque)} is computed until apply`);
      return fail("no CloudFront distribution with a web ACL is in front of the HTTP API, and HTTP APIs cannot carry a WAFv2 web ACL themselves", "WebAcl::none");
    }
    if (r.bool("disable_execute_api_endpoint") === true) return pass();
    const flag = r.get("disable_execute_api_endpoint");
    if (flag.kind === "unknown" && r.configured("disable_execute_api_endpoint")) return unknown("disable_execute_api_endpoint is computed at apply time");
    return fail(
      `the API is behind ${names(guarded)} with a web ACL, but its default execute-api endpoint stays enabled ` +
        `(disable_execute_api_endpoint ${flag.kind === "known" ? String(flag.value) : "unset (false)"}): clients can call it directly and bypass the web ACL`,
      "ExecuteApiEndpoint::enabled",
    );
  },
});

function names(resources: readonly { readonly address: string }[]): string {
  return resources.map((d) => d.address).join(", ");
}
