import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { MANAGED_POLICY_ARNS_AT, managedAttachments } from "./_managed";

/** AWS managed policies that grant administrator access, or a direct path to it, and what each allows. */
const PRIVILEGED: ReadonlyMap<string, string> = new Map([
  ["AdministratorAccess", "every action on every resource"],
  ["PowerUserAccess", "every action outside IAM and Organizations, on every resource"],
  ["IAMFullAccess", "every IAM action, enough to attach AdministratorAccess to itself"],
]);

export const ztIam016 = defineRule({
  id: "ZT-IAM-016",
  title: "AWS managed administrator policy attached (AdministratorAccess, PowerUserAccess or IAMFullAccess)",
  severity: "critical",
  domain: "identity",
  rationale:
    "AdministratorAccess allows everything, PowerUserAccess everything but IAM and Organizations, and IAMFullAccess " +
    "lets its holder attach any policy to itself. A service, user or group holding one of them can reach every " +
    "resource of the account, so one compromised workload or credential is a compromised account. Zero trust " +
    "grants each identity the actions it needs on the resources it uses.",
  remediation:
    "Attach a policy that lists the actions and resources the identity needs (the library's ServiceIdentity grants " +
    "only on concrete ARNs). Keep administrator access for break-glass roles assumed with MFA, and record a " +
    "suppression with the reason on those.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-6(1)", "AC-6(5)"],
    cis: ["1.16"],
    checkov: ["CKV_AWS_274"],
  },
  resourceTypes: Object.keys(MANAGED_POLICY_ARNS_AT),
  check(r, model) {
    const attached = managedAttachments(r, model);
    if (attached === undefined) return r.type === "aws_iam_role" ? na("no managed_policy_arns") : pass();
    const outcomes: Outcome[] = [];
    for (const name of attached.names) {
      const what = PRIVILEGED.get(name);
      if (what !== undefined) outcomes.push(fail(`attaches the AWS managed policy ${name}: ${what}`, `Policy::${name}`));
    }
    if (outcomes.length > 0) return outcomes;
    if (attached.undecided.length > 0) return unknown(`${attached.path} is computed at apply time (${attached.undecided.join(", ")})`);
    return pass();
  },
});
