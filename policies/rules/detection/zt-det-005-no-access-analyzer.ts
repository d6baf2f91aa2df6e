import { defineRule, fail, pass } from "../../engine/outcome";
import { ACCOUNT_LEVEL_NOTE, COMPUTE_TYPES, accountRuleSkips, baselineContext, enabledElsewhere } from "./_account";

export const ztDet005 = defineRule({
  id: "ZT-DET-005",
  title: "Account with compute has no IAM Access Analyzer",
  severity: "low",
  domain: "detection",
  rationale:
    "IAM Access Analyzer reads the resource policies of the account's buckets, keys, roles, secrets and queues and " +
    "reports every one that grants access to a principal outside the account (or the organization). Zero trust grants " +
    "access explicitly and per request; an analyzer is how a grant that crept past that intent is found. " +
    ACCOUNT_LEVEL_NOTE,
  remediation:
    "Add an aws_accessanalyzer_analyzer of type ACCOUNT (or ORGANIZATION in the delegated administrator account) in " +
    "the account's baseline configuration (AccountSecurityBaseline and AccessAnalyzer do). " +
    enabledElsewhere("ZT-DET-005"),
  references: {
    nist800207: ["Tenet 6", "Tenet 7"],
    nist80053: ["AC-6", "CA-7"],
    cis: ["1.20"],
  },
  resourceTypes: COMPUTE_TYPES,
  check(r, model) {
    const skip = accountRuleSkips(r, model);
    if (skip) return skip;
    if (model.ofTypeIn("aws_accessanalyzer_analyzer", r).length > 0) return pass();
    return fail(`${baselineContext(r, model)} but declares no aws_accessanalyzer_analyzer: no analyzer reports access granted outside the account`);
  },
});
