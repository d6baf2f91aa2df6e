import { Model, Resource } from "../../engine/model";
import { asRecord, isExpr, ofTypesIn } from "../../rules/kubernetes/_workloads";
import { istioKind, manifestNamespace, MANIFEST_TYPES, modeOf, ROOT_NAMESPACE, specOf } from "../../rules/mesh/_istio";
import { cidrNode, INTERNET_NODE } from "../../shared/service-graph";
import { Flow } from "../types";
import { PodPeer, PolicyUnknown } from "./network-policies";
import { ANY_KUBERNETES_NODE, KubernetesNodes, kubernetesNodesIn, KubernetesService, kubernetesNode, KUBERNETES_PREFIX } from "./nodes";
import { ALL_PORTS, PortRange } from "./ranges";

/**
 * The AuthorizationPolicy layer of one stack: Istio AuthorizationPolicies (`kubernetes_manifest`, and YAML documents
 * read as one) on the services whose pods they select: `spec.selector.matchLabels` in the policy's namespace, every
 * workload of the namespace without a selector, every workload of the mesh in the root namespace (`istio-system`).
 *
 * A service that some ALLOW or DENY policy applies to is governed by the layer: a request reaches it when no DENY rule
 * matches and some ALLOW rule does, so an ALLOW policy without rules (allow-nothing) admits nothing by itself. Each ALLOW
 * rule is a flow from each of its sources to the service on TCP, on the ports of its operations (every port when an
 * operation names none); DENY rules are the same flows, subtracted. Methods, paths and `when` conditions narrow a
 * request, not a port: an ALLOW rule that has them still opens its port, and a DENY rule that has them is not read as
 * closing it. AUDIT and CUSTOM policies are not read.
 *
 * A source is read by its narrowest field: `principals` (`<trust domain>/ns/<namespace>/sa/<account>` is the service
 * whose pods run as that account in that namespace; `*` is `k8s:*`; another pattern `k8s:principal:<pattern>`), else
 * `namespaces` (`k8s:<namespace>/*`), else `requestPrincipals` (`k8s:token:<pattern>`: any workload or client holding
 * such a token), else `ipBlocks` and
 * `remoteIpBlocks` (address blocks); a rule without `from`, or a source that only excludes (`notPrincipals`, ...), is
 * `k8s:*`. A source that names requestPrincipals admits only requests carrying a token (`PodPeer.token`), whatever
 * else it names. Values unknown until apply are listed in `unknown`.
 */

/** A flow of the AuthorizationPolicy layer (an ALLOW rule's, or a DENY rule's). */
export interface AuthorizationFlow extends Flow {
  readonly layer: "authorization-policy";
  /** The callee: the service whose pods the policy selects. */
  readonly service: KubernetesService;
  readonly peer: PodPeer;
  readonly action: "ALLOW" | "DENY";
}

/** The flows of the AuthorizationPolicy layer of one stack. */
export interface AuthorizationLayer {
  /** Flows of ALLOW rules. */
  readonly flows: readonly AuthorizationFlow[];
  /** Flows of DENY rules that close their ports (no methods, paths or conditions). */
  readonly denies: readonly AuthorizationFlow[];
  /** The services some ALLOW or DENY policy applies to, with the policies' addresses. */
  readonly governed: ReadonlyMap<string, readonly string[]>;
  readonly unknown: readonly PolicyUnknown[];
}

/** The AuthorizationPolicy layer of the stack of `near`, computed once per model and stack. */
export function authorizationPolicyLayer(model: Model, near: Resource): AuthorizationLayer {
  return model.memoIn("graph:authorization-policy-layer", near, readLayer);
}

function readLayer(near: Resource, model: Model): AuthorizationLayer {
  const nodes = kubernetesNodesIn(model, near);
  const out = { flows: [] as AuthorizationFlow[], denies: [] as AuthorizationFlow[], governed: new Map<string, string[]>(), unknown: [] as PolicyUnknown[] };
  for (const r of ofTypesIn(model, MANIFEST_TYPES, near)) {
    if (istioKind(r, model) === "AuthorizationPolicy") readPolicy(r, model, nodes, out);
  }
  return out;
}

function listOf(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function readPolicy(r: Resource, model: Model, nodes: KubernetesNodes, out: { flows: AuthorizationFlow[]; denies: AuthorizationFlow[]; governed: Map<string, string[]>; unknown: PolicyUnknown[] }): void {
  const lost = (text: string, services: readonly string[] = []): void => {
    out.unknown.push({ address: r.address, text, services });
  };
  const namespace = manifestNamespace(r, model);
  const spec = specOf(r);
  if (namespace === undefined || namespace.startsWith("@")) return lost(`the namespace of ${r.address} is unknown until apply`);
  if (spec === undefined) return lost(`the spec of ${r.address} is unknown until apply`);
  const action = modeOf(spec, "action") ?? "ALLOW";
  if (isExpr(action)) return lost(`the action of ${r.address} is unknown until apply`);
  if (action !== "ALLOW" && action !== "DENY") return;
  const selected = selectedServices(spec, namespace, nodes);
  if (typeof selected === "string") return lost(`${r.address}: ${selected}`);
  if (selected.length === 0) return;
  const names = selected.map((s) => s.name);
  for (const s of selected) out.governed.set(s.name, [...(out.governed.get(s.name) ?? []), r.address]);
  if (isExpr(spec.rules)) return lost(`the rules of ${r.address} are unknown until apply`, names);
  listOf(spec.rules).forEach((rule, i) => {
    const label = `${r.address} rule ${i}`;
    const body = asRecord(rule) ?? {};
    const ports = operationPorts(body, action === "DENY");
    const peers = sourcesOf(body, nodes);
    if (typeof ports === "string" || typeof peers === "string") return lost(`${label}: ${typeof ports === "string" ? ports : peers}`, names);
    if (action === "DENY" && (ports.length === 0 || listOf(body.when).length > 0)) return;
    for (const s of selected) {
      for (const peer of peers) {
        for (const range of ports) {
          const flow: AuthorizationFlow = { from: peer.node, to: s.name, protocol: "tcp", fromPort: range.from, toPort: range.to, layer: "authorization-policy", address: r.address, rule: label, service: s, peer, action };
          (action === "ALLOW" ? out.flows : out.denies).push(flow);
        }
      }
    }
  });
}

/** The services a policy applies to, or why that is unknown until apply. */
function selectedServices(spec: Record<string, unknown>, namespace: string, nodes: KubernetesNodes): KubernetesService[] | string {
  if (spec.targetRef !== undefined || spec.targetRefs !== undefined) return "it targets resources by reference (targetRef), which is not read";
  const all = [...nodes.services.values()];
  const inScope = namespace === ROOT_NAMESPACE ? all : all.filter((s) => s.namespace === namespace);
  if (isExpr(spec.selector)) return "its selector is unknown until apply";
  const labels = asRecord(asRecord(spec.selector)?.matchLabels);
  if (labels === undefined) return inScope;
  if (Object.values(labels).some(isExpr)) return "its selector is unknown until apply";
  return inScope.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/**
 * The ports of a rule's operations: every port when the rule has no `to` or an operation names none. For a DENY rule,
 * only operations without methods, paths or hosts count (others deny some requests, not the port); none is `[]`.
 */
function operationPorts(rule: Record<string, unknown>, deny: boolean): PortRange[] | string {
  if (isExpr(rule.to)) return "its operations are unknown until apply";
  const to = listOf(rule.to);
  if (to.length === 0) return [ALL_PORTS];
  const out: PortRange[] = [];
  for (const t of to) {
    const op = asRecord(asRecord(t)?.operation) ?? {};
    if (deny && ["methods", "paths", "hosts", "notMethods", "notPaths", "notHosts", "notPorts"].some((f) => op[f] !== undefined)) continue;
    const ports = listOf(op.ports);
    if (ports.length === 0) return [ALL_PORTS];
    for (const p of ports) {
      if (isExpr(p)) return "a port is unknown until apply";
      const n = Number(p);
      if (!Number.isInteger(n) || n < 0 || n > 65535) return `port ${JSON.stringify(p)} is not a port number`;
      out.push({ from: n, to: n });
    }
  }
  return out;
}

/** The peers of a rule's sources, or why they are unknown until apply. */
function sourcesOf(rule: Record<string, unknown>, nodes: KubernetesNodes): PodPeer[] | string {
  const all = [...nodes.services.values()];
  const any: PodPeer = { node: ANY_KUBERNETES_NODE, services: all, wide: true, block: false };
  if (isExpr(rule.from)) return "its sources are unknown until apply";
  const from = listOf(rule.from);
  if (from.length === 0) return [any];
  const out: PodPeer[] = [];
  for (const f of from) {
    const source = asRecord(asRecord(f)?.source) ?? {};
    const values = (field: string) => listOf(source[field]);
    if (["principals", "namespaces", "requestPrincipals", "ipBlocks", "remoteIpBlocks"].some((field) => values(field).some(isExpr))) return "a source is unknown until apply";
    const token = values("requestPrincipals").length > 0;
    if (values("principals").length > 0) out.push(...values("principals").map((p) => ({ ...principalPeer(String(p), all), ...(token ? { token } : {}) })));
    else if (values("namespaces").length > 0) {
      for (const ns of values("namespaces").map(String)) {
        out.push(ns === "*" ? any : { node: kubernetesNode(ns, "*"), services: all.filter((s) => s.namespace === ns), wide: true, block: false });
      }
    } else if (values("requestPrincipals").length > 0) {
      for (const p of values("requestPrincipals").map(String)) out.push({ node: `${KUBERNETES_PREFIX}token:${p}`, services: all, wide: true, block: false, token });
    } else if (values("ipBlocks").length + values("remoteIpBlocks").length > 0) {
      for (const cidr of [...values("ipBlocks"), ...values("remoteIpBlocks")].map(String)) {
        out.push({ node: cidr === "0.0.0.0/0" || cidr === "::/0" ? INTERNET_NODE : cidrNode(cidr), services: [], wide: false, block: true });
      }
    } else out.push(any);
  }
  return out;
}

/** `<trust domain>/ns/<namespace>/sa/<account>`: the mesh principal of pods running as that account. */
const PRINCIPAL = /^[^/*]+\/ns\/([^/*]+)\/sa\/([^/*]+)$/;

/** The peer of one principal: the service whose pods run as it, or a Kubernetes node. */
function principalPeer(principal: string, all: readonly KubernetesService[]): PodPeer {
  if (principal === "*") return { node: ANY_KUBERNETES_NODE, services: all, wide: true, block: false };
  const m = PRINCIPAL.exec(principal);
  if (m !== null) {
    const services = all.filter((s) => s.namespace === m[1] && s.account === m[2]);
    if (services.length === 1) return { node: services[0].name, services, wide: false, block: false };
    return { node: kubernetesNode(m[1], `sa/${m[2]}`), services, wide: false, block: false };
  }
  const pattern = new RegExp(`^${principal.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
  const services = all.filter((s) => s.account !== undefined && pattern.test(`cluster.local/ns/${s.namespace}/sa/${s.account}`));
  return { node: `${KUBERNETES_PREFIX}principal:${principal}`, services, wide: true, block: false };
}
