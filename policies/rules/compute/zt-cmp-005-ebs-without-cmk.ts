import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { ABSENT } from "../../engine/view";
import { DEFAULT_KEY, defaultKeyKind, keyKind, VOLUME_TYPES, volumesOf } from "./_host";

export const ztCmp005 = defineRule({
  id: "ZT-CMP-005",
  title: "EBS volume is not encrypted with a customer-managed KMS key",
  severity: "medium",
  domain: "compute",
  rationale:
    "Volumes encrypted with the AWS-managed aws/ebs key can be decrypted by any principal allowed to use EBS in the account; the key policy cannot be narrowed, audited per workload or revoked. A customer-managed key puts an explicit, per-workload authorization in front of the data.",
  remediation:
    "Set kms_key_id to an aws_kms_key of this configuration on aws_ebs_volume, root_block_device / ebs_block_device and launch template ebs mappings, or set aws_ebs_default_kms_key to a customer-managed key (the only way for volumes of an aws_launch_configuration, which cannot name a key; better, replace it with a launch template).",
  references: {
    nist800207: ["Tenet 1", "Tenet 6"],
    nist80053: ["SC-12", "SC-28(1)", "AC-3"],
    checkov: ["CKV_AWS_189"],
  },
  resourceTypes: VOLUME_TYPES,
  check(resource, model) {
    // Volumes explicitly unencrypted are ZT-CMP-004's finding and not judged here. No kms_key_id = the account's
    // default EBS key: aws/ebs unless aws_ebs_default_kms_key (same stack) names a customer-managed key.
    const account = defaultKeyKind(resource, model);
    const volumes = volumesOf(resource, model);
    // A launch configuration has no kms_key_id: its volumes always use the account's default EBS key.
    const noKeyArgument = resource.type === "aws_launch_configuration";
    const out = new Array<Outcome>(volumes.length);
    let n = 0;
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      const enc = v.block ? v.block.getConfigured("encrypted") : ABSENT;
      if (enc.kind === "known" && enc.value !== true && enc.value !== "true") continue;
      const k = v.block ? keyKind(v.block, "kms_key_id") : DEFAULT_KEY;
      const kind = k.kind === "default" ? account : k.kind;
      if (kind === "cmk") out[n++] = pass(v.item);
      else if (kind === "unknown") out[n++] = unknown(`the KMS key of ${v.item} is unknown until apply and not a key of this configuration`, v.item);
      else if (kind === "aws-managed") out[n++] = fail(`${v.item} is encrypted with the AWS-managed aws/ebs key`, v.item);
      else if (noKeyArgument) out[n++] = fail(`${v.item} of a launch configuration, which cannot name a KMS key, uses aws/ebs: no aws_ebs_default_kms_key names a customer-managed key`, v.item);
      else out[n++] = fail(`${v.item} sets no kms_key_id and no aws_ebs_default_kms_key names a customer-managed key, so aws/ebs is used`, v.item);
    }
    if (n === 0 && volumes.length > 0) return na("every declared volume is explicitly unencrypted (ZT-CMP-004)");
    if (n === 0) return pass();
    if (n < out.length) out.length = n;
    return out;
  },
});
