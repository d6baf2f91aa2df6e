import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome, Val } from "../../engine/types";

export const ztIam006 = defineRule({
  id: "ZT-IAM-006",
  title: "IAM policy attached directly to a user",
  severity: "medium",
  domain: "identity",
  rationale:
    "Permissions attached to individual users bypass the group and role structure, drift out of review and usually belong to long-lived credentials. Zero trust grants access to roles assumed per session, or at least to groups managed as a whole.",
  remediation:
    "Attach the policy to a group (`aws_iam_group_policy_attachment`) or, better, to a role users assume through federation; remove `aws_iam_user_policy` and `aws_iam_user_policy_attachment` resources.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-2", "AC-6"],
    cis: ["1.15"],
    checkov: ["CKV_AWS_40"],
    cdkNag: ["NIST.800.53.R5-IAMUserNoPolicies"],
    securityHub: ["IAM.2"],
  },
  resourceTypes: [
    "aws_iam_user_policy",
    "aws_iam_user_policy_attachment",
    "aws_iam_policy_attachment",
    "aws_iam_user_policies_exclusive",
    "aws_iam_user_policy_attachments_exclusive",
  ],
  check(resource) {
    switch (resource.type) {
      case "aws_iam_user_policy":
        return fail("inline policy defined on an IAM user");
      case "aws_iam_user_policy_attachment":
        return fail("managed policy attached directly to an IAM user");
      case "aws_iam_policy_attachment":
        return listed(resource.get("users"), "users", "the policy is attached to IAM users");
      case "aws_iam_user_policies_exclusive":
        return listed(resource.get("policy_names"), "policy_names", "the user is given inline policies");
      default:
        return listed(resource.get("policy_arns"), "policy_arns", "the user is given managed policies");
    }
  },
});

function listed(v: Val, attr: string, message: string): Outcome {
  if (v.kind === "unknown") return unknown(`${attr} is not known until apply`);
  if (v.kind === "absent") return pass();
  const list = Array.isArray(v.value) ? v.value : [v.value];
  return list.length > 0 ? fail(`${message} (${attr}: ${list.length})`) : pass();
}
