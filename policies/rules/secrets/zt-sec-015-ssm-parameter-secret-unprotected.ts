import { Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { judgeKmsKey } from "./_kms";
import { POINTER_NAME, SECRET_NAME, isSecretValue } from "./_secret-values";

/** Name parts that say a parameter holds key material or a credential, beyond the variable names of {@link SECRET_NAME}. */
const SECRET_PART = /(^|[_.-])(KEY|PASSPHRASE|PWD|DSN|CONNECTION[_-]?STRING|CERT[_-]?KEY|SIGNING[_-]?KEY)([_.-]|$)/i;
/** Parts that name something public, or that describes a secret without holding it. */
const PUBLIC_PART = /(^|[_.-])(PUBLIC|PUB)([_.-]|$)/i;

/**
 * True when a parameter name says it holds a secret: one of its path segments or dotted parts (`/app/db/password`, `/app/github.token`) is a secret name
 * (`password`, `db-password`, `api_key`, `client-secret`, `token`, `private-key`, `signing-key`, `passphrase`...) and
 * not a pointer to one (`password-arn`, `token-ttl`) or a public value (`public-key`).
 */
export function isSecretParameterName(name: string): boolean {
  return name
    .split(/[/.]/)
    .filter((part) => part !== "")
    .some((part) => (SECRET_NAME.test(part) || SECRET_PART.test(part)) && !POINTER_NAME.test(part) && !PUBLIC_PART.test(part));
}

/** Why a parameter is judged as a secret, or undefined when nothing says it is one. */
function secretBecause(r: Resource): string | undefined {
  const type = r.str("type");
  if (type === "SecureString") return "it is a SecureString";
  const name = r.str("name");
  if (name !== undefined && isSecretParameterName(name)) return `its name ${name} says it holds a secret`;
  const value = r.get("value");
  if (value.kind === "unknown" && value.refs.some(isSecretValue)) return `its value comes from ${value.refs.filter(isSecretValue).map((x) => x.raw).join(", ")}`;
  return undefined;
}

export const ztSec015 = defineRule({
  id: "ZT-SEC-015",
  title: "SSM parameter holding a secret is not a SecureString encrypted with a customer-managed KMS key",
  severity: "high",
  domain: "secrets",
  rationale:
    "A `String` or `StringList` parameter is stored and returned in plain text: every identity allowed ssm:GetParameter* or ssm:DescribeParameters on it, and every console user browsing Parameter Store, reads the secret, and no KMS key policy stands in the way. A SecureString under the AWS managed key alias/aws/ssm is decrypted for any principal of the account that may read the parameter. Zero trust keeps secrets in SecureString parameters under a customer-managed key whose policy names the readers (or in Secrets Manager). " +
    "A parameter counts as a secret when it is a SecureString, when its value comes from a resource attribute that holds one (`random_password.x.result`, an access key's secret), or when a segment of its name says so: password, passwd, pwd, passphrase, secret, token, credential(s), api-key, access-key, private-key, signing-key, key, dsn or connection-string, with `_`, `-` or `.` around the word, unless the segment ends as a pointer (`-arn`, `-id`, `-name`, `-url`, `-ttl`...) or says public (`public-key`). Deliberately narrower than CKV2_AWS_34 and CKV_AWS_337, which judge every parameter, configuration values included.",
  remediation:
    "Set type = \"SecureString\" and key_id to a customer-managed key (ZT Blueprint ServiceKey), granting kms:Decrypt only to the readers; or move the secret to a Secrets Manager secret (ServiceSecrets). Write the value out of band or with value_wo so it does not reach the state (ZT-SEC-008).",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["SC-28", "SC-12", "IA-5(7)"],
    checkov: ["CKV2_AWS_34", "CKV_AWS_337"],
  },
  resourceTypes: ["aws_ssm_parameter"],
  check(r, model) {
    const type = r.get("type");
    if (type.kind === "unknown") return unknown("type is not known until apply", "Type");
    const because = secretBecause(r);
    if (because === undefined) return na("nothing says the parameter holds a secret");
    if (type.kind !== "known" || type.value !== "SecureString") return fail(`the parameter is a ${String(type.kind === "known" ? type.value : "String")}, stored in plain text, though ${because}`, "Type");
    const key = judgeKmsKey(r, "key_id", model);
    if (key.kind === "customer") return pass();
    if (key.kind === "unknown") return unknown(`key_id comes from ${key.detail}; cannot tell whether it is customer managed`, "KeyId");
    const which = key.kind === "absent" ? "the AWS managed key alias/aws/ssm (no key_id)" : `the AWS managed key ${key.detail}`;
    return fail(`the SecureString is encrypted with ${which}, which every principal allowed to read the parameter may use`, "KeyId");
  },
});
