import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { isPublicPrincipal, PolicyDocument, Statement } from "../../engine/policy-document";
import { policyDocAt } from "../identity/_policies";

export const ztNet013 = defineRule({
  id: "ZT-NET-013",
  title: "S3 bucket does not deny requests made without TLS",
  severity: "medium",
  domain: "network",
  rationale:
    "S3 answers plain HTTP as well as HTTPS unless the bucket policy refuses it. Zero trust secures every " +
    "connection whatever network it crosses, so a bucket must deny every request that does not arrive over TLS " +
    "(aws:SecureTransport false), or over TLS older than 1.2 (s3:TlsVersion).",
  remediation:
    'Add to the bucket policy (aws_s3_bucket_policy) a statement with Effect "Deny", Principal "*", Action ' +
    '"s3:*", Resource the bucket ARN and "<bucket ARN>/*", and Condition {"Bool": {"aws:SecureTransport": ' +
    '"false"}} (or {"NumericLessThan": {"s3:TlsVersion": "1.2"}}).',
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)", "SC-23"],
    cdkNag: ["AwsSolutions-S10", "NIST.800.53.R5-S3BucketSSLRequestsOnly"],
    securityHub: ["S3.5"],
  },
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, model) {
    const docs = bucketPolicies(bucket, model);
    if (docs.length === 0) return fail("no bucket policy: requests over plain HTTP are accepted", "TLS");
    const undecided: string[] = [];
    for (let i = 0; i < docs.length; i++) {
      const { from, doc } = docs[i];
      if (doc.kind === "known" && doc.statements.some(deniesPlainHttp)) return pass("TLS");
      if (doc.kind === "unknown") undecided.push(from);
    }
    if (undecided.length > 0) return unknown(`the policy of ${undecided.join(", ")} is computed at apply time`, "TLS");
    return fail("no statement of the bucket policy denies requests without TLS (aws:SecureTransport false)", "TLS");
  },
});

/** The policies that apply to a bucket: its own legacy `policy`, and every aws_s3_bucket_policy that names it. */
function bucketPolicies(bucket: Resource, model: Model): { readonly from: string; readonly doc: PolicyDocument }[] {
  const out: { from: string; doc: PolicyDocument }[] = [];
  const own = policyDocAt(bucket, "policy", model);
  if (own.kind !== "absent") out.push({ from: bucket.address, doc: own });
  const attached = new Set(model.referrers(bucket, "aws_s3_bucket_policy", "bucket"));
  // A policy may also name the bucket by its literal name.
  const name = bucket.str("bucket");
  if (name !== undefined) for (const p of model.ofTypeIn("aws_s3_bucket_policy", bucket)) if (p.str("bucket") === name) attached.add(p);
  for (const p of attached) out.push({ from: p.address, doc: policyDocAt(p, "policy", model) });
  return out;
}

/**
 * True when a statement denies every S3 action to everyone, on the bucket's objects, for requests without TLS
 * (`aws:SecureTransport` false) or with TLS below a minimum version (`s3:TlsVersion`).
 */
function deniesPlainHttp(s: Statement): boolean {
  if (s.effect !== "Deny" || !isPublicPrincipal(s.principals)) return false;
  if (!(s.actions ?? []).some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
  if (!(s.resources ?? []).some((r) => r === "*" || r.endsWith("/*"))) return false;
  return s.conditions.some((c) => {
    const test = c.test.toLowerCase();
    const key = c.key.toLowerCase();
    if (key === "aws:securetransport") return (test === "bool" || test === "boolifexists") && c.values.some((v) => v.toLowerCase() === "false");
    return key === "s3:tlsversion" && test.startsWith("numericlessthan") && c.values.length > 0;
  });
}
