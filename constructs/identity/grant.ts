import { PolicyCondition, PolicyStatementJson, conditionBlock, oneOrMany } from "../core/policy-document";
import { isEscalationAction } from "../../policies/shared/iam-actions";
import { ErrorSource, ValidationError } from "../core/errors";
import { GrantOptions } from "../core/grant";
import { isToken } from "../core/validate";

/** Minimum length of the reason given with `allowWildcardResource`. */
export const MIN_WILDCARD_REASON_LENGTH = 10;

/** A grant as recorded by a service identity, after merging. */
export interface GrantRecord {
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
export function validateGrant(source: ErrorSource, g: GrantOptions): void {
  const where = `grant "${g.sid}"`;
  if (typeof g.sid !== "string" || !SID.test(g.sid)) {
    throw new ValidationError(source, "sid", `grant sid "${g.sid}" must be 1 to 128 letters or digits; pass a name such as "ReadOrdersSecrets".`);
  }
  if (!Array.isArray(g.actions) || g.actions.length === 0) {
    throw new ValidationError(source, "actions", `${where} has no actions; list the exact actions the service calls.`);
  }
  for (const action of g.actions) {
    if (isToken(action) || !ACTION.test(action)) {
      throw new ValidationError(source, "actions", `${where} action "${action}" is not allowed; name one action as "service:Action" without wildcards, e.g. "secretsmanager:GetSecretValue".`);
    }
  }
  if (!Array.isArray(g.resources) || g.resources.length === 0) {
    throw new ValidationError(source, "resources", `${where} has no resources; pass the ARNs the actions apply to.`);
  }
  const wildcards = g.resources.filter(isWildcardResource);
  const escalation = g.actions.find(isEscalationAction);
  if (wildcards.length > 0 && escalation !== undefined) {
    throw new ValidationError(source, "resources", `${where} action "${escalation}" on wildcard resource "${wildcards[0]}" would let the service escalate its privileges, and allowWildcardResource cannot allow it; pass the exact ARNs of the roles, users, groups or policies in resources.`,
    );
  }
  const reason = g.allowWildcardResource;
  if (wildcards.length > 0 && (typeof reason !== "string" || reason.trim().length < MIN_WILDCARD_REASON_LENGTH)) {
    throw new ValidationError(source, "allowWildcardResource", `${where} resource "${wildcards[0]}" is a wildcard; pass concrete ARNs, or allowWildcardResource with a reason of at least ${MIN_WILDCARD_REASON_LENGTH} characters when the API has no resource-level permissions.`,
    );
  }
  if (wildcards.length === 0 && reason !== undefined) {
    throw new ValidationError(source, "allowWildcardResource", `${where} passes allowWildcardResource but no resource is a wildcard; remove allowWildcardResource.`);
  }
  for (const r of g.resources) {
    if (!isToken(r) && r !== "*" && !r.startsWith("arn:")) {
      throw new ValidationError(source, "resources", `${where} resource "${r}" is not an ARN; pass the resource's ARN (e.g. its \`arn\` attribute).`);
    }
  }
  for (const c of g.conditions ?? []) {
    if (!c.test || !c.variable || !Array.isArray(c.values) || c.values.length === 0) {
      throw new ValidationError(source, "conditions", `${where} has a condition without test, variable or values; give all three.`);
    }
  }
}

/**
 * Records `g` in `grants` after its statement was merged into the identity's policy document (which refuses a sid
 * reused with other actions or conditions): a new sid is appended, a known one gains the resources. A known sid
 * with another wildcard reason is refused.
 */
export function recordGrant(source: ErrorSource, grants: readonly GrantRecord[], g: GrantOptions): GrantRecord[] {
  const reason = g.allowWildcardResource?.trim();
  const at = grants.findIndex((x) => x.sid === g.sid);
  if (at < 0) {
    return [...grants, { sid: g.sid, actions: unique(g.actions), resources: unique(g.resources), conditions: g.conditions ?? [], wildcardReason: reason }];
  }
  if (grants[at].wildcardReason !== reason) throw sidConflict(source, g.sid);
  const merged: GrantRecord = { ...grants[at], resources: unique([...grants[at].resources, ...g.resources]) };
  return grants.map((x, i) => (i === at ? merged : x));
}

/** The error of a grant sid reused with other actions, conditions or wildcard reason. */
export function sidConflict(source: ErrorSource, sid: string): ValidationError {
  return new ValidationError(source, "sid", `grant sid "${sid}" is already used with other actions, conditions or wildcard reason; give this grant its own sid.`);
}

/** The IAM statement of a grant, with its resources as given (the policy document resolves and deduplicates them). */
export function grantStatement(g: GrantOptions): PolicyStatementJson {
  return {
    Sid: g.sid,
    Effect: "Allow",
    Action: oneOrMany(unique(g.actions)),
    Resource: [...g.resources],
    Condition: conditionBlock(g.conditions ?? []),
  };
}
function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
