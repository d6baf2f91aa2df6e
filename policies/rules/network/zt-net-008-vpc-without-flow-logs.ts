import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztNet008 = defineRule({
  id: "ZT-NET-008",
  title: "VPC has no flow log capturing rejected traffic",
  severity: "medium",
  domain: "network",
  rationale:
    "Zero trust assumes the network is hostile and depends on observing every flow: without VPC flow logs there is no record of who talked to what, no evidence of rejected probes and no input for dynamic policy. A flow log must capture ALL traffic, or at least REJECT.",
  remediation:
    "Add an aws_flow_log with vpc_id referencing the VPC and traffic_type = \"ALL\" (or \"REJECT\"), delivering to CloudWatch Logs or S3 with retention set.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-12", "SI-4"],
    cis: ["3.7"],
    checkov: ["CKV2_AWS_11"],
    cdkNag: ["AwsSolutions-VPC7", "NIST.800.53.R5-VPCFlowLogsEnabled"],
    securityHub: ["EC2.6"],
  },
  resourceTypes: ["aws_vpc", "aws_default_vpc"],
  check(resource, model) {
    // Cross-resource: the VPC is covered by an aws_flow_log whose vpc_id references it. A flow log with an unknown
    // traffic_type (a variable) may or may not cover rejected traffic.
    const logs = model.referrers(resource, "aws_flow_log", "vpc_id");
    if (logs.length === 0) return fail("no aws_flow_log references this VPC", "FlowLog");
    const types = logs.map((l) => ({ log: l, type: l.str("traffic_type")?.toUpperCase() }));
    if (types.some((t) => t.type === "ALL" || t.type === "REJECT")) return pass();
    const open = types.find((t) => t.type === undefined);
    if (open) return unknown(`${open.log.address} has a traffic_type unknown until apply`, "FlowLog");
    return fail(`the flow logs of this VPC capture only ${types.map((t) => t.type).join(", ")} traffic; rejected traffic goes unrecorded`, "FlowLog");
  },
});
