import { SecurityAlarms } from "../../constructs/audit/alarms";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel } from "../support/rules";
import { planCreatingExactly, plannedAfter } from "../support/terraform";
import { auditTrail } from "./fixtures";

type Json = Record<string, unknown>;

describe("AuditTrail and SecurityAlarms under terraform plan", () => {
  test("a trail with data events and the alarms plan clean, only create, and the pack passes the plan", async () => {
    const { stack, trail } = auditTrail({ dataEvents: { bucketArns: ["arn:aws:s3:::orders-data"] }, organization: { organizationId: "o-a1b2c3d4e5" } }, "trail-plan");
    new SecurityAlarms(stack, "alarms", {
      trail,
      emails: ["security@example.com"],
      isolatedTierFlows: { flowLogGroupName: "/zt/main/vpc-flow-logs", isolatedCidrs: ["10.0.32.0/24", "10.0.33.0/24"] },
    });
    const { plan } = await planCreatingExactly(stack);

    const [cloudtrail] = plannedAfter<Json>(plan, "aws_cloudtrail");
    expect(cloudtrail).toMatchObject({
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      is_organization_trail: true,
      advanced_event_selector: [
        expect.objectContaining({ name: "Every management event" }),
        expect.objectContaining({ name: "Object-level events of the named buckets" }),
      ],
    });
    expect(plannedAfter<Json>(plan, "aws_cloudwatch_log_metric_filter")).toHaveLength(16);
    expect(plannedAfter<Json>(plan, "aws_cloudwatch_metric_alarm")).toHaveLength(15);
    const [subscription] = plannedAfter<Json>(plan, "aws_sns_topic_subscription");
    expect(subscription).toMatchObject({ protocol: "email", endpoint: "security@example.com" });

    const report = evaluate(stackPlanModel(plan as unknown as Json, stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.unknowns.map((u) => `${u.ruleId} ${u.address}: ${u.message}`)).toEqual([]);
  });
});
