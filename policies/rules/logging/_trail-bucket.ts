import { Model, Resource } from "../../engine/model";

/** Where a trail's bucket is: a bucket of the configuration, outside it, or not known until apply. */
export type TrailBucket =
  | { readonly kind: "found"; readonly bucket: Resource }
  | { readonly kind: "elsewhere"; readonly name: string }
  | { readonly kind: "unknown"; readonly detail: string };

/**
 * The `aws_s3_bucket` a trail delivers to: the one its `s3_bucket_name` references, or the one of the stack whose
 * literal `bucket` name it gives. A literal name of no bucket here is a bucket made elsewhere; a value from a
 * variable or a computed attribute of another resource is unknown.
 */
export function trailBucket(trail: Resource, model: Model): TrailBucket {
  return model.memoFor("logging.trailBucket", trail, findTrailBucket);
}

function findTrailBucket(trail: Resource, model: Model): TrailBucket {
  const referenced = model.referenced(trail, "s3_bucket_name", ["aws_s3_bucket"]);
  if (referenced.length > 0) return { kind: "found", bucket: referenced[0] };
  const name = trail.str("s3_bucket_name");
  if (name === undefined) {
    const v = trail.get("s3_bucket_name");
    const detail = v.kind === "unknown" && v.refs.length > 0 ? v.refs.map((r) => r.raw).join(", ") : "a value computed at apply";
    return { kind: "unknown", detail };
  }
  const bucket = model.ofTypeIn("aws_s3_bucket", trail).find((b) => b.str("bucket") === name);
  return bucket ? { kind: "found", bucket } : { kind: "elsewhere", name };
}

/**
 * Resources of `type` in the bucket's stack that configure it: those whose `bucket` references it, and those that
 * name it by its literal name.
 */
export function bucketSettings(bucket: Resource, type: string, model: Model): Resource[] {
  const out = new Set(model.referrers(bucket, type, "bucket"));
  const name = bucket.str("bucket");
  if (name !== undefined) for (const r of model.ofTypeIn(type, bucket)) if (r.str("bucket") === name) out.add(r);
  return [...out];
}
