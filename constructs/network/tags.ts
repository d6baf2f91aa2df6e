import { Tier } from "./props";

/** Tag key and value marking resources made by this library. */
export const MANAGED_BY_TAG: Readonly<Record<string, string>> = { "managed-by": "zero-trust-blueprint" };

/** Tag key naming the tier of a subnet, route table or NACL. */
export const TIER_TAG_KEY = "zt:tier";

/** Tags for one resource: the caller's tags, then `Name`, `zt:tier` (when given) and `managed-by`. */
export function resourceTags(extra: Readonly<Record<string, string>>, name: string, tier?: Tier): Record<string, string> {
  return {
    ...extra,
    Name: name,
    ...(tier ? { [TIER_TAG_KEY]: tier } : {}),
    ...MANAGED_BY_TAG,
  };
}
