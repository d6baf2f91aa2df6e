import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztLog004 = defineRule({
  id: "ZT-LOG-004",
  title: "CloudTrail trail does not cover all regions",
  severity: "medium",
  domain: "logging",
  rationale:
    "A single-region trail misses API activity in every other region, where an attacker with stolen credentials can act unobserved. Zero trust records every access decision, wherever it happens.",
  remediation: "Set `is_multi_region_trail = true` (and keep `include_global_service_events` at its default true).",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["AU-2", "AU-12"],
    cis: ["3.1"],
    checkov: ["CKV_AWS_67"],
  },
  resourceTypes: ["aws_cloudtrail"],
  check(resource) {
    const v = resource.get("is_multi_region_trail");
    if (v.kind === "unknown") return unknown("is_multi_region_trail is not known until apply");
    return resource.bool("is_multi_region_trail") === true ? pass() : fail("is_multi_region_trail is not true: the trail records one region only");
  },
});
