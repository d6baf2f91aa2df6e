import { defineRule, fail, pass, unknown } from "../../engine/outcome";

/** Arguments that limit a Lambda permission to calls from one source resource, account or organization. */
const SCOPING_ARGUMENTS: readonly string[] = ["source_arn", "source_account", "principal_org_id"];

export const ztIam011 = defineRule({
  id: "ZT-IAM-011",
  title: "Lambda permission lets any principal invoke the function",
  severity: "critical",
  domain: "identity",
  rationale:
    "An aws_lambda_permission with principal \"*\" and no source_arn, source_account or principal_org_id adds a statement to the function's resource policy that lets any AWS account invoke it (or call its function URL). Zero trust grants invocation to the named callers only.",
  remediation:
    "Set principal to the calling service (e.g. \"events.amazonaws.com\") or account, and pin the caller with source_arn, source_account or principal_org_id.",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "AC-6"],
    checkov: ["CKV_AWS_301"],
  },
  resourceTypes: ["aws_lambda_permission"],
  check(r) {
    const principal = r.get("principal");
    if (principal.kind === "unknown") return unknown("principal is not known until apply");
    if (principal.kind !== "known" || principal.value !== "*") return pass();
    if (SCOPING_ARGUMENTS.some((a) => r.has(a))) return pass();
    const action = r.str("action") ?? "its action";
    return fail(`principal "*" may call ${action} without source_arn, source_account or principal_org_id`, "Principal::*");
  },
});
