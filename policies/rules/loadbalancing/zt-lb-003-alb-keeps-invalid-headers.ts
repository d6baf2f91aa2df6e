import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { LB_TYPES, lbType } from "./_lb";

export const ztLb003 = defineRule({
  id: "ZT-LB-003",
  title: "Application load balancer forwards invalid HTTP header fields",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "Header names that are not valid HTTP tokens are a classic vehicle for request smuggling and header " +
    "injection against the targets behind the load balancer. Zero trust sanitizes input at the enforcement point " +
    "instead of trusting every backend parser. The provider default keeps them (drop_invalid_header_fields = false).",
  remediation: "Set drop_invalid_header_fields = true on every application load balancer (aws_lb / aws_alb).",
  references: {
    nist800207: ["Tenet 4"],
    nist80053: ["SI-10", "SC-7"],
    checkov: ["CKV_AWS_131"],
    cdkNag: ["HIPAA.Security-ALBHttpDropInvalidHeaderEnabled"],
    securityHub: ["ELB.4"],
  },
  resourceTypes: LB_TYPES,
  check(r) {
    const type = lbType(r);
    if (type === undefined) return unknown("load_balancer_type is computed at apply time");
    if (type !== "application") return na(`${type} load balancer does not parse HTTP headers`);
    const v = r.get("drop_invalid_header_fields");
    if (v.kind === "unknown") return unknown("drop_invalid_header_fields is computed at apply time");
    if (r.bool("drop_invalid_header_fields") === true) return pass();
    return fail(`drop_invalid_header_fields is ${v.kind === "known" ? String(v.value) : "unset (false)"}`);
  },
});
