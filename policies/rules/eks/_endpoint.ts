import { Resource } from "../../engine/model";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

export type PublicEndpoint =
  | { readonly kind: "private" }
  | { readonly kind: "world"; readonly why: string }
  | { readonly kind: "restricted"; readonly cidrs: readonly string[] }
  | { readonly kind: "unknown"; readonly why: string };

/**
 * How the cluster API endpoint is exposed. endpoint_public_access defaults to true and public_access_cidrs to
 * ["0.0.0.0/0"]; a CIDR list that is an expression is not assumed to be the internet.
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
  const world = list.find((c) => typeof c === "string" && WORLD.has(c.trim()));
  if (world !== undefined) return { kind: "world", why: `public_access_cidrs contains ${String(world)}` };
  return { kind: "restricted", cidrs: list.map(String) };
}
