import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { encryptionByDefault } from "./_host";

/**
 * The name of a launch specification in findings: its instance type (launch specifications are a set, so a plan may
 * list them in another order), with its position when several share the type.
 */
function specName(specs: readonly View[], index: number): string {
  const type = specs[index].str("instance_type");
  if (type === undefined) return String(index);
  return specs.filter((s) => s.str("instance_type") === type).length > 1 ? `${type}#${index}` : type;
}

/** The EBS volumes of one launch specification of a Spot Fleet request, named for findings. */
function volumesOf(spec: View, name: string): { item: string; block: View }[] {
  const out: { item: string; block: View }[] = [];
  if (spec.getConfigured("root_block_device").kind !== "absent") spec.blocks("root_block_device").forEach((b) => out.push({ item: `Spec::${name}:Root`, block: b }));
  if (spec.getConfigured("ebs_block_device").kind !== "absent") {
    spec.blocks("ebs_block_device").forEach((b, i) => out.push({ item: `Spec::${name}:EBS::${b.str("device_name") ?? i}`, block: b }));
  }
  return out;
}

function check(fleet: Resource, model: Model): readonly Outcome[] | Outcome {
  // Requests built from launch templates are judged on the templates (ZT-CMP-004).
  const specs = fleet.getConfigured("launch_specification").kind === "absent" ? [] : fleet.blocks("launch_specification");
  if (specs.length === 0) return na("the request launches from launch templates, which ZT-CMP-004 judges");
  const byDefault = encryptionByDefault(fleet, model);
  const out: Outcome[] = [];
  specs.forEach((spec, i) => {
    const name = specName(specs, i);
    const volumes = volumesOf(spec, name);
    if (volumes.length === 0) {
      const item = `Spec::${name}:Root`;
      out.push(byDefault ? pass(item) : fail(`${item} is created from the AMI's snapshot without an encryption setting and aws_ebs_encryption_by_default is not enabled in this stack`, item));
      return;
    }
    for (const v of volumes) out.push(judgeVolume(v.block, v.item, byDefault));
  });
  return out;
}

/** An unset `encrypted` follows the account setting; an explicit false is a finding even with encryption by default. */
function judgeVolume(block: View, item: string, byDefault: boolean): Outcome {
  const enc = block.getConfigured("encrypted");
  if (enc.kind === "unknown") return unknown(`encrypted of ${item} is unknown until apply`, item);
  if (enc.kind === "known") return enc.value === true || enc.value === "true" ? pass(item) : fail(`${item} sets encrypted = false`, item);
  return byDefault ? pass(item) : fail(`${item} does not set encrypted and aws_ebs_encryption_by_default is not enabled in this stack`, item);
}

export const ztCmp019 = defineRule({
  id: "ZT-CMP-019",
  title: "Spot Fleet request launches unencrypted EBS volumes",
  severity: "high",
  domain: "compute",
  rationale:
    "A Spot Fleet request with launch specifications creates its instances' volumes itself, outside any launch template, so their encryption is whatever each specification says. Unencrypted volumes and their snapshots can be read by anyone who obtains a copy. Zero trust protects data at rest wherever it sits. Stricter than AWS Security Hub control EC2.173, which passes a volume that does not set encrypted: here such a volume passes only when aws_ebs_encryption_by_default is enabled in the stack, as in ZT-CMP-004. Requests that launch from launch templates are judged there, by ZT-CMP-004, and are not applicable here.",
  remediation:
    "Set encrypted = true (and kms_key_id to a customer-managed key) on every root_block_device and ebs_block_device of each launch_specification of the aws_spot_fleet_request, or better, launch the fleet from a hardened launch template (launch_template_config); enable aws_ebs_encryption_by_default for the account and region.",
  references: {
    nist800207: ["Tenet 1", "Tenet 2"],
    nist80053: ["SC-28", "SC-28(1)", "SC-13"],
    securityHub: ["EC2.173"],
  },
  resourceTypes: ["aws_spot_fleet_request"],
  check,
});
