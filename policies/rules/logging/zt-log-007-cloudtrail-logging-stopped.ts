import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztLog007 = defineRule({
  id: "ZT-LOG-007",
  title: "CloudTrail trail is created with logging turned off",
  severity: "high",
  domain: "logging",
  rationale:
    "`enable_logging = false` creates a trail that records nothing, giving the appearance of an audit trail without the evidence. Zero trust needs continuous records of access decisions.",
  remediation: "Remove `enable_logging = false` (the default is true).",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["AU-2", "AU-12"],
    cis: ["3.1"],
  },
  resourceTypes: ["aws_cloudtrail"],
  check(resource) {
    const v = resource.get("enable_logging");
    if (v.kind === "unknown") return unknown("enable_logging is not known until apply");
    return resource.bool("enable_logging") === false ? fail("enable_logging is false: the trail records nothing") : pass();
  },
});
