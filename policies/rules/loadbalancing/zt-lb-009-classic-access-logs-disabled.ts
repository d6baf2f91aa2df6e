import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { CLASSIC_TYPES } from "./_elb";

export const ztLb009 = defineRule({
  id: "ZT-LB-009",
  title: "Classic Load Balancer access logs are disabled",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "Access logs record every client, request, back-end instance and TLS protocol seen by the load balancer. Without " +
    "them, traffic through the edge of the service cannot be investigated; zero trust collects this state to detect " +
    "abuse and to improve policy. AWS Security Hub control ELB.5 (Application and Classic Load Balancers logging should " +
    "be enabled); ZT-LB-005 judges the Application Load Balancers. On aws_elb, access_logs.enabled defaults to true " +
    "once the block is written.",
  remediation: "Add access_logs { bucket = <log bucket>, interval = 5 } to the aws_elb, and leave enabled unset or true.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-3", "AU-12"],
    checkov: ["CKV_AWS_92"],
    securityHub: ["ELB.5"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb) {
    if (elb.blocksUnknown("access_logs")) return unknown("the access_logs block is computed at apply time");
    const block = elb.blocks("access_logs")[0];
    if (!block) return fail("no access_logs block");
    const enabled = block.get("enabled");
    if (enabled.kind === "unknown") return unknown("access_logs.enabled is computed at apply time");
    if (enabled.kind === "known" && block.bool("enabled") !== true) return fail(`access_logs.enabled is ${String(enabled.value)}`);
    const bucket = block.get("bucket");
    if (bucket.kind === "absent" || (bucket.kind === "known" && String(bucket.value).trim() === "")) return fail("access_logs names no bucket");
    return pass();
  },
});
