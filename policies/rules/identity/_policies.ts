import { Model, Resource } from "../../engine/model";
import { fail, na, pass, unknown } from "../../engine/outcome";
import { Condition, PolicyDocument, Principal, Statement, isPublicPrincipal, openValues, policyAt, policyIn, worstCaseStatement } from "../../engine/policy-document";
import { Outcome, Ref } from "../../engine/types";

/** A policy document carried by a resource, and the attribute it came from. */
export interface FoundPolicy {
  readonly where: string;
  readonly doc: PolicyDocument;
}

/** One offending part of a statement. */
export interface Finding {
  readonly item: string;
  readonly message: string;
}

/** Resource types that carry identity-based policies. */
export const IDENTITY_POLICY_TYPES: readonly string[] = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
  "aws_iam_role",
  "aws_ssoadmin_permission_set_inline_policy",
];

/**
 * The policy document at `path` (see `policyAt`, which also reads JSON texts that embed `${...}` tokens and
 * `${jsonencode({...})}` literals). In a plan, a document the configuration leaves out but the provider computes is
 * absent rather than unknown.
 */
export function policyDocAt(resource: Resource, path: string, model: Model): PolicyDocument {
  const doc = policyAt(resource, path, model);
  if (doc.kind === "unknown" && !resource.configured(path)) return { kind: "absent" };
  return doc;
}

/** Identity-based policy documents of a resource (every inline policy of a role). The list is shared: do not change it. */
export function identityPolicies(r: Resource, model: Model): readonly FoundPolicy[] {
  // Every IAM rule judges the same documents: they are found once per model and resource.
  return model.memoFor("iam:identity-policies", r, findIdentityPolicies);
}

function findIdentityPolicies(r: Resource, model: Model): FoundPolicy[] {
  if (r.type === "aws_iam_role") {
    const blocks = r.blocks("inline_policy");
    if (blocks.length === 0) {
      // In a plan a role without inline_policy blocks shows them computed: only a configured list is unknown.
      if (r.blocksUnknown("inline_policy") && r.configured("inline_policy")) {
        return [{ where: "inline_policy", doc: { kind: "unknown", refs: r.refs("inline_policy") } }];
      }
      return [];
    }
    // Blocks a cdktf `dynamic` block generates follow the literal ones; each is judged by its `content` template,
    // which every generated inline policy follows.
    const literal = r.literalBlockCount("inline_policy");
    return blocks.map((b, i) => {
      if (i >= literal) {
        const k = i - literal;
        return { where: blocks.length - literal > 1 ? `dynamic inline_policy[${k}]` : "dynamic inline_policy", doc: policyIn(b, "policy", r, model) };
      }
      return {
        where: `inline_policy[${b.str("name") ?? i}]`,
        doc: b.has("policy") ? policyDocAt(r, `inline_policy.${i}.policy`, model) : { kind: "absent" },
      };
    });
  }
  if (r.type === "aws_ssoadmin_permission_set_inline_policy") return [{ where: "inline_policy", doc: policyDocAt(r, "inline_policy", model) }];
  return [{ where: "policy", doc: policyDocAt(r, "policy", model) }];
}

/**
 * Runs `inspect` on every statement of the documents and turns the findings into outcomes: one fail per
 * distinct item, one unknown per document that cannot be read, pass when neither; na when there is no document.
 */
export function judgePolicies(
  found: readonly FoundPolicy[],
  inspect: (s: Statement, label: string) => readonly Finding[],
  only?: (s: Statement) => boolean,
): Outcome | Outcome[] {
  let present = false;
  let out: Outcome[] | undefined;
  let seen: string[] | undefined;
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    const doc = f.doc;
    if (doc.kind === "absent") continue;
    present = true;
    if (doc.kind === "unknown") {
      (out ??= []).push(unknown(`${f.where} is not known until apply${describeRefs(doc.refs)}`));
    } else if (doc.kind === "invalid") {
      (out ??= []).push(unknown(`${f.where} cannot be read: ${doc.error}`));
    } else {
      const statements = doc.statements;
      for (let i = 0; i < statements.length; i++) {
        const s = statements[i];
        const label = statementLabel(s, i);
        const findings = only !== undefined && !only(s) ? NO_FINDINGS : inspect(s, label);
        for (let j = 0; j < findings.length; j++) {
          const finding = findings[j];
          if (seen !== undefined && seen.includes(finding.item)) continue;
          (seen ??= []).push(finding.item);
          (out ??= []).push(fail(`${f.where}: ${finding.message}`, finding.item));
        }
        // A value known only at apply (`${var.r}`) may be a wildcard: what the statement would fail with the worst
        // value there, and does not fail with the value as written, is unknown, never a pass.
        const worst = worstCaseStatement(s);
        if (worst === undefined || (only !== undefined && !only(worst))) continue;
        const possible = inspect(worst, label);
        for (let j = 0; j < possible.length; j++) {
          const finding = possible[j];
          if (findings.some((g) => g.item === finding.item) || (seen !== undefined && seen.includes(finding.item))) continue;
          (seen ??= []).push(finding.item);
          const values = openValues(s).join(", ");
          (out ??= []).push(unknown(`${f.where}: statement ${label} takes ${values} at apply; if that is a wildcard: ${finding.message}`, finding.item));
        }
      }
    }
  }
  if (!present) return na("no policy document");
  return out ?? pass();
}

/** No findings; shared, do not change. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** `Sid` of a statement, or its position. */
export function statementLabel(s: Statement, index: number): string {
  if (s.sid && s.sid.length > 0) return s.sid;
  return index < POSITION_LABELS.length ? POSITION_LABELS[index] : `#${index}`;
}

const POSITION_LABELS: readonly string[] = Array.from({ length: 32 }, (_, i) => `#${i}`);

function describeRefs(refs: readonly Ref[]): string {
  if (refs.length === 0) return "";
  return ` (depends on ${refs.map((r) => r.address + (r.attr ? "." + r.attr : "")).join(", ")})`;
}

/** Condition keys that tie a resource policy statement to callers of known accounts, organizations or networks. */
export const PRINCIPAL_SCOPING_KEYS: readonly string[] = [
  "aws:PrincipalAccount",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalArn",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceVpce",
  "aws:SourceVpc",
  "aws:VpceAccount",
  "aws:VpceOrgID",
  "aws:VpceOrgPaths",
  "aws:userid",
];

/**
 * Judges the resource policy at `path` (`policy` unless given): one fail when an Allow statement admits any AWS
 * principal (`Principal::*`), or every principal but those its `NotPrincipal` names (`NotPrincipal::*`), without a
 * condition on one of `scopingKeys`. `use` says what the statement lets them do (` to use the key`).
 */
export function judgePublicResourcePolicy(resource: Resource, model: Model, scopingKeys: readonly string[], use = "", path = "policy"): Outcome | Outcome[] {
  return judgePolicies([{ where: path, doc: policyDocAt(resource, path, model) }], (s, label) => {
    if (s.effect !== "Allow") return NO_FINDINGS;
    const anyone = admitsAnyone(s.principals);
    if (!anyone && (s.notPrincipals === undefined || s.principals !== undefined)) return NO_FINDINGS;
    if (restrictedBy(s, scopingKeys)) return NO_FINDINGS;
    if (anyone) return [{ item: "Principal::*", message: `statement ${label} allows any AWS principal${use} without a condition on the caller` }];
    return [{ item: "NotPrincipal::*", message: `statement ${label} allows every AWS principal but those in NotPrincipal${use}, without a condition on the caller` }];
  });
}

/**
 * Judges the identity policies of `resource` (see `judgePolicies`), running `inspect` on the Allow statements
 * that cover every resource.
 */
export function judgeAllowOnEveryResource(resource: Resource, model: Model, inspect: (s: Statement, label: string) => readonly Finding[]): Outcome | Outcome[] {
  return judgePolicies(identityPolicies(resource, model), inspect, allowsEveryResource);
}

function allowsEveryResource(s: Statement): boolean {
  return s.effect === "Allow" && coversAllResources(s);
}

/** True when the principals admit every AWS identity: `*`, `{"AWS": "*"}` or `arn:aws:iam::*:...`. */
export function admitsAnyone(principals: readonly Principal[] | undefined): boolean {
  if (isPublicPrincipal(principals)) return true;
  return (principals ?? []).some((p) => p.type === "AWS" && p.ids.some((id) => /^arn:aws[a-z-]*:iam::\*:/.test(id)));
}

/** Principals naming a whole account: `123456789012` or `arn:aws:iam::123456789012:root`. */
export function accountRoots(principals: readonly Principal[] | undefined): string[] {
  const out: string[] = [];
  const list = principals ?? [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (p.type !== "AWS") continue;
    const ids = p.ids;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j];
      if (/^\d{12}$/.test(id) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(id)) out.push(id);
    }
  }
  return out;
}

/**
 * True when the statement carries a condition on one of `keys` that really narrows who matches (see
 * `narrowingCondition`). A key ending in `/` matches every key with that prefix (`aws:ResourceTag/`).
 */
export function restrictedBy(s: Statement, keys: readonly string[]): boolean {
  const wanted = keys.map((k) => k.toLowerCase());
  return s.conditions.some((c) => {
    const key = c.key.toLowerCase();
    return wanted.some((w) => (w.endsWith("/") ? key.startsWith(w) : key === w)) && narrowingCondition(c);
  });
}

/** Operators whose match on a value narrows an Allow to the requests that carry that value. */
const NARROWING_TESTS: readonly string[] = ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"];

/**
 * True when a condition admits only the requests whose key has one of its values, and every value names a definite
 * caller, network or resource:
 * - the operator is `StringEquals`, `StringEqualsIgnoreCase`, `StringLike`, `ArnEquals` or `ArnLike`, also under
 *   `ForAnyValue:` (false when the key is absent). `...IfExists` and `ForAllValues:` match requests without the key,
 *   `Null` tests only presence, and negated operators (`StringNotEquals`, `ArnNotLike`...) admit everything else;
 * - no value is a catch-all (see `narrowingValue`): one catch-all value among several admits everyone.
 *
 * A wildcard is read as one under every operator: `StringEquals` with `*` matches nobody but the literal text, and
 * such a statement means the wildcard it was written with.
 */
export function narrowingCondition(c: Condition): boolean {
  let test = c.test.toLowerCase();
  if (test.startsWith("forallvalues:")) return false;
  if (test.startsWith("foranyvalue:")) test = test.slice("foranyvalue:".length);
  if (!NARROWING_TESTS.includes(test)) return false;
  return c.values.length > 0 && c.values.every((v) => narrowingValue(c.key, v));
}

/**
 * Keys whose values are identifiers (accounts, organizations, endpoints, networks, external ids, the policies an IAM
 * action may attach or require as boundary): any wildcard widens them.
 */
const IDENTIFIER_KEYS: readonly string[] = [
  "aws:principalaccount",
  "aws:sourceaccount",
  "aws:resourceaccount",
  "aws:vpceaccount",
  "aws:sourceowner",
  "kms:calleraccount",
  "aws:principalorgid",
  "aws:sourceorgid",
  "aws:resourceorgid",
  "aws:vpceorgid",
  "aws:sourcevpce",
  "aws:sourcevpc",
  "sts:externalid",
  "iam:policyarn",
  "iam:permissionsboundary",
];

/** Keys whose values are ARNs: the account field, or for ARNs without one (S3 buckets) the resource name, must be exact. */
const ARN_KEYS: readonly string[] = ["aws:principalarn", "aws:sourcearn"];

/**
 * True when a condition value on `key` narrows: a value without `*` or `?` always does (a `${...}` token is one value
 * known at apply). With a wildcard, the part that names the owner must be exact: nothing of an identifier
 * (`o-*`, `1111*`), the account of an ARN (`arn:aws:iam::*:role/x`), the organization of an `...OrgPaths` value
 * (`o-a1b2c3/*` narrows, `o-*` does not), the unique id of `aws:userid` (`AROAEXAMPLE:*`), the service of
 * `kms:ViaService` (`secretsmanager.*.amazonaws.com`); for other keys a literal start (`team-*`, not `*`).
 */
export function narrowingValue(key: string, value: string): boolean {
  const v = value.replace(/\$\{[^}]*\}/g, "X");
  const wild = v.search(/[*?]/);
  if (wild < 0) return v.length > 0;
  const k = key.toLowerCase();
  if (IDENTIFIER_KEYS.includes(k)) return false;
  if (ARN_KEYS.includes(k)) return narrowingArn(v);
  if (k.endsWith("orgpaths")) return /^[^*?/]+\//.test(v);
  if (k === "aws:userid") return /^[^*?:]+:/.test(v);
  if (k === "kms:viaservice") return /^[^*?.]+\./.test(v);
  return wild > 0;
}

/** An ARN pattern whose account is exact, or, for ARNs without an account (S3 buckets), whose first resource name is. */
function narrowingArn(arn: string): boolean {
  const parts = arn.split(":");
  // Fewer than six fields: a wildcard stands for the account and everything after it (`arn:aws:iam::*`).
  if (parts.length < 6) return false;
  const account = parts[4];
  if (account !== "") return !/[*?]/.test(account);
  if (/[*?]/.test(parts.slice(0, 4).join(":"))) return false;
  return /^[^*?/:]+(?:[/:]|$)/.test(parts.slice(5).join(":"));
}

/** True when a statement's resources cover every resource: `*` or an all-wildcard ARN such as `arn:aws:*:*:*:*`. */
export function coversAllResources(s: Statement): boolean {
  return (s.resources ?? []).some((r) => r === "*" || /^arn:(?:\*|aws[a-z-]*)(?::\*)+$/.test(r) || r === "arn:*");
}

/** True when a statement's action list is exactly full access (`*` or `*:*`). */
export function isFullWildcard(action: string): boolean {
  return action === "*" || action === "*:*";
}

/** True when an action is every action of one service (`s3:*`). */
export function isServiceWildcard(action: string): boolean {
  return /^[A-Za-z0-9-]+:\*$/.test(action);
}

/**
 * True when a resource ARN covers every resource of one type: its resource part is only a wildcard, or a resource type
 * and a wildcard (`role/*`, `secret:*`, `key/*`, `parameter/*`, `table/*`, and every object of every S3 bucket).
 */
export function coversResourceType(resource: string): boolean {
  const parts = resource.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return false;
  return WHOLE_TYPE.test(parts.slice(5).join(":"));
}

/** The resource part of an ARN that names every resource of a type (type names of IAM, STS, Secrets Manager, KMS, SSM, DynamoDB, RDS). */
const WHOLE_TYPE = /^(?:(?:role|user|group|policy|instance-profile|assumed-role|secret|key|alias|parameter|table|dbuser)[/:])?\*(?:\/\*)?$/;

/**
 * True for an Allow statement that reaches resources broadly: every resource (see `coversAllResources`), every resource
 * of a type (see `coversResourceType`), or every resource but those its `NotResource` lists.
 */
export function allowsBroadly(s: Statement): boolean {
  if (s.effect !== "Allow") return false;
  if (s.notResources !== undefined && s.notResources.length > 0) return true;
  return coversAllResources(s) || (s.resources ?? []).some(coversResourceType);
}

/**
 * True when an Allow statement (see `allowsBroadly`) reaches every resource `action` applies to: every resource, every
 * resource but a `NotResource` list, or every resource of a type of the action's service (`sts:AssumeRole` acts on
 * IAM roles). `s3:GetObject` on `arn:aws:dynamodb:...:table/*` does not.
 */
export function reachesBroadly(s: Statement, action: string): boolean {
  if (s.notResources !== undefined && s.notResources.length > 0) return true;
  if (coversAllResources(s)) return true;
  const service = action.slice(0, action.indexOf(":")).toLowerCase();
  const arnService = service === "sts" ? "iam" : service;
  return (s.resources ?? []).some((r) => coversResourceType(r) && [arnService, "*"].includes((r.split(":")[2] ?? "").toLowerCase()));
}

/** What a statement's resources are, for messages: `every resource`, `every resource but ...` or the broad ARNs. */
export function broadResources(s: Statement): string {
  if (coversAllResources(s)) return "every resource";
  if (s.notResources !== undefined && s.notResources.length > 0) return `every resource but ${s.notResources.join(", ")}`;
  return (s.resources ?? []).filter(coversResourceType).join(", ");
}
