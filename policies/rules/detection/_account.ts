import { Model, Resource } from "../../engine/model";
import { na } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/**
 * Resource types that run workloads: EC2 instances and what launches them (launch templates, launch configurations,
 * Auto Scaling groups), EKS clusters and node groups, ECS services and Lambda functions. The account-level rules put
 * their finding on the first of them (in this order, then by address), so it lands on the same resource in the
 * synthesized configuration and in its plan.
 */
export const COMPUTE_TYPES: readonly string[] = [
  "aws_instance",
  "aws_launch_template",
  "aws_launch_configuration",
  "aws_autoscaling_group",
  "aws_eks_cluster",
  "aws_eks_node_group",
  "aws_ecs_service",
  "aws_lambda_function",
];

/**
 * Resource types that set something once per account and region: the account's compute defaults (IMDS defaults,
 * EBS encryption by default and its key), account-wide blocks of public access, the password policy, and the
 * audit and detection services themselves. A configuration that declares one of them is where the account's
 * baseline lives.
 */
export const ACCOUNT_SETTING_TYPES: readonly string[] = [
  "aws_ec2_instance_metadata_defaults",
  "aws_ebs_encryption_by_default",
  "aws_ebs_default_kms_key",
  "aws_ebs_snapshot_block_public_access",
  "aws_ec2_image_block_public_access",
  "aws_s3_account_public_access_block",
  "aws_iam_account_password_policy",
  "aws_cloudtrail",
  "aws_guardduty_detector",
  "aws_securityhub_account",
  "aws_config_configuration_recorder",
  "aws_accessanalyzer_analyzer",
];

/** What the account-level rules know about one stack: its first compute resource and its first account-wide setting. */
export interface AccountScope {
  /** The resource the stack's account-level findings sit on, or undefined when the stack runs no compute. */
  readonly anchor: Resource | undefined;
  /** The first account-wide setting the stack declares (in {@link ACCOUNT_SETTING_TYPES} order), if any. */
  readonly setting: Resource | undefined;
}

/** Why an account-level rule does not apply to a stack that declares no account-wide setting. */
export const NOT_THE_ACCOUNT_BASELINE =
  "this configuration declares no account-wide setting (such as aws_ebs_encryption_by_default, aws_cloudtrail or aws_guardduty_detector): " +
  "it is not where the account's baseline lives, and a detector made elsewhere is invisible here";

const NOT_THE_ANCHOR = "an account-level finding sits on the first compute resource of the configuration only";

/** The account scope of the stack of `near`, computed once per stack. */
export function accountScope(model: Model, near: Resource): AccountScope {
  return model.memoIn("detection:account-scope", near, readScope);
}

function readScope(near: Resource, model: Model): AccountScope {
  return { anchor: firstOf(COMPUTE_TYPES, near, model), setting: firstOf(ACCOUNT_SETTING_TYPES, near, model) };
}

function firstOf(types: readonly string[], near: Resource, model: Model): Resource | undefined {
  for (let i = 0; i < types.length; i++) {
    const found = model.ofTypeIn(types[i], near);
    if (found.length > 0) return [...found].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))[0];
  }
  return undefined;
}

/**
 * The `na` outcome of an account-level rule on `r`, or undefined when the rule judges `r`: the first compute resource
 * of a stack that declares account-wide settings.
 */
export function accountRuleSkips(r: Resource, model: Model): Outcome | undefined {
  const scope = accountScope(model, r);
  if (scope.anchor !== r) return na(NOT_THE_ANCHOR);
  if (scope.setting === undefined) return na(NOT_THE_ACCOUNT_BASELINE);
  return undefined;
}

/** The text findings of the account-level rules start with: the compute found and the setting that makes the stack the baseline. */
export function baselineContext(r: Resource, model: Model): string {
  const setting = accountScope(model, r).setting;
  return `this configuration runs compute (${r.address}) and sets account-wide settings (${setting?.address ?? "none"})`;
}

/** The rationale every account-level rule shares: where its finding sits and when it does not apply. */
export const ACCOUNT_LEVEL_NOTE =
  "The setting is account-level: one per account and region, for every workload in it. The finding sits on the first " +
  "compute resource of a configuration that also declares account-wide settings (the account's baseline, such as " +
  "AccountComputeBaseline or AccountSecurityBaseline); a configuration that declares none is a workload configuration " +
  "whose baseline lives elsewhere, and the rule does not apply to it. A service enabled in another configuration or " +
  "account (an organization's delegated administrator) is invisible here: record that with a suppression on the stack " +
  "naming where it is enabled.";

/** Remediation text of rule `id` for a service that the account enables elsewhere. */
export function enabledElsewhere(id: string): string {
  return (
    "When the organization's delegated administrator (or another configuration) enables it for this account and region, " +
    `suppress the rule on the stack with that reason: \`Policy.suppress(stack, "${id}", { reason: "enabled by the organization's delegated administrator" })\`.`
  );
}
