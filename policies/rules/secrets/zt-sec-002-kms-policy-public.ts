import { defineRule } from "../../engine/outcome";
import { judgePublicResourcePolicy, PRINCIPAL_SCOPING_KEYS } from "../identity/_policies";

const SCOPING_KEYS = ["kms:CallerAccount", "kms:ViaService", ...PRINCIPAL_SCOPING_KEYS];

export const ztSec002 = defineRule({
  id: "ZT-SEC-002",
  title: "KMS key policy grants access to any AWS principal",
  severity: "critical",
  domain: "secrets",
  rationale:
    "A key policy statement with Principal \"*\" (or an Allow with NotPrincipal, which admits everyone not listed) and no condition on the caller lets any AWS account use or administer the key, and with it decrypt everything the key protects. Zero trust grants key use only to named identities.",
  remediation:
    "Name the principals (account root for IAM delegation, or specific roles) in each Allow statement, or restrict a `*` principal with `kms:CallerAccount`, `aws:PrincipalOrgID` or `kms:ViaService` conditions whose values are exact: a wildcard account or organization (`*`, `o-*`), a negated, `Null` or `...IfExists` test restricts nothing.",
  references: {
    nist800207: ["Tenet 6", "Tenet 4"],
    nist80053: ["AC-3", "SC-12"],
    checkov: ["CKV_AWS_33"],
    securityHub: ["KMS.5"],
  },
  resourceTypes: ["aws_kms_key", "aws_kms_key_policy", "aws_kms_replica_key"],
  check(resource, model) {
    return judgePublicResourcePolicy(resource, model, SCOPING_KEYS, " to use the key");
  },
});
