import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztNet018 = defineRule({
  id: "ZT-NET-018",
  title: "Client VPN endpoint does not log client connections",
  severity: "medium",
  domain: "network",
  rationale:
    "A Client VPN endpoint is a door from anywhere into the VPC. Without connection logging there is no record of who connected, from which address, when and for how long, so a stolen certificate or credential used from an attacker's machine leaves no trace, and access cannot be reviewed or correlated with what happened inside. Zero trust records every session it grants.",
  remediation:
    "Set connection_log_options { enabled = true, cloudwatch_log_group = <a log group encrypted with a customer-managed key and kept at least a year> } on the aws_ec2_client_vpn_endpoint.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-12", "AC-17(1)"],
    securityHub: ["EC2.51"],
  },
  resourceTypes: ["aws_ec2_client_vpn_endpoint"],
  check(resource) {
    // connection_log_options is a required block; its `enabled` is required too.
    const enabled = resource.getConfigured("connection_log_options.enabled");
    if (enabled.kind === "unknown") return unknown("connection_log_options.enabled is unknown until apply", "ConnectionLog");
    if (resource.bool("connection_log_options.enabled") === true) return pass("ConnectionLog");
    return fail("connection_log_options.enabled is not true: client connections are not logged", "ConnectionLog");
  },
});
