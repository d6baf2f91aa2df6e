import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";

export const ztSec007 = defineRule({
  id: "ZT-SEC-007",
  title: "Secret resource policy does not block public access",
  severity: "low",
  domain: "secrets",
  rationale:
    "With `block_public_policy` Secrets Manager validates every policy change and refuses one that would grant broad access, a guardrail that holds even when a later change slips through review.",
  remediation:
    "Set `block_public_policy = true` on `aws_secretsmanager_secret_policy`, and move policies out of the deprecated `policy` argument of `aws_secretsmanager_secret`, which cannot set it.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-3", "CM-7"],
  },
  resourceTypes: ["aws_secretsmanager_secret_policy", "aws_secretsmanager_secret"],
  check(resource) {
    if (resource.type === "aws_secretsmanager_secret") {
      return resource.configured("policy")
        ? fail("the secret's inline `policy` argument cannot block public policies; use aws_secretsmanager_secret_policy with block_public_policy = true")
        : na("no inline policy");
    }
    const v = resource.get("block_public_policy");
    if (v.kind === "unknown") return unknown("block_public_policy is not known until apply");
    return resource.bool("block_public_policy") === true ? pass() : fail("block_public_policy is not true");
  },
});
