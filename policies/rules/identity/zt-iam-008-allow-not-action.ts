import { defineRule } from "../../engine/outcome";
import { Finding, IDENTITY_POLICY_TYPES, identityPolicies, judgePolicies } from "./_policies";

export const ztIam008 = defineRule({
  id: "ZT-IAM-008",
  title: "IAM Allow statement uses NotAction or NotResource",
  severity: "medium",
  domain: "identity",
  rationale:
    "Allow with NotAction grants every action except those listed, including every action AWS adds later; Allow with NotResource grants access to every resource except those listed. Zero trust grants by explicit inclusion, never by exclusion.",
  remediation:
    "Rewrite the statement with an explicit `Action` list and explicit `Resource` ARNs; keep NotAction / NotResource for Deny statements (guardrails) only.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-3"],
    cdkNag: ["AwsSolutions-IAM5"],
  },
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, model) {
    return judgePolicies(identityPolicies(resource, model), (s, label) => {
      if (s.effect !== "Allow") return [];
      const out: Finding[] = [];
      if (s.notActions && s.notActions.length > 0) {
        out.push({ item: `NotAction::${label}`, message: `statement ${label} allows every action except ${s.notActions.join(", ")}` });
      }
      if (s.notResources && s.notResources.length > 0) {
        out.push({ item: `NotResource::${label}`, message: `statement ${label} applies to every resource except ${s.notResources.join(", ")}` });
      }
      return out;
    });
  },
});
