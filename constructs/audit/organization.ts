import { ErrorSource, ValidationError } from "../core/errors";
import { isToken } from "../core/validate";
import { MIN_REASON_LENGTH } from "../../policies/engine/suppressions";

/** The AWS Organizations id pattern: `o-` and 10 to 32 lowercase letters or digits. */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;

/**
 * The organization variant of an account-level service: it runs in the organization's delegated administrator
 * account and covers every member account.
 */
export interface OrganizationVariant {
  /**
   * Id of the organization, e.g. `o-a1b2c3d4e5`.
   * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_details.html
   */
  readonly organizationId: string;
}

/** A part of the baseline turned off, and why: the reason is recorded as the suppression of the rule that then fires. */
export interface OptOut {
  /** Turns the part off. */
  readonly disabled: true;
  /** Why the account does without it (at least ten characters), e.g. "enabled by the organization's delegated administrator". */
  readonly reason: string;
}

/** True when `value` is an {@link OptOut}. */
export function isOptOut(value: unknown): value is OptOut {
  return typeof value === "object" && value !== null && (value as { disabled?: unknown }).disabled === true;
}

/** Throws unless `organization` names an organization id AWS Organizations would issue (tokens pass). */
export function requireOrganization(source: ErrorSource, prop: string, organization: OrganizationVariant): void {
  const id = (organization as { organizationId?: unknown } | undefined)?.organizationId;
  if (typeof id === "string" && isToken(id)) return;
  if (typeof id !== "string" || !ORGANIZATION_ID_PATTERN.test(id)) {
    const given = id === undefined ? "no organizationId" : `organizationId "${String(id)}"`;
    throw new ValidationError(
      source,
      `${prop}.organizationId`,
      `${prop} has ${given}; an organization variant needs the organization's id, "o-" and 10 to 32 lowercase letters or digits (e.g. "o-a1b2c3d4e5"), or leave ${prop} out for a single account.`,
    );
  }
}

/** Throws unless `reason` explains an opt-out in at least {@link MIN_REASON_LENGTH} characters. */
export function requireReason(source: ErrorSource, prop: string, reason: unknown): void {
  if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
    throw new ValidationError(source, `${prop}.reason`, `${prop} needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the account does without it, e.g. "enabled by the organization's delegated administrator".`);
  }
}
