import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { ztLog008 } from "../../../policies/rules/logging/zt-log-008-cloudtrail-without-cloudwatch-logs";
import { ztLog009 } from "../../../policies/rules/logging/zt-log-009-alarm-topic-without-cmk";
import { ztLog010 } from "../../../policies/rules/logging/zt-log-010-trail-bucket-without-access-logging";
import { ztLog011 } from "../../../policies/rules/logging/zt-log-011-trail-bucket-public-access";
import { configModel, describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { trailDeliveryFixture } from "./trail-delivery-fixture";

const DELIVERED_TRAILS = ["aws_cloudtrail.secure", "aws_cloudtrail.by_name", "aws_cloudtrail.bare", "aws_cloudtrail.half", "aws_cloudtrail.elsewhere"];

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [ztLog008, { fail: ["aws_cloudtrail.s3_only", "aws_cloudtrail.no_role"], pass: DELIVERED_TRAILS }],
  [ztLog009, { fail: ["aws_sns_topic.alarm_topic_plain", "aws_sns_topic.alarm_topic_managed", "aws_sns_topic.literal_topic"], pass: ["aws_sns_topic.alarm_topic_cmk"] }],
  [ztLog010, { fail: ["aws_cloudtrail.bare"], pass: ["aws_cloudtrail.secure", "aws_cloudtrail.s3_only", "aws_cloudtrail.no_role", "aws_cloudtrail.by_name", "aws_cloudtrail.half"] }],
  [ztLog011, { fail: ["aws_cloudtrail.bare", "aws_cloudtrail.half"], pass: ["aws_cloudtrail.secure", "aws_cloudtrail.s3_only", "aws_cloudtrail.no_role", "aws_cloudtrail.by_name"] }],
];

const resultOf = (rule: Rule, model: Model, address: string) => resultsOf(rule, model).find((r) => r.address === address);

describe("trail delivery and alarm topic rules", () => {
  describeFixtureModes("on the fixture", trailDeliveryFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("leaves a trail whose bucket is made elsewhere, and a topic no alarm notifies, not applicable", () => {
      expect(resultsOf(ztLog010, model()).filter((r) => r.address === "aws_cloudtrail.elsewhere")).toEqual([]);
      expect(resultsOf(ztLog011, model()).filter((r) => r.address === "aws_cloudtrail.elsewhere")).toEqual([]);
      expect(resultsOf(ztLog009, model()).filter((r) => r.address === "aws_sns_topic.quiet_topic")).toEqual([]);
    });

    it("says why each fails", () => {
      expect(resultOf(ztLog008, model(), "aws_cloudtrail.s3_only")?.message).toMatch(/cloud_watch_logs_group_arn is not set/);
      expect(resultOf(ztLog008, model(), "aws_cloudtrail.no_role")?.message).toMatch(/cloud_watch_logs_role_arn is not set/);
      expect(resultOf(ztLog009, model(), "aws_sns_topic.alarm_topic_managed")?.message).toMatch(/AWS managed key alias\/aws\/sns, which CloudWatch cannot use/);
      expect(resultOf(ztLog010, model(), "aws_cloudtrail.bare")?.message).toMatch(/aws_s3_bucket\.bare_bucket has no server access logging/);
      expect(resultOf(ztLog011, model(), "aws_cloudtrail.half")?.message).toMatch(/leave some kind of public access open/);
      expect(resultOf(ztLog011, model(), "aws_cloudtrail.bare")?.message).toMatch(/has no public access block/);
    });
  });
});

const statusOf = (rule: Rule, model: Model) =>
  resultsOf(rule, model)
    .map((r) => `${r.address}:${r.status}`)
    .sort();

describe("trail delivery rules on tricky shapes", () => {
  it("ZT-LOG-008 fails an empty log group ARN and passes a variable one with a role", () => {
    const trail = { name: "t", s3_bucket_name: "b" };
    const model = configModel({
      resource: {
        aws_cloudtrail: {
          empty: { ...trail, cloud_watch_logs_group_arn: "", cloud_watch_logs_role_arn: "arn:aws:iam::111122223333:role/r" },
          variable: { ...trail, cloud_watch_logs_group_arn: "${var.group_arn}", cloud_watch_logs_role_arn: "${var.role_arn}" },
        },
      },
    });
    expect(statusOf(ztLog008, model)).toEqual(["aws_cloudtrail.empty:fail", "aws_cloudtrail.variable:pass"]);
  });

  it("ZT-LOG-010 and ZT-LOG-011 read a legacy logging block and the account's public access block, and leave a variable bucket undecided", () => {
    const model = configModel({
      resource: {
        aws_s3_bucket: { legacy: { bucket: "legacy-trail", logging: { target_bucket: "logs", target_prefix: "t/" } } },
        aws_s3_account_public_access_block: { account: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: "${var.restrict}" } },
        aws_cloudtrail: {
          legacy: { name: "legacy", s3_bucket_name: "${aws_s3_bucket.legacy.id}" },
          variable: { name: "variable", s3_bucket_name: "${var.bucket}" },
        },
      },
    });
    expect(statusOf(ztLog010, model)).toEqual(["aws_cloudtrail.legacy:pass", "aws_cloudtrail.variable:unknown"]);
    expect(statusOf(ztLog011, model)).toEqual(["aws_cloudtrail.legacy:unknown", "aws_cloudtrail.variable:unknown"]);
  });

  it("ZT-LOG-009 judges a key from a variable as unknown and a composite alarm's topic too", () => {
    const model = configModel({
      resource: {
        aws_sns_topic: { variable: { name: "v", kms_master_key_id: "${var.key}" }, composite: { name: "c" } },
        aws_cloudwatch_metric_alarm: { a: { alarm_name: "a", alarm_actions: ["${aws_sns_topic.variable.arn}"] } },
        aws_cloudwatch_composite_alarm: { c: { alarm_name: "c", alarm_rule: "ALARM(a)", alarm_actions: ["${aws_sns_topic.composite.arn}"] } },
      },
    });
    expect(statusOf(ztLog009, model)).toEqual(["aws_sns_topic.composite:fail", "aws_sns_topic.variable:unknown"]);
  });
});
