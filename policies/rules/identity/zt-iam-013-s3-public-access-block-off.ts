import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** The four settings of a public access block, each false when not set. */
const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

export const ztIam013 = defineRule({
  id: "ZT-IAM-013",
  title: "S3 public access block leaves a kind of public access open",
  severity: "medium",
  domain: "identity",
  rationale:
    "A public access block is the guard that stops a later ACL or bucket policy from opening data to everyone. Each of its four settings defaults to false when the resource does not set it, so a block written without them protects nothing. Zero trust keeps the deny-by-default guard on and grants access to named identities only.",
  remediation:
    "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true on every aws_s3_bucket_public_access_block and on the aws_s3_account_public_access_block.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-3", "AC-21", "SC-7"],
    checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
  },
  resourceTypes: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"],
  check(r) {
    const out: Outcome[] = [];
    for (const flag of FLAGS) {
      const v = r.configuredValue(flag);
      if (v.kind === "unknown") out.push(unknown(`${flag} is not known until apply`, `PublicAccessBlock::${flag}`));
      else if (v.kind === "absent") out.push(fail(`${flag} is not set (false)`, `PublicAccessBlock::${flag}`));
      else if (v.value !== true && v.value !== "true") out.push(fail(`${flag} is false`, `PublicAccessBlock::${flag}`));
    }
    return out.length > 0 ? out : pass();
  },
});
