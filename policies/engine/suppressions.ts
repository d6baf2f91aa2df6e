import { RunCache } from "./run-cache";
import { Suppression } from "./types";

/** Minimum length of a suppression reason. */
export const MIN_REASON_LENGTH = 10;

/** True when the suppression has expired at `now` (the expiry day itself still counts). */
export function isExpired(s: Suppression, now: Date): boolean {
  if (!s.expires) return false;
  const end = Date.parse(`${s.expires}T23:59:59.999Z`);
  return Number.isNaN(end) || end < now.getTime();
}

/** True when the suppression carries a usable reason. */
export function hasReason(s: Suppression): boolean {
  return typeof s.reason === "string" && s.reason.trim().length >= MIN_REASON_LENGTH;
}

/** The suppression that applies to a finding of `ruleId` on `item`, if any. Invalid or expired ones never apply. */
export function matchSuppression(
  list: readonly Suppression[],
  ruleId: string,
  item: string | undefined,
  now: Date,
): Suppression | undefined {
  if (list.length === 0) return undefined;
  return list.find(
    (s) =>
      s.id === ruleId &&
      hasReason(s) &&
      !isExpired(s, now) &&
      (s.appliesTo === undefined || (item !== undefined && wildcard(s.appliesTo).test(item))),
  );
}

const WILDCARDS = new RunCache<string, RegExp>(1000);

function wildcard(pattern: string): RegExp {
  let re = WILDCARDS.get(pattern);
  if (!re) {
    const body = pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
    re = new RegExp(`^${body}$`, "s");
    WILDCARDS.set(pattern, re);
  }
  return re;
}
