import { defineRule } from "../../engine/outcome";
import { judgePublicResourcePolicy, PRINCIPAL_SCOPING_KEYS } from "../identity/_policies";

export const ztSec006 = defineRule({
  id: "ZT-SEC-006",
  title: "Secret resource policy grants access to any AWS principal",
  severity: "critical",
  domain: "secrets",
  rationale:
    "A secret policy that allows Principal \"*\" (or allows with NotPrincipal, which admits everyone not listed) without a condition on the caller exposes the secret to every AWS account. Zero trust gives each secret to the named workloads that need it and nobody else.",
  remediation:
    "Name the role ARNs that may read the secret in the policy, or restrict the statement with `aws:PrincipalAccount` / `aws:PrincipalOrgID` / `aws:SourceVpce` / `aws:VpceAccount` conditions whose values are exact (a wildcard account or organization such as `o-*` restricts nothing); set `block_public_policy = true` on `aws_secretsmanager_secret_policy`.",
  references: {
    nist800207: ["Tenet 6", "Tenet 4"],
    nist80053: ["AC-3", "AC-6"],
  },
  resourceTypes: ["aws_secretsmanager_secret_policy", "aws_secretsmanager_secret"],
  check(resource, model) {
    return judgePublicResourcePolicy(resource, model, PRINCIPAL_SCOPING_KEYS);
  },
});
