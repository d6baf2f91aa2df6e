import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { bucketSettings, trailBucket } from "./_trail-bucket";

export const ztLog010 = defineRule({
  id: "ZT-LOG-010",
  title: "CloudTrail bucket does not log access to itself",
  severity: "low",
  domain: "logging",
  rationale:
    "The trail's bucket holds the evidence of every API call; whoever reads, overwrites or deletes its objects is the first thing an investigation asks. CloudTrail does not record those object calls unless data events are on, so the bucket's server access logs, written to another bucket, are the record of who touched the record.",
  remediation:
    "Add an `aws_s3_bucket_logging` for the trail's bucket with `target_bucket` a separate bucket (SSE-S3, public access blocked, writable by `logging.s3.amazonaws.com` for this bucket only) and a `target_prefix` (`AuditBucket` does this).",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["AU-2", "AU-9"],
    cis: ["3.6"],
    checkov: ["CKV_AWS_18"],
    securityHub: ["CloudTrail.7"],
  },
  resourceTypes: ["aws_cloudtrail"],
  check(trail, model) {
    const found = trailBucket(trail, model);
    if (found.kind === "elsewhere") return na(`the trail's bucket ${found.name} is not in this configuration`);
    if (found.kind === "unknown") return unknown(`s3_bucket_name comes from ${found.detail}; cannot tell which bucket, or whether it logs access`, "AccessLogging");
    const { bucket } = found;
    if (bucketSettings(bucket, "aws_s3_bucket_logging", model).length > 0) return pass("AccessLogging");
    if (bucket.blocks("logging").length > 0) return pass("AccessLogging");
    return fail(`the trail's bucket ${bucket.address} has no server access logging (no aws_s3_bucket_logging names it)`, "AccessLogging");
  },
});
