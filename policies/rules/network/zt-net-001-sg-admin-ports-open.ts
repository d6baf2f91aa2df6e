import { defineRule } from "../../engine/outcome";
import { FINDING_PLACE_TEXT, INTERNET_TEXT } from "./_internet";
import { ADMIN_PORTS } from "../../shared/ports";
import { exposureCheck, SG_RULE_TARGETS, tcpPorts } from "./_security-group-rules";

const CHECK = exposureCheck("net:exposure:admin", "ingress", tcpPorts(ADMIN_PORTS));

export const ztNet001 = defineRule({
  id: "ZT-NET-001",
  title: "Security group opens remote administration ports to the internet",
  severity: "critical",
  domain: "network",
  rationale:
    `SSH, RDP, WinRM, Telnet and VNC reachable from ${INTERNET_TEXT} let anyone on the internet attempt an interactive session on the host. Zero trust grants administrative access per session through an authenticated broker, never through a network location. Stricter than CKV_AWS_24 and CKV_AWS_25 (SSH and RDP from 0.0.0.0/0): Telnet, WinRM and VNC, IPv6 and internet reach split into pieces count too. Narrower than Security Hub EC2.19, whose list of high-risk ports is longer: of that list this rule judges 22, 23 and 3389, ZT-NET-002 its database and search ports and ZT-NET-015 the others (FTP, SMTP, mail, RPC, SMB and web ports); the control holds when all three pass.`,
  remediation:
    `Remove the internet CIDRs from every ingress rule (inline, aws_security_group_rule or aws_vpc_security_group_ingress_rule) that covers ports 22, 23, 3389, 5900, 5985 or 5986; reach hosts through SSM Session Manager instead (the ZT Blueprint HardenedHost opens no inbound administration ports). ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 3", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-17", "CM-7"],
    cis: ["5.2", "5.3"],
    checkov: ["CKV_AWS_24", "CKV_AWS_25"],
    cdkNag: ["AwsSolutions-EC23", "NIST.800.53.R5-EC2RestrictedSSH", "NIST.800.53.R5-EC2RestrictedCommonPorts"],
    securityHub: ["EC2.19"],
  },
  resourceTypes: SG_RULE_TARGETS,
  check: CHECK,
});
