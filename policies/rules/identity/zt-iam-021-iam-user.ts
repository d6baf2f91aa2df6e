import { defineRule, fail } from "../../engine/outcome";

export const ztIam021 = defineRule({
  id: "ZT-IAM-021",
  title: "IAM user created where IAM Identity Center or a role should be used",
  severity: "medium",
  domain: "identity",
  rationale:
    "An aws_iam_user is a standing identity with its own long-term credentials (a console password, access keys) that live outside the identity provider: leavers keep them until someone deletes them, they are phished and replayed, and they are the first thing an attacker looks for in a leaked configuration or laptop. Zero trust authenticates people through the organization's identity provider with short sessions (IAM Identity Center permission sets) and workloads through roles (instance profiles, EKS Pod Identity, IRSA, IAM Roles Anywhere outside AWS). " +
    "Every IAM user fails; record a suppression with its reason for the rare integration that accepts nothing but an access key (and see ZT-IAM-014 for the key itself).",
  remediation:
    "Give people access through IAM Identity Center permission sets, workloads an IAM role they assume, and external systems a role with an external id or IAM Roles Anywhere; then remove the aws_iam_user.",
  references: {
    nist800207: ["Tenet 6", "Tenet 1"],
    nist80053: ["AC-2", "IA-2", "IA-5"],
    checkov: ["CKV_AWS_273"],
  },
  resourceTypes: ["aws_iam_user"],
  check(r) {
    const name = r.str("name") ?? r.name;
    return fail(`IAM user ${name} is a standing identity with long-term credentials; use IAM Identity Center for people and roles for workloads`, "User");
  },
});
