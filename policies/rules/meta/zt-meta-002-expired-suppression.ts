import { defineRule, fail, na, pass } from "../../engine/outcome";
import { isExpired } from "../../engine/suppressions";
import { Outcome } from "../../engine/types";
import { suppressionItem } from "./zt-meta-001-suppression-without-reason";

export const ztMeta002 = defineRule({
  id: "ZT-META-002",
  title: "Expired suppression",
  severity: "medium",
  domain: "meta",
  rationale:
    "Exceptions to zero-trust controls are granted for a limited time and must be reviewed again. Once a suppression has expired it no longer hides its finding, and the stale exception is itself reported so that it is renewed deliberately or removed.",
  remediation:
    "Fix the suppressed finding and remove the suppression, or, after a new review, extend `expires` to a future ISO date (YYYY-MM-DD).",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["CA-7", "CM-3"],
  },
  resourceTypes: ["*"],
  check(resource, model) {
    if (resource.suppressions.length === 0) return na();
    const dated = resource.suppressions.filter((s) => s.expires !== undefined);
    if (dated.length === 0) return na();
    const out: Outcome[] = [];
    for (let i = 0; i < dated.length; i++) {
      const s = dated[i];
      const item = suppressionItem(s);
      if (!isExpired(s, model.now)) out.push(pass(item));
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(s.expires ?? "") || Number.isNaN(Date.parse(`${s.expires}T00:00:00Z`))) {
        out.push(fail(`suppression of ${s.id} has an invalid expiry date "${s.expires}" (use YYYY-MM-DD); it does not suppress anything`, item));
      } else out.push(fail(`suppression of ${s.id} expired on ${s.expires}; it no longer suppresses anything`, item));
    }
    return out;
  },
});
