import { TerraformStack } from "cdktf";
import { CIS_ALARMS, ISOLATED_TIER_REJECTS, SecurityAlarms } from "../../constructs/audit/alarms";
import { cidrWildcards, rejectedFlowPattern } from "../../constructs/audit/alarm-patterns";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, ofType, only, packVerdict, parsePolicy, statement } from "../identity/harness";
import { auditTrail, securityAlarms } from "./fixtures";

type Json = Record<string, unknown>;

/** The unsuppressed findings of the stack, as `ruleId resource-type.construct-path` (logical id hashes left out). */
function findings(stack: TerraformStack): string[] {
  return packVerdict(stack)
    .unsuppressed.map((line) => /^(ZT-[A-Z0-9]+-\d+)\S* \w+ ([^:]+):/.exec(line)!)
    .map(([, id, address]) => `${id} ${address.replace(/_[0-9A-F]{8}$/, "")}`)
    .sort();
}

const ALARM_SOURCE = { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` } };

describe("SecurityAlarms defaults", () => {
  test("one metric filter on the trail's log group and one alarm per item of the CIS monitoring set", () => {
    const { stack } = securityAlarms();
    const filters = Object.values(ofType(stack, "aws_cloudwatch_log_metric_filter"));
    expect(filters.map((f) => f.name).sort()).toEqual(CIS_ALARMS.map((a) => `zt-${a.name}`).sort());
    expect(new Set(filters.map((f) => f.log_group_name))).toEqual(new Set([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.trail_logs_log-group_[0-9A-F]{8}\.name\}$/)]));
    const alarms = Object.values(ofType(stack, "aws_cloudwatch_metric_alarm"));
    expect(alarms).toHaveLength(14);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: "ZT/Security",
        statistic: "Sum",
        period: 300,
        evaluation_periods: 1,
        threshold: 1,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        treat_missing_data: "notBreaching",
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_[0-9A-F]{8}\.arn\}$/)],
      });
    }
  });

  test("covers CIS 4.1 to 4.14, Security Hub CloudWatch.1 to CloudWatch.14", () => {
    expect(CIS_ALARMS.map((a) => a.cis)).toEqual(Array.from({ length: 14 }, (_, i) => `4.${i + 1}`));
    expect(CIS_ALARMS.map((a) => a.securityHub).sort()).toEqual(Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`).sort());
  });

  test.each([
    ["unauthorized-api-calls", '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'],
    ["console-sign-in-without-mfa", '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'],
    ["root-user-activity", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'],
    ["cloudtrail-changes", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"],
    ["console-authentication-failures", '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'],
    ["cmk-disabled-or-scheduled-for-deletion", "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"],
    [
      "config-changes",
      "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }",
    ],
  ])("the %s filter has the CIS pattern", (name, pattern) => {
    const { stack } = securityAlarms();
    expect(only(stack, "aws_cloudwatch_log_metric_filter", `alarms_${name}-filter`)).toMatchObject({
      pattern,
      metric_transformation: { name, namespace: "ZT/Security", value: "1", default_value: "0" },
    });
  });

  test("the IAM, S3, security group, NACL, gateway, route table and VPC filters name every event of their CIS item", () => {
    const events: Record<string, number> = {
      "iam-policy-changes": 16,
      "s3-bucket-policy-changes": 9,
      "security-group-changes": 6,
      "nacl-changes": 6,
      "network-gateway-changes": 6,
      "route-table-changes": 7,
      "vpc-changes": 11,
    };
    const { stack } = securityAlarms();
    for (const [name, count] of Object.entries(events)) {
      const pattern = String(only(stack, "aws_cloudwatch_log_metric_filter", `alarms_${name}-filter`).pattern);
      expect({ name, count: pattern.match(/\$\.eventName = /g)?.length }).toEqual({ name, count });
    }
    expect(only(stack, "aws_cloudwatch_log_metric_filter", "alarms_iam-policy-changes-filter").pattern).toContain("($.eventName = DetachGroupPolicy)");
    expect(only(stack, "aws_cloudwatch_log_metric_filter", "alarms_route-table-changes-filter").pattern).toMatch(/^\{ \(\$\.eventSource = ec2\.amazonaws\.com\) && \(/);
  });

  test("the topic is encrypted with a customer-managed key that CloudWatch uses only for this account's alarms", () => {
    const { stack } = securityAlarms();
    expect(only(stack, "aws_sns_topic")).toMatchObject({ name: "zt-security-alarms", kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.alarms_key_[0-9A-F]{8}\.arn\}$/) });
    const keyPolicy = only(stack, "aws_kms_key", "alarms_key").policy;
    expect(statement(keyPolicy, "CloudWatchAlarmsPublishEncrypted")).toEqual({
      Sid: "CloudWatchAlarmsPublishEncrypted",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: ALARM_SOURCE,
    });
    expect(parsePolicy(keyPolicy).Statement.map((s) => s.Sid)).toEqual(["AccountRootAdministersNotUse", "CloudWatchAlarmsPublishEncrypted"]);
  });

  test("the topic policy lets only this account's alarms publish, and only over TLS", () => {
    const { stack } = securityAlarms();
    const policy = only(stack, "aws_sns_topic_policy").policy;
    expect(statement(policy, "CloudWatchAlarmsOfThisAccountPublish")).toMatchObject({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Condition: ALARM_SOURCE });
    expect(statement(policy, "DenyRequestsWithoutTls")).toMatchObject({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });

  test("no email subscription unless asked; each address asked for is one subscription", () => {
    expect(ofType(securityAlarms().stack, "aws_sns_topic_subscription")).toEqual({});
    const { stack } = securityAlarms({ emails: ["security@example.com", "oncall+aws@example.org"] });
    const subscriptions = Object.values(ofType(stack, "aws_sns_topic_subscription"));
    expect(subscriptions.map((s) => [s.protocol, s.endpoint])).toEqual([
      ["email", "security@example.com"],
      ["email", "oncall+aws@example.org"],
    ]);
  });

  test("passes the whole pack with no finding and nothing suppressed", () => {
    const { stack } = securityAlarms({ emails: ["security@example.com"], isolatedTierFlows: { flowLogGroupName: "/zt/main/vpc-flow-logs", isolatedCidrs: ["10.0.32.0/24"] } });
    expect(packVerdict(stack)).toMatchObject({ unsuppressed: [], suppressed: [] });
  });
});

describe("SecurityAlarms on rejected flows into the isolated tier", () => {
  test("one filter per /24 of the tier on the flow log group, rejected flows only, feeding one alarm", () => {
    const { stack, alarms } = securityAlarms({ isolatedTierFlows: { flowLogGroupName: "/zt/main/vpc-flow-logs", isolatedCidrs: ["10.0.32.0/24", "10.0.33.0/24"], threshold: 5 } });
    const filters = Object.entries(ofType(stack, "aws_cloudwatch_log_metric_filter")).filter(([k]) => k.includes(ISOLATED_TIER_REJECTS));
    expect(filters.map(([, f]) => [f.log_group_name, f.pattern])).toEqual([
      ["/zt/main/vpc-flow-logs", '[version, account, eni, source, destination="10.0.32.*", srcport, destport, protocol, packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]'],
      ["/zt/main/vpc-flow-logs", '[version, account, eni, source, destination="10.0.33.*", srcport, destport, protocol, packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]'],
    ]);
    expect(new Set(filters.map(([, f]) => (f.metric_transformation as Json).name))).toEqual(new Set([ISOLATED_TIER_REJECTS]));
    expect(only(stack, "aws_cloudwatch_metric_alarm", `alarms_${ISOLATED_TIER_REJECTS}-alarm`)).toMatchObject({ metric_name: ISOLATED_TIER_REJECTS, threshold: 5 });
    expect(alarms.alarms[ISOLATED_TIER_REJECTS].filters).toHaveLength(2);
  });

  test("CIDRs are matched by wildcards on whole octets", () => {
    expect(cidrWildcards("10.0.32.0/24")).toEqual(["10.0.32.*"]);
    expect(cidrWildcards("10.7.0.0/16")).toEqual(["10.7.*"]);
    expect(cidrWildcards("10.0.48.0/22")).toEqual(["10.0.48.*", "10.0.49.*", "10.0.50.*", "10.0.51.*"]);
    expect(cidrWildcards("10.0.32.17/32")).toEqual(["10.0.32.17"]);
    const half = cidrWildcards("10.0.32.128/25")!;
    expect([half.length, half[0], half[127]]).toEqual([128, "10.0.32.128", "10.0.32.255"]);
    expect(cidrWildcards("10.0.32.0/33")).toBeUndefined();
    expect(rejectedFlowPattern("10.7.*")).toContain('destination="10.7.*"');
  });
});

describe("insecure twins of SecurityAlarms' defaults fail the pack with the matching finding", () => {
  test.each([
    ["a topic without a key", (a: SecurityAlarms) => a.topic.addOverride("kms_master_key_id", null), ["ZT-LOG-009 aws_sns_topic.alarms_topic", "ZT-SEC-011 aws_sns_topic.alarms_topic"]],
    ["a topic under the AWS managed key", (a: SecurityAlarms) => a.topic.addOverride("kms_master_key_id", "alias/aws/sns"), ["ZT-LOG-009 aws_sns_topic.alarms_topic"]],
  ])("%s", (_name, weaken, expected) => {
    const { stack, alarms } = securityAlarms();
    weaken(alarms);
    expect(findings(stack)).toEqual(expected);
  });
});

describe("SecurityAlarms validation", () => {
  test.each([["security"], ["security@"], ["@example.com"], ["security@example"], ["sec urity@example.com"]])("an alarm email %j that is not an address is refused", (email) => {
    expectInvalid(() => securityAlarms({ emails: ["ok@example.com", email] }), "emails", `emails entry "${email}" is not an email address`);
  });

  test("flow alarm CIDRs must be IPv4 CIDRs, present, and few enough blocks", () => {
    const flows = (isolatedCidrs: string[]) => ({ isolatedTierFlows: { flowLogGroupName: "/zt/main/vpc-flow-logs", isolatedCidrs } });
    expectInvalid(() => securityAlarms(flows(["10.0.32.0"])), "isolatedTierFlows.isolatedCidrs", "is not an IPv4 CIDR");
    expectInvalid(() => securityAlarms(flows([])), "isolatedTierFlows.isolatedCidrs", "is empty");
    expectInvalid(() => securityAlarms(flows(["10.0.0.0/17"])), "isolatedTierFlows.isolatedCidrs", /needs 128 metric filters .*, more than 64;/);
  });

  test("a topic name SNS refuses, or a threshold below one", () => {
    expectInvalid(() => securityAlarms({ topicName: "security alarms" }), "topicName", "is not an SNS topic name");
    expectInvalid(() => securityAlarms({ isolatedTierFlows: { flowLogGroupName: "/g", isolatedCidrs: ["10.0.32.0/24"], threshold: 0 } }), "isolatedTierFlows.threshold", "at least 1");
  });

  test("the error names the construct", () => {
    const { stack, trail } = auditTrail({}, "named");
    const error = expectInvalid(() => new SecurityAlarms(stack, "alarms", { trail, emails: ["nobody"] }), "emails", "security@example.com");
    expect(error.path).toBe("named/alarms");
  });
});
