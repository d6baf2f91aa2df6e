import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztIam014 = defineRule({
  id: "ZT-IAM-014",
  title: "IAM access key creates a long-lived credential",
  severity: "medium",
  domain: "identity",
  rationale:
    "An aws_iam_access_key is a static secret that stays valid until someone deactivates or deletes it, wherever it is copied to. Zero trust authenticates each session with short-lived credentials: roles assumed by workloads, IAM Identity Center for people.",
  remediation:
    "Give workloads an IAM role (instance profile, EKS Pod Identity or IRSA, or IAM Roles Anywhere outside AWS) and people IAM Identity Center; delete the access key, or set status = \"Inactive\" while its last users move.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["IA-5", "IA-5(1)", "AC-2"],
  },
  resourceTypes: ["aws_iam_access_key"],
  check(r) {
    const status = r.configuredValue("status");
    if (status.kind === "unknown") return unknown("status is not known until apply");
    if (status.kind === "known" && status.value === "Inactive") return pass();
    return fail("the access key is active and never expires: a long-lived secret for an IAM user", "AccessKey");
  },
});
