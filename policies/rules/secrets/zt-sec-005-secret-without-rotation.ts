import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { rotationInterval } from "./_rotation";

const MAX_DAYS = 90;

export const ztSec005 = defineRule({
  id: "ZT-SEC-005",
  title: "Secrets Manager secret is not rotated at least every 90 days",
  severity: "medium",
  domain: "secrets",
  rationale:
    "A credential that never changes stays useful to whoever copied it, for as long as it exists. Zero trust assumes credentials leak and keeps their lifetime short through automatic rotation. Security Hub SecretsManager.4 is judged here on the rotation schedule; whether the rotations succeed (SecretsManager.2) shows only in the running account.",
  remediation:
    "Add an `aws_secretsmanager_secret_rotation` whose `secret_id` references the secret, with `rotation_rules.automatically_after_days` of 90 or less (or an equivalent `schedule_expression`).",
  references: {
    nist800207: ["Tenet 3", "Tenet 5"],
    nist80053: ["IA-5", "SC-12"],
    checkov: ["CKV2_AWS_57", "CKV_AWS_304"],
    cdkNag: ["AwsSolutions-SMG4", "NIST.800.53.R5-SecretsManagerRotationEnabled"],
    securityHub: ["SecretsManager.1", "SecretsManager.4"],
  },
  resourceTypes: ["aws_secretsmanager_secret"],
  check(secret, model) {
    const rotations = [...model.referrers(secret, "aws_secretsmanager_secret_rotation", "secret_id")];
    const name = secret.str("name");
    if (name !== undefined) {
      const byLiteralId = rotationsByLiteralId(model, secret).get(name) ?? [];
      for (let i = 0; i < byLiteralId.length; i++) {
        const r = byLiteralId[i];
        if (!rotations.includes(r)) rotations.push(r);
      }
    }
    if (rotations.length === 0) return fail("no aws_secretsmanager_secret_rotation references this secret: it is never rotated");
    const problems: string[] = [];
    let undecided: string | undefined;
    for (let i = 0; i < rotations.length; i++) {
      const r = rotations[i];
      const interval = rotationInterval(r);
      if (interval.kind === "unknown") undecided = `${r.address}: ${interval.message}`;
      else if (interval.days <= MAX_DAYS) return pass();
      else problems.push(`${r.address} rotates only every ${Math.round(interval.days)} days (${interval.source})`);
    }
    if (undecided) return unknown(undecided);
    return fail(`${problems.join("; ")}; at most ${MAX_DAYS} days expected`);
  },
});

/** The rotations of a stack by the literal `secret_id` they name (a secret name or ARN), computed once per stack. */
function rotationsByLiteralId(model: Model, near: Resource): ReadonlyMap<string, readonly Resource[]> {
  return model.memoIn("sec:rotations-by-literal-id", near, readRotations);
}

function readRotations(near: Resource, model: Model): ReadonlyMap<string, readonly Resource[]> {
  const out = new Map<string, Resource[]>();
  const rotations = model.ofTypeIn("aws_secretsmanager_secret_rotation", near);
  for (let i = 0; i < rotations.length; i++) {
    const r = rotations[i];
    const id = r.str("secret_id");
    if (id === undefined) continue;
    const list = out.get(id);
    if (list) list.push(r);
    else out.set(id, [r]);
  }
  return out;
}
