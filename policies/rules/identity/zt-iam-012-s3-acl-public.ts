import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";

/** Canned ACLs that grant to everyone, or to every AWS account. */
const PUBLIC_CANNED: Readonly<Record<string, string>> = {
  "public-read": "everyone can list the bucket",
  "public-read-write": "everyone can list and write the bucket",
  "authenticated-read": "every AWS account can list the bucket",
};

/** Grantee groups that stand for everyone or every AWS account. */
const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

export const ztIam012 = defineRule({
  id: "ZT-IAM-012",
  title: "S3 bucket ACL grants access to everyone or to any AWS account",
  severity: "high",
  domain: "identity",
  rationale:
    "A public-read, public-read-write or authenticated-read ACL, or a grant to the AllUsers or AuthenticatedUsers group, opens the bucket to anyone on the internet or to every AWS account, outside any identity the organization controls. Zero trust grants data access to named identities through policies.",
  remediation:
    "Remove the ACL (set object_ownership = \"BucketOwnerEnforced\" on aws_s3_bucket_ownership_controls to disable ACLs) and grant access to named principals in the bucket policy.",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "AC-6", "AC-21"],
    checkov: ["CKV_AWS_20", "CKV_AWS_57"],
  },
  resourceTypes: ["aws_s3_bucket_acl", "aws_s3_bucket"],
  check(r) {
    const out: Outcome[] = [];
    const acl = r.getConfigured("acl");
    if (acl.kind === "unknown") out.push(unknown("acl is not known until apply", "ACL"));
    else if (acl.kind === "known" && typeof acl.value === "string" && PUBLIC_CANNED[acl.value] !== undefined) {
      out.push(fail(`canned ACL "${acl.value}": ${PUBLIC_CANNED[acl.value]}`, `ACL::${acl.value}`));
    }
    // aws_s3_bucket_acl nests grants in access_control_policy; the legacy aws_s3_bucket argument is a grant list.
    const grants = r.type === "aws_s3_bucket_acl" ? r.blocks("access_control_policy.grant") : r.blocks("grant");
    for (const g of grants) out.push(...judgeGrant(r.type === "aws_s3_bucket_acl" ? g.blocks("grantee")[0] : g, g, r.type));
    return out.length > 0 ? out : pass();
  },
});

/** A grant to a public group fails once per permission; an unknown grantee is unknown. */
function judgeGrant(grantee: View | undefined, grant: View, type: string): Outcome[] {
  if (grantee === undefined) return [];
  const uri = grantee.get("uri");
  if (uri.kind === "unknown") return [unknown("a grantee group is not known until apply", "Grant")];
  const group = uri.kind === "known" ? PUBLIC_GROUPS[String(uri.value)] : undefined;
  if (group === undefined) return [];
  const permissions = type === "aws_s3_bucket_acl" ? [grant.str("permission") ?? "?"] : (grant.list("permissions") ?? ["?"]).map(String);
  return permissions.map((p) => fail(`grants ${p} to the ${group} group`, `Grant::${group}:${p}`));
}
