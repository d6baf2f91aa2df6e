import { defineRule, fail, pass } from "../../engine/outcome";

export const ztSec014 = defineRule({
  id: "ZT-SEC-014",
  title: "KMS key has no explicit key policy (the default policy hands the key to every IAM policy of the account)",
  severity: "medium",
  domain: "secrets",
  rationale:
    "A KMS key created without `policy`, and without an aws_kms_key_policy for it, gets the default key policy: the account root may do everything with the key, which delegates all access to IAM. Any role or user of the account whose identity policy allows kms:* or kms:Decrypt on \"*\" (ZT-IAM-018) can then decrypt whatever the key protects, and nothing in the key says who uses it. Zero trust writes the key's policy: who administers the key, and which principals use it, for which service (`kms:ViaService`). " +
    "The policy may sit on the key or in an aws_kms_key_policy that references the key.",
  remediation:
    "Set `policy` on the aws_kms_key (or add an aws_kms_key_policy) naming the key administrators and the roles that use the key, without kms:* for the account root beyond what administration needs (ZT Blueprint's createCustomerManagedKey takes the policy as a required option).",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "AC-6", "SC-12"],
    checkov: ["CKV2_AWS_64"],
  },
  resourceTypes: ["aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key"],
  check(key, model) {
    if (key.configured("policy")) return pass();
    if (model.referrers(key, "aws_kms_key_policy", "key_id").length > 0) return pass();
    return fail("the key has no policy and no aws_kms_key_policy references it: the default policy delegates every use of the key to IAM", "KeyPolicy");
  },
});
