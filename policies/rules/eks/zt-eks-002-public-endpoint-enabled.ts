import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { publicEndpoint } from "./_endpoint";

export const ztEks002 = defineRule({
  id: "ZT-EKS-002",
  title: "EKS cluster API endpoint is public, even if restricted to CIDRs",
  severity: "low",
  domain: "eks",
  rationale:
    "Source-IP allow lists on a public endpoint are network-location trust: anyone behind an allowed NAT or " +
    "office range reaches the API server from the internet. Zero trust prefers a private endpoint reached through " +
    "authenticated paths. Clusters open to 0.0.0.0/0 are reported by ZT-EKS-001 instead.",
  remediation:
    "Set vpc_config.endpoint_public_access = false and endpoint_private_access = true; reach the API from inside " +
    "the VPC (VPN, bastion with SSM, in-VPC CI runners).",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["AC-17", "SC-7"],
    checkov: ["CKV_AWS_39"],
    cdkNag: ["AwsSolutions-EKS1"],
    securityHub: ["EKS.1"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r) {
    const e = publicEndpoint(r);
    switch (e.kind) {
      case "private":
        return pass();
      case "world":
        return na("reported by ZT-EKS-001");
      case "restricted":
        return fail(`public endpoint is enabled for ${e.cidrs.join(", ")}`, `PublicEndpoint::${e.cidrs.join(",")}`);
      default:
        return unknown(e.why);
    }
  },
});
