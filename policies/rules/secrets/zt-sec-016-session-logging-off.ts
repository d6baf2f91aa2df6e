import { parse as parseYaml } from "yaml";
import { Resource } from "../../engine/model";
import { jsonOfText } from "../../engine/json-text";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** The `inputs` of a Session Manager preferences document (sessionType Standard_Stream), as far as they can be read. */
type Preferences = { readonly kind: "inputs"; readonly inputs: Record<string, unknown> } | { readonly kind: "other" } | { readonly kind: "unreadable"; readonly why: string };

/** Reads the document's content (JSON, `${jsonencode(...)}` or YAML) and returns its inputs when it holds session preferences. */
function preferencesOf(r: Resource): Preferences {
  const raw = r.rawAt("content");
  if (typeof raw !== "string") return r.get("content").kind === "unknown" ? { kind: "unreadable", why: "content is not known until apply" } : { kind: "other" };
  let doc: unknown;
  const json = jsonOfText(raw);
  if (json !== undefined) doc = json.value;
  else if (r.get("content").kind !== "known") return { kind: "unreadable", why: "content is not known until apply" };
  else {
    try {
      doc = parseYaml(raw) as unknown;
    } catch {
      return { kind: "unreadable", why: "content is neither JSON nor YAML" };
    }
  }
  if (typeof doc !== "object" || doc === null) return { kind: "unreadable", why: "content is not a document" };
  const d = doc as Record<string, unknown>;
  if (d.sessionType !== "Standard_Stream") return { kind: "other" };
  const inputs = d.inputs;
  return { kind: "inputs", inputs: typeof inputs === "object" && inputs !== null ? (inputs as Record<string, unknown>) : {} };
}

/** A token written for a value Terraform computes (`${aws_s3_bucket.logs.id}`). */
const isToken = (v: unknown) => typeof v === "string" && v.includes("${");
/** A destination input that names a bucket or log group: a non-empty string. */
const names = (v: unknown) => typeof v === "string" && v.trim() !== "";
/** A boolean input: `true` or the string "true" (documents written as YAML often quote it). */
const isOn = (v: unknown) => v === true || v === "true";

/** The outcome of one encryption flag of a destination that is configured. */
function encryption(inputs: Record<string, unknown>, flag: string, where: string, item: string): Outcome {
  const v = inputs[flag];
  if (isToken(v)) return unknown(`${flag} is not known until apply`, item);
  return isOn(v) ? pass(item) : fail(`session logs go to ${where} with ${flag} ${v === undefined ? "unset" : `= ${String(v)}`}: encryption of the logs is not enforced`, item);
}

export const ztSec016 = defineRule({
  id: "ZT-SEC-016",
  title: "Session Manager preferences do not log sessions, or log them unencrypted",
  severity: "medium",
  domain: "secrets",
  rationale:
    "Session Manager replaces SSH on hosts without a key pair (ZT Blueprint's HardenedHost): the Session preferences document (sessionType Standard_Stream, by default `SSM-SessionManagerRunShell`) decides whether what an operator or an intruder with ssm:StartSession types and sees is recorded. Without `s3BucketName` or `cloudWatchLogGroupName` in its inputs no session leaves a trace; with a destination whose `s3EncryptionEnabled` or `cloudWatchEncryptionEnabled` is not true, Session Manager also writes to a destination that is not encrypted, and the transcripts (which show secrets typed or printed on the host) are readable by whoever reads the bucket or group. " +
    "Every aws_ssm_document of type Session with sessionType Standard_Stream is judged; port forwarding and interactive command documents are not. A value computed at apply is unknown.",
  remediation:
    "In the preferences document's inputs set `cloudWatchLogGroupName` to a log group encrypted with a customer-managed key (ZT-LOG-001) with `cloudWatchEncryptionEnabled = true`, and/or `s3BucketName` with `s3EncryptionEnabled = true`; set `kmsKeyId` to encrypt the session data itself.",
  references: {
    nist800207: ["Tenet 7"],
    nist80053: ["AU-2", "AU-12", "AU-9", "SC-28"],
    checkov: ["CKV_AWS_113"],
  },
  resourceTypes: ["aws_ssm_document"],
  check(r) {
    const type = r.get("document_type");
    if (type.kind === "known" && type.value !== "Session") return na("not a Session document");
    const prefs = preferencesOf(r);
    if (prefs.kind === "other") return na("not a Session Manager preferences document");
    if (prefs.kind === "unreadable") return unknown(prefs.why, "Logging");
    const { inputs } = prefs;
    const s3 = inputs.s3BucketName;
    const cw = inputs.cloudWatchLogGroupName;
    if (!names(s3) && !names(cw)) return fail("neither s3BucketName nor cloudWatchLogGroupName is set: sessions are not logged", "Logging");
    const out: Outcome[] = [];
    if (names(s3)) out.push(encryption(inputs, "s3EncryptionEnabled", "S3", "S3Encryption"));
    if (names(cw)) out.push(encryption(inputs, "cloudWatchEncryptionEnabled", "CloudWatch Logs", "CloudWatchEncryption"));
    const open = out.filter((o) => o.status !== "pass");
    return open.length > 0 ? open : pass();
  },
});
