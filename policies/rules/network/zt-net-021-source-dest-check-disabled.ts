import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztNet021 = defineRule({
  id: "ZT-NET-021",
  title: "Network interface has source/destination checking disabled",
  severity: "medium",
  domain: "network",
  rationale:
    "With source/destination checking on, EC2 drops every packet an interface sends from an address that is not its own and every packet it receives for an address that is not its own. Turning it off makes the host a router: it can spoof the addresses other workloads are trusted by, and route tables can steer other subnets' traffic through it, where it is read or changed. Zero trust binds each flow to the workload that owns its address; a NAT or firewall appliance that needs this is a recorded exception, and managed NAT gateways and AWS Network Firewall need none.",
  remediation:
    "Leave source_dest_check unset or true (the provider default) on aws_network_interface and aws_instance; replace NAT instances with NAT gateways, and record a suppression with the reason on a firewall appliance that must forward traffic.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-5", "AC-4"],
    securityHub: ["EC2.180"],
  },
  resourceTypes: ["aws_network_interface", "aws_instance"],
  check(resource) {
    // An aws_instance's setting applies to its primary network interface.
    const check = resource.getConfigured("source_dest_check");
    if (check.kind === "unknown") return unknown("source_dest_check is unknown until apply", "SourceDestCheck");
    if (check.kind === "known" && resource.bool("source_dest_check") === false) {
      const what = resource.type === "aws_instance" ? "the instance's primary network interface" : "the network interface";
      return fail(`source_dest_check = false: ${what} forwards and sends traffic for addresses that are not its own`, "SourceDestCheck");
    }
    return pass("SourceDestCheck");
  },
});
