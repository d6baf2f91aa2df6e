import { Model, Resource } from "../../engine/model";
import { defineRule, na } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { FINDING_PLACE_TEXT, INTERNET_TEXT } from "./_internet";
import { invalidPorts, PortMatch } from "./_ports";
import { exposureCheck, SG_RULE_TARGETS } from "./_security-group-rules";
import { ztNet010 } from "./zt-net-010-sg-egress-all-open";

/**
 * Whether an egress rule opens anything at all: every known protocol and port range does (protocol `all` too, so
 * that internet reach split between an all-port rule and a port rule is still seen); "unknown" when the protocol
 * is unknown until apply or the ports are not a TCP/UDP port range.
 */
export function opensSomething(m: PortMatch): boolean | "unknown" {
  if (m.protocol === undefined) return "unknown";
  if (m.protocol === "all") return true;
  if ((m.protocol === "tcp" || m.protocol === "udp") && (m.fromPort === undefined || m.toPort === undefined || invalidPorts(m) !== undefined)) return "unknown";
  return true;
}

/** What an egress rule opens, for messages: `TCP 443`, `UDP 1024-65535`, `ICMP`, `all ports`, `another IP protocol`. */
export function portsText(m: PortMatch): string {
  switch (m.protocol) {
    case undefined:
      return "ports unknown until apply";
    case "all":
      return "all ports";
    case "tcp":
    case "udp": {
      const name = m.protocol.toUpperCase();
      return m.fromPort === m.toPort ? `${name} ${m.fromPort}` : `${name} ${m.fromPort}-${m.toPort}`;
    }
    case "icmp":
      return "ICMP";
    case "icmpv6":
      return "ICMPv6";
    default:
      return "another IP protocol";
  }
}

const EXPOSURE = exposureCheck("net:exposure:some-out", "egress", [{ key: "ports", text: "the ports it names", test: opensSomething, describe: portsText }]);

/** Why a resource that ZT-NET-010 fails is not reported again. */
const ALL_PORTS_REPORTED = "ZT-NET-010 already reports this resource's egress to the internet on every port";

/**
 * Egress to the internet on some ports; not applicable to a resource that ZT-NET-010 fails, so one opening is
 * reported once: by ZT-NET-010 when it covers every port, by this rule otherwise.
 */
function check(r: Resource, model: Model): readonly Outcome[] {
  const allPorts = ztNet010.check(r, model);
  const all = Array.isArray(allPorts) ? (allPorts as readonly Outcome[]) : [allPorts as Outcome];
  if (all.some((o) => o.status === "fail")) return [na(ALL_PORTS_REPORTED)];
  return EXPOSURE(r, model);
}

export const ztNet014 = defineRule({
  id: "ZT-NET-014",
  title: "Security group allows egress to the internet",
  severity: "medium",
  domain: "network",
  rationale:
    `An egress rule to ${INTERNET_TEXT}, even on one port such as TCP 443, lets a compromised workload send data to any host on the internet and take orders from any command-and-control server that listens there: HTTPS to any address is the usual channel for both. A zero-trust host reaches only declared destinations: VPC endpoints, prefix lists, named peers' security groups or their narrow address ranges. An egress rule for every port is reported by ZT-NET-010 instead, and this rule is not applicable to a resource that ZT-NET-010 fails, so one opening is reported once. Checkov has no equivalent: CKV_AWS_382 flags only all-traffic egress, as ZT-NET-010 does.`,
  remediation:
    `Send outbound traffic to the destinations the workload needs: AWS services through VPC endpoints (the egress rule names the endpoint security group or the gateway endpoint's prefix list), other services by their security group or narrow CIDRs. Where internet egress is truly needed (an external API without a private path), route it through an egress proxy or AWS Network Firewall with a domain allow-list, or keep the rule and record a suppression with the reason on the resource that declares it (the ZT Blueprint HardenedHost does this for allowInternetEgress). ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 5"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
  },
  resourceTypes: SG_RULE_TARGETS,
  check,
});
