import { Model, Resource } from "../../engine/model";
import { defineRule, na } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { ADMIN_PORTS } from "../../shared/ports";
import { FINDING_PLACE_TEXT, INTERNET_TEXT } from "./_internet";
import { DATA_PORTS, invalidPorts, PortMatch } from "./_ports";
import { exposureCheck, SG_RULE_TARGETS } from "./_security-group-rules";
import { ztNet003 } from "./zt-net-003-sg-all-ports-open";
import { RISKY_PORTS } from "./zt-net-015-sg-high-risk-ports-open";
import { portsText } from "./zt-net-014-sg-egress-internet-ports";

/** The TCP ports a security group may open to the internet: HTTP and HTTPS, for a public load balancer. */
const AUTHORIZED_TCP: readonly number[] = [80, 443];

/** Ports that ZT-NET-001, ZT-NET-002 and ZT-NET-015 report, per protocol, so that one opening is reported once. */
const REPORTED_TCP: ReadonlySet<number> = new Set([...ADMIN_PORTS.map((p) => p.port), ...DATA_PORTS.map((p) => p.port), ...RISKY_PORTS.map((p) => p.port)]);
const REPORTED_UDP: ReadonlySet<number> = new Set(RISKY_PORTS.filter((p) => p.protocols.includes("udp")).map((p) => p.port));

/** Whether [from, to] holds a port outside `known` (a small set), counting instead of walking the range. */
function rangeHasOther(from: number, to: number, known: ReadonlySet<number>): boolean {
  let inRange = 0;
  known.forEach((p) => {
    if (from <= p && p <= to) inRange++;
  });
  return to - from + 1 > inRange;
}

const SKIP_TCP: ReadonlySet<number> = new Set([...AUTHORIZED_TCP, ...REPORTED_TCP]);

/**
 * Whether a rule opens a TCP port other than 80 and 443, or a UDP port, that no other exposure rule reports: true,
 * false, or "unknown" when its protocol or ports are unknown until apply. Protocol `all` is ZT-NET-003's; ICMP and other
 * IP protocols have no ports.
 */
function opensOtherPorts(m: PortMatch): boolean | "unknown" {
  if (m.protocol === undefined) return "unknown";
  if (m.protocol !== "tcp" && m.protocol !== "udp") return false;
  if (m.fromPort === undefined || m.toPort === undefined || invalidPorts(m) !== undefined) return "unknown";
  return rangeHasOther(m.fromPort, m.toPort, m.protocol === "tcp" ? SKIP_TCP : REPORTED_UDP);
}

const EXPOSURE = exposureCheck("net:exposure:unauthorized", "ingress", [{ key: "other-ports", text: "ports other than 80 and 443", test: opensOtherPorts, describe: portsText }]);

/** Why a resource that ZT-NET-003 fails is not reported again. */
const ALL_PORTS_REPORTED = "ZT-NET-003 already reports this resource's ingress from the internet on every port";

/** Ingress from the internet on unauthorized ports; not applicable to a resource that ZT-NET-003 fails. */
function check(r: Resource, model: Model): readonly Outcome[] {
  const allPorts = ztNet003.check(r, model);
  const all = Array.isArray(allPorts) ? (allPorts as readonly Outcome[]) : [allPorts as Outcome];
  if (all.some((o) => o.status === "fail")) return [na(ALL_PORTS_REPORTED)];
  return EXPOSURE(r, model);
}

export const ztNet024 = defineRule({
  id: "ZT-NET-024",
  title: "Security group admits the internet on ports other than HTTP and HTTPS",
  severity: "medium",
  domain: "network",
  rationale:
    `Only a public front door (a load balancer, an API gateway) faces the internet in a zero-trust design, and it listens on HTTP (to redirect) and HTTPS. An ingress rule from ${INTERNET_TEXT} on any other TCP port, or on any UDP port, exposes a service that was never meant to be public, such as an application port or a metrics endpoint, to every scanner. Ports that ZT-NET-001 (administration), ZT-NET-002 (data stores) and ZT-NET-015 (high-risk services) report are not reported again here, and this rule is not applicable to a resource that ZT-NET-003 (all ports) fails, so one opening is reported once. Implements AWS Security Hub control EC2.18 with its default authorized ports (TCP 80 and 443, no UDP); broader in that internet reach split into pieces counts too; ICMP and protocols without ports are not judged.`,
  remediation:
    `Admit the internet on 443 (and 80 for redirects) only, on the load balancer or gateway in front of the service; admit callers of other ports by security group or narrow CIDR, or record a suppression with the reason on the resource that declares the rule. ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4", "CM-7"],
    securityHub: ["EC2.18"],
  },
  resourceTypes: SG_RULE_TARGETS,
  check,
});
