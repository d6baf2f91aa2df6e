import { ABSENT } from "../../engine/view";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { encryptionByDefault, VOLUME_TYPES, volumesOf } from "./_host";

export const ztCmp004 = defineRule({
  id: "ZT-CMP-004",
  title: "EBS volume is not encrypted",
  severity: "high",
  domain: "compute",
  rationale:
    "Unencrypted volumes and their snapshots can be read by anyone who obtains a copy — a shared snapshot, a detached volume, a compromised backup account. Zero trust protects data at rest independently of where it sits, so access always goes through a KMS authorization.",
  remediation:
    "Set encrypted = true on aws_ebs_volume, on the aws_instance (or aws_launch_configuration) root_block_device and every ebs_block_device, and encrypted = \"true\" in each aws_launch_template block_device_mappings.ebs (the ZT Blueprint HardenedHost does this), or enable aws_ebs_encryption_by_default for the account and region.",
  references: {
    nist800207: ["Tenet 1", "Tenet 2"],
    nist80053: ["SC-28", "SC-28(1)", "SC-13"],
    cis: ["2.2.1"],
    checkov: ["CKV_AWS_3", "CKV_AWS_8"],
    cdkNag: ["AwsSolutions-EC26", "NIST.800.53.R5-EC2EBSVolumeEncrypted"],
    securityHub: ["EC2.3", "EC2.181"],
  },
  resourceTypes: VOLUME_TYPES,
  check(resource, model) {
    // An unset `encrypted` follows the account setting: aws_ebs_encryption_by_default (same stack) makes it encrypted.
    // An explicit encrypted = false is a finding even then: the author asked for plaintext.
    const byDefault = encryptionByDefault(resource, model);
    const volumes = volumesOf(resource, model);
    if (volumes.length === 0) return pass();
    const out = new Array<Outcome>(volumes.length);
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      const enc = v.block ? v.block.getConfigured("encrypted") : ABSENT;
      if (enc.kind === "unknown") {
        out[i] = unknown(`encrypted of ${v.item} is unknown until apply`, v.item);
      } else if (enc.kind === "known") {
        const on = enc.value === true || enc.value === "true";
        out[i] = on ? pass(v.item) : fail(`${v.item} sets encrypted = false`, v.item);
      } else if (byDefault) {
        out[i] = pass(v.item);
      } else {
        const what = v.block ? "does not set encrypted" : "is created from the AMI's snapshot without an encryption setting";
        out[i] = fail(`${v.item} ${what} and aws_ebs_encryption_by_default is not enabled in this stack`, v.item);
      }
    }
    return out;
  },
});
