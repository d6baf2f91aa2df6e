import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { CLASSIC_TYPES, classicListeners, isTlsProtocol, protocolOf } from "./_elb";

export const ztLb008 = defineRule({
  id: "ZT-LB-008",
  title: "Classic Load Balancer listener does not terminate TLS (HTTP or TCP)",
  severity: "high",
  domain: "loadbalancing",
  rationale:
    "A Classic Load Balancer listener on HTTP or TCP carries session cookies, tokens and data in clear text between " +
    "the client and the load balancer, across every network on the way. Unlike an Application Load Balancer, a Classic " +
    "Load Balancer cannot answer plain HTTP with a redirect to HTTPS, so every plaintext listener serves traffic. Zero " +
    "trust secures all communication regardless of network location. AWS Security Hub control ELB.3 (Classic Load " +
    "Balancer listeners should be configured with HTTPS or TLS termination).",
  remediation:
    "Set lb_protocol = \"HTTPS\" (or \"SSL\" for TCP traffic) with an ssl_certificate_id from ACM on every listener " +
    "block of the aws_elb, and remove the plaintext listeners; better, move the service to an Application or Network " +
    "Load Balancer (aws_lb), which can redirect HTTP to HTTPS.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)", "SC-23"],
    securityHub: ["ELB.3"],
  },
  resourceTypes: CLASSIC_TYPES,
  check(elb) {
    const listeners = classicListeners(elb);
    if (listeners === undefined) return unknown("the listeners are computed at apply time");
    if (listeners.length === 0) return pass();
    return listeners.map((l): Outcome => {
      const protocol = protocolOf(l.view, "lb_protocol");
      if (protocol === undefined) return unknown(`the protocol of listener ${l.port} is computed at apply time`, l.item);
      return isTlsProtocol(protocol) ? pass(l.item) : fail(`listener ${l.port} serves ${protocol} without TLS`, l.item);
    });
  },
});
