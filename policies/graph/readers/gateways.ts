import { Model, Resource } from "../../engine/model";
import { Ref } from "../../engine/types";
import { View } from "../../engine/view";
import { GROUP_TYPES } from "../../rules/network/_security-group-rules";
import { stringsAt } from "../../rules/network/_values";
import { Flow, FlowUnknown } from "../types";
import { compare, StackNodes } from "./nodes";
import { securityGroupLayer } from "./security-groups";

/**
 * The gateway-route layer of one stack: the routes of each API (REST APIs, and HTTP APIs) rebuilt from what Terraform
 * will create, never from the declared graph.
 *
 * - An API reachable from the internet (a REST API whose endpoint type is REGIONAL or EDGE, an HTTP API, while its
 *   default `execute-api` endpoint is on; or any API a public custom domain maps) is the flow internet -> its gateway
 *   node on TCP 443, carrying all its routes.
 * - A route whose integration is a private one (`connection_type = VPC_LINK`) is followed to the hosts behind it: REST
 *   APIs through the VPC link's `target_arns` to the Network Load Balancer and its listener on the port of the
 *   integration's `uri`; HTTP APIs through `integration_uri` to the listener. The listener's default action forwards to a
 *   target group, whose auto scaling attachments, auto scaling groups (`target_group_arns`) and instance attachments
 *   name the hosts; the hosts' security groups name the service. Each is the flow gateway -> service on the target
 *   group's port (an instance attachment's own port where it has one), carrying the route.
 *
 * A gateway node is `gateway:<zt:gateway tag>` of the API (`gateway:<address>` without the tag), the node the
 * security group of its load balancer shares. Routes are `<METHOD> <path>`: a REST method's `http_method` and its
 * resource's path, an HTTP API route's `route_key`. What cannot be followed before apply (a VPC link, URI, listener,
 * port or target unknown until apply, or outside the configuration) is listed in `unknown`, never dropped.
 */

/** Port of the internet -> gateway flow: API Gateway serves HTTPS only. */
export const GATEWAY_PORT = 443;

/** A flow of the gateway-route layer, with the routes it carries. */
export interface RouteFlow extends Flow {
  readonly layer: "gateway-route";
  /** The gateway node: the flow's destination for internet -> gateway, its source for gateway -> service. */
  readonly gateway: string;
  /** `GET /orders/{id}`, sorted. */
  readonly routes: readonly string[];
}

/** A route (or an API's exposure) that cannot be followed before apply. */
export interface RouteUnknown extends FlowUnknown {
  /** The gateway node of its API. */
  readonly gateway: string;
  /** What it hides: where routes lead (and which routes there are), or whether the internet reaches the API. */
  readonly concerns: "routes" | "exposure";
}

/** The flows of the gateway-route layer of one stack, and what cannot be followed before apply. */
export interface RouteLayer {
  readonly flows: readonly RouteFlow[];
  readonly unknown: readonly RouteUnknown[];
  /** The APIs of each gateway node. */
  readonly apis: ReadonlyMap<string, readonly Resource[]>;
  /** Why a gateway is not reachable from the internet, for gateways none of whose APIs is. */
  readonly closed: ReadonlyMap<string, string>;
}

/** The gateway-route layer of the stack of `near`, computed once per model and stack. */
export function gatewayRouteLayer(model: Model, near: Resource): RouteLayer {
  return model.memoIn("graph:gateway-route-layer", near, readLayer);
}

/**
 * True when `served` holds `route`: the same method and path, or `ANY` on the same path. Declared routes judge
 * effective ones with it (ZT-GRAPH-001), and effective routes declared ones (ZT-GRAPH-002).
 */
export function routeServed(served: readonly string[], route: string): boolean {
  if (served.includes(route)) return true;
  const space = route.indexOf(" ");
  return space > 0 && served.includes(`ANY${route.slice(space)}`);
}

/** Resource types whose routes the layer reads (ZT-GRAPH-001 reports route findings on them). */
export const ROUTE_TYPES: readonly string[] = ["aws_api_gateway_method", "aws_apigatewayv2_route"];

/** API types the layer reads (routes an API holds in an OpenAPI body are unknown on the API). */
export const API_TYPES: readonly string[] = ["aws_api_gateway_rest_api", "aws_apigatewayv2_api"];

function readLayer(near: Resource, model: Model): RouteLayer {
  const reader = new LayerReader(model, securityGroupLayer(model, near).nodes);
  for (const api of model.ofTypeIn("aws_api_gateway_rest_api", near)) reader.restApi(api);
  for (const api of model.ofTypeIn("aws_apigatewayv2_api", near)) {
    const protocol = api.get("protocol_type");
    if (protocol.kind === "known" && String(protocol.value).toUpperCase() === "HTTP") reader.httpApi(api);
    else if (protocol.kind === "unknown") reader.lost(api.address, reader.gatewayOf(api), `the protocol of ${api.address} is unknown until apply`);
  }
  return reader.layer();
}

/** Where a route ends: a service's node and port, or why it cannot be told. */
type Reached = { readonly node: string; readonly port: number } | { readonly unknown: string };

/** Collects the flows of the layer, API by API. */
class LayerReader {
  private readonly flows: RouteFlow[] = [];
  private readonly unknown: RouteUnknown[] = [];
  private readonly apis = new Map<string, Resource[]>();
  private readonly closedWhy = new Map<string, string[]>();
  private readonly open = new Set<string>();

  constructor(
    private readonly model: Model,
    readonly nodes: StackNodes,
  ) {}

  /** A REST API: its methods' routes, its exposure, and its private integrations. */
  restApi(api: Resource): void {
    const gateway = this.gatewayOf(api);
    const methods = this.model.referrers(api, "aws_api_gateway_method", "rest_api_id");
    const routes: string[] = [];
    for (const m of methods) {
      const route = restRoute(m, this.model);
      if (route !== undefined) routes.push(route);
      else this.lost(m.address, gateway, `the method or resource path of ${m.address} is unknown until apply`);
    }
    if (api.configured("body")) this.lost(api.address, gateway, `${api.address} defines routes in an OpenAPI body, which is not read`);
    this.expose(api, gateway, routes, restEntries(api, this.model));
    for (const integration of this.model.referrers(api, "aws_api_gateway_integration", "rest_api_id")) {
      const route = restRoute(integration, this.model);
      const method = methodOf(integration, methods, route, this.model);
      const address = method?.address ?? integration.address;
      const connection = integration.get("connection_type");
      if (connection.kind === "unknown") this.lost(address, gateway, `the connection type of ${integration.address} is unknown until apply`);
      if (connection.kind !== "known" || String(connection.value).toUpperCase() !== "VPC_LINK") continue;
      if (route === undefined) {
        this.lost(address, gateway, `the method or resource path of ${integration.address} is unknown until apply`);
        continue;
      }
      this.follow(gateway, address, route, this.restListeners(integration));
    }
  }

  /** An HTTP API: its routes, its exposure, and its private integrations. */
  httpApi(api: Resource): void {
    const gateway = this.gatewayOf(api);
    const routes: string[] = [];
    const resolved: { route: Resource; key: string }[] = [];
    for (const r of this.model.referrers(api, "aws_apigatewayv2_route", "api_id")) {
      const key = r.str("route_key");
      if (key === undefined) {
        this.lost(r.address, gateway, `the route key of ${r.address} is unknown until apply`);
        continue;
      }
      routes.push(key);
      resolved.push({ route: r, key });
    }
    if (api.configured("body")) this.lost(api.address, gateway, `${api.address} defines routes in an OpenAPI body, which is not read`);
    this.expose(api, gateway, routes, httpEntries(api, this.model));
    for (const { route, key } of resolved) {
      const integration = this.model.referenced(route, "target", ["aws_apigatewayv2_integration"])[0];
      if (integration === undefined) {
        if (route.get("target").kind === "unknown") this.lost(route.address, gateway, `the target of ${route.address} is unknown until apply`);
        continue;
      }
      const connection = integration.get("connection_type");
      if (connection.kind === "unknown") this.lost(route.address, gateway, `the connection type of ${integration.address} is unknown until apply`);
      if (connection.kind !== "known" || String(connection.value).toUpperCase() !== "VPC_LINK") continue;
      const listener = this.model.referenced(integration, "integration_uri", ["aws_lb_listener"]);
      this.follow(gateway, route.address, key, listener.length > 0 ? listener : `the integration_uri of ${integration.address} is not a load balancer listener of the configuration`);
    }
  }

  /** Records something that cannot be read before apply. */
  lost(address: string, gateway: string, text: string, concerns: RouteUnknown["concerns"] = "routes"): void {
    this.unknown.push({ address, text, gateway, concerns });
  }

  /** The layer read so far. */
  layer(): RouteLayer {
    const closed = new Map<string, string>();
    this.closedWhy.forEach((why, gateway) => {
      if (!this.open.has(gateway)) closed.set(gateway, why.join("; "));
    });
    return { flows: this.flows, unknown: this.unknown, apis: this.apis, closed };
  }

  /** The gateway node of an API, recorded as one of the gateway's APIs. */
  gatewayOf(api: Resource): string {
    const gateway = this.nodes.ofApi(api);
    const list = this.apis.get(gateway);
    if (list === undefined) this.apis.set(gateway, [api]);
    else list.push(api);
    return gateway;
  }

  /** The flows internet -> gateway through each entry the API is reachable by, or why it is not. */
  private expose(api: Resource, gateway: string, routes: readonly string[], entries: Entries): void {
    if ("unknown" in entries) {
      this.lost(api.address, gateway, entries.unknown, "exposure");
      return;
    }
    if (entries.open.length === 0) {
      const why = this.closedWhy.get(gateway);
      if (why === undefined) this.closedWhy.set(gateway, [entries.closed]);
      else why.push(entries.closed);
      return;
    }
    this.open.add(gateway);
    const internet = this.nodes.ofCidr("0.0.0.0/0");
    const sorted = [...new Set(routes)].sort(compare);
    for (const entry of entries.open) {
      this.flows.push({ from: internet, to: gateway, protocol: "tcp", fromPort: GATEWAY_PORT, toPort: GATEWAY_PORT, layer: "gateway-route", address: entry.address, rule: entry.rule, gateway, routes: sorted });
    }
  }

  /** The listeners a REST integration's VPC link reaches on the port of its URI, or why they cannot be told. */
  private restListeners(integration: Resource): Resource[] | string {
    const links = this.model.referenced(integration, "connection_id", ["aws_api_gateway_vpc_link"]);
    if (links.length === 0) {
      const id = integration.get("connection_id");
      return id.kind === "unknown" ? `the connection_id of ${integration.address} is unknown until apply` : `${integration.address} names a VPC link outside the configuration`;
    }
    const balancers = links.flatMap((l) => this.model.referenced(l, "target_arns", ["aws_lb"]));
    if (balancers.length === 0) return `the target_arns of ${links.map((l) => l.address).join(", ")} name no load balancer of the configuration`;
    const listeners = balancers.flatMap((lb) => this.model.referrers(lb, "aws_lb_listener", "load_balancer_arn"));
    const port = uriPort(integration);
    if (port !== undefined) {
      const unknownPort = listeners.find((l) => l.num("port") === undefined);
      if (unknownPort !== undefined) return `the port of ${unknownPort.address} is unknown until apply`;
      return listeners.filter((l) => l.num("port") === port);
    }
    if (listeners.length <= 1) return listeners;
    return `the port of the uri of ${integration.address} is unknown until apply, and ${listeners.length} listeners may take the route`;
  }

  /** Follows one route from the listeners it reaches to the services behind them. */
  private follow(gateway: string, address: string, route: string, listeners: readonly Resource[] | string): void {
    if (typeof listeners === "string") {
      this.lost(address, gateway, `route ${route}: ${listeners}`);
      return;
    }
    const seen = new Set<string>();
    for (const listener of listeners) {
      for (const reached of this.behindListener(listener)) {
        if ("unknown" in reached) {
          this.lost(address, gateway, `route ${route}: ${reached.unknown}`);
          continue;
        }
        const key = `${reached.node}\u0000${reached.port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        this.flows.push({
          from: gateway,
          to: reached.node,
          protocol: "tcp",
          fromPort: reached.port,
          toPort: reached.port,
          layer: "gateway-route",
          address,
          rule: `${address} (${route})`,
          gateway,
          routes: [route],
        });
      }
    }
  }

  /** The services behind a listener: the targets of the target groups its default actions forward to. */
  private behindListener(listener: Resource): Reached[] {
    const groups = this.model.referenced(listener, "default_action", ["aws_lb_target_group"]);
    if (groups.length === 0) {
      const forwards = listener.blocks("default_action").some((a) => a.str("type") !== "fixed-response" && a.str("type") !== "redirect");
      return forwards ? [{ unknown: `${listener.address} forwards to no target group of the configuration` }] : [];
    }
    return groups.flatMap((tg) => this.model.memoFor("graph:target-group-services", tg, targetsOf));
  }
}

/** How an API can be reached from the internet: its open entries (the API itself, public domains), or why not. */
type Entries = { readonly open: readonly { readonly address: string; readonly rule: string }[]; readonly closed: string } | { readonly unknown: string };

/** The entries of a REST API: its default endpoint unless PRIVATE or disabled, and the custom domains that map it. */
function restEntries(api: Resource, model: Model): Entries {
  const types = endpointTypes(api);
  if (types === undefined) return { unknown: `the endpoint type of ${api.address} is unknown until apply` };
  const domains = model.referrers(api, "aws_api_gateway_base_path_mapping", "api_id").map((m) => {
    const domain = model.referenced(m, "domain_name", DOMAIN_TYPES)[0] ?? model.referenced(m, "domain_name_id", DOMAIN_TYPES)[0];
    // A domain outside the configuration: a custom domain that nothing here shows to be private.
    return domain === undefined ? { domain: m, types: ["REGIONAL"] } : { domain, types: endpointTypes(domain) };
  });
  const publicApi = types.some((t) => t !== "PRIVATE");
  return entries(api, publicApi ? `endpoint type ${types.join(", ")}` : undefined, `its endpoint type is ${types.join(", ")}`, domains);
}

const DOMAIN_TYPES: readonly string[] = ["aws_api_gateway_domain_name"];

/** The entries of an HTTP API: its default endpoint unless disabled, and the custom domains that map it (always public). */
function httpEntries(api: Resource, model: Model): Entries {
  const mappings = model.referrers(api, "aws_apigatewayv2_api_mapping", "api_id");
  return entries(api, "HTTP API", "", mappings.map((m) => ({ domain: model.referenced(m, "domain_name", ["aws_apigatewayv2_domain_name"])[0] ?? m, types: ["REGIONAL"] })));
}

function entries(api: Resource, publicAs: string | undefined, privateWhy: string, domains: readonly { domain: Resource; types: string[] | undefined }[]): Entries {
  const open: { address: string; rule: string }[] = [];
  const why: string[] = [];
  if (publicAs === undefined) why.push(privateWhy);
  else {
    const disabled = api.getConfigured("disable_execute_api_endpoint");
    if (disabled.kind === "unknown") return { unknown: `whether the execute-api endpoint of ${api.address} is disabled is unknown until apply` };
    if (disabled.kind === "known" && (disabled.value === true || disabled.value === "true")) why.push("its execute-api endpoint is disabled");
    else open.push({ address: api.address, rule: `${api.address} (execute-api endpoint, ${publicAs})` });
  }
  const seen = new Set<string>();
  for (const { domain, types } of domains) {
    if (seen.has(domain.address)) continue;
    seen.add(domain.address);
    if (types === undefined) return { unknown: `the endpoint type of ${domain.address} is unknown until apply` };
    if (types.some((t) => t !== "PRIVATE")) open.push({ address: domain.address, rule: `${domain.address} (custom domain)` });
    else why.push(`${domain.address} is a private domain`);
  }
  return { open, closed: `${api.address}: ${why.join(", ")}${domains.length === 0 ? ", and no custom domain maps it" : ""}` };
}

/** Endpoint types of a REST API or custom domain: `EDGE` when the block is left out (the AWS default); undefined when unknown until apply. */
function endpointTypes(r: Resource): string[] | undefined {
  if (r.blocks("endpoint_configuration").length === 0) {
    // In a plan the block left out is computed by the provider: AWS creates an EDGE endpoint.
    return r.getConfigured("endpoint_configuration").kind === "unknown" ? undefined : ["EDGE"];
  }
  const types = r.get("endpoint_configuration.types");
  if (types.kind !== "known") return undefined;
  const list = Array.isArray(types.value) ? types.value : [types.value];
  if (list.some((t) => typeof t !== "string" || t.includes("${"))) return undefined;
  return list.map((t) => String(t).toUpperCase());
}

/** The route of a REST method (or of an integration, through its method): `GET /orders/{id}`; undefined when unknown. */
function restRoute(r: Resource, model: Model): string | undefined {
  const method = r.str("http_method") ?? model.referenced(r, "http_method", ["aws_api_gateway_method"])[0]?.str("http_method");
  const path = resourcePathOf(r, model);
  return method === undefined || path === undefined ? undefined : `${method.toUpperCase()} ${path}`;
}

/** The path of the resource a method or integration is on (through the method it names, for an integration). */
function resourcePathOf(r: Resource, model: Model): string | undefined {
  const resource = model.referenced(r, "resource_id", ["aws_api_gateway_resource"])[0];
  if (resource !== undefined) return pathOf(resource, model, 0);
  if (model.referenced(r, "resource_id", ["aws_api_gateway_rest_api"]).length > 0) return "/";
  const method = model.referenced(r, "resource_id", ["aws_api_gateway_method"])[0];
  return method !== undefined && method !== r ? resourcePathOf(method, model) : undefined;
}

/** Deepest resource tree followed; deeper (or a cycle) is unknown. */
const MAX_DEPTH = 64;

/** The path of an aws_api_gateway_resource: its parents' path parts joined, from the API's root. */
function pathOf(resource: Resource, model: Model, depth: number): string | undefined {
  const part = resource.str("path_part");
  if (part === undefined || depth > MAX_DEPTH) return undefined;
  const parent = model.referenced(resource, "parent_id", ["aws_api_gateway_resource"])[0];
  if (parent !== undefined) {
    const above = pathOf(parent, model, depth + 1);
    return above === undefined ? undefined : `${above === "/" ? "" : above}/${part}`;
  }
  return model.referenced(resource, "parent_id", ["aws_api_gateway_rest_api"]).length > 0 ? `/${part}` : undefined;
}

/** The method an integration belongs to: the one it references, else the API's method with the same route. */
function methodOf(integration: Resource, methods: readonly Resource[], route: string | undefined, model: Model): Resource | undefined {
  const named = model.referenced(integration, "http_method", ["aws_api_gateway_method"])[0];
  if (named !== undefined) return named;
  return route === undefined ? undefined : methods.find((m) => restRoute(m, model) === route);
}

/**
 * The port a REST private integration calls the load balancer on: the port of its `uri` (`https://host:8443/...`), or
 * the scheme's (443, 80). Read from the written text in synthesized JSON, where the host is often an expression;
 * undefined when the URI is unknown (as in a plan, until the load balancer exists).
 */
function uriPort(integration: Resource): number | undefined {
  const v = integration.get("uri");
  let text: string | undefined;
  if (v.kind === "known" && typeof v.value === "string") text = v.value;
  else if (!integration.literal) {
    const raw = integration.rawAt("uri");
    if (typeof raw === "string") text = raw;
  }
  if (text === undefined) return undefined;
  const m = /^(https?):\/\/(?:\$\{[^}]*\}|[^/:?#$])*(?::(\d+))?(?:[/?#]|$)/i.exec(text);
  if (m === null) return undefined;
  if (m[2] !== undefined) return Number(m[2]);
  return m[1].toLowerCase() === "https" ? 443 : 80;
}

/** The services behind a target group: the security groups of its hosts, on the port they take traffic on. */
function targetsOf(tg: Resource, model: Model): Reached[] {
  const nodes = securityGroupLayer(model, tg).nodes;
  const port = tg.num("port");
  const out: Reached[] = [];
  const hosts: { host: Resource; port: number | undefined; via: string }[] = [];
  for (const attachment of model.referrers(tg, "aws_autoscaling_attachment", "lb_target_group_arn")) {
    const asgs = model.referenced(attachment, "autoscaling_group_name", ["aws_autoscaling_group"]);
    if (asgs.length === 0) out.push({ unknown: `${attachment.address} attaches an auto scaling group outside the configuration` });
    for (const asg of asgs) hosts.push({ host: asg, port, via: attachment.address });
  }
  for (const asg of model.referrers(tg, "aws_autoscaling_group", "target_group_arns")) hosts.push({ host: asg, port, via: asg.address });
  for (const attachment of model.referrers(tg, "aws_lb_target_group_attachment", "target_group_arn")) {
    const instances = model.referenced(attachment, "target_id", ["aws_instance"]);
    if (instances.length === 0) out.push({ unknown: `${attachment.address} registers a target outside the configuration` });
    const own = attachment.get("port");
    if (own.kind === "unknown") out.push({ unknown: `the port of ${attachment.address} is unknown until apply` });
    for (const instance of instances) hosts.push({ host: instance, port: attachment.num("port") ?? port, via: attachment.address });
  }
  for (const { host, port: hostPort, via } of hosts) {
    if (hostPort === undefined) {
      out.push({ unknown: `the port of ${tg.address} (through ${via}) is unknown until apply` });
      continue;
    }
    const groups = groupNodesOfHost(host, model, nodes);
    if (typeof groups === "string") out.push({ unknown: groups });
    else for (const node of groups) out.push({ node, port: hostPort });
  }
  return out;
}

/** The nodes of the security groups an auto scaling group's or instance's hosts carry, or why they cannot be told. */
function groupNodesOfHost(host: Resource, model: Model, nodes: StackNodes): string[] | string {
  const sources: { view: View; path: string; owner: Resource }[] = [];
  const templates = [...model.referenced(host, "launch_template", ["aws_launch_template"]), ...model.referenced(host, "mixed_instances_policy", ["aws_launch_template"])];
  for (const t of templates) {
    sources.push({ view: t, path: "vpc_security_group_ids", owner: t });
    for (const ni of t.blocks("network_interfaces")) sources.push({ view: ni, path: "security_groups", owner: t });
  }
  if (host.type === "aws_instance") sources.push({ view: host, path: "vpc_security_group_ids", owner: host });
  const out: string[] = [];
  for (const { view, path, owner } of sources) {
    const found = groupsAt(view, path, owner, model, nodes);
    if (typeof found === "string") return found;
    for (const n of found) if (!out.includes(n)) out.push(n);
  }
  if (out.length === 0) return `the hosts of ${host.address} have no security group of the configuration`;
  return out;
}

/** The group nodes a list of group ids names: literal ids by the group that has them, references by their group. */
function groupsAt(view: View, path: string, owner: Resource, model: Model, nodes: StackNodes): string[] | string {
  const written = stringsAt(view, path);
  const out: string[] = [];
  for (const id of written.values) {
    const group = nodes.groupWithId(id);
    out.push(group !== undefined ? nodes.ofGroup(group) : nodes.foreignGroup(id));
  }
  for (const refs of written.unknown) {
    const groups = groupsOfRefs(owner, refs, model);
    if (groups.length === 0) return `${owner.address} carries a security group unknown until apply`;
    for (const g of groups) out.push(nodes.ofGroup(g));
  }
  return out;
}

function groupsOfRefs(owner: Resource, refs: readonly Ref[], model: Model): Resource[] {
  return refs.flatMap((ref) => model.resolveAll(owner, ref)).filter((r) => r.mode === "managed" && GROUP_TYPES.includes(r.type));
}
