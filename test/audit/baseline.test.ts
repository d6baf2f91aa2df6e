import { AccountSecurityBaseline } from "../../constructs/audit";
import { AccountComputeBaseline, HardenedHost } from "../../constructs/compute";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork } from "../../constructs/network";
import { AMI } from "../compute/fixtures";
import { expectInvalid } from "../core/validation-error";
import { newStack, ofType, only, packVerdict } from "../identity/harness";
import { baselineStack } from "./baseline-fixtures";
import { environmentStack, suppressionsOf } from "./detection-fixtures";

const REASON = "enabled by the organization's delegated administrator";

/** The number of resources of each type the stack synthesizes, for the types of the baseline's parts. */
function partCounts(stack: ReturnType<typeof baselineStack>["stack"]): Record<string, number> {
  const types = [
    "aws_cloudtrail",
    "aws_cloudwatch_metric_alarm",
    "aws_guardduty_detector",
    "aws_guardduty_publishing_destination",
    "aws_securityhub_account",
    "aws_config_configuration_recorder",
    "aws_config_configuration_recorder_status",
    "aws_accessanalyzer_analyzer",
    "aws_security_group",
    "aws_iam_policy",
  ];
  return Object.fromEntries(types.map((t) => [t, Object.keys(ofType(stack, t)).length]));
}

describe("AccountSecurityBaseline", () => {
  test("every part on by default: trail and alarms, GuardDuty, Security Hub, Config and Access Analyzer, one audit bucket", () => {
    const { stack } = baselineStack();
    expect(partCounts(stack)).toMatchObject({
      aws_cloudtrail: 1,
      aws_guardduty_detector: 1,
      aws_guardduty_publishing_destination: 1,
      aws_securityhub_account: 1,
      aws_config_configuration_recorder: 1,
      aws_config_configuration_recorder_status: 1,
      aws_accessanalyzer_analyzer: 1,
    });
    expect(Object.keys(ofType(stack, "aws_cloudwatch_metric_alarm")).length).toBeGreaterThan(10);
    expect(only(stack, "aws_accessanalyzer_analyzer").type).toBe("ACCOUNT");
    expect(only(stack, "aws_cloudtrail").is_organization_trail).toBe(false);
    // Every delivering part writes to the one audit bucket.
    const auditBuckets = Object.keys(ofType(stack, "aws_s3_bucket")).filter((name) => /^security-baseline_bucket_[A-F0-9]+$/.test(name));
    expect(auditBuckets).toHaveLength(1);
    const bucketName = `\${aws_s3_bucket.${auditBuckets[0]}.bucket}`;
    expect(only(stack, "aws_config_delivery_channel").s3_bucket_name).toBe(bucketName);
    expect(only(stack, "aws_cloudtrail").s3_bucket_name).toBe(bucketName);
  });

  test("a quarantine group and deny-all policy for each network it is given", () => {
    const { stack, baseline } = baselineStack();
    expect(baseline.quarantines).toHaveLength(1);
    const groups = Object.values(ofType(stack, "aws_security_group")).filter((g) => (g.tags as Record<string, string>)["zt:quarantine"] === "true");
    expect(groups.map((g) => g.name)).toEqual(["security-baseline-0-quarantine"]);
    expect(Object.values(ofType(stack, "aws_iam_policy")).map((p) => p.name)).toContain("security-baseline-0-quarantine-deny-all");
  });

  test("an account with compute, the compute baseline and the security baseline passes the whole pack with nothing suppressed", () => {
    const verdict = packVerdict(baselineStack().stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([]);
  });

  test("without the baseline, the same account fails every detection rule on its first compute resource", () => {
    const stack = environmentStack("bare");
    const network = new SegmentedNetwork(stack, "network", { name: "main", cidr: "10.60.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
    const identity = new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "ec2" } });
    new HardenedHost(stack, "api", { identity, network, amiId: AMI });
    new AccountComputeBaseline(stack, "compute-baseline", {});
    const failed = packVerdict(stack).unsuppressed.map((line) => line.split(" ")[0]);
    expect(failed.filter((id) => id.startsWith("ZT-DET-")).sort()).toEqual(["ZT-DET-001", "ZT-DET-002", "ZT-DET-003", "ZT-DET-005", "ZT-DET-006"]);
  });

  test.each([
    ["threatDetection", "ZT-DET-001", "aws_guardduty_detector"],
    ["securityHub", "ZT-DET-002", "aws_securityhub_account"],
    ["config", "ZT-DET-003", "aws_config_configuration_recorder"],
    ["accessAnalyzer", "ZT-DET-005", "aws_accessanalyzer_analyzer"],
    ["trail", "ZT-DET-006", "aws_cloudtrail"],
  ] as const)("%s turned off: its resources are gone and %s is suppressed on the stack with the reason, so the pack still passes", (part, ruleId, type) => {
    const { stack } = baselineStack({ [part]: { disabled: true, reason: REASON } });
    expect(ofType(stack, type)).toEqual({});
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed.filter((s) => s.startsWith("ZT-DET-"))).toEqual([expect.stringMatching(new RegExp(`^${ruleId} aws_launch_template\\.api_`))]);
    const recorded = Object.values(suppressionsOf(stack, "aws_launch_template"))[0] as { id: string; reason: string }[];
    expect(recorded).toContainEqual({ id: ruleId, reason: `AccountSecurityBaseline "security-baseline" ${part} disabled: ${REASON}` });
  });

  test("the trail turned off takes the alarms along", () => {
    const { stack, baseline } = baselineStack({ trail: { disabled: true, reason: REASON } });
    expect(baseline.alarms).toBeUndefined();
    expect(ofType(stack, "aws_cloudwatch_metric_alarm")).toEqual({});
  });

  test("passes props to each part: CIS, the Config recorder's global resources, alarm emails, a GuardDuty protection turned off", () => {
    const { stack } = baselineStack({
      securityHub: { cis: true },
      config: { recordGlobalResources: false },
      alarms: { emails: ["security@example.com"] },
      threatDetection: { disabledProtections: { lambdaNetworkLogs: "no Lambda function runs in this account" } },
    });
    expect(Object.keys(ofType(stack, "aws_securityhub_standards_subscription"))).toHaveLength(2);
    expect(only(stack, "aws_config_configuration_recorder").recording_group).toMatchObject({ include_global_resource_types: false });
    expect(only(stack, "aws_sns_topic_subscription")).toMatchObject({ protocol: "email", endpoint: "security@example.com" });
    expect(Object.values(ofType(stack, "aws_guardduty_detector_feature")).find((f) => f.name === "LAMBDA_NETWORK_LOGS")?.status).toBe("DISABLED");
  });

  test("the organization variant: an organization trail, GuardDuty and Security Hub for every member, an organization analyzer", () => {
    const { stack } = baselineStack({ organization: { organizationId: "o-a1b2c3d4e5" } });
    expect(only(stack, "aws_cloudtrail").is_organization_trail).toBe(true);
    expect(only(stack, "aws_guardduty_organization_configuration").auto_enable_organization_members).toBe("ALL");
    expect(only(stack, "aws_securityhub_organization_configuration").auto_enable).toBe(true);
    expect(only(stack, "aws_accessanalyzer_analyzer").type).toBe("ORGANIZATION");
  });

  test("in a stack without a StackEnvironment, passes its own account, region and partition to every part", () => {
    const stack = newStack("no-environment");
    new AccountSecurityBaseline(stack, "b", { accountId: "210987654321", region: "us-gov-west-1" });
    expect(only(stack, "aws_securityhub_standards_subscription").standards_arn).toBe(
      "arn:aws-us-gov:securityhub:us-gov-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
    );
    expect(only(stack, "aws_config_configuration_recorder").role_arn).toBe(
      "arn:aws-us-gov:iam::210987654321:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
    );
  });

  test("refuses an organization variant without an organization id, an opt-out without a reason or not set to true, and alarms without a trail", () => {
    const stack = () => environmentStack();
    expectInvalid(() => new AccountSecurityBaseline(stack(), "b", { organization: {} as never }), "organization.organizationId", /has no organizationId/);
    expectInvalid(() => new AccountSecurityBaseline(stack(), "b", { organization: { organizationId: "123456789012" } }), "organization.organizationId", /"123456789012"/);
    expectInvalid(() => new AccountSecurityBaseline(stack(), "b", { securityHub: { disabled: true, reason: "" } as never }), "securityHub.reason", /at least 10 characters/);
    expectInvalid(() => new AccountSecurityBaseline(stack(), "b", { config: { disabled: false, reason: REASON } as never }), "config.disabled", /must be true/);
    expectInvalid(() => new AccountSecurityBaseline(stack(), "b", { trail: { disabled: true, reason: REASON }, alarms: {} }), "alarms", /the trail is turned off/);
  });
});
