import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztNet017 = defineRule({
  id: "ZT-NET-017",
  title: "Transit gateway accepts shared attachments automatically",
  severity: "high",
  domain: "network",
  rationale:
    "With auto_accept_shared_attachments = \"enable\", a transit gateway shared through AWS RAM attaches any VPC or VPN that a principal of a sharing account asks for, without review: one compromised account in the organization joins its network to every network routed through the gateway. Zero trust authorizes each connection explicitly, so attachments are accepted one by one.",
  remediation:
    "Leave auto_accept_shared_attachments unset or \"disable\" on the aws_ec2_transit_gateway, and accept each reviewed attachment with aws_ec2_transit_gateway_vpc_attachment_accepter.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-4(21)", "CA-9(1)", "CM-2"],
    securityHub: ["EC2.23"],
  },
  resourceTypes: ["aws_ec2_transit_gateway"],
  check(resource) {
    // The provider default is "disable".
    const mode = resource.getConfigured("auto_accept_shared_attachments");
    if (mode.kind === "unknown") return unknown("auto_accept_shared_attachments is unknown until apply", "AutoAccept");
    if (mode.kind === "known" && String(mode.value).toLowerCase() === "enable") {
      return fail("auto_accept_shared_attachments = \"enable\" attaches every shared VPC or VPN that asks, without review", "AutoAccept");
    }
    return pass("AutoAccept");
  },
});
