import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { View } from "../../engine/view";
import {
  NAMESPACE_TYPES,
  NetworkPolicyInfo,
  WORKLOAD_TYPES,
  asRecord,
  isDefaultDeny,
  isExpr,
  namespaceKeyOf,
  namespaceOf,
  networkPoliciesIn,
  ofTypesIn,
  podLabels,
  selectorIsEmpty,
  selectorMatches,
} from "./_workloads";

/** The labels of the namespace cluster DNS (kube-dns, CoreDNS) runs in, as the API server sets them. */
const KUBE_SYSTEM: Record<string, unknown> = { "kubernetes.io/metadata.name": "kube-system" };
/** The names kube-dns gives its DNS ports (a policy may name the port rather than number it). */
const DNS_PORT_NAMES = new Set(["dns", "dns-udp", "dns-tcp"]);

type Decision = boolean | undefined;

/** Whether one `ports` entry of an egress rule admits UDP port 53: undefined when that depends on values computed at apply time. */
function portAdmitsDns(p: View): Decision {
  const protocol = p.get("protocol");
  const port = p.get("port");
  if (protocol.kind === "unknown" || port.kind === "unknown") return undefined;
  // The protocol defaults to TCP: a DNS query goes over UDP first.
  if (protocol.kind === "absent" || String(protocol.value).toUpperCase() !== "UDP") return false;
  if (port.kind === "absent") return true;
  const value = port.value;
  const n = typeof value === "number" ? value : /^\d+$/.test(String(value)) ? Number(value) : undefined;
  if (n === undefined) return DNS_PORT_NAMES.has(String(value).toLowerCase());
  const end = p.num("end_port");
  return n === 53 || (end !== undefined && n <= 53 && end >= 53);
}

/** Whether one `to` peer of an egress rule includes cluster DNS: kube-system (or every namespace), or an address block. */
function peerReachesDns(peer: View, ownNamespace: string): Decision {
  if (peer.blocks("ip_block").length > 0) return true;
  if (peer.blocksUnknown("namespace_selector")) return undefined;
  const ns = peer.blocks("namespace_selector")[0];
  if (ns === undefined) {
    // A pod selector alone selects pods of the policy's own namespace.
    if (ownNamespace !== "kube-system") return false;
  } else if (selectorIsEmpty(ns) !== true) {
    const inKubeSystem = selectorMatches(ns, KUBE_SYSTEM);
    if (inKubeSystem !== true) return inKubeSystem;
  }
  const pods = peer.blocks("pod_selector")[0];
  if (pods === undefined || selectorIsEmpty(pods) === true) return true;
  const labels = asRecord(pods.known("match_labels"));
  // kube-dns and CoreDNS pods carry k8s-app: kube-dns; a policy naming other pods is not trusted to reach them.
  return labels !== undefined && Object.keys(labels).length > 0 && !Object.values(labels).some(isExpr) ? labels["k8s-app"] === "kube-dns" : undefined;
}

/** Whether an egress rule admits DNS queries to cluster DNS. */
function ruleAdmitsDns(rule: View, ownNamespace: string): Decision {
  if (rule.blocksUnknown("ports") || rule.blocksUnknown("to")) return undefined;
  const ports = rule.blocks("ports");
  let byPort: Decision = ports.length === 0;
  for (let i = 0; i < ports.length && byPort !== true; i++) {
    const d = portAdmitsDns(ports[i]);
    byPort = d === true ? true : byPort === false && d === false ? false : undefined;
  }
  if (byPort === false) return false;
  const peers = rule.blocks("to");
  let byPeer: Decision = peers.length === 0;
  for (let i = 0; i < peers.length && byPeer !== true; i++) {
    const d = peerReachesDns(peers[i], ownNamespace);
    byPeer = d === true ? true : byPeer === false && d === false ? false : undefined;
  }
  if (byPeer === false) return false;
  return byPort === true && byPeer === true ? true : undefined;
}

/** Whether a network policy admits DNS egress for the pods it selects. */
function policyAdmitsDns(np: NetworkPolicyInfo, ownNamespace: string): Decision {
  if (np.types !== undefined && !np.types.includes("Egress")) return false;
  const spec = np.res.blocks("spec")[0];
  if (spec === undefined) return false;
  if (spec.blocksUnknown("egress")) return undefined;
  const rules = spec.blocks("egress");
  let out: Decision = false;
  for (let i = 0; i < rules.length; i++) {
    const d = ruleAdmitsDns(rules[i], ownNamespace);
    if (d === true) return np.types === undefined ? undefined : true;
    if (d === undefined) out = undefined;
  }
  return out;
}

/** The workloads of a namespace in the stack of `ns`, with the labels of their pods (undefined when computed). */
function workloadsIn(model: Model, ns: Resource, key: string): { res: Resource; labels: Record<string, unknown> | undefined }[] {
  return ofTypesIn(model, WORKLOAD_TYPES, ns)
    .filter((w) => namespaceOf(w, model) === key)
    .map((res) => {
      const v = podLabels(res);
      return { res, labels: v.kind === "known" ? asRecord(v.value) ?? {} : undefined };
    });
}

export const ztK8s018 = defineRule({
  id: "ZT-K8S-018",
  title: "Default-deny egress blocks DNS: no NetworkPolicy lets the namespace's pods reach cluster DNS",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "A default-deny egress NetworkPolicy also drops DNS queries, so pods cannot resolve even the services they are " +
    "allowed to call. The outage that follows is usually fixed by opening egress wide, which undoes the default deny. " +
    "Name resolution is a platform path that has to be granted explicitly, to cluster DNS only.",
  remediation:
    "Add a NetworkPolicy in the namespace with an empty podSelector (or one that selects every workload), " +
    'policyTypes ["Egress"], and an egress rule to namespaceSelector kubernetes.io/metadata.name: kube-system with ' +
    "podSelector k8s-app: kube-dns on UDP 53 and TCP 53.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "SC-20", "SC-21"],
  },
  resourceTypes: NAMESPACE_TYPES,
  check(r, model) {
    const key = namespaceKeyOf(r);
    const policies = networkPoliciesIn(model, r).in(key);
    const denies = policies.filter((np) => np.namespace === key && isDefaultDeny(np, "Egress") === true);
    if (denies.length === 0) return na("no default-deny egress policy in the namespace");
    const deny = denies[0].res.address;
    let undecided: string | undefined;
    const dnsPolicies: NetworkPolicyInfo[] = [];
    for (let i = 0; i < policies.length; i++) {
      const np = policies[i];
      const admits = policyAdmitsDns(np, key);
      if (admits === false) continue;
      if (admits === true && np.namespace === key) {
        if (selectorIsEmpty(np.selector) === true) return pass();
        dnsPolicies.push(np);
      } else undecided ??= np.res.address;
    }
    // DNS allowed per workload: every workload of the namespace must be selected by one of those policies.
    const workloads = workloadsIn(model, r, key);
    const left: string[] = [];
    for (let i = 0; i < workloads.length; i++) {
      const w = workloads[i];
      let selected: Decision = false;
      for (let j = 0; j < dnsPolicies.length && selected !== true; j++) {
        const m = w.labels === undefined ? undefined : selectorMatches(dnsPolicies[j].selector, w.labels);
        selected = m === true ? true : selected === false && m === false ? false : undefined;
      }
      if (selected === undefined) undecided ??= w.res.address;
      else if (!selected) left.push(w.res.address);
    }
    if (dnsPolicies.length > 0 && left.length === 0 && undecided === undefined) return pass();
    if (left.length > 0)
      return fail(`${deny} denies all egress and no NetworkPolicy admits DNS (UDP 53 to kube-dns) for ${left.join(", ")}: those pods cannot resolve names`);
    if (undecided) return unknown(`whether DNS to kube-dns is allowed depends on ${undecided}, computed at apply time`);
    return fail(`${deny} denies all egress and no NetworkPolicy in "${key}" admits DNS (UDP 53 to kube-dns in kube-system): pods cannot resolve names`);
  },
});
