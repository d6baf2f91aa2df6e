import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { ALL_PORTS, PortRange, portsText, rangeText, subtractRanges } from "../../graph/readers/ranges";
import { API_TYPES, gatewayRouteLayer, ROUTE_TYPES, RouteFlow, routeServed } from "../../graph/readers/gateways";
import { AuthorizationFlow, authorizationPolicyLayer } from "../../graph/readers/authorization-policies";
import { networkPolicyLayer, PolicyFlow } from "../../graph/readers/network-policies";
import { ANY_KUBERNETES_NODE, isClusterNode } from "../../graph/readers/nodes";
import { securityGroupLayer } from "../../graph/readers/security-groups";
import { Flow } from "../../graph/types";
import { NETWORK_POLICY_TYPES } from "../kubernetes/_workloads";
import { MANIFEST_TYPES } from "../mesh/_istio";
import { CLUSTER_PREFIX, edgeKey, INTERNET_NODE } from "../../shared/service-graph";
import { SG_RULE_TARGETS } from "../network/_security-group-rules";
import { declaredIndex, DeclaredIndex, NO_GRAPH, pairKey } from "./_declared";

export const ztGraph001 = defineRule({
  id: "ZT-GRAPH-001",
  title: "Configuration allows a flow the service graph does not declare",
  severity: "high",
  domain: "graph",
  rationale:
    "A platform declares its services and the calls between them once (the service graph carried by terraform_data.ztb_service_graph); every layer is derived from that declaration. A security group rule that lets a flow touch a declared service beyond the declared edges (a hand-added ingress rule, a module outside the library, a console change exported to a plan) opens a path nobody reviewed as part of the graph. Each rule is judged on its own, layer by layer: an ingress rule admitting an undeclared caller is a finding even when the caller's egress would drop it, because the next change on the other side opens the path. Platform edges of the document (VPC endpoints, gateway endpoints) count as declared in both directions of their layers: the endpoint group's ingress from a service is covered by the service's platform edge. A cluster's node security group (tagged zt:cluster-nodes, the group every pod of the cluster uses, node cluster:<name>) stands for the declared services that run on that cluster (runtime.cluster): a flow between it and a declared service is declared when one of them declares that call on those ports in that direction, and fails, naming the cluster, when none does. Gateway routes are judged the same way, route by route: a REST method or HTTP API route whose private integration reaches a declared service (through the VPC link, the load balancer's listener and target group, to the hosts' security group) needs a declared gateway edge from that gateway to the service on the target group's port, and the edge's declared routes must list it (the same method and path, or ANY on that path): the declared routes are the gateway's contract. On Kubernetes the same holds for NetworkPolicies and Istio AuthorizationPolicies, rule by rule, on the service whose pods a policy selects (the pods labelled app.kubernetes.io/name with its name): an ingress rule or ALLOW rule admitting a caller the graph does not declare on that port, and an egress rule reaching a declared service the graph does not declare, fail; a peer that is a whole namespace, every pod (an empty from, namespaceSelector {}, principal \"*\") or pods that are no declared service admits callers nobody declared and fails too. Address blocks other than the internet (a gateway's subnets, the platform paths every pod needs: DNS, the EKS Pod Identity agent) and token holders (requestPrincipals, judged by ZT-MESH-003 and ZT-MESH-008) are not service edges of the graph. Flows between nodes that are not declared services are outside the graph and not applicable; rules whose peer is unknown until apply, and routes whose target cannot be followed before apply, are unknown.",
  remediation:
    "Remove the rule, or declare the call in the platform's service graph (the service's `calls`, or an external destination) and let the platform derive the rule; for a rule of a cluster's node group, declare the call on a service that runs on that cluster. The finding is reported on the resource that declares the rule: the group for an inline block, the rule resource otherwise. For a route, remove the method or route, or declare it among the service's gateway routes and let the gateway be derived from the declaration; the finding is reported on the aws_api_gateway_method or aws_apigatewayv2_route. For a NetworkPolicy or AuthorizationPolicy, name the declared caller's pods (namespaceSelector with kubernetes.io/metadata.name and podSelector with app.kubernetes.io/name) or principal (cluster.local/ns/<namespace>/sa/<account>) on the declared port only, or let KubernetesServices and MeshPolicies derive the policies from the graph; the finding is reported on the policy's kubernetes_manifest (or its kubernetes_network_policy_v1, kubectl_manifest or YAML document).",
  references: {
    nist800207: ["Tenet 3", "Tenet 4", "Tenet 6"],
    nist80053: ["AC-4", "SC-7", "SC-7(5)", "CM-3"],
  },
  resourceTypes: [...SG_RULE_TARGETS, ...ROUTE_TYPES, ...API_TYPES, ...NETWORK_POLICY_TYPES, ...MANIFEST_TYPES],
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
    const message = `${f.rule} allows ${f.from} -> ${f.to} on ${portsText(f.protocol, missing)}, which the service graph does not declare${clusterText(f, declared)}`;
    push(fails, f.address, fail(message, item));
  }
  judgeRoutes(near, model, declared, fails, concerned);
  judgePods(near, model, declared, fails, concerned);
  const out = new Map<string, Outcome[]>(fails);
  for (const u of [...networkPolicyLayer(model, near).unknown, ...authorizationPolicyLayer(model, near).unknown]) {
    if (fails.has(u.address) || !(u.services.length === 0 || u.services.some((s) => declared.services.has(s)))) continue;
    push(out, u.address, unknown(`${u.text}; cannot tell whether it allows a flow the service graph does not declare`));
  }
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

/**
 * The ports of a flow the declared graph does not hold; undefined when it holds them all. An end that is a cluster's
 * nodes (`cluster:<name>`) stands for every declared service on that cluster: the union of their declared edges with the
 * other end, in the flow's direction.
 */
function undeclared(f: Pick<Flow, "from" | "to" | "protocol" | "fromPort" | "toPort">, declared: DeclaredIndex): PortRange[] | undefined {
  if (f.protocol !== "tcp" && f.protocol !== "udp") {
    // The graph declares TCP and UDP ports only: all traffic, ICMP or another protocol is never declared.
    return [ALL_PORTS];
  }
  const froms = declared.clusters.get(f.from) ?? [f.from];
  const tos = declared.clusters.get(f.to) ?? [f.to];
  const have = froms.flatMap((a) => tos.flatMap((b) => declared.ports.get(pairKey(a, b, f.protocol)) ?? []));
  const missing = subtractRanges([{ from: f.fromPort, to: f.toPort }], have);
  return missing.length === 0 ? undefined : missing;
}

/** For a flow with a cluster's nodes at one end: that no service on the cluster declares the call, and which run there. */
function clusterText(f: Pick<Flow, "from" | "to">, declared: DeclaredIndex): string {
  const node = [f.from, f.to].find(isClusterNode);
  if (node === undefined) return "";
  const name = node.slice(CLUSTER_PREFIX.length);
  const services = declared.clusters.get(node) ?? [];
  const on = services.length === 0 ? "no declared service runs on it" : `declared services on it: ${services.join(", ")}`;
  return `: no service on cluster ${name} declares that call (${on})`;
}

/**
 * NetworkPolicy rules and AuthorizationPolicy ALLOW rules of the Kubernetes services of the stack, each against the
 * declared edges of the service whose pods the policy selects. A peer that is one service is judged as a security-group
 * peer is; a peer that stands for several pods (a namespace, `k8s:*`, a selector or principal of pods that are not one
 * service) fails when it is wide or covers a declared service without a declared edge on those ports, since it admits
 * callers (or reaches callees) nobody declared. The internet is judged as a node of its own; other address blocks (a
 * gateway's subnets, the platform paths of every pod: DNS, the Pod Identity agent) and sources that require a token
 * (an edge-facing service's callers, through an ingress gateway or not, whom ZT-MESH-003 and ZT-MESH-008 judge) are not
 * the graph's service edges and pass here, unless the source is one declared service.
 */
function judgePods(near: Resource, model: Model, declared: DeclaredIndex, fails: Map<string, Outcome[]>, concerned: Set<string>): void {
  const flows: readonly (PolicyFlow | AuthorizationFlow)[] = [...networkPolicyLayer(model, near).flows, ...authorizationPolicyLayer(model, near).flows];
  for (const f of flows) {
    const self = f.service.name;
    if (!declared.services.has(self)) continue;
    concerned.add(f.address);
    const message = podFlowProblem(f, self, declared);
    if (message !== undefined) push(fails, f.address, fail(`${f.rule} (${f.layer}) ${message}`, `${f.from}->${f.to}:${f.protocol}:${rangeText({ from: f.fromPort, to: f.toPort })}`));
  }
}

/** Why one Kubernetes flow touches a declared service beyond the declared edges; undefined when it does not. */
function podFlowProblem(f: PolicyFlow | AuthorizationFlow, self: string, declared: DeclaredIndex): string | undefined {
  const inbound = f.layer !== "network-policy-egress";
  const peer = f.peer;
  const pair = (other: string) => (inbound ? { from: other, to: self } : { from: self, to: other });
  const check = (other: string) => {
    const missing = undeclared({ ...pair(other), protocol: f.protocol, fromPort: f.fromPort, toPort: f.toPort }, declared);
    return missing === undefined ? undefined : `${pair(other).from} -> ${pair(other).to} on ${portsText(f.protocol, missing)}`;
  };
  const one = peer.services.length === 1 && peer.node === peer.services[0].name;
  if (one || peer.node === INTERNET_NODE) {
    const missing = check(peer.node);
    return missing === undefined ? undefined : `allows ${missing}, which the service graph does not declare`;
  }
  if (peer.block || peer.token === true) return undefined;
  const ports = portsText(f.protocol, [{ from: f.fromPort, to: f.toPort }]);
  if (peer.wide && (inbound || peer.node === ANY_KUBERNETES_NODE)) {
    return `${inbound ? "admits" : "reaches"} ${peer.node}, any ${inbound ? "caller" : "destination"} it holds, ${inbound ? "to" : "from"} ${self} on ${ports}; the service graph declares callers one by one`;
  }
  const undeclaredOnes = peer.services.filter((s) => inbound || declared.services.has(s.name)).map((s) => check(s.name)).filter((m): m is string => m !== undefined);
  if (inbound && peer.services.length === 0) return `admits ${peer.node} to ${self} on ${ports}, which is no service of the graph`;
  return undeclaredOnes.length === 0 ? undefined : `${inbound ? "admits" : "reaches"} ${peer.node}, which allows ${undeclaredOnes.join(", ")}: the service graph does not declare it`;
}


function push(map: Map<string, Outcome[]>, key: string, o: Outcome): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [o]);
  else list.push(o);
}
