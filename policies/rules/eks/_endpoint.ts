import { Resource } from "../../engine/model";
import { FAMILIES, isInternetCidr, reachesInternet } from "../network/_internet";

export type PublicEndpoint =
  | { readonly kind: "private" }
  | { readonly kind: "world"; readonly why: string }
  | { readonly kind: "restricted"; readonly cidrs: readonly string[] }
  | { readonly kind: "unknown"; readonly why: string };

/**
 * How the cluster API endpoint is exposed. endpoint_public_access defaults to true and public_access_cidrs to
 * ["0.0.0.0/0"]; a CIDR list that is an expression is not assumed to be the internet. CIDRs that together reach the
 * internet (`0.0.0.0/1` and `128.0.0.0/1`, see `network/_internet.ts`) are the internet.
 */
export function publicEndpoint(cluster: Resource): PublicEndpoint {
  const pub = cluster.get("vpc_config.endpoint_public_access");
  if (pub.kind === "unknown") return { kind: "unknown", why: "endpoint_public_access is computed at apply time" };
  if (pub.kind === "known" && cluster.bool("vpc_config.endpoint_public_access") === false) return { kind: "private" };
  const path = "vpc_config.public_access_cidrs";
  const v = cluster.get(path);
  if (v.kind === "absent" || (v.kind === "unknown" && !cluster.configured(path))) {
    return { kind: "world", why: "public_access_cidrs is not set (AWS default 0.0.0.0/0)" };
  }
  if (v.kind === "unknown") return { kind: "unknown", why: "public_access_cidrs is computed at apply time" };
  const list = cluster.list(path) ?? [];
  if (list.length === 0) return { kind: "world", why: "public_access_cidrs is empty (AWS default 0.0.0.0/0)" };
  const cidrs = list.filter((c): c is string => typeof c === "string");
  const world = cidrs.find(isInternetCidr);
  if (world !== undefined) return { kind: "world", why: `public_access_cidrs contains ${world.trim()}` };
  const family = FAMILIES.find((f) => reachesInternet(cidrs, f));
  if (family !== undefined) return { kind: "world", why: `public_access_cidrs ${cidrs.join(", ")} together reach the internet (${family.name})` };
  return { kind: "restricted", cidrs: list.map(String) };
}
