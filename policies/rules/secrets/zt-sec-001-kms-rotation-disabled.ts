import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";

export const ztSec001 = defineRule({
  id: "ZT-SEC-001",
  title: "KMS key does not rotate automatically",
  severity: "medium",
  domain: "secrets",
  rationale:
    "Automatic rotation limits how much data one key version protects and how long a leaked key version stays useful. Zero trust assumes breach and keeps the value of any single secret short-lived.",
  remediation: "Set `enable_key_rotation = true` on symmetric customer-managed keys (optionally `rotation_period_in_days`).",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["SC-12", "SC-28"],
    cis: ["3.6"],
    checkov: ["CKV_AWS_7"],
    cdkNag: ["AwsSolutions-KMS5", "NIST.800.53.R5-KMSBackingKeyRotationEnabled"],
  },
  resourceTypes: ["aws_kms_key"],
  check(resource) {
    const spec = resource.get("customer_master_key_spec");
    if (spec.kind === "known" && spec.value !== "SYMMETRIC_DEFAULT") {
      return na(`automatic rotation does not apply to ${String(spec.value)} keys`);
    }
    if (resource.has("custom_key_store_id") || resource.has("xks_key_id")) return na("automatic rotation does not apply to keys in a custom key store");
    if (spec.kind === "unknown") return unknown("customer_master_key_spec is not known until apply");
    const rotation = resource.get("enable_key_rotation");
    if (rotation.kind === "unknown") return unknown("enable_key_rotation is not known until apply");
    return resource.bool("enable_key_rotation") === true ? pass() : fail("enable_key_rotation is not true: the key material never rotates");
  },
});
