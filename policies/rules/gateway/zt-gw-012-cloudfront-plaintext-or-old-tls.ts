import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";

/** Minimum protocol versions that refuse TLS 1.0 and 1.1. */
const MODERN = /^TLSv1\.[23]_/;

export const ztGw012 = defineRule({
  id: "ZT-GW-012",
  title: "CloudFront distribution accepts plain HTTP or TLS below 1.2",
  severity: "high",
  domain: "gateway",
  rationale:
    "A cache behavior with viewer_protocol_policy \"allow-all\" serves viewers over plain HTTP, and a viewer certificate whose minimum protocol is below TLS 1.2 (the provider default TLSv1, and always so with the default *.cloudfront.net certificate) accepts legacy TLS. Zero trust secures every connection to the entry point, whatever network the viewer is on.",
  remediation:
    "Set viewer_protocol_policy = \"redirect-to-https\" or \"https-only\" on the default and every ordered cache behavior, and serve the distribution with a custom certificate (acm_certificate_arn, ssl_support_method = \"sni-only\") and minimum_protocol_version = \"TLSv1.2_2021\".",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)", "SC-13"],
    checkov: ["CKV_AWS_34", "CKV_AWS_174"],
    securityHub: ["CloudFront.3"],
  },
  resourceTypes: ["aws_cloudfront_distribution"],
  check(r) {
    const out: Outcome[] = [];
    for (const b of r.blocks("default_cache_behavior")) judgeBehavior(b, "default", out);
    for (const b of r.blocks("ordered_cache_behavior")) judgeBehavior(b, b.str("path_pattern") ?? "?", out);
    const cert = r.blocks("viewer_certificate")[0];
    if (cert !== undefined) judgeCertificate(cert, out);
    return out.length > 0 ? out : pass();
  },
});

function judgeBehavior(b: View, name: string, out: Outcome[]): void {
  const policy = b.get("viewer_protocol_policy");
  if (policy.kind === "unknown") out.push(unknown(`viewer_protocol_policy of the ${name} cache behavior is not known until apply`, `ViewerProtocol::${name}`));
  else if (policy.kind === "known" && policy.value === "allow-all") {
    out.push(fail(`the ${name} cache behavior serves viewers over plain HTTP (viewer_protocol_policy = "allow-all")`, `ViewerProtocol::${name}`));
  }
}

function judgeCertificate(cert: View, out: Outcome[]): void {
  if (cert.bool("cloudfront_default_certificate") === true) {
    out.push(fail("the default *.cloudfront.net certificate accepts TLS 1.0 and 1.1, whatever minimum_protocol_version says", "MinimumProtocol::DefaultCertificate"));
    return;
  }
  const min = cert.configuredValue("minimum_protocol_version");
  if (min.kind === "unknown") out.push(unknown("minimum_protocol_version is not known until apply", "MinimumProtocol"));
  else if (min.kind === "absent") out.push(fail("minimum_protocol_version is not set: the provider default TLSv1 accepts TLS 1.0 and 1.1", "MinimumProtocol::TLSv1"));
  else if (!MODERN.test(String(min.value))) out.push(fail(`minimum_protocol_version "${String(min.value)}" accepts TLS versions below 1.2`, `MinimumProtocol::${String(min.value)}`));
}
