import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { loggingRules } from "../../../policies/rules/logging";
import { ztLog001 } from "../../../policies/rules/logging/zt-log-001-log-group-without-cmk";
import { ztLog002 } from "../../../policies/rules/logging/zt-log-002-log-group-retention";
import { ztLog003 } from "../../../policies/rules/logging/zt-log-003-flow-log-partial-traffic";
import { ztLog004 } from "../../../policies/rules/logging/zt-log-004-cloudtrail-single-region";
import { ztLog005 } from "../../../policies/rules/logging/zt-log-005-cloudtrail-no-log-validation";
import { ztLog006 } from "../../../policies/rules/logging/zt-log-006-cloudtrail-without-cmk";
import { ztLog007 } from "../../../policies/rules/logging/zt-log-007-cloudtrail-logging-stopped";
import { ztLog008 } from "../../../policies/rules/logging/zt-log-008-cloudtrail-without-cloudwatch-logs";
import { ztLog009 } from "../../../policies/rules/logging/zt-log-009-alarm-topic-without-cmk";
import { ztLog010 } from "../../../policies/rules/logging/zt-log-010-trail-bucket-without-access-logging";
import { ztLog011 } from "../../../policies/rules/logging/zt-log-011-trail-bucket-public-access";
import { ztLog012 } from "../../../policies/rules/logging/zt-log-012-ssm-automation-logging-off";
import { configModel, describeFixtureModes, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { loggingFixture } from "./fixture";

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [
    ztLog001,
    {
      fail: ["aws_cloudwatch_log_group.plain"],
      pass: ["aws_cloudwatch_log_group.ok", "aws_cloudwatch_log_group.short", "aws_cloudwatch_log_group.never_expires", "aws_cloudwatch_log_group.long"],
    },
  ],
  [
    ztLog002,
    {
      fail: ["aws_cloudwatch_log_group.plain", "aws_cloudwatch_log_group.short", "aws_cloudwatch_log_group.never_expires"],
      pass: ["aws_cloudwatch_log_group.ok", "aws_cloudwatch_log_group.long"],
    },
  ],
  [ztLog003, { fail: ["aws_flow_log.rejects", "aws_flow_log.accepts"], pass: ["aws_flow_log.all"] }],
  [ztLog004, { fail: ["aws_cloudtrail.weak", "aws_cloudtrail.single_region"], pass: ["aws_cloudtrail.org"] }],
  [ztLog005, { fail: ["aws_cloudtrail.weak", "aws_cloudtrail.single_region"], pass: ["aws_cloudtrail.org"] }],
  [ztLog006, { fail: ["aws_cloudtrail.weak"], pass: ["aws_cloudtrail.org", "aws_cloudtrail.single_region"] }],
  [ztLog007, { fail: ["aws_cloudtrail.weak"], pass: ["aws_cloudtrail.org", "aws_cloudtrail.single_region"] }],
  // The fixture's trails deliver to S3 only, into a bucket without access logging or a public access block; it has no
  // alarm topic (test/policies/logging/trail-delivery.test.ts judges both kinds, compliant and not).
  [ztLog008, { fail: ["aws_cloudtrail.org", "aws_cloudtrail.weak", "aws_cloudtrail.single_region"], pass: [] }],
  [ztLog009, { fail: [], pass: [] }],
  [ztLog010, { fail: ["aws_cloudtrail.org", "aws_cloudtrail.weak", "aws_cloudtrail.single_region"], pass: [] }],
  [ztLog011, { fail: ["aws_cloudtrail.org", "aws_cloudtrail.weak", "aws_cloudtrail.single_region"], pass: [] }],
  // ZT-LOG-012 has its own fixture (fsbp-logging.test.ts).
  [ztLog012, { fail: [], pass: [] }],
];

const messageOf = (rule: Rule, model: Model, address: string) => resultsOf(rule, model).find((r) => r.address === address)?.message;

describe("logging rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, loggingRules));

  describeFixtureModes("on the fixture", loggingFixture, (model, mode) => {
    itExpectsRules(EXPECTED, model);

    if (mode === "synthesized") {
      it("says why a missing retention fails", () => {
        expect(messageOf(ztLog002, model(), "aws_cloudwatch_log_group.plain")).toMatch(/never expire/);
        expect(messageOf(ztLog002, model(), "aws_cloudwatch_log_group.short")).toBe("retention_in_days is 30 (less than 365)");
      });
    } else {
      it("reads the provider's retention default (0) for a log group without retention as never expiring", () => {
        expect(messageOf(ztLog002, model(), "aws_cloudwatch_log_group.plain")).toMatch(/never expire/);
      });
    }
  });
});

const statusOf = (rule: Rule, model: Model) =>
  resultsOf(rule, model)
    .map((r) => `${r.address}:${r.status}`)
    .sort();

describe("logging rules on tricky shapes", () => {
  it("ZT-LOG-001 fails AWS managed aliases and leaves variables undecided", () => {
    const model = configModel({
      resource: {
        aws_cloudwatch_log_group: {
          managed: { kms_key_id: "arn:aws:kms:eu-west-1:111122223333:alias/aws/logs" },
          variable: { kms_key_id: "${var.log_key_arn}" },
          replica: { kms_key_id: "${aws_kms_replica_key.logs.arn}" },
        },
      },
    });
    expect(statusOf(ztLog001, model)).toEqual(["aws_cloudwatch_log_group.managed:fail", "aws_cloudwatch_log_group.replica:pass", "aws_cloudwatch_log_group.variable:unknown"]);
  });

  it("ZT-LOG-002 treats 365 as the minimum, reads numeric strings and leaves variables undecided", () => {
    const model = configModel({
      resource: {
        aws_cloudwatch_log_group: { almost: { retention_in_days: 364 }, string_value: { retention_in_days: "400" }, variable: { retention_in_days: "${var.days}" } },
      },
    });
    expect(statusOf(ztLog002, model)).toEqual(["aws_cloudwatch_log_group.almost:fail", "aws_cloudwatch_log_group.string_value:pass", "aws_cloudwatch_log_group.variable:unknown"]);
  });

  it("ZT-LOG-003 skips transit gateway flow logs and fails a VPC flow log without traffic_type", () => {
    const model = configModel({
      resource: {
        aws_flow_log: {
          tgw: { transit_gateway_id: "tgw-0123456789abcdef0", log_destination: "arn:aws:s3:::b", log_destination_type: "s3" },
          missing: { vpc_id: "vpc-0123456789abcdef0", log_destination: "arn:aws:s3:::b", log_destination_type: "s3" },
          variable: { vpc_id: "vpc-0123456789abcdef0", traffic_type: "${var.traffic}" },
        },
      },
    });
    expect(statusOf(ztLog003, model)).toEqual(["aws_flow_log.missing:fail", "aws_flow_log.variable:unknown"]);
  });

  it("ZT-LOG-004..007 leave unknown flags undecided and read string booleans", () => {
    const trail = { name: "t", s3_bucket_name: "b" };
    const model = configModel({
      data: { aws_kms_key: { managed: { key_id: "alias/aws/s3" } } },
      resource: {
        aws_cloudtrail: {
          variables: { ...trail, is_multi_region_trail: "${var.multi}", enable_log_file_validation: "${var.validate}", kms_key_id: "${var.key}", enable_logging: "${var.on}" },
          strings: { ...trail, is_multi_region_trail: "true", enable_log_file_validation: "true", kms_key_id: "${data.aws_kms_key.managed.arn}", enable_logging: "false" },
        },
      },
    });
    expect(statusOf(ztLog004, model)).toEqual(["aws_cloudtrail.strings:pass", "aws_cloudtrail.variables:unknown"]);
    expect(statusOf(ztLog005, model)).toEqual(["aws_cloudtrail.strings:pass", "aws_cloudtrail.variables:unknown"]);
    expect(statusOf(ztLog006, model)).toEqual(["aws_cloudtrail.strings:fail", "aws_cloudtrail.variables:unknown"]);
    expect(statusOf(ztLog007, model)).toEqual(["aws_cloudtrail.strings:fail", "aws_cloudtrail.variables:unknown"]);
  });
});
