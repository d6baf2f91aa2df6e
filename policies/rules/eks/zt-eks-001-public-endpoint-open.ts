import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { publicEndpoint } from "./_endpoint";

export const ztEks001 = defineRule({
  id: "ZT-EKS-001",
  title: "EKS cluster API endpoint is reachable from the whole internet",
  severity: "high",
  domain: "eks",
  rationale:
    "The Kubernetes API server controls every workload and secret in the cluster. Exposing it to 0.0.0.0/0 lets " +
    "anyone probe it, brute-force tokens and exploit API-server vulnerabilities; zero trust makes control planes " +
    "reachable only from known networks and identities. EKS defaults to a public endpoint open to 0.0.0.0/0.",
  remediation:
    "Set vpc_config.endpoint_public_access = false and endpoint_private_access = true (reach the API over VPN, " +
    "a bastion or in-VPC CI), or at least restrict vpc_config.public_access_cidrs to known egress ranges.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["AC-3", "AC-17", "SC-7"],
    checkov: ["CKV_AWS_38"],
    cdkNag: ["AwsSolutions-EKS1"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r) {
    const e = publicEndpoint(r);
    switch (e.kind) {
      case "private":
      case "restricted":
        return pass();
      case "world":
        return fail(`public endpoint is enabled and ${e.why}`, "PublicEndpoint::0.0.0.0/0");
      default:
        return unknown(e.why);
    }
  },
});
