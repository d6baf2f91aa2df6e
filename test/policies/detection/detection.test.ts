import { TerraformStack } from "cdktf";
import { stackConfig } from "../../../policies/gate";
import { loadConfig } from "../../../policies/engine/load-synth";
import { loadPlan } from "../../../policies/engine/load-plan";
import { Model } from "../../../policies/engine/model";
import { detectionRules } from "../../../policies/rules/detection";
import { ztDet001 } from "../../../policies/rules/detection/zt-det-001-no-guardduty-detector";
import { ztDet002 } from "../../../policies/rules/detection/zt-det-002-no-security-hub";
import { ztDet003 } from "../../../policies/rules/detection/zt-det-003-no-config-recording";
import { ztDet004 } from "../../../policies/rules/detection/zt-det-004-guardduty-protections-missing";
import { ztDet005 } from "../../../policies/rules/detection/zt-det-005-no-access-analyzer";
import { ztDet006 } from "../../../policies/rules/detection/zt-det-006-no-cloudtrail";
import { configModel, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { expectPlanOk, planStack } from "../../support/terraform";
import { detectionStacks } from "./fixture";

/** Expected addresses per rule; the same for the synthesized configurations and their plans. */
const EXPECTED: RuleTable = [
  [ztDet001, { fail: ["aws_instance.bare_host", "aws_instance.disabled_host"], pass: ["aws_instance.complete_host", "aws_launch_template.partial_template"] }],
  [ztDet002, { fail: ["aws_instance.bare_host", "aws_instance.disabled_host"], pass: ["aws_instance.complete_host", "aws_launch_template.partial_template"] }],
  [ztDet003, { fail: ["aws_instance.bare_host", "aws_instance.disabled_host", "aws_launch_template.partial_template"], pass: ["aws_instance.complete_host"] }],
  [ztDet004, { fail: ["aws_guardduty_detector.partial_detector"], pass: ["aws_guardduty_detector.complete_detector"] }],
  [ztDet005, { fail: ["aws_instance.bare_host", "aws_instance.disabled_host", "aws_launch_template.partial_template"], pass: ["aws_instance.complete_host"] }],
  [ztDet006, { fail: ["aws_instance.bare_host", "aws_instance.disabled_host", "aws_launch_template.partial_template"], pass: ["aws_instance.complete_host"] }],
];

/** The model of several stacks' synthesized configurations, each under its own stack name. */
function synthesizedModel(stacks: readonly TerraformStack[]): Model {
  return new Model(stacks.flatMap((stack) => loadConfig(stackConfig(stack), stack.node.id)));
}

/** The model of several stacks' plans, each under its own stack name. */
async function plannedModel(stacks: readonly TerraformStack[]): Promise<Model> {
  const results = await Promise.all(stacks.map((stack) => planStack(stack)));
  return new Model(
    results.flatMap((result, i) => {
      expectPlanOk(result);
      return loadPlan(result.plan as unknown as Record<string, unknown>, stacks[i].node.id);
    }),
  );
}

const statusesOf = (rule: typeof ztDet001, model: Model) =>
  resultsOf(rule, model)
    .map((r) => `${r.address}${r.item ? `[${r.item}]` : ""}:${r.status}`)
    .sort();

function sharedCases(model: () => Model): void {
  itExpectsRules(EXPECTED, model);

  it("does not judge a workload configuration that declares no account-wide setting", () => {
    for (const rule of detectionRules) expect(resultsOf(rule, model()).filter((r) => r.stack === "workload")).toEqual([]);
  });

  it("puts each account-level finding on one resource per configuration: the first compute resource", () => {
    expect(resultsOf(ztDet001, model()).filter((r) => r.stack === "bare").map((r) => r.address)).toEqual(["aws_instance.bare_host"]);
    expect(resultsOf(ztDet001, model()).find((r) => r.address === "aws_instance.bare_host")?.message).toBe(
      "this configuration runs compute (aws_instance.bare_host) and sets account-wide settings (aws_ebs_encryption_by_default.bare_ebs) but declares no aws_guardduty_detector: no threat detection watches the account",
    );
    expect(resultsOf(ztDet001, model()).find((r) => r.address === "aws_instance.disabled_host")?.message).toMatch(/every aws_guardduty_detector of it is disabled/);
  });

  it("ZT-DET-004 names each protection the compute needs, reading features and the legacy datasources block", () => {
    expect(statusesOf(ztDet004, model())).toEqual([
      "aws_guardduty_detector.complete_detector[Protection::EBS_MALWARE_PROTECTION]:pass",
      "aws_guardduty_detector.complete_detector[Protection::EKS_AUDIT_LOGS]:pass",
      "aws_guardduty_detector.complete_detector[Protection::LAMBDA_NETWORK_LOGS]:pass",
      "aws_guardduty_detector.complete_detector[Protection::RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT]:pass",
      "aws_guardduty_detector.complete_detector[Protection::RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT]:pass",
      "aws_guardduty_detector.complete_detector[Protection::RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT]:pass",
      "aws_guardduty_detector.partial_detector[Protection::EBS_MALWARE_PROTECTION]:fail",
      "aws_guardduty_detector.partial_detector[Protection::EKS_AUDIT_LOGS]:pass",
      "aws_guardduty_detector.partial_detector[Protection::RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT]:pass",
      "aws_guardduty_detector.partial_detector[Protection::RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT]:fail",
    ]);
    const message = resultsOf(ztDet004, model()).find((r) => r.item === "Protection::RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT" && r.status === "fail")?.message;
    expect(message).toBe("EKS (aws_eks_cluster.partial_cluster) is unwatched: RUNTIME_MONITORING with EKS_ADDON_MANAGEMENT is not enabled on this detector");
  });
}

describe("detection rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, detectionRules));

  describe("on the fixture, synthesized", () => {
    const model = synthesizedModel(detectionStacks());
    sharedCases(() => model);
  });

  describe("on the fixture, planned", () => {
    let model: Model;
    beforeAll(async () => {
      model = await plannedModel(detectionStacks());
    });
    sharedCases(() => model);
  });
});

describe("detection rules on tricky shapes", () => {
  const baseline = { aws_ebs_encryption_by_default: { on: { enabled: true } } };

  it("ZT-DET-001 leaves a detector whose enable flag is a variable undecided, and reads a detector without the flag as on", () => {
    const undecided = configModel({ resource: { ...baseline, aws_instance: { h: { ami: "ami-1" } }, aws_guardduty_detector: { d: { enable: "${var.on}" } } } });
    expect(statusesOf(ztDet001, undecided)).toEqual(["aws_instance.h:unknown"]);
    const implicit = configModel({ resource: { ...baseline, aws_instance: { h: { ami: "ami-1" } }, aws_guardduty_detector: { d: {} } } });
    expect(statusesOf(ztDet001, implicit)).toEqual(["aws_instance.h:pass"]);
  });

  it("ZT-DET-001 judges the first compute resource by type order, then by address", () => {
    const model = configModel({
      resource: { ...baseline, aws_lambda_function: { a: { function_name: "a" } }, aws_autoscaling_group: { z: {}, b: {} } },
    });
    expect(statusesOf(ztDet001, model)).toEqual(["aws_autoscaling_group.b:fail"]);
  });

  it("ZT-DET-003 finds the recorder status by the recorder's literal name, the default name included, and fails a disabled one", () => {
    const byName = configModel({
      resource: {
        ...baseline,
        aws_instance: { h: { ami: "ami-1" } },
        aws_config_configuration_recorder: { r: { role_arn: "arn:aws:iam::111122223333:role/config" } },
        aws_config_configuration_recorder_status: { s: { name: "default", is_enabled: true } },
      },
    });
    expect(statusesOf(ztDet003, byName)).toEqual(["aws_instance.h:pass"]);
    const off = configModel({
      resource: {
        ...baseline,
        aws_instance: { h: { ami: "ami-1" } },
        aws_config_configuration_recorder: { r: { name: "main", role_arn: "arn:aws:iam::111122223333:role/config" } },
        aws_config_configuration_recorder_status: { s: { name: "${aws_config_configuration_recorder.r.name}", is_enabled: false }, other: { name: "other", is_enabled: true } },
      },
    });
    expect(statusesOf(ztDet003, off)).toEqual(["aws_instance.h:fail"]);
  });

  it("ZT-DET-004 asks only Fargate ECS services for the Fargate agent, and leaves a feature status from a variable undecided", () => {
    const model = configModel({
      resource: {
        aws_ecs_service: { ec2: { name: "a", launch_type: "EC2" }, spot: { name: "b", capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1 }] } },
        aws_lambda_function: { f: { function_name: "f" } },
        aws_guardduty_detector: { d: { enable: true } },
        aws_guardduty_detector_feature: {
          runtime: { detector_id: "${aws_guardduty_detector.d.id}", name: "RUNTIME_MONITORING", status: "ENABLED", additional_configuration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }] },
          lambda: { detector_id: "${aws_guardduty_detector.d.id}", name: "LAMBDA_NETWORK_LOGS", status: "${var.status}" },
        },
      },
    });
    expect(statusesOf(ztDet004, model)).toEqual([
      "aws_guardduty_detector.d[Protection::LAMBDA_NETWORK_LOGS]:unknown",
      "aws_guardduty_detector.d[Protection::RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT]:pass",
    ]);
  });

  it("ZT-DET-004 asks for S3 data events where the configuration holds a bucket, from a feature or the legacy s3_logs data source", () => {
    const bucket = { aws_s3_bucket: { data: { bucket: "ztb-data" } } };
    const without = configModel({ resource: { ...bucket, aws_guardduty_detector: { d: {} } } });
    expect(statusesOf(ztDet004, without)).toEqual(["aws_guardduty_detector.d[Protection::S3_DATA_EVENTS]:fail"]);
    expect(resultsOf(ztDet004, without)[0].message).toBe("S3 (aws_s3_bucket.data) is unwatched: S3_DATA_EVENTS is not enabled on this detector");
    const legacy = configModel({ resource: { ...bucket, aws_guardduty_detector: { d: { datasources: { s3_logs: { enable: true } } } } } });
    expect(statusesOf(ztDet004, legacy)).toEqual(["aws_guardduty_detector.d[Protection::S3_DATA_EVENTS]:pass"]);
  });

  it("ZT-DET-006 passes a trail that logs (the default), fails one with logging off and leaves a variable undecided", () => {
    const trail = { name: "t", s3_bucket_name: "b" };
    const statuses = (body: Record<string, unknown>) => statusesOf(ztDet006, configModel({ resource: { aws_instance: { h: { ami: "ami-1" } }, aws_cloudtrail: { t: { ...trail, ...body } } } }));
    expect(statuses({})).toEqual(["aws_instance.h:pass"]);
    expect(statuses({ enable_logging: false })).toEqual(["aws_instance.h:fail"]);
    expect(statuses({ enable_logging: "${var.on}" })).toEqual(["aws_instance.h:unknown"]);
  });

  it("ZT-DET-004 does not apply to a disabled detector or one in a configuration without compute", () => {
    const model = configModel({ resource: { aws_guardduty_detector: { off: { enable: false } } } });
    expect(statusesOf(ztDet004, model)).toEqual([]);
    const idle = configModel({ resource: { aws_guardduty_detector: { d: {} } } });
    expect(statusesOf(ztDet004, idle)).toEqual([]);
  });
});
