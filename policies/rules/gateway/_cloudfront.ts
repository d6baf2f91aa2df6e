import { Model, Resource } from "../../engine/model";

/**
 * The hostnames a distribution's origin may name for an HTTP or WebSocket API: the API itself (its `api_endpoint`,
 * usually through `replace(...)`), the custom domains mapped to it (`aws_apigatewayv2_api_mapping`), by reference or by
 * their literal names.
 */
export interface ApiHosts {
  readonly api: Resource;
  /** Custom domains (`aws_apigatewayv2_domain_name`) of the configuration mapped to the API. */
  readonly domains: readonly Resource[];
  /** Literal host names of those domains and mappings (lower case). */
  readonly names: ReadonlySet<string>;
}

/** The custom domains and host names through which an aws_apigatewayv2_api is served. */
export function apiHosts(api: Resource, model: Model): ApiHosts {
  const domains: Resource[] = [];
  const names = new Set<string>();
  const all = model.ofTypeIn("aws_apigatewayv2_domain_name", api);
  for (const mapping of model.referrers(api, "aws_apigatewayv2_api_mapping", "api_id")) {
    const literal = mapping.str("domain_name")?.toLowerCase();
    if (literal !== undefined) names.add(literal);
    for (const d of model.referenced(mapping, "domain_name", ["aws_apigatewayv2_domain_name"])) if (!domains.includes(d)) domains.push(d);
    for (const d of all) if (literal !== undefined && d.str("domain_name")?.toLowerCase() === literal && !domains.includes(d)) domains.push(d);
  }
  for (const d of domains) {
    const name = d.str("domain_name")?.toLowerCase();
    if (name !== undefined) names.add(name);
  }
  return { api, domains, names };
}

/**
 * How a CloudFront distribution's origins relate to an API: `fronts` when one of them is the API or one of its custom
 * domains; `opaque` when none is, but some origin's domain_name is an expression that names no resource of the
 * configuration (a variable, a local computed at apply time), so it may still be the API.
 */
export function originsOf(distribution: Resource, hosts: ApiHosts, model: Model): "fronts" | "opaque" | "other" {
  for (const target of model.referenced(distribution, "origin", undefined)) {
    if (target === hosts.api || hosts.domains.includes(target)) return "fronts";
  }
  let opaque = false;
  for (const origin of distribution.blocks("origin")) {
    const v = origin.get("domain_name");
    if (v.kind === "known" && typeof v.value === "string" && hosts.names.has(v.value.toLowerCase())) return "fronts";
    if (v.kind === "unknown" && model.referenced(origin, "domain_name", undefined, distribution).length === 0) opaque = true;
  }
  return opaque ? "opaque" : "other";
}

/**
 * Whether a distribution carries a web ACL: `yes` for a literal ARN or id, or a reference to a WAF web ACL of the
 * configuration; `unknown` for another expression (it may be empty); `no` when web_acl_id is unset or empty.
 */
export function distributionWebAcl(distribution: Resource, model: Model): "yes" | "no" | "unknown" {
  const v = distribution.configuredValue("web_acl_id");
  if (v.kind === "absent") return "no";
  if (v.kind === "known") return String(v.value).trim() === "" ? "no" : "yes";
  const acls = model.referenced(distribution, "web_acl_id", ["aws_wafv2_web_acl", "aws_waf_web_acl"]);
  return acls.length > 0 ? "yes" : "unknown";
}
