import { Model, Resource } from "../../engine/model";
import { FoundPolicy, policyDocAt } from "./_policies";

/** The trust policy (`assume_role_policy`) of an `aws_iam_role`. */
export function trustPolicy(role: Resource, model: Model): FoundPolicy[] {
  return [{ where: "assume_role_policy", doc: policyDocAt(role, "assume_role_policy", model) }];
}

/** Condition keys that tie a trust or resource policy to known callers. */
export const CALLER_SCOPING_KEYS: readonly string[] = [
  "sts:ExternalId",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:userid",
];
