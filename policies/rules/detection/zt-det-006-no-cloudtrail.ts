import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Resource } from "../../engine/model";
import { ACCOUNT_LEVEL_NOTE, COMPUTE_TYPES, accountRuleSkips, baselineContext, enabledElsewhere } from "./_account";

export const ztDet006 = defineRule({
  id: "ZT-DET-006",
  title: "Account with compute has no CloudTrail trail that is logging",
  severity: "high",
  domain: "detection",
  rationale:
    "CloudTrail is the record of every API call in the account: who assumed which role, read which secret, opened " +
    "which port. Without a trail, CloudTrail keeps 90 days of management events that cannot be searched by content, " +
    "alarmed on or protected from deletion, and GuardDuty findings cannot be traced back to the calls behind them. " +
    "Zero trust logs every access decision. " +
    ACCOUNT_LEVEL_NOTE,
  remediation:
    "Add an aws_cloudtrail recording every region (AccountSecurityBaseline and AuditTrail make one that passes " +
    "ZT-LOG-004..007). " +
    enabledElsewhere("ZT-DET-006") +
    " An organization trail of the management account is such a case.",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["AU-2", "AU-12"],
    cis: ["3.1"],
    securityHub: ["CloudTrail.1"],
  },
  resourceTypes: COMPUTE_TYPES,
  check(r, model) {
    const skip = accountRuleSkips(r, model);
    if (skip) return skip;
    const trails = model.ofTypeIn("aws_cloudtrail", r);
    if (trails.length === 0) return fail(`${baselineContext(r, model)} but declares no aws_cloudtrail: no API call of the account is kept`);
    let undecided: Resource | undefined;
    for (const trail of trails) {
      // `enable_logging` defaults to true.
      if (trail.get("enable_logging").kind === "absent" || trail.bool("enable_logging") === true) return pass();
      if (trail.get("enable_logging").kind === "unknown") undecided = trail;
    }
    if (undecided) return unknown(`${undecided.address} has an enable_logging flag unknown until apply`);
    return fail(`${baselineContext(r, model)} but every aws_cloudtrail of it has logging turned off (enable_logging = false)`);
  },
});
