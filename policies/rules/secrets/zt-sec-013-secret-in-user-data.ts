import { gunzipSync } from "zlib";
import { Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { collectExprRefs } from "../../engine/view";
import { isExpression, referencesInString, unescapeTemplate } from "../../engine/references";
import { Outcome, Ref } from "../../engine/types";
import { isSecretValue, secretsInText } from "./_secret-values";

/** A user data attribute, and whether it holds base64 text. */
interface UserDataAttribute {
  readonly path: string;
  readonly base64: boolean;
}

const PLAIN_AND_BASE64: readonly UserDataAttribute[] = [
  { path: "user_data", base64: false },
  { path: "user_data_base64", base64: true },
];

/** Where each host type keeps its user data. */
const ATTRIBUTES: Readonly<Record<string, readonly UserDataAttribute[]>> = {
  aws_instance: PLAIN_AND_BASE64,
  aws_launch_configuration: PLAIN_AND_BASE64,
  aws_launch_template: [{ path: "user_data", base64: true }],
};

/** Functions whose result the configuration does not show: the user data they build cannot be read. */
const OPAQUE_CALL = /\b(file|filebase64|templatefile|filebase64sha256|base64gzip)\s*\(/;

/** The most user data AWS accepts is 16 KB; a gzip body is not unpacked beyond this. */
const MAX_UNPACKED = 1024 * 1024;

export const ztSec013 = defineRule({
  id: "ZT-SEC-013",
  title: "Secret written into EC2 user data",
  severity: "high",
  domain: "secrets",
  rationale:
    "User data is configuration, not secret storage: anyone allowed ec2:DescribeInstanceAttribute or " +
    "ec2:DescribeLaunchTemplateVersions reads it, every process on the host reads it from the instance metadata " +
    "service, and Terraform keeps it in state. An AWS access key, a private key or a password written there is a " +
    "standing credential outside any access decision, the opposite of the per-request, identity-based access " +
    "zero trust asks for. The rule reads user_data as written and user_data_base64 (and a launch template's " +
    "user_data) decoded, gzip included. Broader than CKV_AWS_46, which reads aws_instance user_data only.",
  remediation:
    "Give the host an instance profile (the library's ServiceIdentity) instead of access keys, keep passwords and " +
    "private keys in Secrets Manager (ServiceSecrets) and fetch them at boot (`aws secretsmanager " +
    "get-secret-value`), and rotate any credential that was written into user data: it stays in old launch " +
    "template versions and in Terraform state.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["IA-5(7)", "SC-28", "SC-12"],
    checkov: ["CKV_AWS_46"],
  },
  resourceTypes: Object.keys(ATTRIBUTES),
  check(r) {
    const outcomes: Outcome[] = [];
    const attrs = ATTRIBUTES[r.type];
    for (let i = 0; i < attrs.length; i++) outcomes.push(...judgeAttribute(r, attrs[i]));
    return outcomes.length > 0 ? outcomes : pass();
  },
});

/** The fails (one per kind of secret), or an unknown, or nothing for one user data attribute. */
function judgeAttribute(r: Resource, attr: UserDataAttribute): Outcome[] {
  const { texts, refs, unreadable } = userDataOf(r, attr);
  const found = new Map<string, string>();
  for (let i = 0; i < texts.length; i++) {
    const secrets = secretsInText(texts[i]);
    for (let j = 0; j < secrets.length; j++) if (!found.has(secrets[j].kind)) found.set(secrets[j].kind, secrets[j].what);
  }
  const secretRef = refs.find(isSecretValue);
  if (secretRef !== undefined) found.set("SecretValue", `the secret value ${secretRef.raw}`);
  const out: Outcome[] = [];
  found.forEach((what, kind) => out.push(fail(`${attr.path} holds ${what}`, `UserData::${kind}`)));
  if (out.length === 0 && unreadable !== undefined) out.push(unknown(`${attr.path} ${unreadable}`, "UserData"));
  return out;
}

/** The texts a user data attribute holds (as written and decoded), the references it takes, and why some is unreadable. */
interface UserData {
  readonly texts: readonly string[];
  readonly refs: readonly Ref[];
  readonly unreadable?: string;
}

const NONE: UserData = { texts: [], refs: [] };

function userDataOf(r: Resource, attr: UserDataAttribute): UserData {
  if (!r.literal) {
    const raw = r.rawAt(attr.path);
    return typeof raw === "string" ? fromConfiguration(raw, attr.base64) : NONE;
  }
  // In a plan, aws_instance and aws_launch_configuration keep a hash of user_data, not the text: read the
  // configuration's expression, and the planned value where it is the text itself.
  const expr = (r.exprTree as Record<string, unknown> | undefined)?.[attr.path] as { constant_value?: unknown } | undefined;
  const planned = r.get(attr.path);
  const texts: string[] = [];
  let refs: readonly Ref[] = [];
  let unreadable: string | undefined;
  if (expr !== undefined && typeof expr.constant_value === "string") {
    const c = fromConfiguration(expr.constant_value, attr.base64);
    texts.push(...c.texts);
    refs = c.refs;
    unreadable = c.unreadable;
  } else if (expr !== undefined) {
    refs = collectExprRefs(expr);
    unreadable = readable(refs, "");
  }
  if (planned.kind === "known" && typeof planned.value === "string" && (attr.base64 || r.type === "aws_launch_template")) {
    const decoded = decode(planned.value);
    if (decoded !== undefined) {
      texts.push(decoded);
      unreadable = undefined;
    }
  }
  return { texts, refs, unreadable };
}

/** User data as the configuration writes it: plain or base64 text, or an expression whose literal parts are read. */
function fromConfiguration(raw: string, base64: boolean): UserData {
  if (!isExpression(raw)) {
    const text = unescapeTemplate(raw);
    const decoded = base64 ? decode(text) : undefined;
    return { texts: decoded === undefined ? [text] : [text, decoded], refs: [] };
  }
  // The literal parts of an expression (`${base64encode("#!/bin/bash ...")}`) are part of the text it makes.
  const refs = referencesInString(raw);
  return { texts: [unescapeHcl(raw)], refs, unreadable: readable(refs, raw) };
}

/**
 * Why an expression's text cannot be read in full: it takes a value from outside the configuration (a variable, a
 * local, a module) or reads a file. Undefined when every part of it is written out or is a resource attribute.
 */
function readable(refs: readonly Ref[], raw: string): string | undefined {
  if (OPAQUE_CALL.test(raw)) return "is built from a file the configuration does not show";
  if (refs.some((ref) => ref.kind !== "resource" && ref.kind !== "data")) return "takes a value from outside the configuration (a variable or local) that may hold a secret";
  return undefined;
}

/** Base64 text decoded (and gunzipped), or undefined when it is not base64 of readable text. */
function decode(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  if (compact.length < 4 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  let bytes = Buffer.from(compact, "base64");
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED });
    } catch {
      return undefined;
    }
  }
  return bytes.toString("utf8");
}

/** HCL string escapes in an expression's text, read as the characters they stand for. */
function unescapeHcl(text: string): string {
  return text.replace(/\\(["\\nrt])/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c));
}
