import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";

/** Arguments that tie a Lambda permission for an AWS service to the calling resource or its account. */
const SOURCE_ARGUMENTS: readonly string[] = ["source_arn", "source_account", "event_source_token"];

/** An AWS service principal: a DNS name such as `s3.amazonaws.com`, `events.amazonaws.com.cn` or `alexa-appkit.amazon.com`. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.[a-z0-9-]+\.[a-z.]+$/i;

/** True when a Lambda permission's principal names an AWS service rather than an account, a role or everyone. */
export function isServicePrincipal(principal: string): boolean {
  const p = principal.trim();
  return !p.startsWith("arn:") && SERVICE_PRINCIPAL.test(p);
}

export const ztIam020 = defineRule({
  id: "ZT-IAM-020",
  title: "Lambda permission lets an AWS service invoke the function on behalf of any account (no source_arn or source_account)",
  severity: "high",
  domain: "identity",
  rationale:
    "An aws_lambda_permission for an AWS service principal (`s3.amazonaws.com`, `sns.amazonaws.com`, `events.amazonaws.com`...) without source_arn or source_account lets that service invoke the function for any resource of any AWS account: whoever creates a bucket notification, a topic subscription or a rule in their own account pointing at this function's ARN has it run (the confused deputy problem). Zero trust names the one resource, or at least the account, that may make the service call. " +
    "`event_source_token` counts for the Alexa skills that use it instead (CKV_AWS_364 does not accept it). A principal \"*\" is judged by ZT-IAM-011. " +
    "AWS Config's lambda-function-public-access-prohibited (Security Hub Lambda.1) fails the same S3 case and the public principal; this rule covers every service principal.",
  remediation:
    "Set source_arn to the ARN of the calling resource (the bucket, topic, rule, API execution ARN `.../authorizers/<id>` or `.../*/*`), and source_account to this account for services whose source ARN holds no account (S3).",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "AC-6", "AC-4"],
    checkov: ["CKV_AWS_364"],
  },
  resourceTypes: ["aws_lambda_permission"],
  check(r) {
    const principal = r.get("principal");
    const scoped = SOURCE_ARGUMENTS.some((a) => r.has(a));
    if (principal.kind === "unknown") return scoped ? pass() : unknown("principal is not known until apply; if it is an AWS service, nothing ties it to a source");
    if (principal.kind !== "known" || typeof principal.value !== "string" || !isServicePrincipal(principal.value)) return na("principal is not an AWS service");
    if (scoped) return pass();
    const action = r.str("action") ?? "its action";
    return fail(`the service ${principal.value} may call ${action} for a resource of any account: set source_arn or source_account`, `Principal::${principal.value}`);
  },
});
