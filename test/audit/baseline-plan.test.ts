import { Testing } from "cdktf";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel } from "../support/rules";
import { expectPlanOk, planStack, plannedActions, plannedAddresses, plannedAfter, synthesizedAddresses } from "../support/terraform";
import { baselineStack } from "./baseline-fixtures";

describe("AccountSecurityBaseline under terraform plan", () => {
  test("plans with the pinned AWS provider, creating exactly the synthesized resources, and passes the whole pack on the plan", async () => {
    const { stack } = baselineStack();
    const json = JSON.parse(Testing.synth(stack));
    const result = await planStack(stack);
    expectPlanOk(result);
    const plan = result.plan;
    expect(plannedAddresses(plan)).toEqual(synthesizedAddresses(json));
    expect(plannedActions(plan)).toEqual(["create"]);

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
});
