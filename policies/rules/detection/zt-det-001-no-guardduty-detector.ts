import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Resource } from "../../engine/model";
import { ACCOUNT_LEVEL_NOTE, COMPUTE_TYPES, accountRuleSkips, baselineContext, enabledElsewhere } from "./_account";

export const ztDet001 = defineRule({
  id: "ZT-DET-001",
  title: "Account with compute has no GuardDuty detector",
  severity: "high",
  domain: "detection",
  rationale:
    "Zero trust assumes breach and watches for it: GuardDuty reads the account's CloudTrail, VPC flow and DNS logs " +
    "and reports stolen credentials in use, instances talking to command-and-control hosts, crypto mining and " +
    "reconnaissance. Without a detector nothing raises an alarm when a hardened host or a narrow role is abused. " +
    ACCOUNT_LEVEL_NOTE,
  remediation:
    "Add an aws_guardduty_detector (enable = true, the default) in the account's baseline configuration; " +
    "AccountSecurityBaseline and ThreatDetection make one with the protections that apply. " +
    enabledElsewhere("ZT-DET-001"),
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["SI-4", "IR-4", "AU-6"],
    securityHub: ["GuardDuty.1"],
  },
  resourceTypes: COMPUTE_TYPES,
  check(r, model) {
    const skip = accountRuleSkips(r, model);
    if (skip) return skip;
    const detectors = model.ofTypeIn("aws_guardduty_detector", r);
    if (detectors.length === 0) return fail(`${baselineContext(r, model)} but declares no aws_guardduty_detector: no threat detection watches the account`);
    let undecided: Resource | undefined;
    for (const detector of detectors) {
      const enable = detector.get("enable");
      // `enable` defaults to true.
      if (enable.kind === "absent" || detector.bool("enable") === true) return pass();
      if (enable.kind === "unknown") undecided = detector;
    }
    if (undecided) return unknown(`${undecided.address} has an enable flag unknown until apply`);
    return fail(`${baselineContext(r, model)} but every aws_guardduty_detector of it is disabled (enable = false)`);
  },
});
