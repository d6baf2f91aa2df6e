import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

const SETTINGS = [
  { path: "map_public_ip_on_launch", item: "PublicIPv4", text: "assigns a public IPv4 address to every instance launched in it" },
  { path: "assign_ipv6_address_on_creation", item: "IPv6", text: "assigns a (globally routable) IPv6 address to every network interface created in it" },
] as const;

export const ztNet007 = defineRule({
  id: "ZT-NET-007",
  title: "Subnet assigns public addresses automatically",
  severity: "medium",
  domain: "network",
  rationale:
    "A subnet with map_public_ip_on_launch or assign_ipv6_address_on_creation gives every instance an internet-routable address whether or not it needs one, so a single permissive security group rule exposes it. Zero trust makes reachability a deliberate, per-resource decision.",
  remediation:
    "Set map_public_ip_on_launch = false and assign_ipv6_address_on_creation = false (the provider defaults); publish services through load balancers or API gateways and give instances egress through NAT or VPC endpoints.",
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "AC-4"],
    checkov: ["CKV_AWS_130"],
    cdkNag: ["NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled"],
    securityHub: ["EC2.15"],
  },
  resourceTypes: ["aws_subnet"],
  check(resource) {
    // Absent means false (provider default) for aws_subnet; an unknown value (a variable) cannot be judged.
    const out: Outcome[] = [];
    for (let i = 0; i < SETTINGS.length; i++) {
      const s = SETTINGS[i];
      const v = resource.getConfigured(s.path);
      if (v.kind === "unknown") out.push(unknown(`${s.path} is unknown until apply`, s.item));
      else if (v.kind === "known" && resource.bool(s.path) === true) out.push(fail(`the subnet ${s.text} (${s.path} = true)`, s.item));
    }
    return out.length > 0 ? out : pass();
  },
});
