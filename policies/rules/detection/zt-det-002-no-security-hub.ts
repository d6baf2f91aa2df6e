import { defineRule, fail, pass } from "../../engine/outcome";
import { ACCOUNT_LEVEL_NOTE, COMPUTE_TYPES, accountRuleSkips, baselineContext, enabledElsewhere } from "./_account";

export const ztDet002 = defineRule({
  id: "ZT-DET-002",
  title: "Account with compute has no Security Hub",
  severity: "medium",
  domain: "detection",
  rationale:
    "Security Hub gathers the findings of GuardDuty, Config, Inspector and Access Analyzer in one place and checks the " +
    "account continuously against the AWS Foundational Security Best Practices: without it, findings stay scattered " +
    "across services and a configuration drift after deployment goes unnoticed. Zero trust relies on that continuous " +
    "evaluation of the posture of every asset. " +
    ACCOUNT_LEVEL_NOTE,
  remediation:
    "Add an aws_securityhub_account with an aws_securityhub_standards_subscription to the AWS Foundational Security " +
    "Best Practices standard in the account's baseline configuration (AccountSecurityBaseline and FindingsHub do). " +
    enabledElsewhere("ZT-DET-002"),
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["CA-7", "SI-4", "RA-5"],
    cis: ["4.16"],
  },
  resourceTypes: COMPUTE_TYPES,
  check(r, model) {
    const skip = accountRuleSkips(r, model);
    if (skip) return skip;
    if (model.ofTypeIn("aws_securityhub_account", r).length > 0) return pass();
    return fail(`${baselineContext(r, model)} but declares no aws_securityhub_account: no findings hub evaluates the account`);
  },
});
