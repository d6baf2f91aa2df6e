import { Model } from "../../../policies/engine/model";
import { ztCmp001 } from "../../../policies/rules/compute/zt-cmp-001-imdsv2-not-required";
import { ztCmp002 } from "../../../policies/rules/compute/zt-cmp-002-imds-hop-limit";
import { ztCmp003 } from "../../../policies/rules/compute/zt-cmp-003-host-public-ip";
import { ztCmp004 } from "../../../policies/rules/compute/zt-cmp-004-ebs-unencrypted";
import { ztCmp005 } from "../../../policies/rules/compute/zt-cmp-005-ebs-without-cmk";
import { ztCmp006 } from "../../../policies/rules/compute/zt-cmp-006-detailed-monitoring-off";
import { ztCmp007 } from "../../../policies/rules/compute/zt-cmp-007-host-key-pair";
import { ztCmp008 } from "../../../policies/rules/compute/zt-cmp-008-asg-latest-template";
import { ztCmp009 } from "../../../policies/rules/compute/zt-cmp-009-metadata-tags-exposed";
import { ztCmp010 } from "../../../policies/rules/compute/zt-cmp-010-ami-public";
import { ztCmp011 } from "../../../policies/rules/compute/zt-cmp-011-ecs-privileged-container";
import { ztCmp012 } from "../../../policies/rules/compute/zt-cmp-012-ecs-host-namespaces";
import { ztCmp013 } from "../../../policies/rules/compute/zt-cmp-013-ecs-writable-root-filesystem";
import { ztCmp014 } from "../../../policies/rules/compute/zt-cmp-014-ecs-container-runs-as-root";
import { ztCmp015 } from "../../../policies/rules/compute/zt-cmp-015-ecs-service-public-ip";
import { configModel, describeFixtureModes, expectRule, FixtureMode, resultsOf } from "../../support/rules";
import { computeFixture } from "./fixture";

const INSTANCES_OK = [
  "aws_instance.hardened",
  "aws_instance.public_ip",
  "aws_instance.public_subnet",
  "aws_instance.plain_data_volume",
  "aws_instance.imds_off",
  "aws_instance.from_template",
];

/** Fixture expectations, shared by the synthesized and the planned model. */
function fixtureCases(model: () => Model, mode: FixtureMode): void {
  test("ZT-CMP-001 IMDSv2: missing block, optional tokens, disabled endpoint, inherited from the launch template", () => {
    expectRule(ztCmp001, model(), {
      fail: ["aws_instance.defaults", "aws_instance.optional_tokens", "aws_launch_template.insecure_lt", "aws_launch_configuration.insecure_lc"],
      pass: [...INSTANCES_OK, "aws_launch_template.hardened_lt", "aws_launch_template.bare_lt", "aws_launch_configuration.hardened_lc"],
      unknown: [],
    });
  });

  test("ZT-CMP-002 hop limit: 3 and 4 fail, 1, 2 and unset pass", () => {
    expectRule(ztCmp002, model(), {
      fail: ["aws_instance.optional_tokens", "aws_launch_template.bare_lt", "aws_launch_configuration.insecure_lc"],
      pass: ["aws_instance.hardened", "aws_instance.defaults", "aws_launch_template.hardened_lt", "aws_instance.from_template", "aws_launch_configuration.hardened_lc"],
      unknown: [],
    });
  });

  test("ZT-CMP-003 public IPs: explicit, inherited from the subnet, launch template interface", () => {
    expectRule(ztCmp003, model(), {
      fail: ["aws_instance.public_ip", "aws_instance.public_subnet", "aws_launch_template.insecure_lt", "aws_launch_configuration.insecure_lc"],
      pass: [
        "aws_instance.hardened",
        "aws_instance.defaults",
        "aws_instance.from_template",
        "aws_launch_template.hardened_lt",
        "aws_launch_template.bare_lt",
        "aws_launch_configuration.hardened_lc",
      ],
      unknown: [],
    });
  });

  test("ZT-CMP-004 EBS encryption: implied root, explicit false on a data volume, template mapping, volumes", () => {
    expectRule(ztCmp004, model(), {
      fail: [
        "aws_instance.defaults",
        "aws_instance.plain_data_volume",
        "aws_launch_template.insecure_lt",
        "aws_launch_template.bare_lt",
        "aws_ebs_volume.plain_volume",
        "aws_launch_configuration.insecure_lc",
      ],
      pass: [
        "aws_instance.hardened",
        "aws_instance.from_template",
        "aws_launch_template.hardened_lt",
        "aws_ebs_volume.cmk_volume",
        "aws_ebs_volume.aws_key_volume",
        "aws_launch_configuration.hardened_lc",
      ],
      unknown: [],
    });
    const items = resultsOf(ztCmp004, model()).filter((r) => r.status === "fail").map((r) => `${r.address}:${r.item}`);
    expect(items).toContain("aws_instance.plain_data_volume:EBS::/dev/sdg");
    expect(items).not.toContain("aws_instance.plain_data_volume:Root");
    expect(items.filter((i) => i.startsWith("aws_launch_configuration.")).sort()).toEqual(["aws_launch_configuration.insecure_lc:EBS::/dev/sdf", "aws_launch_configuration.insecure_lc:Root"]);
    // A no_device mapping removes a volume of the AMI; it declares none.
    const lcItems = resultsOf(ztCmp004, model()).filter((r) => r.address === "aws_launch_configuration.hardened_lc").map((r) => r.item);
    expect(lcItems.sort()).toEqual(["EBS::/dev/sdf", "Root"]);
  });

  test("ZT-CMP-005 customer-managed keys: key resource passes, aws/ebs alias and no key fail", () => {
    expectRule(ztCmp005, model(), {
      fail: [
        "aws_instance.defaults",
        "aws_instance.plain_data_volume",
        "aws_launch_template.bare_lt",
        "aws_ebs_volume.plain_volume",
        "aws_ebs_volume.aws_key_volume",
        "aws_launch_configuration.hardened_lc",
        "aws_launch_configuration.insecure_lc",
      ],
      pass: ["aws_instance.hardened", "aws_instance.public_ip", "aws_launch_template.hardened_lt", "aws_ebs_volume.cmk_volume"],
      unknown: [],
    });
    const lc = resultsOf(ztCmp005, model()).find((r) => r.address === "aws_launch_configuration.hardened_lc");
    expect(lc?.message).toMatch(/launch configuration, which cannot name a KMS key/);
    expect(resultsOf(ztCmp005, model()).map((r) => r.address)).not.toContain("aws_launch_template.insecure_lt");
  });

  test("ZT-CMP-006 detailed monitoring, inherited from the template", () => {
    expectRule(ztCmp006, model(), {
      fail: ["aws_instance.defaults", "aws_launch_template.insecure_lt", "aws_launch_template.bare_lt", "aws_launch_configuration.insecure_lc"],
      pass: [...INSTANCES_OK, "aws_launch_template.hardened_lt", "aws_launch_configuration.hardened_lc"],
      unknown: [],
    });
  });

  test("ZT-CMP-007 key pairs: literal name and aws_key_pair reference", () => {
    expectRule(ztCmp007, model(), {
      fail: ["aws_instance.defaults", "aws_instance.public_subnet", "aws_launch_template.insecure_lt", "aws_launch_configuration.insecure_lc"],
      pass: ["aws_instance.hardened", "aws_instance.from_template", "aws_launch_template.hardened_lt", "aws_launch_configuration.hardened_lc"],
      unknown: [],
    });
  });

  test("ZT-CMP-008 Auto Scaling group template version", () => {
    expectRule(ztCmp008, model(), {
      fail: ["aws_autoscaling_group.latest"],
      pass: ["aws_autoscaling_group.pinned", "aws_autoscaling_group.default_version"],
      unknown: [],
    });
  });

  test("ZT-CMP-009 instance metadata tags", () => {
    expectRule(ztCmp009, model(), {
      fail: ["aws_instance.optional_tokens"],
      pass: ["aws_instance.hardened", "aws_instance.defaults", "aws_launch_template.hardened_lt", "aws_launch_configuration.hardened_lc", "aws_launch_configuration.insecure_lc"],
      unknown: [],
    });
  });

  test("ZT-CMP-010 public AMI launch permission", () => {
    expectRule(ztCmp010, model(), { fail: ["aws_ami_launch_permission.public_ami"], pass: ["aws_ami_launch_permission.shared_ami"], unknown: [] });
  });

  const tasksOk = ["aws_ecs_task_definition.hardened_task", "aws_ecs_task_definition.encoded_task"];
  const host = "aws_ecs_task_definition.host_task";
  const failing = (rule: Parameters<typeof resultsOf>[0]) =>
    resultsOf(rule, model())
      .filter((r) => r.address === host && r.status === "fail")
      .map((r) => r.item)
      .sort();

  test("ZT-CMP-011 privileged ECS containers, judged per container", () => {
    expectRule(ztCmp011, model(), { fail: [host], pass: tasksOk, unknown: [] });
    expect(failing(ztCmp011)).toEqual(["Container::agent"]);
  });

  test("ZT-CMP-012 ECS tasks on the host's network and PID namespaces", () => {
    expectRule(ztCmp012, model(), { fail: [host], pass: tasksOk, unknown: [] });
    expect(failing(ztCmp012)).toEqual(["HostNetwork", "HostPID"]);
  });

  test("ZT-CMP-013 writable root filesystems, set to false or left unset", () => {
    expectRule(ztCmp013, model(), { fail: [host], pass: tasksOk, unknown: [] });
    expect(failing(ztCmp013)).toEqual(["Container::agent", "Container::shipper"]);
  });

  test("ZT-CMP-014 ECS containers running as root, by name or by default", () => {
    expectRule(ztCmp014, model(), { fail: [host], pass: tasksOk, unknown: [] });
    expect(failing(ztCmp014)).toEqual(["Container::agent", "Container::shipper"]);
  });

  test("ZT-CMP-015 ECS services assigning public IPs to their tasks", () => {
    expectRule(ztCmp015, model(), { fail: ["aws_ecs_service.public_service"], pass: ["aws_ecs_service.private_service"], unknown: [] });
  });

  if (mode === "planned") {
    test("the plan knows the key pair's name where the synthesized JSON only has a reference", () => {
      const msg = resultsOf(ztCmp007, model()).find((r) => r.address === "aws_instance.public_subnet")?.message;
      expect(msg).toBe('key_name = "ops"');
    });
  }
}

describeFixtureModes("compute fixture", computeFixture, fixtureCases);

const AMI = "ami-0123456789abcdef0";
const instance = (extra: Record<string, unknown> = {}) => ({ ami: AMI, instance_type: "t3.micro", subnet_id: "subnet-0123456789abcdef0", ...extra });

describe("account-level defaults (synthesized JSON)", () => {
  test("aws_ec2_instance_metadata_defaults requiring tokens covers hosts without a setting, not an explicit optional", () => {
    const m = configModel({
      resource: {
        aws_ec2_instance_metadata_defaults: { d: { http_tokens: "required" } },
        aws_instance: { bare: instance(), block_without_tokens: instance({ metadata_options: { http_put_response_hop_limit: 1 } }), optional: instance({ metadata_options: { http_tokens: "optional" } }) },
        aws_launch_template: { lt: { image_id: AMI } },
      },
    });
    expectRule(ztCmp001, m, { fail: ["aws_instance.optional"], pass: ["aws_instance.bare", "aws_instance.block_without_tokens", "aws_launch_template.lt"] });
  });

  test("defaults that do not require tokens leave IMDSv1 on; defaults from a variable are unknown", () => {
    const noPref = configModel({ resource: { aws_ec2_instance_metadata_defaults: { d: { http_tokens: "no-preference" } }, aws_instance: { i: instance() } } });
    expectRule(ztCmp001, noPref, { fail: ["aws_instance.i"], pass: [] });
    const fromVar = configModel({ resource: { aws_ec2_instance_metadata_defaults: { d: { http_tokens: "${var.tokens}" } }, aws_instance: { i: instance() } } });
    expectRule(ztCmp001, fromVar, { fail: [], pass: [], unknown: ["aws_instance.i"] });
  });

  test("account hop limit and metadata tags apply to hosts that set none", () => {
    const m = configModel({
      resource: {
        aws_ec2_instance_metadata_defaults: { d: { http_tokens: "required", http_put_response_hop_limit: 5, instance_metadata_tags: "enabled" } },
        aws_instance: { bare: instance(), own: instance({ metadata_options: { http_tokens: "required", http_put_response_hop_limit: 2, instance_metadata_tags: "disabled" } }) },
      },
    });
    expectRule(ztCmp002, m, { fail: ["aws_instance.bare"], pass: ["aws_instance.own"] });
    expectRule(ztCmp009, m, { fail: ["aws_instance.bare"], pass: ["aws_instance.own"] });
  });

  test("aws_ebs_encryption_by_default covers unset volumes but not an explicit encrypted = false", () => {
    const m = configModel({
      resource: {
        aws_ebs_encryption_by_default: { on: {} },
        aws_instance: { bare: instance(), off: instance({ root_block_device: { encrypted: false } }) },
        aws_ebs_volume: { v: { availability_zone: "eu-west-1a", size: 1 } },
        aws_launch_template: { lt: { image_id: AMI, block_device_mappings: [{ device_name: "/dev/xvda", ebs: { volume_size: 8 } }] } },
      },
    });
    expectRule(ztCmp004, m, { fail: ["aws_instance.off"], pass: ["aws_instance.bare", "aws_ebs_volume.v", "aws_launch_template.lt"] });
    const disabled = configModel({ resource: { aws_ebs_encryption_by_default: { off: { enabled: false } }, aws_ebs_volume: { v: { availability_zone: "eu-west-1a", size: 1 } } } });
    expectRule(ztCmp004, disabled, { fail: ["aws_ebs_volume.v"], pass: [] });
  });

  test("an encrypted flag from a variable is unknown", () => {
    const m = configModel({ resource: { aws_ebs_volume: { v: { availability_zone: "eu-west-1a", size: 1, encrypted: "${var.encrypt}" } } } });
    expectRule(ztCmp004, m, { fail: [], pass: [], unknown: ["aws_ebs_volume.v"] });
  });

  test("aws_ebs_default_kms_key with a key of the configuration makes unset kms_key_id customer managed", () => {
    const m = configModel({
      resource: {
        aws_kms_key: { k: {} },
        aws_ebs_default_kms_key: { d: { key_arn: "${aws_kms_key.k.arn}" } },
        aws_ebs_volume: { v: { availability_zone: "eu-west-1a", size: 1, encrypted: true } },
      },
    });
    expectRule(ztCmp005, m, { fail: [], pass: ["aws_ebs_volume.v"] });
  });

  test("launch configurations: the account default key decides, and account IMDS defaults apply", () => {
    const lc = { image_id: AMI, instance_type: "t3.micro", root_block_device: { encrypted: true } };
    const m = configModel({
      resource: {
        aws_kms_key: { k: {} },
        aws_ebs_default_kms_key: { d: { key_arn: "${aws_kms_key.k.arn}" } },
        aws_ec2_instance_metadata_defaults: { d: { http_tokens: "required", http_put_response_hop_limit: 1 } },
        aws_launch_configuration: { lc, monitoring_var: { ...lc, enable_monitoring: "${var.monitoring}" }, ip_var: { ...lc, associate_public_ip_address: "${var.public}" } },
      },
    });
    expectRule(ztCmp005, m, { fail: [], pass: ["aws_launch_configuration.lc"] });
    expectRule(ztCmp001, m, { fail: [], pass: ["aws_launch_configuration.lc"] });
    expectRule(ztCmp006, m, { fail: [], pass: ["aws_launch_configuration.lc"], unknown: ["aws_launch_configuration.monitoring_var"] });
    expectRule(ztCmp003, m, { fail: [], pass: ["aws_launch_configuration.lc"], unknown: ["aws_launch_configuration.ip_var"] });
  });

  test("kms_key_id: alias resource and literal key ARN pass, variable and data source are unknown, aws/ebs alias fails", () => {
    const vol = (kms: string) => ({ availability_zone: "eu-west-1a", size: 1, encrypted: true, kms_key_id: kms });
    const m = configModel({
      resource: {
        aws_ebs_volume: {
          alias: vol("${aws_kms_alias.a.target_key_arn}"),
          literal: vol("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
          variable: vol("${var.kms}"),
          data: vol("${data.aws_kms_alias.ebs.target_key_arn}"),
          managed: vol("alias/aws/ebs"),
        },
      },
    });
    expectRule(ztCmp005, m, {
      fail: ["aws_ebs_volume.managed"],
      pass: ["aws_ebs_volume.alias", "aws_ebs_volume.literal"],
      unknown: ["aws_ebs_volume.data", "aws_ebs_volume.variable"],
    });
  });
});

describe("host shapes (synthesized JSON)", () => {
  test("an instance takes IMDS, monitoring and volume settings it leaves out from its launch template", () => {
    const m = configModel({
      resource: {
        aws_launch_template: {
          weak: { image_id: AMI, metadata_options: { http_tokens: "optional" } },
          strong: { image_id: AMI, metadata_options: { http_tokens: "required" }, monitoring: { enabled: true }, block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true" } }] },
        },
        aws_instance: {
          from_weak: { launch_template: { id: "${aws_launch_template.weak.id}" }, subnet_id: "subnet-1" },
          from_strong: { launch_template: { name: "${aws_launch_template.strong.name}" }, subnet_id: "subnet-1" },
          override: { launch_template: { id: "${aws_launch_template.weak.id}" }, subnet_id: "subnet-1", metadata_options: { http_tokens: "required" } },
        },
      },
    });
    expectRule(ztCmp001, m, { fail: ["aws_instance.from_weak", "aws_launch_template.weak"], pass: ["aws_instance.from_strong", "aws_instance.override", "aws_launch_template.strong"] });
    expectRule(ztCmp006, m, { fail: ["aws_instance.from_weak", "aws_instance.override", "aws_launch_template.weak"], pass: ["aws_instance.from_strong", "aws_launch_template.strong"] });
    expectRule(ztCmp004, m, { fail: ["aws_instance.from_weak", "aws_instance.override", "aws_launch_template.weak"], pass: ["aws_instance.from_strong", "aws_launch_template.strong"] });
  });

  test("IMDS switched off passes every metadata rule", () => {
    const m = configModel({ resource: { aws_instance: { off: instance({ metadata_options: { http_endpoint: "disabled", http_tokens: "optional", http_put_response_hop_limit: 9, instance_metadata_tags: "enabled" } }) } } });
    for (const rule of [ztCmp001, ztCmp002, ztCmp009]) expectRule(rule, m, { fail: [], pass: ["aws_instance.off"] });
  });

  test("hop limit and tokens from variables are unknown", () => {
    const m = configModel({ resource: { aws_instance: { v: instance({ metadata_options: { http_tokens: "${var.t}", http_put_response_hop_limit: "${var.h}" } }) } } });
    expectRule(ztCmp001, m, { fail: [], pass: [], unknown: ["aws_instance.v"] });
    expectRule(ztCmp002, m, { fail: [], pass: [], unknown: ["aws_instance.v"] });
  });

  test("public IP: no subnet means the default VPC; an attached network interface does not get one", () => {
    const m = configModel({
      resource: {
        aws_instance: {
          nowhere: { ami: AMI, instance_type: "t3.micro" },
          eni: { ami: AMI, instance_type: "t3.micro", network_interface: { device_index: 0, network_interface_id: "${aws_network_interface.n.id}" } },
          var_ip: instance({ associate_public_ip_address: "${var.public}" }),
        },
      },
    });
    expectRule(ztCmp003, m, { fail: ["aws_instance.nowhere"], pass: ["aws_instance.eni"], unknown: ["aws_instance.var_ip"] });
  });

  test("key_name from a variable is unknown; an empty key name is none", () => {
    const m = configModel({ resource: { aws_instance: { v: instance({ key_name: "${var.key}" }), e: instance({ key_name: "" }) } } });
    expectRule(ztCmp007, m, { fail: [], pass: ["aws_instance.e"], unknown: ["aws_instance.v"] });
  });

  test("mixed instances policy with $Latest fails; a version from a variable is unknown; launch configurations are not applicable", () => {
    const m = configModel({
      resource: {
        aws_autoscaling_group: {
          mixed: {
            min_size: 0,
            max_size: 1,
            mixed_instances_policy: { launch_template: { launch_template_specification: { launch_template_id: "lt-1", version: "$Latest" } } },
          },
          var: { min_size: 0, max_size: 1, launch_template: { id: "lt-1", version: "${var.v}" } },
          legacy: { min_size: 0, max_size: 1, launch_configuration: "lc-1" },
        },
      },
    });
    expectRule(ztCmp008, m, { fail: ["aws_autoscaling_group.mixed"], pass: [], unknown: ["aws_autoscaling_group.var"] });
    expect(resultsOf(ztCmp008, m).map((r) => r.address)).not.toContain("aws_autoscaling_group.legacy");
  });

  test("image block public access makes a public launch permission ineffective", () => {
    const m = configModel({
      resource: {
        aws_ec2_image_block_public_access: { b: { state: "block-new-sharing" } },
        aws_ami_launch_permission: { p: { image_id: AMI, group: "all" } },
      },
    });
    expectRule(ztCmp010, m, { fail: [], pass: ["aws_ami_launch_permission.p"] });
  });

  test("ECS container definitions from a variable are unknown; computed settings are unknown per container", () => {
    const defs = (...containers: Record<string, unknown>[]) => JSON.stringify(containers);
    const m = configModel({
      resource: {
        aws_ecs_task_definition: {
          from_variable: { family: "v", container_definitions: "${var.containers}" },
          encoded_variable: { family: "e", container_definitions: "${jsonencode(var.containers)}" },
          computed: {
            family: "c",
            ipc_mode: "${var.ipc}",
            container_definitions: defs({ name: "app", image: "x", privileged: "${var.privileged}", readonlyRootFilesystem: "${var.ro}", user: "${var.user}" }),
          },
          unnamed: { family: "u", container_definitions: defs({ image: "x", readonlyRootFilesystem: "true", user: "0:0" }) },
        },
      },
    });
    const statuses = (rule: Parameters<typeof resultsOf>[0]) => resultsOf(rule, m).map((r) => `${r.address.replace("aws_ecs_task_definition.", "")}:${r.status}${r.item ? `[${r.item}]` : ""}`).sort();
    expect(statuses(ztCmp011)).toEqual(["computed:unknown[Container::app]", "encoded_variable:unknown", "from_variable:unknown", "unnamed:pass[Container::[0]]"]);
    expect(statuses(ztCmp012)).toEqual(["computed:unknown[HostIPC]", "encoded_variable:pass", "from_variable:pass", "unnamed:pass"]);
    expect(statuses(ztCmp013)).toEqual(["computed:unknown[Container::app]", "encoded_variable:unknown", "from_variable:unknown", "unnamed:pass[Container::[0]]"]);
    expect(statuses(ztCmp014)).toEqual(["computed:unknown[Container::app]", "encoded_variable:unknown", "from_variable:unknown", "unnamed:fail[Container::[0]]"]);
    const services = configModel({
      resource: { aws_ecs_service: { bridge: { name: "b", task_definition: "t" }, variable: { name: "v", network_configuration: { subnets: ["s"], assign_public_ip: "${var.public}" } } } },
    });
    expectRule(ztCmp015, services, { fail: [], pass: ["aws_ecs_service.bridge"], unknown: ["aws_ecs_service.variable"] });
  });
});
