import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { CLASSIC_TYPES, classicListeners, isTlsProtocol, protocolOf } from "./_elb";
import { LISTENER_TYPES, listenerProtocol } from "./_lb";

/** Target groups of Application, Network and Gateway Load Balancers. */
const TARGET_GROUP_TYPES: readonly string[] = ["aws_lb_target_group", "aws_alb_target_group"];
const LISTENER_RULE_TYPES: readonly string[] = ["aws_lb_listener_rule", "aws_alb_listener_rule"];
/** Protocols that carry traffic to targets without encryption. */
const PLAINTEXT = new Set(["HTTP", "TCP", "UDP", "TCP_UDP"]);

export const ztLb015 = defineRule({
  id: "ZT-LB-015",
  title: "Load balancer decrypts TLS and forwards the traffic to its targets in plain text",
  severity: "medium",
  domain: "loadbalancing",
  rationale:
    "An HTTPS or TLS listener that forwards to an HTTP or TCP target group (or a Classic Load Balancer listener with " +
    "instance_protocol HTTP or TCP behind HTTPS or SSL) ends encryption at the load balancer: tokens, cookies and data " +
    "cross the VPC in clear text, where anyone who can capture traffic in the subnets (a compromised host, a traffic " +
    "mirroring session, a misrouted flow) reads and alters them. Zero trust treats the internal network as hostile and " +
    "encrypts every hop. Narrower than CKV_AWS_378, which fails every HTTP target group: a group that no HTTPS or TLS " +
    "listener of the configuration reaches is not judged (plaintext listeners are ZT-LB-001's and ZT-LB-008's); " +
    "broader in that a TCP group behind a TLS listener fails too.",
  remediation:
    "Set protocol = \"HTTPS\" on the aws_lb_target_group behind an HTTPS listener, or \"TLS\" behind a TLS listener, " +
    "and serve TLS on the targets (a certificate from a private CA); on an aws_elb, set instance_protocol to \"HTTPS\" " +
    "or \"SSL\" on every listener that terminates TLS.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)", "SC-23"],
    checkov: ["CKV_AWS_378"],
  },
  resourceTypes: [...TARGET_GROUP_TYPES, ...CLASSIC_TYPES],
  check(r, model) {
    return CLASSIC_TYPES.includes(r.type) ? classicVerdict(r) : targetGroupVerdict(r, model);
  },
});

function classicVerdict(elb: Resource): Outcome | Outcome[] {
  const listeners = classicListeners(elb);
  if (listeners === undefined) return unknown("the listeners are computed at apply time");
  const out: Outcome[] = [];
  for (const l of listeners) {
    const front = protocolOf(l.view, "lb_protocol");
    const back = protocolOf(l.view, "instance_protocol");
    if (front !== undefined && !isTlsProtocol(front)) continue;
    if (front === undefined || back === undefined) out.push(unknown(`the protocols of listener ${l.port} are computed at apply time`, l.item));
    else if (isTlsProtocol(back)) out.push(pass(l.item));
    else out.push(fail(`listener ${l.port} decrypts ${front} and forwards ${back} to the instances`, l.item));
  }
  return out.length > 0 ? out : na("no listener terminates TLS");
}

function targetGroupVerdict(group: Resource, model: Model): Outcome | Outcome[] {
  const listeners = tlsListenersOf(group, model);
  if (listeners.length === 0) return na("no HTTPS or TLS listener of the configuration forwards to it");
  const v = group.get("protocol");
  if (v.kind === "unknown") return unknown("protocol is computed at apply time");
  if (v.kind === "absent") return na("a target group without a protocol (Lambda targets) is not reached over the network");
  const protocol = String(v.value).toUpperCase();
  return listeners.map(({ listener, protocol: front }) => {
    const item = `Listener::${listener.address}`;
    if (front === undefined) return unknown(`the protocol of listener ${listener.address} is computed at apply time`, item);
    return PLAINTEXT.has(protocol) ? fail(`${front} listener ${listener.address} forwards to it over ${protocol}`, item) : pass(item);
  });
}

/**
 * The HTTPS and TLS listeners that forward to `group`, directly or through a listener rule, and those whose protocol
 * is computed at apply time (protocol undefined).
 */
function tlsListenersOf(group: Resource, model: Model): { listener: Resource; protocol: string | undefined }[] {
  const listeners = new Set<Resource>();
  for (const type of LISTENER_TYPES) for (const l of model.referrers(group, type)) listeners.add(l);
  for (const type of LISTENER_RULE_TYPES) {
    for (const rule of model.referrers(group, type)) for (const l of model.referenced(rule, "listener_arn", LISTENER_TYPES)) listeners.add(l);
  }
  const out: { listener: Resource; protocol: string | undefined }[] = [];
  for (const listener of listeners) {
    const protocol = listenerProtocol(listener, model);
    if (protocol === undefined || protocol === "HTTPS" || protocol === "TLS") out.push({ listener, protocol });
  }
  return out;
}
