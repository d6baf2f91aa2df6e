import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel } from "../support/rules";
import { expectPlanOk, planCreatingExactly, plannedAfter, planStack } from "../support/terraform";
import { baselineStack } from "./baseline-fixtures";

describe("AccountSecurityBaseline under terraform plan", () => {
  test("plans with the pinned AWS provider, creating exactly the synthesized resources, and passes the whole pack on the plan", async () => {
    const { stack } = baselineStack();
    const { plan } = await planCreatingExactly(stack);

    const features = plannedAfter<{ name: string; status: string; additional_configuration?: { name: string; status: string }[] }>(plan, "aws_guardduty_detector_feature");
    expect(features.map((f) => `${f.name}=${f.status}`).sort()).toEqual([
      "EBS_MALWARE_PROTECTION=ENABLED",
      "EKS_AUDIT_LOGS=ENABLED",
      "LAMBDA_NETWORK_LOGS=ENABLED",
      "RDS_LOGIN_EVENTS=ENABLED",
      "RUNTIME_MONITORING=ENABLED",
      "S3_DATA_EVENTS=ENABLED",
    ]);
    expect(plannedAfter(plan, "aws_securityhub_standards_subscription").map((s) => s.standards_arn)).toEqual([
      "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
    ]);
    expect(plannedAfter(plan, "aws_config_configuration_recorder_status").map((s) => s.is_enabled)).toEqual([true]);
    expect(plannedAfter(plan, "aws_accessanalyzer_analyzer").map((a) => a.type)).toEqual(["ACCOUNT"]);
    const quarantine = plannedAfter<{ name: string }>(plan, "aws_security_group").find((g) => g.name.endsWith("-quarantine"));
    expect(quarantine?.name).toBe("security-baseline-0-quarantine");

    const report = evaluate(stackPlanModel(plan as unknown as Record<string, unknown>, stack), zeroTrustPack.rules);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed && f.ruleId.startsWith("ZT-DET-"))).toEqual([]);
    expect(report.unknowns.map((u) => `${u.findingId} ${u.address}: ${u.message}`)).toEqual([]);
    const detection = report.results.filter((r) => r.ruleId.startsWith("ZT-DET-"));
    expect([...new Set(detection.filter((r) => r.status === "pass").map((r) => r.ruleId))].sort()).toEqual([
      "ZT-DET-001",
      "ZT-DET-002",
      "ZT-DET-003",
      "ZT-DET-004",
      "ZT-DET-005",
      "ZT-DET-006",
    ]);
  });

  test("the organization variant with CIS, a protection turned off and an existing Config role plans and passes the pack", async () => {
    const reason = "no Lambda function runs in this organization";
    const { stack } = baselineStack({
      organization: { organizationId: "o-a1b2c3d4e5" },
      securityHub: { cis: true },
      config: { createServiceLinkedRole: false, recordGlobalResources: false },
      threatDetection: { disabledProtections: { lambdaNetworkLogs: reason } },
    });
    const result = await planStack(stack);
    expectPlanOk(result);
    const plan = result.plan;
    expect(plannedAfter(plan, "aws_cloudtrail").map((t) => t.is_organization_trail)).toEqual([true]);
    expect(plannedAfter(plan, "aws_guardduty_organization_configuration").map((c) => c.auto_enable_organization_members)).toEqual(["ALL"]);
    expect(plannedAfter(plan, "aws_guardduty_organization_configuration_feature").map((f) => `${f.name}=${f.auto_enable}`).sort()).toEqual([
      "EBS_MALWARE_PROTECTION=ALL",
      "EKS_AUDIT_LOGS=ALL",
      "LAMBDA_NETWORK_LOGS=NONE",
      "RDS_LOGIN_EVENTS=ALL",
      "RUNTIME_MONITORING=ALL",
      "S3_DATA_EVENTS=ALL",
    ]);
    expect(plannedAfter(plan, "aws_securityhub_organization_configuration").map((c) => c.auto_enable)).toEqual([true]);
    expect(plannedAfter(plan, "aws_securityhub_standards_subscription").map((s) => s.standards_arn).sort()).toEqual([
      "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
    ]);
    expect(plannedAfter(plan, "aws_accessanalyzer_analyzer").map((a) => a.type)).toEqual(["ORGANIZATION"]);
    expect(plannedAfter(plan, "aws_iam_service_linked_role")).toEqual([]);

    const report = evaluate(stackPlanModel(plan as unknown as Record<string, unknown>, stack), zeroTrustPack.rules);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    // No Lambda function runs here, so the Lambda protection turned off leaves no finding to suppress.
    expect(report.findings.filter((f) => f.suppressed).map((f) => `${f.findingId} ${f.suppressionReason}`)).toEqual([]);
  });
});
