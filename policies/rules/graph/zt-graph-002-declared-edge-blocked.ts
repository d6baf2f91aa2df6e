import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { isGraphCarrier } from "../../graph/declared";
import { kubernetesVerdicts, LayerVerdict, layersOnPath, MissingEnd } from "../../graph/readers/paths";
import { portsText } from "../../graph/readers/ranges";
import { securityGroupLayer } from "../../graph/readers/security-groups";
import { edgeKey, GRAPH_RESOURCE_NAME, GRAPH_RESOURCE_TYPE, GraphEdge } from "../../shared/service-graph";
import { declaredIndex, DeclaredIndex } from "./_declared";

export const ztGraph002 = defineRule({
  id: "ZT-GRAPH-002",
  title: "A layer blocks a declared edge",
  severity: "medium",
  domain: "graph",
  rationale:
    "Every edge of the declared service graph is meant to work: a call the platform declared but a layer on its path drops is an outage waiting for the first deploy (the flow works in the security group but the network ACL drops it), and it pushes teams to open broad rules by hand to get traffic through. Each layer on the path of each declared edge is checked from what Terraform will create: the source's security-group egress and the destination's security-group ingress where the ends are security groups, then the network ACLs between the subnets their hosts run in (in rule-number order, with return traffic on ports 1024-65535 both ways). A gateway edge is checked in the gateway-route layer too: the internet to a gateway needs one of the gateway's APIs reachable from the internet (a REGIONAL or EDGE REST API or an HTTP API with its execute-api endpoint on, or a public custom domain mapping it); a gateway to a service needs a route whose private integration reaches the service's hosts on the declared port (VPC link, load balancer listener, target group, attachment, the hosts' security group), with the security groups of the load balancer and the hosts letting it through; either way each declared route must be served by a method or route (the same method and path, or ANY on that path). An edge with an end that runs on Kubernetes in the stack (pods labelled app.kubernetes.io/name with the service's name) is checked in the Kubernetes layers: network-policy-egress of the caller when some NetworkPolicy isolates its pods for egress, network-policy-ingress of the callee when some NetworkPolicy isolates them for ingress (flows are the union of the rules of every policy that selects the pods), and authorization-policy of the callee when some Istio AuthorizationPolicy applies to it (an allow-nothing policy admits nothing; a DENY rule refuses what it matches); such an end needs no security group, and its gateway routes are not followed. A declared Kubernetes service whose pods the stack does not run is judged in the security-group and network ACL layers through its cluster's node security group (tagged zt:cluster-nodes with the runtime's cluster name) and the subnets of its node groups, as a host group is, and has no path when the stack holds no such group. A stack whose declared graph has scope kubernetes holds only the Kubernetes and mesh layers: there only the edges with an end whose pods it runs are judged, in those layers, the others being judged in the platform's stack. A NetworkPolicy ipBlock counts without its except blocks: it reaches an end only when the end's addresses lie outside them, and is unknown for an end whose addresses the stack does not hold. A declared gateway without any API in the configuration fails. A declared service without a security group, and a declared graph that cannot be read, fail: the gate never passes what it cannot read. Parts of the path unknown until apply are unknown.",
  remediation:
    "Let the platform derive the layers from the graph rather than writing them by hand, or fix the layer the finding names: add the ingress or egress rule for the declared port, or a network ACL entry (and its return-traffic entry) for it ahead of any lower-numbered deny. For a gateway edge, add the method or route the declaration lists (or let the gateway be derived from the declared routes), point its private integration at the load balancer listener of the service's port, or make the API reachable (endpoint type, execute-api endpoint or custom domain). For a Kubernetes edge, add the egress rule on the caller's policy, the ingress rule on the callee's (the other end's namespace and pod labels, on the declared port) or the caller's principal to the callee's ALLOW AuthorizationPolicy, remove the DENY rule that refuses it, or let KubernetesServices and MeshPolicies derive them from the graph. For a Kubernetes service judged through its cluster, write the path on the cluster's node security group (HardenedCluster.nodeConnections), or name in the graph the cluster whose node group is tagged zt:cluster-nodes. If the edge is no longer wanted, remove it from the declaration.",
  references: {
    nist800207: ["Tenet 1", "Tenet 6"],
    nist80053: ["AC-4", "SC-7", "CM-3"],
  },
  resourceTypes: [GRAPH_RESOURCE_TYPE],
  check(resource, model) {
    if (!isGraphCarrier(resource)) return na(`not the declared service graph (${GRAPH_RESOURCE_TYPE}.${GRAPH_RESOURCE_NAME})`);
    const declared = declaredIndex(model, resource);
    if (declared === undefined) return na(`no declared service graph in this input (${GRAPH_RESOURCE_TYPE}.${GRAPH_RESOURCE_NAME})`);
    if ("error" in declared) return fail(`the declared service graph cannot be read: ${declared.error}`);
    if (declared.document.edges.length === 0) return pass();
    if (declared.scope === "kubernetes") return judgeKubernetesScope(declared, resource, model);
    const layer = securityGroupLayer(model, resource);
    return declared.document.edges.map((e) => outcomeOf(e, layersOnPath(e, layer, declared, model)));
  },
});

/** Why a Kubernetes stack has nothing to judge: its edges' other layers are judged where they are. */
const NOTHING_IN_SCOPE =
  'no declared edge has an end whose pods run in this stack; the graph\'s scope is "kubernetes" (this stack holds only the Kubernetes and mesh layers), and the security groups, network ACLs and gateways are judged in the platform\'s stack';

/**
 * A Kubernetes stack (scope `kubernetes`): only the edges with an end whose pods it runs, only in the Kubernetes layers;
 * not applicable when there is none.
 */
function judgeKubernetesScope(declared: DeclaredIndex, near: Resource, model: Model): Outcome | Outcome[] {
  const layer = securityGroupLayer(model, near);
  const out: Outcome[] = [];
  for (const e of declared.document.edges) {
    const verdicts = kubernetesVerdicts(e, layer, declared, model);
    if (verdicts !== undefined) out.push(outcomeOf(e, verdicts));
  }
  return out.length > 0 ? out : na(NOTHING_IN_SCOPE);
}

/** The outcome of one declared edge: a fail per blocking layer, else unknown when a layer cannot be read, else a pass. */
function outcomeOf(edge: GraphEdge, verdicts: LayerVerdict[] | MissingEnd): Outcome {
  const item = edgeKey(edge);
  const name = `declared edge ${edge.from} -> ${edge.to} ${portsText(edge.protocol, [{ from: edge.port, to: edge.port }])}`;
  if ("missing" in verdicts) return fail(`${name} has no path: ${verdicts.missing}`, item);
  const blocked = verdicts.filter((v) => v.status === "block");
  if (blocked.length > 0) return fail(blocked.map((v) => `${name} is blocked by ${v.layer} of ${v.of}: ${v.text}`).join("; "), item);
  const open = verdicts.filter((v) => v.status === "unknown");
  if (open.length > 0) return unknown(open.map((v) => `${name} may be blocked by ${v.layer} of ${v.of}: ${v.text}`).join("; "), item);
  return pass(item);
}
