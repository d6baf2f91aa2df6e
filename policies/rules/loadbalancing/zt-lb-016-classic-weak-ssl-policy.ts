import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { CLASSIC_TYPES, ClassicListener, classicListeners, isTlsProtocol, protocolOf } from "./_elb";
import { DEFAULT_POLICY, isTls12Policy } from "./zt-lb-002-listener-tls-below-1-2";

const LISTENER_POLICY = "aws_load_balancer_listener_policy";
const POLICY_TYPES: readonly string[] = ["aws_load_balancer_policy"];
const SSL_NEGOTIATION = "SSLNegotiationPolicyType";
const REFERENCE = "Reference-Security-Policy";

export const ztLb016 = defineRule({
  id: "ZT-LB-016",
  title: "Classic Load Balancer HTTPS/SSL listener does not use a predefined TLS 1.2 security policy",
  severity: "high",
  domain: "loadbalancing",
  rationale:
    "A Classic Load Balancer negotiates TLS with the security policy of each HTTPS or SSL listener. Without one, AWS " +
    `applies ${DEFAULT_POLICY}, which accepts TLS 1.0 and 1.1 and CBC ciphers open to downgrade attacks; a custom ` +
    "policy lists its own protocols and ciphers, which drift from the vetted predefined sets. Zero trust secures every " +
    "connection. AWS Security Hub control ELB.8 (Classic Load Balancers with SSL listeners should use a predefined " +
    "security policy that has strong AWS Configuration), whose default is ELBSecurityPolicy-TLS-1-2-2017-01. A policy " +
    "named only by a literal string that the configuration does not declare leaves the result unknown. Stricter than " +
    "CKV_AWS_213, which accepts a custom policy that lists only secure protocols.",
  remediation:
    "Declare an aws_load_balancer_policy with policy_type_name = \"SSLNegotiationPolicyType\" and policy_attribute { " +
    "name = \"Reference-Security-Policy\", value = \"ELBSecurityPolicy-TLS-1-2-2017-01\" }, and attach it to every " +
    "HTTPS/SSL port with an aws_load_balancer_listener_policy (load_balancer_port, policy_names).",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)", "SC-13"],
    checkov: ["CKV_AWS_213"],
    securityHub: ["ELB.8"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb, model) {
    const listeners = classicListeners(elb);
    if (listeners === undefined) return unknown("the listeners are computed at apply time");
    const policies = listenerPoliciesOf(elb, model);
    const out: Outcome[] = [];
    for (const l of listeners) {
      const protocol = protocolOf(l.view, "lb_protocol");
      if (protocol === undefined) out.push(unknown(`the protocol of listener ${l.port} is computed at apply time`, l.item));
      else if (isTlsProtocol(protocol)) out.push(listenerVerdict(l, policies, model));
    }
    return out.length > 0 ? out : na("no HTTPS or SSL listener");
  },
});

/** The listener policies of the configuration that name `elb`, by reference or by its literal name. */
function listenerPoliciesOf(elb: Resource, model: Model): Resource[] {
  const name = elb.str("name");
  return model.ofTypeIn(LISTENER_POLICY, elb).filter((p) => {
    if (model.referenced(p, "load_balancer_name", CLASSIC_TYPES).includes(elb)) return true;
    const v = p.get("load_balancer_name");
    return name !== undefined && v.kind === "known" && String(v.value) === name;
  });
}

function listenerVerdict(l: ClassicListener, policies: readonly Resource[], model: Model): Outcome {
  const mine = policies.filter((p) => String(p.num("load_balancer_port")) === l.port);
  if (mine.length === 0) {
    if (policies.some((p) => p.num("load_balancer_port") === undefined)) return unknown(`the port of a listener policy is computed at apply time`, l.item);
    return fail(`listener ${l.port} has no SSL negotiation policy: AWS applies ${DEFAULT_POLICY}, which accepts TLS 1.0`, l.item);
  }
  return policyVerdict(l, mine[0], model);
}

function policyVerdict(l: ClassicListener, listenerPolicy: Resource, model: Model): Outcome {
  if (listenerPolicy.get("policy_names").kind === "unknown") return unknown(`policy_names of ${listenerPolicy.address} is computed at apply time`, l.item);
  const ssl = model.referenced(listenerPolicy, "policy_names", POLICY_TYPES).filter((p) => p.str("policy_type_name") === SSL_NEGOTIATION);
  if (ssl.length === 0) {
    const literal = (listenerPolicy.list("policy_names") ?? []).filter((n): n is string => typeof n === "string" && !n.includes("${"));
    if (literal.some(isTls12Policy)) return pass(l.item);
    if (literal.length > 0) return unknown(`listener ${l.port} uses policy ${literal.join(", ")}, which the configuration does not declare`, l.item);
    return fail(`listener ${l.port} has no SSL negotiation policy: AWS applies ${DEFAULT_POLICY}, which accepts TLS 1.0`, l.item);
  }
  const reference = ssl[0].blocks("policy_attribute").find((a) => a.str("name") === REFERENCE);
  if (!reference) return fail(`listener ${l.port} uses the custom SSL negotiation policy ${ssl[0].address}, not a predefined one`, l.item);
  const v = reference.get("value");
  if (v.kind !== "known") return unknown(`the ${REFERENCE} of ${ssl[0].address} is computed at apply time`, l.item);
  const policy = String(v.value);
  return isTls12Policy(policy) ? pass(l.item) : fail(`listener ${l.port} uses ${policy}, which is not a TLS 1.2+ policy`, l.item);
}
