import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { LB_TYPES, lbType } from "./_lb";

export const ztLb005 = defineRule({
  id: "ZT-LB-005",
  title: "Load balancer access logs are disabled",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "Access logs are the record of every client, request, TLS version and target decision at the network edge. " +
    "Zero trust continuously monitors and collects this state to detect abuse and to improve policy; without " +
    "logs, traffic through the load balancer cannot be investigated. Narrower than Security Hub ELB.5, which also covers Classic Load Balancers (aws_elb): this rule judges aws_lb and aws_alb only.",
  remediation:
    "Add access_logs { bucket = <log bucket>, enabled = true } to the aws_lb. Note that enabled defaults to false " +
    "even when a bucket is given.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-3", "AU-12"],
    checkov: ["CKV_AWS_91"],
    cdkNag: ["AwsSolutions-ELB2", "HIPAA.Security-ELBLoggingEnabled"],
    securityHub: ["ELB.5"],
  },
  resourceTypes: LB_TYPES,
  check(r) {
    const type = lbType(r);
    if (type === undefined) return unknown("load_balancer_type is computed at apply time");
    if (type === "gateway") return na("gateway load balancers have no access logs");
    const block = r.blocks("access_logs")[0];
    if (!block) return fail("no access_logs block");
    const enabled = block.get("enabled");
    if (enabled.kind === "unknown") return unknown("access_logs.enabled is computed at apply time");
    if (block.bool("enabled") !== true) return fail(`access_logs.enabled is ${enabled.kind === "known" ? String(enabled.value) : "unset (false)"}`);
    const bucket = block.get("bucket");
    if (bucket.kind === "absent" || (bucket.kind === "known" && String(bucket.value).trim() === "")) return fail("access_logs is enabled without a bucket");
    return pass();
  },
});
