/** A named TCP port a rule looks for. */
export interface NamedPort {
  readonly port: number;
  readonly service: string;
}

/** Remote administration ports: SSH, RDP, WinRM, Telnet and VNC. */
export const ADMIN_PORTS: readonly NamedPort[] = [
  { port: 22, service: "SSH" },
  { port: 23, service: "Telnet" },
  { port: 3389, service: "RDP" },
  { port: 5985, service: "WinRM-HTTP" },
  { port: 5986, service: "WinRM-HTTPS" },
  { port: 5900, service: "VNC" },
];

/** Database, cache and search engine ports. */
export const DATA_PORTS: readonly NamedPort[] = [
  { port: 1433, service: "SQL Server" },
  { port: 1521, service: "Oracle" },
  { port: 2379, service: "etcd" },
  { port: 3306, service: "MySQL" },
  { port: 5432, service: "PostgreSQL" },
  { port: 5439, service: "Redshift" },
  { port: 5601, service: "Kibana" },
  { port: 5984, service: "CouchDB" },
  { port: 6379, service: "Redis" },
  { port: 7000, service: "Cassandra inter-node" },
  { port: 8086, service: "InfluxDB" },
  { port: 9042, service: "Cassandra" },
  { port: 9092, service: "Kafka" },
  { port: 9200, service: "Elasticsearch" },
  { port: 9300, service: "Elasticsearch transport" },
  { port: 11211, service: "Memcached" },
  { port: 27017, service: "MongoDB" },
];

/** IP protocol names normalized from Terraform spellings (`-1`, `all`, `tcp`, `6`, ...). */
export type Protocol = "all" | "tcp" | "udp" | "icmp" | "icmpv6" | "other";

/** Normalizes a protocol value; undefined stays undefined (unknown until apply). */
export function normalizeProtocol(p: unknown): Protocol | undefined {
  if (p === undefined || p === null) return undefined;
  const s = String(p).trim().toLowerCase();
  if (s === "-1" || s === "all") return "all";
  if (s === "tcp" || s === "6") return "tcp";
  if (s === "udp" || s === "17") return "udp";
  if (s === "icmp" || s === "1") return "icmp";
  if (s === "icmpv6" || s === "58") return "icmpv6";
  return "other";
}

/** True when a CIDR spans a whole address family (`0.0.0.0/0`, `::/0`, or any other `/0` spelling). */
export function isInternetCidr(cidr: string): boolean {
  const s = cidr.trimEnd();
  let i = s.length;
  while (i > 0 && s.charCodeAt(i - 1) === 48 /* 0 */) i--;
  return i < s.length && i > 0 && s.charCodeAt(i - 1) === 47 /* / */;
}

/** A port range of a rule: all ports of its protocol, or [from, to]. */
export interface PortMatch {
  readonly protocol: Protocol | undefined;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
}

/**
 * Whether a rule admits `port` over one of `protocols`: true, false, or "unknown" when the protocol or the port
 * range is unknown until apply. Protocol `all` admits every port whatever from/to say (AWS ignores them).
 */
export function coversPort(m: PortMatch, port: number, protocols: readonly Protocol[] = ["tcp"]): boolean | "unknown" {
  if (m.protocol === undefined) return "unknown";
  if (m.protocol === "all") return true;
  if (!protocols.includes(m.protocol)) return false;
  if (m.fromPort === undefined || m.toPort === undefined) return "unknown";
  return m.fromPort <= port && port <= m.toPort;
}

/** Whether a rule admits every port: protocol `all`, or TCP/UDP 0(or 1)–65535. */
export function coversAllPorts(m: PortMatch): boolean | "unknown" {
  if (m.protocol === undefined) return "unknown";
  if (m.protocol === "all") return true;
  if (m.protocol !== "tcp" && m.protocol !== "udp") return false;
  if (m.fromPort === undefined || m.toPort === undefined) return "unknown";
  return m.fromPort <= 1 && m.toPort >= 65535;
}
