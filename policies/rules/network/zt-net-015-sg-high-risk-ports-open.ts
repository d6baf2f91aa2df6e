import { defineRule } from "../../engine/outcome";
import { FINDING_PLACE_TEXT, INTERNET_TEXT } from "./_internet";
import { coversPort, PortMatch, Protocol } from "./_ports";
import { Exposure, exposureCheck, SG_RULE_TARGETS } from "./_security-group-rules";

/** A port that attackers scan the internet for, and the IP protocols its service listens on. */
export interface RiskyPort {
  readonly port: number;
  readonly service: string;
  readonly protocols: readonly Protocol[];
}

const TCP: readonly Protocol[] = ["tcp"];
const TCP_UDP: readonly Protocol[] = ["tcp", "udp"];

/**
 * Ports of services that are exploited or abused when the internet reaches them, beyond the administration ports of
 * ZT-NET-001 and the data-store ports of ZT-NET-002: file transfer and sharing, mail, Windows RPC and NetBIOS, the
 * Docker API and the kubelet, and the development and proxy ports of AWS Security Hub control EC2.19.
 */
export const RISKY_PORTS: readonly RiskyPort[] = [
  { port: 20, service: "FTP data", protocols: TCP },
  { port: 21, service: "FTP", protocols: TCP },
  { port: 25, service: "SMTP", protocols: TCP },
  { port: 110, service: "POP3", protocols: TCP },
  { port: 111, service: "ONC RPC portmapper", protocols: TCP_UDP },
  { port: 135, service: "Microsoft RPC", protocols: TCP_UDP },
  { port: 137, service: "NetBIOS name service", protocols: TCP_UDP },
  { port: 138, service: "NetBIOS datagram service", protocols: TCP_UDP },
  { port: 139, service: "NetBIOS session service", protocols: TCP_UDP },
  { port: 143, service: "IMAP", protocols: TCP },
  { port: 445, service: "SMB", protocols: TCP_UDP },
  { port: 1434, service: "SQL Server Browser", protocols: TCP_UDP },
  { port: 2049, service: "NFS", protocols: TCP_UDP },
  { port: 2375, service: "Docker API", protocols: TCP },
  { port: 2376, service: "Docker API over TLS", protocols: TCP },
  { port: 3000, service: "Node.js, Go and Ruby development servers", protocols: TCP },
  { port: 4333, service: "mSQL (ahsp)", protocols: TCP },
  { port: 5000, service: "Python development servers", protocols: TCP },
  { port: 5500, service: "fcp-addr-srvr1", protocols: TCP },
  { port: 8080, service: "HTTP proxy", protocols: TCP },
  { port: 8088, service: "legacy HTTP", protocols: TCP },
  { port: 8888, service: "alternative HTTP", protocols: TCP },
  { port: 10250, service: "kubelet API", protocols: TCP },
];

/** An exposure per risky port, on every IP protocol its service listens on. */
function exposures(ports: readonly RiskyPort[]): Exposure[] {
  return ports.map((p) => ({
    key: String(p.port),
    text: `port ${p.port} (${p.service}, ${p.protocols.map((x) => x.toUpperCase()).join("/")})`,
    test: (r: PortMatch) => coversPort(r, p.port, p.protocols),
  }));
}

const CHECK = exposureCheck("net:exposure:high-risk", "ingress", exposures(RISKY_PORTS));

export const ztNet015 = defineRule({
  id: "ZT-NET-015",
  title: "Security group opens high-risk service ports (FTP, SMTP, SMB, RPC, NetBIOS, Docker …) to the internet",
  severity: "high",
  domain: "network",
  rationale:
    `FTP, SMTP, POP3, IMAP, SMB, Microsoft RPC, NetBIOS, NFS, the portmapper, the Docker API, the kubelet and development or proxy servers (3000, 5000, 8080, 8088, 8888 …) reachable from ${INTERNET_TEXT} are among the first things internet-wide scanners look for: they carry worms (SMB, RPC), unauthenticated remote code execution (the Docker API on 2375, an anonymous kubelet), open mail relays and cleartext credentials. Zero trust exposes a service to the internet only through an authenticated front door. This rule covers the ports of AWS Security Hub control EC2.19 that ZT-NET-001 (administration) and ZT-NET-002 (data stores) do not, so the three rules together implement EC2.19; it is stricter than EC2.19 in that UDP (NetBIOS, SMB, RPC, SQL Server Browser), NFS, the portmapper, the Docker API and the kubelet count, and internet reach split into pieces counts too.`,
  remediation:
    `Remove the internet CIDRs from every ingress rule (inline, aws_security_group_rule or aws_vpc_security_group_ingress_rule) that covers these ports; admit the callers by security group or narrow CIDR instead, publish web services on 443 behind a load balancer or API gateway, and send mail through Amazon SES. ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4", "CM-7"],
    cdkNag: ["NIST.800.53.R5-EC2RestrictedCommonPorts"],
    securityHub: ["EC2.19"],
  },
  resourceTypes: SG_RULE_TARGETS,
  check: CHECK,
});
