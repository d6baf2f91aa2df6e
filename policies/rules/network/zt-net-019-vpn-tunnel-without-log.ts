import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

const TUNNELS = ["tunnel1", "tunnel2"] as const;

export const ztNet019 = defineRule({
  id: "ZT-NET-019",
  title: "Site-to-Site VPN tunnel does not log to CloudWatch Logs",
  severity: "medium",
  domain: "network",
  rationale:
    "Site-to-Site VPN tunnel logs record IPsec tunnel establishment, IKE negotiation and dead peer detection. Without them a peer that negotiates from an unexpected address, a downgrade of the negotiated algorithms or a tunnel flapping under attack goes unseen, and an incident on the link to another network cannot be reconstructed. Zero trust monitors every connection to another network; each of the two tunnels of a connection carries traffic and logs on its own.",
  remediation:
    "Set tunnel1_log_options and tunnel2_log_options { cloudwatch_log_options { log_enabled = true, log_group_arn = <a log group encrypted with a customer-managed key> } } on the aws_vpn_connection.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-12", "SI-4"],
    securityHub: ["EC2.171"],
  },
  resourceTypes: ["aws_vpn_connection"],
  check(resource) {
    // Logging is off unless log_enabled is true (the provider default is false).
    const out: Outcome[] = [];
    for (let i = 0; i < TUNNELS.length; i++) {
      const tunnel = TUNNELS[i];
      const path = `${tunnel}_log_options.cloudwatch_log_options.log_enabled`;
      const item = `Tunnel::${tunnel}`;
      const enabled = resource.getConfigured(path);
      if (enabled.kind === "unknown") out.push(unknown(`${path} is unknown until apply`, item));
      else if (resource.bool(path) === true) out.push(pass(item));
      else out.push(fail(`${tunnel} does not send its logs to CloudWatch Logs (${path} is not true)`, item));
    }
    return out;
  },
});
