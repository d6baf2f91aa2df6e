import { Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** A password policy setting, what the rule requires of it, and the value AWS uses when the setting is left out. */
interface Requirement {
  /** The argument of aws_iam_account_password_policy. */
  readonly path: string;
  /** What the setting must be, for messages. */
  readonly wanted: string;
  /** The value AWS applies when the argument is not set. */
  readonly unset: number | boolean;
  readonly holds: (value: unknown) => boolean;
}

const atLeast = (min: number) => (v: unknown) => typeof v === "number" && v >= min;
const isTrue = (v: unknown) => v === true;

/**
 * The requirements, after the CIS AWS Foundations Benchmark items that Security Hub checks as IAM.11-IAM.17; they are
 * stricter than IAM.7's defaults (8 characters) and IAM.10's (7 characters, 4 remembered passwords), so a policy that
 * meets them meets those too.
 */
const REQUIREMENTS: readonly Requirement[] = [
  { path: "minimum_password_length", wanted: "at least 14", unset: 6, holds: atLeast(14) },
  { path: "require_uppercase_characters", wanted: "true", unset: false, holds: isTrue },
  { path: "require_lowercase_characters", wanted: "true", unset: false, holds: isTrue },
  { path: "require_symbols", wanted: "true", unset: false, holds: isTrue },
  { path: "require_numbers", wanted: "true", unset: false, holds: isTrue },
  { path: "password_reuse_prevention", wanted: "24", unset: 0, holds: atLeast(24) },
  { path: "max_password_age", wanted: "between 1 and 90 days", unset: 0, holds: (v) => typeof v === "number" && v >= 1 && v <= 90 },
];

export const ztIam022 = defineRule({
  id: "ZT-IAM-022",
  title: "Account password policy is weaker than the CIS benchmark (length 14, four character classes, 24 remembered, 90-day expiry)",
  severity: "medium",
  domain: "identity",
  rationale:
    "The account password policy protects every IAM user's console password. Short passwords and passwords without mixed character classes fall to guessing and credential stuffing, and reused or never-expiring ones stay valid long after they leak. An aws_iam_account_password_policy must require at least 14 characters, upper- and lowercase letters, a number and a symbol, prevent the reuse of the last 24 passwords and expire passwords within 90 days. " +
    "A setting the configuration leaves out takes the AWS default (6 characters, no character classes, reuse allowed, no expiry) and fails. One finding per weak setting. The fewer IAM users there are (ZT-IAM-021), the less this policy matters. " +
    "Deliberately stricter than Security Hub IAM.7 with its default parameters (8 characters, no reuse or age limit) and IAM.10 (7 characters, 4 remembered passwords): the CIS values of IAM.11-IAM.17 apply.",
  remediation:
    "Set minimum_password_length = 14 (or more), require_uppercase_characters, require_lowercase_characters, require_numbers and require_symbols = true, password_reuse_prevention = 24 and max_password_age = 90 (or fewer days).",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["IA-5", "IA-5(1)"],
    cis: ["1.8", "1.9"],
    checkov: ["CKV_AWS_9", "CKV_AWS_10", "CKV_AWS_11", "CKV_AWS_12", "CKV_AWS_13", "CKV_AWS_14", "CKV_AWS_15"],
    securityHub: ["IAM.7", "IAM.10", "IAM.11", "IAM.12", "IAM.13", "IAM.14", "IAM.15", "IAM.16", "IAM.17"],
  },
  resourceTypes: ["aws_iam_account_password_policy"],
  check(r) {
    const out = REQUIREMENTS.map((req) => judge(r, req)).filter((o) => o.status !== "pass");
    return out.length > 0 ? out : pass();
  },
});

function judge(r: Resource, req: Requirement): Outcome {
  const v = r.configuredValue(req.path);
  const item = `Setting::${req.path}`;
  if (v.kind === "unknown") return unknown(`${req.path} is not known until apply`, item);
  const value = v.kind === "known" ? v.value : req.unset;
  if (req.holds(value)) return pass(item);
  const shown = v.kind === "known" ? `is ${String(value)}` : `is not set (AWS applies ${String(req.unset)})`;
  return fail(`${req.path} ${shown}; it must be ${req.wanted}`, item);
}
