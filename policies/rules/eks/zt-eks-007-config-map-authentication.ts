import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztEks007 = defineRule({
  id: "ZT-EKS-007",
  title: "EKS cluster authenticates only through the aws-auth ConfigMap",
  severity: "low",
  domain: "eks",
  rationale:
    "In CONFIG_MAP mode cluster access lives in an in-cluster ConfigMap that anyone with edit rights on kube-system " +
    "can change, outside IAM and CloudTrail. EKS access entries make each grant an IAM-governed, audited API " +
    "object. Clusters created through the API without access_config default to CONFIG_MAP.",
  remediation:
    "Set access_config { authentication_mode = \"API\" } (or \"API_AND_CONFIG_MAP\" while migrating) and grant access " +
    "with aws_eks_access_entry and aws_eks_access_policy_association.",
  references: {
    nist800207: ["Tenet 4", "Tenet 6"],
    nist80053: ["AC-2", "AC-3", "AU-12"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r) {
    const path = "access_config.authentication_mode";
    const v = r.get(path);
    let mode: string | undefined;
    if (v.kind === "known") mode = String(v.value).toUpperCase();
    else if (v.kind === "absent" || !r.configured(path)) mode = "CONFIG_MAP";
    if (mode === undefined) return unknown("access_config.authentication_mode is computed at apply time");
    if (mode !== "CONFIG_MAP") return pass();
    return fail(
      v.kind === "known" ? "authentication_mode is CONFIG_MAP" : "access_config.authentication_mode is not set (EKS API default CONFIG_MAP)",
      "AuthenticationMode::CONFIG_MAP",
    );
  },
});
