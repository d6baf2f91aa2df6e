import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { ztCmp016 } from "../../../policies/rules/compute/zt-cmp-016-ebs-snapshot-public";
import { ztCmp017 } from "../../../policies/rules/compute/zt-cmp-017-multiple-network-interfaces";
import { ztCmp018 } from "../../../policies/rules/compute/zt-cmp-018-paravirtual-host";
import { ztCmp019 } from "../../../policies/rules/compute/zt-cmp-019-spot-fleet-ebs-unencrypted";
import { configModel, describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { fsbpBlockedSnapshotsFixture, fsbpComputeFixture } from "./fsbp-fixture";

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [ztCmp016, { fail: ["aws_ebs_snapshot_block_public_access.snapshots_new_sharing_blocked", "aws_snapshot_create_volume_permission.snapshot_to_everyone"], pass: ["aws_snapshot_create_volume_permission.snapshot_to_partner"] }],
  [ztCmp017, { fail: ["aws_instance.dual_homed", "aws_instance.attached_later", "aws_launch_template.two_nic_template"], pass: ["aws_instance.single_homed", "aws_launch_template.one_nic_template"] }],
  [
    ztCmp018,
    {
      fail: ["aws_ami.pv_image", "aws_instance.on_pv_image"],
      pass: ["aws_ami.hvm_image", "aws_instance.single_homed", "aws_instance.dual_homed", "aws_launch_template.two_nic_template", "aws_launch_template.fleet_template"],
      unknown: ["aws_instance.old_family"],
    },
  ],
  [ztCmp019, { fail: ["aws_spot_fleet_request.unencrypted_fleet", "aws_spot_fleet_request.implicit_fleet"], pass: ["aws_spot_fleet_request.encrypted_fleet"] }],
];

const messageOf = (rule: Rule, model: Model, address: string) => resultsOf(rule, model).find((r) => r.address === address && r.status !== "pass")?.message;

describe("compute rules for Security Hub EC2 controls", () => {
  describeFixtureModes("on the fixture", fsbpComputeFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("says why each fails", () => {
      expect(messageOf(ztCmp016, model(), "aws_ebs_snapshot_block_public_access.snapshots_new_sharing_blocked")).toMatch(/keeps snapshots that are already public/);
      expect(messageOf(ztCmp017, model(), "aws_instance.attached_later")).toBe("the instance gets 2 network interfaces (attached aws_network_interface_attachment.attached_later_second)");
      expect(messageOf(ztCmp017, model(), "aws_instance.dual_homed")).toBe("the instance gets 2 network interfaces (2 network_interface blocks)");
      expect(messageOf(ztCmp018, model(), "aws_instance.on_pv_image")).toBe("the host boots aws_ami.pv_image, a paravirtual AMI");
      expect(resultsOf(ztCmp019, model()).filter((r) => r.address === "aws_spot_fleet_request.implicit_fleet").map((r) => `${r.item}:${r.status}`)).toEqual(["Spec::m7i.large:EBS::/dev/sdf:fail"]);
    });

    it("leaves launch templates without an instance type and fleets of launch templates not applicable", () => {
      expect(resultsOf(ztCmp018, model()).filter((r) => r.address === "aws_launch_template.typeless_template")).toEqual([]);
      expect(resultsOf(ztCmp019, model()).filter((r) => r.address === "aws_spot_fleet_request.template_fleet")).toEqual([]);
    });
  });

  describeFixtureModes("with snapshot sharing blocked", fsbpBlockedSnapshotsFixture, (model) => {
    itExpectsRules([[ztCmp016, { fail: [], pass: ["aws_ebs_snapshot_block_public_access.snapshots_blocked", "aws_snapshot_create_volume_permission.snapshot_to_everyone"] }]], model);
  });
});

const statuses = (rule: Rule, model: Model) =>
  resultsOf(rule, model)
    .map((r) => `${r.address}:${r.status}`)
    .sort();

describe("compute rules for Security Hub EC2 controls on tricky shapes", () => {
  it("ZT-CMP-016 is unknown for an account id from a variable", () => {
    const model = configModel({ resource: { aws_snapshot_create_volume_permission: { variable: { snapshot_id: "snap-1", account_id: "${var.account}" } } } });
    expect(statuses(ztCmp016, model)).toEqual(["aws_snapshot_create_volume_permission.variable:unknown"]);
  });

  it("ZT-CMP-017 is unknown for generated interfaces", () => {
    const model = configModel({
      resource: { aws_launch_template: { generated: { image_id: "ami-1", dynamic: { network_interfaces: { for_each: "${var.nics}", content: { device_index: "${network_interfaces.key}" } } } } } },
    });
    expect(statuses(ztCmp017, model)).toEqual(["aws_launch_template.generated:unknown"]);
  });

  it("ZT-CMP-018 reads a paravirtual lookup, an instance type from the launch template, and an unknown virtualization type", () => {
    const model = configModel({
      data: { aws_ami: { pv: { owners: ["amazon"], filter: [{ name: "virtualization-type", values: ["paravirtual"] }] } } },
      resource: {
        aws_ami: { variable: { name: "v", virtualization_type: "${var.virtualization}" } },
        aws_launch_template: { old: { image_id: "ami-1", instance_type: "c1.medium" } },
        aws_instance: {
          looked_up: { ami: "${data.aws_ami.pv.id}", instance_type: "t3.micro" },
          from_old_template: { launch_template: { id: "${aws_launch_template.old.id}" } },
        },
      },
    });
    expect(statuses(ztCmp018, model)).toEqual([
      "aws_ami.variable:unknown",
      "aws_instance.from_old_template:unknown",
      "aws_instance.looked_up:fail",
      "aws_launch_template.old:unknown",
    ]);
  });

  it("ZT-CMP-019 passes volumes that leave encryption to aws_ebs_encryption_by_default and still fails an explicit false", () => {
    const spec = (root: Record<string, unknown>) => ({ iam_fleet_role: "arn:aws:iam::111122223333:role/f", target_capacity: 1, launch_specification: [{ ami: "ami-1", instance_type: "m7i.large", root_block_device: root }] });
    const model = configModel({
      resource: {
        aws_ebs_encryption_by_default: { on: { enabled: true } },
        aws_spot_fleet_request: { unset: spec({ volume_size: 20 }), off: spec({ encrypted: false }), variable: spec({ encrypted: "${var.encrypted}" }) },
      },
    });
    expect(statuses(ztCmp019, model)).toEqual(["aws_spot_fleet_request.off:fail", "aws_spot_fleet_request.unset:pass", "aws_spot_fleet_request.variable:unknown"]);
  });

  it("ZT-CMP-019 names launch specifications by instance type, with their position when two share one", () => {
    const launch = (instanceType: string, encrypted: boolean) => ({ ami: "ami-1", instance_type: instanceType, root_block_device: { encrypted } });
    const model = configModel({
      resource: {
        aws_spot_fleet_request: {
          mixed: { iam_fleet_role: "arn:aws:iam::111122223333:role/f", target_capacity: 2, launch_specification: [launch("m7i.large", false), launch("m7i.large", true), launch("c7i.large", false)] },
        },
      },
    });
    expect(resultsOf(ztCmp019, model).map((r) => `${r.item}:${r.status}`)).toEqual(["Spec::m7i.large#0:Root:fail", "Spec::m7i.large#1:Root:pass", "Spec::c7i.large:Root:fail"]);
  });
});
