import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";

export const ztLog003 = defineRule({
  id: "ZT-LOG-003",
  title: "Flow log does not capture all traffic",
  severity: "low",
  domain: "logging",
  rationale:
    "A flow log limited to ACCEPT or REJECT traffic sees only half of the picture: accepted flows show what an intruder actually reached, rejected flows show probing. Zero trust monitors every flow to judge the posture of each asset.",
  remediation: "Set `traffic_type = \"ALL\"` on `aws_flow_log`.",
  references: {
    nist800207: ["Tenet 7", "Tenet 5"],
    nist80053: ["AU-12", "SI-4"],
  },
  resourceTypes: ["aws_flow_log"],
  check(resource) {
    if (resource.has("transit_gateway_id") || resource.has("transit_gateway_attachment_id")) return na("transit gateway flow logs always capture all traffic");
    const v = resource.get("traffic_type");
    if (v.kind === "unknown") return unknown("traffic_type is not known until apply");
    if (v.kind === "absent") return fail("traffic_type is not set");
    const type = resource.str("traffic_type");
    return type === "ALL" ? pass() : fail(`traffic_type is ${JSON.stringify(v.value)}: only part of the traffic is logged`);
  },
});
