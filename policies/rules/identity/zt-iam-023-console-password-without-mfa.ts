import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Statement } from "../../engine/policy-document";
import { Val } from "../../engine/types";
import { policyDocAt } from "./_policies";

/** A Deny on `aws:MultiFactorAuthPresent` false: requests signed without MFA are refused. */
function deniesWithoutMfa(s: Statement): boolean {
  if (s.effect !== "Deny") return false;
  const broad = (s.notActions !== undefined && s.notActions.length > 0) || (s.actions ?? []).some((a) => a === "*" || a === "*:*");
  if (!broad) return false;
  return s.conditions.some(
    (c) => c.key.toLowerCase() === "aws:multifactorauthpresent" && ["bool", "boolifexists"].includes(c.test.toLowerCase()) && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === "false"),
  );
}

/** How a user or group is named by another resource: its literal name, or the address of the resource a reference names. */
function keysOf(v: Val): string[] {
  if (v.kind === "known") return typeof v.value === "string" ? [`name:${v.value}`] : [];
  if (v.kind === "unknown") return v.refs.filter((ref) => ref.kind === "resource").map((ref) => `ref:${ref.address}`);
  return [];
}

/** The keys an IAM user or group resource is known by: its address, and its name when known. */
function selfKeys(r: Resource): string[] {
  const name = r.str("name");
  return name === undefined ? [`ref:${r.address}`] : [`ref:${r.address}`, `name:${name}`];
}

const meets = (a: readonly string[], b: readonly string[]) => a.some((k) => b.includes(k));

/** The values at `path` of a resource, one per element when it is a list. */
function valuesAt(r: Resource, path: string): Val[] {
  return r.items(path) ?? [r.get(path)];
}

/** Keys of the user a login profile belongs to. */
function userKeys(profile: Resource, model: Model): string[] {
  const keys = keysOf(profile.get("user"));
  for (const user of model.referenced(profile, "user", ["aws_iam_user"])) keys.push(...selfKeys(user));
  return keys;
}

/** Keys of the groups the user is a member of, through aws_iam_user_group_membership and aws_iam_group_membership. */
function groupKeys(user: readonly string[], near: Resource, model: Model): string[] {
  const keys: string[] = [];
  for (const m of model.ofTypeIn("aws_iam_user_group_membership", near)) {
    if (meets(keysOf(m.get("user")), user)) for (const g of valuesAt(m, "groups")) keys.push(...keysOf(g));
  }
  for (const m of model.ofTypeIn("aws_iam_group_membership", near)) {
    if (valuesAt(m, "users").some((u) => meets(keysOf(u), user))) keys.push(...keysOf(m.get("group")));
  }
  for (const group of model.ofTypeIn("aws_iam_group", near)) if (meets(selfKeys(group), keys)) keys.push(...selfKeys(group));
  return keys;
}

/** The policies that apply to a user, and the attached ones whose documents the configuration does not hold. */
interface UserPolicies {
  /** Inline policies of the user and its groups, and customer managed policies of the configuration attached to either. */
  readonly policies: Resource[];
  /** Attached policies read from elsewhere: a customer managed policy ARN written as text or computed at apply. */
  readonly elsewhere: string[];
}

/** AWS managed policies: none of them denies requests made without MFA. */
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

/** The policies that apply to the user: its inline policies, its groups' and the managed policies attached to either. */
function policiesFor(user: readonly string[], groups: readonly string[], near: Resource, model: Model): UserPolicies {
  const policies: Resource[] = [];
  const elsewhere: string[] = [];
  for (const p of model.ofTypeIn("aws_iam_user_policy", near)) if (meets(keysOf(p.get("user")), user)) policies.push(p);
  for (const p of model.ofTypeIn("aws_iam_group_policy", near)) if (meets(keysOf(p.get("group")), groups)) policies.push(p);
  const attached = [
    ...model.ofTypeIn("aws_iam_user_policy_attachment", near).filter((a) => meets(keysOf(a.get("user")), user)),
    ...model.ofTypeIn("aws_iam_group_policy_attachment", near).filter((a) => meets(keysOf(a.get("group")), groups)),
  ];
  for (const a of attached) {
    const inConfig = model.referenced(a, "policy_arn", ["aws_iam_policy"]);
    if (inConfig.length > 0) policies.push(...inConfig);
    else {
      const arn = a.get("policy_arn");
      if (!(arn.kind === "known" && typeof arn.value === "string" && AWS_MANAGED.test(arn.value))) elsewhere.push(a.address);
    }
  }
  return { policies, elsewhere };
}

export const ztIam023 = defineRule({
  id: "ZT-IAM-023",
  title: "IAM user gets a console password without a policy that denies requests made without MFA",
  severity: "high",
  domain: "identity",
  rationale:
    "An aws_iam_user_login_profile gives an IAM user a console password. A password alone falls to phishing, reuse and guessing; multi-factor authentication is what stops a stolen one from opening the console. Terraform cannot enable an MFA device for a user (an aws_iam_virtual_mfa_device is only created: the user enables it with two codes), so before apply the one proof is a policy that applies to the user and denies every request made without MFA: a Deny statement on \"*\" or with NotAction (the self-service actions to set up a device) and the condition `BoolIfExists`/`Bool` `aws:MultiFactorAuthPresent` = `false`, in the user's inline policy, a policy of a group it is a member of, or a customer managed policy attached to either. " +
    "A policy document known only at apply, or a customer managed policy attached by an ARN the configuration does not define, leaves the result unknown. Deliberately stricter than Security Hub IAM.5, which sees the device itself after apply; narrower than IAM.19, which also covers users without a console password, and than CKV2_AWS_22, which fails every console password.",
  remediation:
    "Sign people in through IAM Identity Center instead of IAM users (see ZT-IAM-021). Where an IAM user must keep a console password, add it to a group whose policy denies everything but the MFA self-service actions when `aws:MultiFactorAuthPresent` is false, and have the user enable an MFA device at first sign-in.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["IA-2(1)", "IA-2(2)", "AC-2(1)"],
    cis: ["1.10"],
    checkov: ["CKV2_AWS_22"],
    securityHub: ["IAM.5"],
  },
  resourceTypes: ["aws_iam_user_login_profile"],
  check(profile, model) {
    const user = userKeys(profile, model);
    if (user.length === 0) return unknown("the user is not known until apply, nor the policies that apply to it", "MFA");
    const groups = groupKeys(user, profile, model);
    const { policies, elsewhere } = policiesFor(user, groups, profile, model);
    const open: string[] = [];
    for (const p of policies) {
      const doc = policyDocAt(p, "policy", model);
      if (doc.kind === "known" && doc.statements.some(deniesWithoutMfa)) return pass();
      if (doc.kind === "unknown" || doc.kind === "invalid") open.push(p.address);
    }
    const who = profile.str("user") ?? "the user";
    const why = [
      ...(open.length > 0 ? [`whether ${open.join(", ")} denies requests without MFA is known only at apply`] : []),
      ...(elsewhere.length > 0 ? [`${elsewhere.join(", ")} attaches a policy the configuration does not define`] : []),
    ];
    if (why.length > 0) return unknown(`${who} has a console password; ${why.join("; ")}`, "MFA");
    return fail(`${who} has a console password and no policy of the user or its groups denies requests made without MFA`, "MFA");
  },
});
