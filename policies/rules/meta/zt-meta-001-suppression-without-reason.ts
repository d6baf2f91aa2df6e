import { defineRule, fail, na, pass } from "../../engine/outcome";
import { hasReason, MIN_REASON_LENGTH } from "../../engine/suppressions";
import { Outcome, Suppression } from "../../engine/types";

/** The item naming a suppression: the suppressed rule id, with its `appliesTo` pattern when it has one. */
export function suppressionItem(s: Suppression): string {
  return s.appliesTo ? `${s.id}:${s.appliesTo}` : s.id;
}

export const ztMeta001 = defineRule({
  id: "ZT-META-001",
  title: "Suppression without a reason",
  severity: "high",
  domain: "meta",
  rationale:
    "An exception to a zero-trust control must be a recorded, reviewable decision. A suppression without an explanation hides a finding without telling reviewers or auditors why the risk was accepted, so it is ignored and reported instead.",
  remediation: `Give the suppression a reason of at least ${MIN_REASON_LENGTH} characters that explains why the finding is accepted (Policy.suppress(scope, id, { reason })), or remove the suppression and fix the finding.`,
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["CA-7", "PM-9"],
  },
  resourceTypes: ["*"],
  check(resource) {
    if (resource.suppressions.length === 0) return na();
    const out: Outcome[] = [];
    const suppressions = resource.suppressions;
    for (let i = 0; i < suppressions.length; i++) {
      const s = suppressions[i];
      const item = suppressionItem(s);
      out.push(
        hasReason(s)
          ? pass(item)
          : fail(
              s.reason.trim() === ""
                ? `suppression of ${s.id} has no reason; it does not suppress anything`
                : `suppression of ${s.id} has a reason shorter than ${MIN_REASON_LENGTH} characters ("${s.reason.trim()}"); it does not suppress anything`,
              item,
            ),
      );
    }
    return out;
  },
});
