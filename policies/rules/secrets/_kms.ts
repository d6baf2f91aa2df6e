import { Model, Resource } from "../../engine/model";
import { fail, pass, unknown } from "../../engine/outcome";
import { Outcome, Ref } from "../../engine/types";

/** What a `kms_key_id`-style attribute says about the key protecting the data. */
export type KeyJudgement =
  | { readonly kind: "customer"; readonly detail: string }
  | { readonly kind: "aws-managed"; readonly detail: string }
  | { readonly kind: "absent" }
  | { readonly kind: "unknown"; readonly detail: string };

/** Resource types whose keys (or aliases) are customer managed by construction. */
const CUSTOMER_KEY_TYPES = ["aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key", "aws_kms_replica_external_key", "aws_kms_alias"];

/** True for `alias/aws/...` names and ARNs: keys AWS creates and controls the policy of. */
export function isAwsManagedKeyName(value: string): boolean {
  return /^alias\/aws\//.test(value) || /:alias\/aws\//.test(value);
}

/**
 * Judges the key named at `path`: a literal ARN, key id or customer alias is customer managed; `alias/aws/...`
 * is AWS managed; an unknown value that references a KMS key, replica key or alias resource of the configuration
 * is customer managed; a reference to a `data.aws_kms_alias` / `data.aws_kms_key` is judged by its known name.
 */
export function judgeKmsKey(r: Resource, path: string, model: Model): KeyJudgement {
  const v = r.get(path);
  if (v.kind === "absent") return { kind: "absent" };
  if (v.kind === "known") {
    if (typeof v.value !== "string" || v.value.trim() === "") return { kind: "absent" };
    return isAwsManagedKeyName(v.value) ? { kind: "aws-managed", detail: v.value } : { kind: "customer", detail: v.value };
  }
  if (v.refs.length === 0 && !r.configured(path)) return { kind: "absent" };
  const resource = v.refs.find((ref) => ref.kind === "resource" && ref.type !== undefined && CUSTOMER_KEY_TYPES.includes(ref.type));
  if (resource) return { kind: "customer", detail: resource.address };
  const refs = v.refs;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    const judged = judgeDataKey(r, ref, model);
    if (judged) return judged;
  }
  return { kind: "unknown", detail: v.refs.length > 0 ? v.refs.map((x) => x.raw).join(", ") : "a value computed at apply" };
}

function judgeDataKey(r: Resource, ref: Ref, model: Model): KeyJudgement | undefined {
  if (ref.kind !== "data" || (ref.type !== "aws_kms_alias" && ref.type !== "aws_kms_key")) return undefined;
  const data = model.resolve(r, ref);
  const name = data?.str(ref.type === "aws_kms_alias" ? "name" : "key_id");
  if (name === undefined) return undefined;
  return isAwsManagedKeyName(name) ? { kind: "aws-managed", detail: `${ref.address} (${name})` } : { kind: "customer", detail: `${ref.address} (${name})` };
}

/** Pass when `kms_key_id` names a customer-managed key; fail when absent (`absentMessage`) or AWS managed; unknown otherwise. */
export function requireCustomerKey(resource: Resource, model: Model, absentMessage: string): Outcome {
  const key = judgeKmsKey(resource, "kms_key_id", model);
  switch (key.kind) {
    case "customer":
      return pass();
    case "absent":
      return fail(absentMessage);
    case "aws-managed":
      return fail(`kms_key_id uses the AWS managed key ${key.detail}`);
    default:
      return unknown(`kms_key_id comes from ${key.detail}; cannot tell whether it is customer managed`);
  }
}
