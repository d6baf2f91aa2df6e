import { Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { bucketSettings, trailBucket } from "./_trail-bucket";

/** The four settings of a public access block; each is false unless set. */
const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

type Verdict = "on" | "off" | "unknown";

/** Whether a public access block sets all four settings to true. */
function blocksEverything(block: Resource): Verdict {
  let verdict: Verdict = "on";
  for (const flag of FLAGS) {
    const v = block.configuredValue(flag);
    if (v.kind === "unknown") verdict = "unknown";
    else if (v.kind === "absent" || (v.value !== true && v.value !== "true")) return "off";
  }
  return verdict;
}

export const ztLog011 = defineRule({
  id: "ZT-LOG-011",
  title: "CloudTrail bucket is not protected from public access",
  severity: "high",
  domain: "logging",
  rationale:
    "The trail's log files map the whole account: identities, roles, resources, source addresses and errors. One public ACL or bucket policy statement, written by mistake or by an intruder covering tracks, exposes them to anyone. A public access block with every setting on refuses public ACLs and policies before they take effect, so a later mistake cannot open the evidence.",
  remediation:
    "Add an `aws_s3_bucket_public_access_block` for the trail's bucket with `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` all true (or the same on the account's `aws_s3_account_public_access_block`); `AuditBucket` does this.",
  references: {
    nist800207: ["Tenet 6", "Tenet 7"],
    nist80053: ["AC-3", "AU-9"],
    cis: ["3.3"],
    checkov: ["CKV2_AWS_6"],
    securityHub: ["CloudTrail.6"],
  },
  resourceTypes: ["aws_cloudtrail"],
  check(trail, model) {
    const found = trailBucket(trail, model);
    if (found.kind === "elsewhere") return na(`the trail's bucket ${found.name} is not in this configuration`);
    if (found.kind === "unknown") return unknown(`s3_bucket_name comes from ${found.detail}; cannot tell which bucket, or whether public access is blocked`, "PublicAccessBlock");
    const blocks = [...bucketSettings(found.bucket, "aws_s3_bucket_public_access_block", model), ...model.ofTypeIn("aws_s3_account_public_access_block", trail)];
    const verdicts = blocks.map(blocksEverything);
    if (verdicts.includes("on")) return pass("PublicAccessBlock");
    if (verdicts.includes("unknown")) return unknown("a public access block of the trail's bucket has settings not known until apply", "PublicAccessBlock");
    if (blocks.length === 0) return fail(`the trail's bucket ${found.bucket.address} has no public access block: a public ACL or policy would take effect`, "PublicAccessBlock");
    return fail(`the public access blocks of the trail's bucket ${found.bucket.address} leave some kind of public access open`, "PublicAccessBlock");
  },
});
