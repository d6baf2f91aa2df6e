import { defineRule } from "../../engine/outcome";
import { admitsAnyone, judgePolicies, restrictedBy } from "./_policies";
import { CALLER_SCOPING_KEYS, trustPolicy } from "./_trust";

export const ztIam004 = defineRule({
  id: "ZT-IAM-004",
  title: "Role trust policy lets any AWS principal assume the role",
  severity: "critical",
  domain: "identity",
  rationale:
    "A trust policy with Principal \"*\" and no condition naming the caller lets any AWS account in the world assume the role. Zero trust requires every session to start from an authenticated, explicitly trusted identity.",
  remediation:
    "Name the trusted principals (service principal, role ARN or account) in the trust policy, or add a condition that pins the caller such as `aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceAccount` or `sts:ExternalId` with exact values (`arn:aws:iam::*:role/x` admits that role name in every account); the ZT Blueprint ServiceIdentity construct trusts only its service principal.",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "IA-8", "AC-6"],
    checkov: ["CKV_AWS_60"],
  },
  resourceTypes: ["aws_iam_role"],
  check(resource, model) {
    return judgePolicies(trustPolicy(resource, model), (s, label) => {
      if (s.effect !== "Allow" || !admitsAnyone(s.principals)) return [];
      if (restrictedBy(s, CALLER_SCOPING_KEYS)) return [];
      return [{ item: "Principal::*", message: `statement ${label} lets any AWS principal assume the role without a condition on the caller` }];
    });
  },
});
