import { Model, Resource } from "../../engine/model";
import { fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { judgeKmsKey } from "../secrets/_kms";

/** Pass when `kms_key_id` names a customer-managed key; fail when absent or AWS managed; unknown otherwise. */
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
