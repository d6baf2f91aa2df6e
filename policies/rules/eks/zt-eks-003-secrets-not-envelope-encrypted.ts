import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztEks003 = defineRule({
  id: "ZT-EKS-003",
  title: "EKS secrets are not envelope-encrypted with a customer-managed KMS key",
  severity: "medium",
  domain: "eks",
  rationale:
    "Kubernetes Secrets hold service credentials. Envelope encryption with a customer-managed KMS key puts a " +
    "second, separately audited authorization decision (the key policy, logged in CloudTrail) in front of every " +
    "secret read from etcd, and lets the key be revoked. The AWS-owned default key offers neither control.",
  remediation:
    "Add encryption_config { resources = [\"secrets\"], provider { key_arn = aws_kms_key.<key>.arn } } to the aws_eks_cluster.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["SC-28", "SC-28(1)", "SC-12"],
    checkov: ["CKV_AWS_58"],
    securityHub: ["EKS.3"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r) {
    if (r.blocksUnknown("encryption_config")) return unknown("encryption_config is computed at apply time");
    const configs = r.blocks("encryption_config");
    if (configs.length === 0) return fail("no encryption_config block");
    let sawUnknown = false;
    for (let i = 0; i < configs.length; i++) {
      const c = configs[i];
      const resources = c.get("resources");
      if (resources.kind === "unknown") {
        sawUnknown = true;
        continue;
      }
      const list = c.list("resources") ?? [];
      if (!list.includes("secrets")) continue;
      // key_arn is a reference to a key in this configuration, or a literal key ARN: both are customer-managed.
      const key = c.get("provider.key_arn");
      if (key.kind === "known" && String(key.value).trim() !== "") return pass();
      if (key.kind === "unknown") return pass();
      return fail("encryption_config covers secrets but provider.key_arn is not set");
    }
    if (sawUnknown) return unknown("encryption_config.resources is computed at apply time");
    return fail("encryption_config does not list \"secrets\" in resources");
  },
});
