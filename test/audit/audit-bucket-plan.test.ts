import { StackEnvironment } from "../../constructs/core";
import { AuditBucket } from "../../constructs/audit/audit-bucket";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel } from "../support/rules";
import { planCreatingExactly, plannedAfter } from "../support/terraform";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

type Json = Record<string, unknown>;

describe("AuditBucket under terraform plan", () => {
  test("a bucket with a delivery plans clean, only creates, and the pack passes the plan", async () => {
    const stack = newStack("audit-bucket-plan");
    StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
    const bucket = new AuditBucket(stack, "audit", { readerRoleArns: [`arn:aws:iam::${ACCOUNT}:role/security-audit`] });
    bucket.addDelivery({ servicePrincipal: "cloudtrail.amazonaws.com", sid: "CloudTrail", prefix: "cloudtrail", sourceArns: [`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit`] });
    const { plan } = await planCreatingExactly(stack);

    const [lifecycle] = plannedAfter<Json>(plan, "aws_s3_bucket_lifecycle_configuration", "audit_lifecycle");
    expect(lifecycle.rule).toEqual([
      expect.objectContaining({
        status: "Enabled",
        transition: [expect.objectContaining({ days: 90, storage_class: "GLACIER_IR" })],
        expiration: [expect.objectContaining({ days: 730 })],
        noncurrent_version_expiration: [expect.objectContaining({ noncurrent_days: 730 })],
      }),
    ]);
    const [logging] = plannedAfter<Json>(plan, "aws_s3_bucket_logging");
    expect(logging.target_prefix).toBe("s3-access-logs/");

    const report = evaluate(stackPlanModel(plan as unknown as Json, stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.unknowns.map((u) => `${u.ruleId} ${u.address}: ${u.message}`)).toEqual([]);
  });
});
