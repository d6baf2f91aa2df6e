import { Ref } from "../../engine/types";

/**
 * What a secret looks like: in a name (`DB_PASSWORD`), in a value (a URL with a password, an AWS access key, a
 * private key block), or as the attribute of a resource that holds one (`random_password.db.result`). Shared by the
 * rules that look for secrets written where configuration is kept (environment variables, user data).
 */

/** Variable names that say the value is a secret. */
export const SECRET_NAME = /(^|[_-])(PASSWORD|PASSWD|SECRET|TOKEN|API[_-]?KEY|APIKEY|PRIVATE[_-]?KEY|ACCESS[_-]?KEY|CLIENT[_-]?SECRET|CREDENTIALS?)([_-]|$)/i;
/** Names that say the value only points at a secret, or describes one. */
export const POINTER_NAME = /[_-](ARN|ID|NAME|URL|URI|PATH|FILE|REF|ENDPOINT|HEADER|TTL|EXPIRY|LENGTH|TYPE|VERSION|ISSUER|AUDIENCE|SCOPES?|HOST|PORT|REGION|ENABLED|PREFIX|ALGORITHM)$/i;
/** A URL with a password in it (`postgres://app:password@db/app`), the whole value. */
export const CREDENTIAL_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
/** Values that cannot be secrets: URLs without credentials, numbers and booleans. */
export const PLAIN_VALUE = /^(https?:\/\/[^@\s]*|\d+(\.\d+)?|true|false)$/i;

/** Attributes whose value is a secret, by resource or data source type. */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  random_password: ["result", "bcrypt_hash"],
  aws_secretsmanager_secret_version: ["secret_string", "secret_binary"],
  aws_ssm_parameter: ["value"],
  aws_iam_access_key: ["secret", "ses_smtp_password_v4"],
  tls_private_key: ["private_key_pem", "private_key_openssh", "private_key_pem_pkcs8"],
  aws_db_instance: ["password"],
  aws_rds_cluster: ["master_password"],
};

/** True when a reference reads an attribute that holds a secret (`random_password.db.result`). */
export function isSecretValue(ref: Ref): boolean {
  if ((ref.kind !== "resource" && ref.kind !== "data") || ref.type === undefined || ref.attr === undefined) return false;
  const attrs = SECRET_ATTRIBUTES[ref.type];
  return attrs !== undefined && attrs.includes(ref.attr.split(".")[0]);
}

/** True when a literal value written under `name` is a secret: the name says so and the value is not a pointer. */
export function isNamedSecret(name: string, value: string): boolean {
  const v = value.trim();
  if (v === "" || v.startsWith("arn:") || PLAIN_VALUE.test(v)) return false;
  return SECRET_NAME.test(name) && !POINTER_NAME.test(name);
}

/** A secret found in free text, named without repeating it. */
export interface TextSecret {
  /** Stable item key: `AwsAccessKey`, `AwsSecretKey`, `PrivateKey`, `PasswordUrl`, `NamedSecret`. */
  readonly kind: string;
  /** What was found, e.g. `an AWS access key id (AKIA…)`. */
  readonly what: string;
}

/** AWS access key ids: long-term (AKIA) and temporary (ASIA). */
const ACCESS_KEY_ID = /(?<![A-Z0-9])(AKIA|ASIA)[A-Z2-7]{16}(?![A-Z0-9])/;
/** An AWS secret access key assigned to its usual names (`AWS_SECRET_ACCESS_KEY=`, `aws_secret_access_key =`). */
const SECRET_ACCESS_KEY = /secret_?access_?key["']?\s*[=:]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i;
/** PEM and OpenSSH private key blocks, and PGP private key blocks. */
const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
/** A URL with a password in it, anywhere in a text; the password is captured. */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]+:([^/\s@'"]+)@/gi;
/** A shell or env-file assignment (`export NAME=value`, `NAME="value"`); name and value are captured. */
const ASSIGNMENT = /(?:^|[\s;])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s;'"]+))/gm;

/**
 * The secrets written into a text such as a boot script or a configuration file: AWS access keys, private key
 * blocks, URLs with a password, and literal values assigned to a name that says it holds a secret. Values computed
 * when the text runs (`$(aws secretsmanager get-secret-value ...)`, `$DB_PASSWORD`, `{{ password }}`) are not
 * secrets written into it.
 */
export function secretsInText(text: string): TextSecret[] {
  const found: TextSecret[] = [];
  const key = ACCESS_KEY_ID.exec(text);
  if (key !== null) found.push({ kind: "AwsAccessKey", what: `an AWS access key id (${key[1]}…)` });
  if (SECRET_ACCESS_KEY.test(text)) found.push({ kind: "AwsSecretKey", what: "an AWS secret access key" });
  if (PRIVATE_KEY_BLOCK.test(text)) found.push({ kind: "PrivateKey", what: "a private key block" });
  for (const m of text.matchAll(URL_WITH_PASSWORD)) {
    if (!isPlaceholder(m[1])) {
      found.push({ kind: "PasswordUrl", what: "a URL with a password in it" });
      break;
    }
  }
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = m[1];
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    if (/secret_?access_?key/i.test(name) || isPlaceholder(value) || !isNamedSecret(name, value)) continue;
    found.push({ kind: "NamedSecret", what: `a literal value assigned to ${name}` });
    break;
  }
  return found;
}

/** True for a value filled in when the text runs: a shell expansion, a template placeholder. */
function isPlaceholder(value: string): boolean {
  return /^(\$|`|%|\{\{|<)/.test(value.trim());
}
