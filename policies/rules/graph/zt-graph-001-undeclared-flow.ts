import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { ALL_PORTS, PortRange, portsText, rangeText, subtractRanges } from "../../graph/readers/ranges";
import { API_TYPES, gatewayRouteLayer, ROUTE_TYPES, RouteFlow, routeServed } from "../../graph/readers/gateways";
import { GroupFlow, securityGroupLayer } from "../../graph/readers/security-groups";
import { edgeKey } from "../../shared/service-graph";
import { SG_RULE_TARGETS } from "../network/_security-group-rules";
import { declaredIndex, DeclaredIndex, NO_GRAPH, pairKey } from "./_declared";

export const ztGraph001 = defineRule({
  id: "ZT-GRAPH-001",
  title: "Configuration allows a flow the service graph does not declare",
  severity: "high",
  domain: "graph",
  rationale:
    "A platform declares its services and the calls between them once (the service graph carried by terraform_data.ztb_service_graph); every layer is derived from that declaration. A security group rule that lets a flow touch a declared service beyond the declared edges (a hand-added ingress rule, a module outside the library, a console change exported to a plan) opens a path nobody reviewed as part of the graph. Each rule is judged on its own, layer by layer: an ingress rule admitting an undeclared caller is a finding even when the caller's egress would drop it, because the next change on the other side opens the path. Platform edges of the document (VPC endpoints, gateway endpoints) count as declared in both directions of their layers: the endpoint group's ingress from a service is covered by the service's platform edge. Gateway routes are judged the same way, route by route: a REST method or HTTP API route whose private integration reaches a declared service (through the VPC link, the load balancer's listener and target group, to the hosts' security group) needs a declared gateway edge from that gateway to the service on the target group's port, and the edge's declared routes must list it (the same method and path, or ANY on that path): the declared routes are the gateway's contract. Flows between nodes that are not declared services are outside the graph and not applicable; rules whose peer is unknown until apply, and routes whose target cannot be followed before apply, are unknown.",
  remediation:
    "Remove the rule, or declare the call in the platform's service graph (the service's `calls`, or an external destination) and let the platform derive the rule. The finding is reported on the resource that declares the rule: the group for an inline block, the rule resource otherwise. For a route, remove the method or route, or declare it among the service's gateway routes and let the gateway be derived from the declaration; the finding is reported on the aws_api_gateway_method or aws_apigatewayv2_route.",
  references: {
    nist800207: ["Tenet 3", "Tenet 4", "Tenet 6"],
    nist80053: ["AC-4", "SC-7", "SC-7(5)", "CM-3"],
  },
  resourceTypes: [...SG_RULE_TARGETS, ...ROUTE_TYPES, ...API_TYPES],
  check(resource, model) {
    const declared = declaredIndex(model, resource);
    if (declared === undefined) return na(NO_GRAPH);
    if ("error" in declared) return unknown(`the declared service graph cannot be read: ${declared.error}`);
    return model.memoIn("ZT-GRAPH-001:verdicts", resource, judgeStack).get(resource.address) ?? NOT_CONCERNED;
  },
});

const NOT_CONCERNED: readonly Outcome[] = Object.freeze([na("no flow this resource allows has a declared service at either end")]);

/** Route flows from a gateway to a declared service, each against the declared gateway edges and their routes. */
function judgeRoutes(near: Resource, model: Model, declared: DeclaredIndex, fails: Map<string, Outcome[]>, concerned: Set<string>): void {
  const layer = gatewayRouteLayer(model, near);
  for (const f of layer.flows) {
    if (f.from !== f.gateway || !declared.services.has(f.to)) continue;
    concerned.add(f.address);
    for (const route of f.routes) {
      const message = undeclaredRoute(f, route, declared);
      if (message !== undefined) push(fails, f.address, fail(message, `${f.from}->${f.to}:${f.protocol}:${rangeText({ from: f.fromPort, to: f.toPort })}:${route}`));
    }
  }
}

/** Why a route to a declared service is not declared; undefined when it is. */
function undeclaredRoute(f: RouteFlow, route: string, declared: DeclaredIndex): string | undefined {
  const ports = portsText(f.protocol, [{ from: f.fromPort, to: f.toPort }]);
  const routes = declared.gatewayRoutes.get(edgeKey({ from: f.from, to: f.to, protocol: f.protocol, port: f.fromPort }));
  if (routes === undefined) return `route ${route} of ${f.gateway} (${f.address}) reaches ${f.to} on ${ports}, and the service graph declares no gateway edge from ${f.gateway} to ${f.to} on that port`;
  if (routeServed(routes, route)) return undefined;
  const listed = routes.length === 0 ? "none" : routes.join(", ");
  return `route ${route} of ${f.gateway} (${f.address}) reaches ${f.to} on ${ports}, and the declared gateway edge does not list it (declared routes: ${listed})`;
}

/** Outcomes by the address of the resource that declares each rule, for every rule of the stack of `near`. */
function judgeStack(near: Resource, model: Model): ReadonlyMap<string, readonly Outcome[]> {
  const declared = declaredIndex(model, near) as DeclaredIndex;
  const layer = securityGroupLayer(model, near);
  const fails = new Map<string, Outcome[]>();
  const concerned = new Set<string>();
  for (const f of layer.flows) {
    if (!declared.services.has(f.from) && !declared.services.has(f.to)) continue;
    concerned.add(f.address);
    const missing = undeclared(f, declared);
    if (missing === undefined) continue;
    const item = `${f.from}->${f.to}:${f.protocol}:${missing.map(rangeText).join(",")}`;
    const message = `${f.rule} allows ${f.from} -> ${f.to} on ${portsText(f.protocol, missing)}, which the service graph does not declare`;
    push(fails, f.address, fail(message, item));
  }
  judgeRoutes(near, model, declared, fails, concerned);
  const out = new Map<string, Outcome[]>(fails);
  for (const u of layer.unknown) {
    if (fails.has(u.address) || !(u.anyEnd || u.ends.some((e) => declared.services.has(e)))) continue;
    push(out, u.address, unknown(`${u.text}; cannot tell whether it allows a flow the service graph does not declare`));
  }
  if (declared.services.size > 0) {
    for (const u of gatewayRouteLayer(model, near).unknown) {
      if (u.concerns !== "routes" || fails.has(u.address)) continue;
      push(out, u.address, unknown(`${u.text}; cannot tell which service the route reaches, nor whether the service graph declares it`));
    }
  }
  for (const address of concerned) if (!out.has(address)) out.set(address, [pass()]);
  return out;
}

/** The ports of a flow the declared graph does not hold; undefined when it holds them all. */
function undeclared(f: GroupFlow, declared: DeclaredIndex): PortRange[] | undefined {
  if (f.protocol !== "tcp" && f.protocol !== "udp") {
    // The graph declares TCP and UDP ports only: all traffic, ICMP or another protocol is never declared.
    return [ALL_PORTS];
  }
  const have = declared.ports.get(pairKey(f.from, f.to, f.protocol)) ?? [];
  const missing = subtractRanges([{ from: f.fromPort, to: f.toPort }], have);
  return missing.length === 0 ? undefined : missing;
}

function push(map: Map<string, Outcome[]>, key: string, o: Outcome): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [o]);
  else list.push(o);
}
