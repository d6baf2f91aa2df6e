import { defineRule, fail, pass, unknown } from "../../engine/outcome";

const WANTED_DAYS = 30;

export const ztSec003 = defineRule({
  id: "ZT-SEC-003",
  title: "KMS key deletion window is shorter than 30 days",
  severity: "low",
  domain: "secrets",
  rationale:
    "Deleting a key destroys every ciphertext it protects. A short waiting period gives little time to notice a malicious or mistaken deletion, which an attacker can use to destroy data; zero trust assumes breach and keeps recovery options open.",
  remediation: "Leave `deletion_window_in_days` unset (AWS default 30) or set it to 30.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["SC-12", "CP-9"],
  },
  resourceTypes: ["aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key", "aws_kms_replica_external_key"],
  check(resource) {
    const v = resource.get("deletion_window_in_days");
    if (v.kind === "absent") return pass();
    if (v.kind === "unknown") return unknown("deletion_window_in_days is not known until apply");
    const days = resource.num("deletion_window_in_days");
    if (days === undefined) return unknown(`deletion_window_in_days is not a number: ${JSON.stringify(v.value)}`);
    return days < WANTED_DAYS ? fail(`deletion_window_in_days is ${days} (less than ${WANTED_DAYS})`) : pass();
  },
});
