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
    const shape = GRANT_SHAPES[r.type];
    for (const g of r.blocks(shape.path)) out.push(...judgeGrant(g, shape));
    return out.length > 0 ? out : pass();
  },
});

/** How a resource type writes its grants: where they are, who each one is for, and what it allows. */
interface GrantShape {
  readonly path: string;
  readonly grantee: (grant: View) => View | undefined;
  readonly permissions: (grant: View) => string[];
}

const GRANT_SHAPES: Readonly<Record<string, GrantShape>> = {
  aws_s3_bucket_acl: { path: "access_control_policy.grant", grantee: (g) => g.blocks("grantee")[0], permissions: (g) => [g.str("permission") ?? "?"] },
  // The legacy aws_s3_bucket argument: one grant block per grantee, with a list of permissions.
  aws_s3_bucket: { path: "grant", grantee: (g) => g, permissions: (g) => (g.list("permissions") ?? ["?"]).map(String) },
};

/** A grant to a public group fails once per permission; an unknown grantee is unknown. */
function judgeGrant(grant: View, shape: GrantShape): Outcome[] {
  const grantee = shape.grantee(grant);
  if (grantee === undefined) return [];
  const uri = grantee.get("uri");
  if (uri.kind === "unknown") return [unknown("a grantee group is not known until apply", "Grant")];
  const group = uri.kind === "known" ? PUBLIC_GROUPS[String(uri.value)] : undefined;
  if (group === undefined) return [];
  return shape.permissions(grant).map((p) => fail(`grants ${p} to the ${group} group`, `Grant::${group}:${p}`));
}
