import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome, Val } from "../../engine/types";

/** AWS managed policies that grant administrator access, or a direct path to it, and what each allows. */
const PRIVILEGED: ReadonlyMap<string, string> = new Map([
  ["AdministratorAccess", "every action on every resource"],
  ["PowerUserAccess", "every action outside IAM and Organizations, on every resource"],
  ["IAMFullAccess", "every IAM action, enough to attach AdministratorAccess to itself"],
]);

/** The name of an AWS managed policy ARN (any partition), or undefined for other ARNs. */
function awsManagedName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/([\w+=,.@-]+)$/.exec(arn.trim());
  return m?.[1];
}

/** Where each resource type names the policies it attaches. */
const ARNS_AT: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: "policy_arn",
  aws_iam_user_policy_attachment: "policy_arn",
  aws_iam_group_policy_attachment: "policy_arn",
  aws_iam_policy_attachment: "policy_arn",
  aws_iam_role: "managed_policy_arns",
  aws_iam_role_policy_attachments_exclusive: "policy_arns",
  aws_iam_user_policy_attachments_exclusive: "policy_arns",
  aws_iam_group_policy_attachments_exclusive: "policy_arns",
  aws_ssoadmin_managed_policy_attachment: "managed_policy_arn",
};

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
  resourceTypes: Object.keys(ARNS_AT),
  check(r, model) {
    const path = ARNS_AT[r.type];
    // A role without managed_policy_arns attaches nothing here (the provider shows the list computed in a plan).
    const v = r.getConfigured(path);
    if (v.kind === "absent") return r.type === "aws_iam_role" ? na("no managed_policy_arns") : pass();
    const elements: Val[] = v.kind === "known" && Array.isArray(v.value) ? r.items(path) ?? [] : [v];
    const outcomes: Outcome[] = [];
    const undecided: string[] = [];
    for (let i = 0; i < elements.length; i++) {
      const name = policyName(elements[i], r, model);
      if (name === UNDECIDED) undecided.push(describe(elements[i]));
      else if (name !== undefined && PRIVILEGED.has(name)) outcomes.push(fail(`attaches the AWS managed policy ${name}: ${PRIVILEGED.get(name)}`, `Policy::${name}`));
    }
    if (outcomes.length > 0) return outcomes;
    if (undecided.length > 0) return unknown(`${path} is computed at apply time (${undecided.join(", ")})`);
    return pass();
  },
});

const UNDECIDED = Symbol("undecided");

/**
 * The name of the policy an ARN value attaches, where it can be an AWS managed one: from a literal ARN, or from an
 * `aws_iam_policy` data source that looks it up by `arn` or `name`. Undefined for customer managed policies of this
 * configuration (judged themselves by the other identity rules) and other literal ARNs; UNDECIDED when the value
 * comes from elsewhere (a variable, a computed value).
 */
function policyName(v: Val, r: Resource, model: Model): string | undefined | typeof UNDECIDED {
  if (v.kind === "absent") return undefined;
  if (v.kind === "known") return typeof v.value === "string" ? awsManagedName(v.value) : undefined;
  if (v.refs.length === 0) return UNDECIDED;
  for (let i = 0; i < v.refs.length; i++) {
    const ref = v.refs[i];
    if (ref.kind === "resource" && ref.type === "aws_iam_policy") continue;
    if (ref.kind !== "data" || ref.type !== "aws_iam_policy") return UNDECIDED;
    const source = model.resolve(r, ref);
    if (source === undefined) return UNDECIDED;
    const arn = source.str("arn");
    if (arn !== undefined) return awsManagedName(arn);
    return source.str("name") ?? UNDECIDED;
  }
  return undefined;
}

function describe(v: Val): string {
  if (v.kind !== "unknown" || v.refs.length === 0) return "an expression";
  return v.refs.map((ref) => ref.raw).join(", ");
}
