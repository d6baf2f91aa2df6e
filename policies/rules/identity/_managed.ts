import { Model, Resource } from "../../engine/model";
import { Val } from "../../engine/types";

/** Where each resource type names the managed policies it attaches. */
export const MANAGED_POLICY_ARNS_AT: Readonly<Record<string, string>> = {
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

/** The AWS managed policies a resource attaches, by name, and the values that cannot be decided before apply. */
export interface ManagedAttachments {
  /** The attribute that names the policies. */
  readonly path: string;
  readonly names: readonly string[];
  /** Descriptions of the values computed at apply time (`var.policy_arn`). */
  readonly undecided: readonly string[];
}

/**
 * The AWS managed policies `r` attaches (see {@link MANAGED_POLICY_ARNS_AT}), or undefined when it attaches none here
 * (a role without `managed_policy_arns`, which the provider shows computed in a plan).
 */
export function managedAttachments(r: Resource, model: Model): ManagedAttachments | undefined {
  const path = MANAGED_POLICY_ARNS_AT[r.type];
  const v = r.getConfigured(path);
  if (v.kind === "absent") return undefined;
  const elements: Val[] = v.kind === "known" && Array.isArray(v.value) ? r.items(path) ?? [] : [v];
  const names: string[] = [];
  const undecided: string[] = [];
  for (let i = 0; i < elements.length; i++) {
    const name = policyName(elements[i], r, model);
    if (name === UNDECIDED) undecided.push(describe(elements[i]));
    else if (name !== undefined) names.push(name);
  }
  return { path, names, undecided };
}

/** The name of an AWS managed policy ARN (any partition), or undefined for other ARNs. */
function awsManagedName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/([\w+=,.@-]+)$/.exec(arn.trim());
  return m?.[1];
}

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
