import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { CLASSIC_TYPES, ClassicListener, classicListeners, isTlsProtocol, protocolOf } from "./_elb";

const ACM_ARN = /^arn:aws[a-z-]*:acm:/;
const IAM_SERVER_CERTIFICATE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:server-certificate\//;
const ACM_TYPES = ["aws_acm_certificate", "aws_acm_certificate_validation", "aws_acmpca_certificate"];

export const ztLb017 = defineRule({
  id: "ZT-LB-017",
  title: "Classic Load Balancer HTTPS/SSL listener uses a certificate that is not from ACM",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "A certificate uploaded to IAM as a server certificate is a long-lived private key that someone generated, handled " +
    "and uploaded by hand, and IAM never renews it: it expires in production or is kept valid for years, and the key " +
    "may live on in the place it was made. AWS Certificate Manager generates and keeps the key, renews the " +
    "certificate and records its use. AWS Security Hub control ELB.2 (Classic Load Balancers with SSL/HTTPS listeners " +
    "should use a certificate provided by AWS Certificate Manager). A certificate named by an expression that is not " +
    "an aws_acm_certificate of the configuration is unknown.",
  remediation:
    "Request or import the certificate in ACM (aws_acm_certificate with DNS validation) and set ssl_certificate_id of " +
    "every HTTPS and SSL listener of the aws_elb to its arn; then delete the aws_iam_server_certificate.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-12", "SC-17", "IA-5(2)"],
    checkov: ["CKV_AWS_127"],
    securityHub: ["ELB.2"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb) {
    const listeners = classicListeners(elb);
    if (listeners === undefined) return unknown("the listeners are computed at apply time");
    const out: Outcome[] = [];
    for (const l of listeners) {
      const protocol = protocolOf(l.view, "lb_protocol");
      if (protocol === undefined) out.push(unknown(`the protocol of listener ${l.port} is computed at apply time`, l.item));
      else if (isTlsProtocol(protocol)) out.push(certificateVerdict(l));
    }
    return out.length > 0 ? out : na("no HTTPS or SSL listener");
  },
});

function certificateVerdict(l: ClassicListener): Outcome {
  const view: View = l.view;
  const v = view.get("ssl_certificate_id");
  if (v.kind === "absent") return fail(`listener ${l.port} names no certificate`, l.item);
  if (v.kind === "known") {
    const arn = String(v.value);
    if (ACM_ARN.test(arn)) return pass(l.item);
    if (IAM_SERVER_CERTIFICATE_ARN.test(arn)) return fail(`listener ${l.port} uses the IAM server certificate ${arn}`, l.item);
    return unknown(`listener ${l.port} names the certificate ${arn}, which is neither an ACM nor an IAM ARN`, l.item);
  }
  if (view.refsTo("ssl_certificate_id", ...ACM_TYPES).length > 0) return pass(l.item);
  const iam = view.refsTo("ssl_certificate_id", "aws_iam_server_certificate");
  if (iam.length > 0) return fail(`listener ${l.port} uses the IAM server certificate ${iam[0].address}`, l.item);
  return unknown(`the certificate of listener ${l.port} is computed at apply time`, l.item);
}
