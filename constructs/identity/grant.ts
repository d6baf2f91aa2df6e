import { PolicyCondition, PolicyStatementJson, conditionBlock, oneOrMany } from "./policy-json";
import { isEscalationAction } from "../../policies/shared/iam-actions";
import { constructError, isToken } from "./validate";

/** Minimum length of the reason given with `allowWildcardResource`. */
export const MIN_WILDCARD_REASON_LENGTH = 10;

/** A least-privilege permission of a service identity: named actions on concrete resources. */
export interface GrantOptions {
  /**
   * Statement id: letters and digits only. Grants with the same sid, actions and conditions are
   * merged into one statement whose resources are the union of theirs.
   */
  readonly sid: string;
  /** IAM actions, each `service:Action` without wildcards, e.g. `secretsmanager:GetSecretValue`. */
  readonly actions: string[];
  /**
   * ARNs of the resources, e.g. a secret's `arn` attribute. `*` and ARN patterns need `allowWildcardResource`, and are
   * refused for actions that escalate privileges (`iam:PassRole`, `iam:PutRolePolicy`, `sts:AssumeRole`...: the list
   * in `policies/shared/iam-actions.ts`) whatever the reason.
   */
  readonly resources: string[];
  /**
   * Conditions that further narrow the statement.
   *
   * @default - no conditions
   */
  readonly conditions?: PolicyCondition[];
  /**
   * Why a resource of `*` (or an ARN with `*` or `?`) is needed, at least ten characters, e.g. for
   * an API without resource-level permissions. The reason is kept with the grant in `ServiceIdentity.grants`, and
   * recorded with the name of this prop as a suppression of ZT-IAM-018 (data access on every resource) limited to the
   * grant's statement, so every policy report shows the wider scope.
   *
   * @default - wildcard resources are rejected
   */
  readonly allowWildcardResource?: string;
}

/** A grant as recorded by a service identity, after merging. */
export interface Grant {
  /** Statement id. */
  readonly sid: string;
  /** Actions, in the order first given. */
  readonly actions: readonly string[];
  /** Resources, in the order given, duplicates removed. */
  readonly resources: readonly string[];
  /** Conditions. */
  readonly conditions: readonly PolicyCondition[];
  /**
   * Reason a wildcard resource is allowed, when one is.
   *
   * @default - no wildcard resource
   */
  readonly wildcardReason?: string;
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const SID = /^[A-Za-z0-9]{1,128}$/;

/** True when a literal resource is `*` or an ARN pattern. Tokens are concrete ARNs. */
export function isWildcardResource(resource: string): boolean {
  return !isToken(resource) && /[*?]/.test(resource);
}

/** Checks one grant, naming the identity and the offending field in errors. */
export function validateGrant(id: string, g: GrantOptions): void {
  const where = `grant "${g.sid}"`;
  if (typeof g.sid !== "string" || !SID.test(g.sid)) {
    throw constructError("ServiceIdentity", id, `grant sid "${g.sid}" must be 1 to 128 letters or digits; pass a name such as "ReadOrdersSecrets".`);
  }
  if (!Array.isArray(g.actions) || g.actions.length === 0) {
    throw constructError("ServiceIdentity", id, `${where} has no actions; list the exact actions the service calls.`);
  }
  for (const action of g.actions) {
    if (isToken(action) || !ACTION.test(action)) {
      throw constructError("ServiceIdentity", id, `${where} action "${action}" is not allowed; name one action as "service:Action" without wildcards, e.g. "secretsmanager:GetSecretValue".`);
    }
  }
  if (!Array.isArray(g.resources) || g.resources.length === 0) {
    throw constructError("ServiceIdentity", id, `${where} has no resources; pass the ARNs the actions apply to.`);
  }
  const wildcards = g.resources.filter(isWildcardResource);
  const escalation = g.actions.find(isEscalationAction);
  if (wildcards.length > 0 && escalation !== undefined) {
    throw constructError(
      "ServiceIdentity",
      id,
      `${where} action "${escalation}" on wildcard resource "${wildcards[0]}" would let the service escalate its privileges, and allowWildcardResource cannot allow it; pass the exact ARNs of the roles, users, groups or policies in resources.`,
    );
  }
  const reason = g.allowWildcardResource;
  if (wildcards.length > 0 && (typeof reason !== "string" || reason.trim().length < MIN_WILDCARD_REASON_LENGTH)) {
    throw constructError(
      "ServiceIdentity",
      id,
      `${where} resource "${wildcards[0]}" is a wildcard; pass concrete ARNs, or allowWildcardResource with a reason of at least ${MIN_WILDCARD_REASON_LENGTH} characters when the API has no resource-level permissions.`,
    );
  }
  if (wildcards.length === 0 && reason !== undefined) {
    throw constructError("ServiceIdentity", id, `${where} passes allowWildcardResource but no resource is a wildcard; remove allowWildcardResource.`);
  }
  for (const r of g.resources) {
    if (!isToken(r) && r !== "*" && !r.startsWith("arn:")) {
      throw constructError("ServiceIdentity", id, `${where} resource "${r}" is not an ARN; pass the resource's ARN (e.g. its \`arn\` attribute).`);
    }
  }
  for (const c of g.conditions ?? []) {
    if (!c.test || !c.variable || !Array.isArray(c.values) || c.values.length === 0) {
      throw constructError("ServiceIdentity", id, `${where} has a condition without test, variable or values; give all three.`);
    }
  }
}

/** Merges `g` into `grants` (same sid: same actions and conditions required) and returns the new list. */
export function mergeGrant(id: string, grants: readonly Grant[], g: GrantOptions): Grant[] {
  const conditions = g.conditions ?? [];
  const reason = g.allowWildcardResource?.trim();
  const at = grants.findIndex((x) => x.sid === g.sid);
  if (at < 0) {
    return [...grants, { sid: g.sid, actions: unique(g.actions), resources: unique(g.resources), conditions, wildcardReason: reason }];
  }
  const existing = grants[at];
  const sameActions = sameSet(existing.actions, g.actions);
  const sameConditions = JSON.stringify(existing.conditions) === JSON.stringify(conditions);
  if (!sameActions || !sameConditions || existing.wildcardReason !== reason) {
    throw constructError(
      "ServiceIdentity",
      id,
      `grant sid "${g.sid}" is already used with other actions, conditions or wildcard reason; give this grant its own sid.`,
    );
  }
  const merged: Grant = { ...existing, resources: unique([...existing.resources, ...g.resources]) };
  return grants.map((x, i) => (i === at ? merged : x));
}

/** The IAM statement of a grant; `resolve` turns tokens into their final text so duplicates collapse. */
export function grantStatement(g: Grant, resolve: (value: string) => string): PolicyStatementJson {
  const resources = unique(g.resources.map(resolve));
  return {
    Sid: g.sid,
    Effect: "Allow",
    Action: oneOrMany(g.actions),
    Resource: oneOrMany(resources),
    Condition: conditionBlock(g.conditions),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = unique(a).sort();
  const y = unique(b).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
