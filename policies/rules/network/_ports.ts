import { NamedPort } from "../../shared/ports";

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

/** A port range of a rule: all ports of its protocol, or [from, to]. */
export interface PortMatch {
  readonly protocol: Protocol | undefined;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
}

/**
 * Why a TCP or UDP rule's ports cannot be judged although they are known: a negative port (`-1`, the ICMP spelling of
 * "every type") is not a TCP/UDP port. The EC2 API rejects it for TCP and UDP ("port (-1) out of range"), and tools
 * that pass it through read it as every port, so it is neither "no port" nor a pass. Undefined for any other rule.
 */
export function invalidPorts(m: PortMatch): string | undefined {
  if (m.protocol !== "tcp" && m.protocol !== "udp") return undefined;
  if ((m.fromPort ?? 0) >= 0 && (m.toPort ?? 0) >= 0) return undefined;
  return `${m.protocol.toUpperCase()} ports ${m.fromPort}-${m.toPort} are not a port range: AWS rejects them or may read them as every port`;
}

/**
 * Whether a rule admits `port` over one of `protocols`: true, false, or "unknown" when the protocol or the port
 * range is unknown until apply, or is not a TCP/UDP port range (`invalidPorts`). Protocol `all` admits every port
 * whatever from/to say (AWS ignores them).
 */
export function coversPort(m: PortMatch, port: number, protocols: readonly Protocol[] = ["tcp"]): boolean | "unknown" {
  if (m.protocol === undefined) return "unknown";
  if (m.protocol === "all") return true;
  if (!protocols.includes(m.protocol)) return false;
  if (m.fromPort === undefined || m.toPort === undefined || invalidPorts(m) !== undefined) return "unknown";
  return m.fromPort <= port && port <= m.toPort;
}

/** Whether a rule admits every port: protocol `all`, or TCP/UDP 0(or 1)–65535; "unknown" as for `coversPort`. */
export function coversAllPorts(m: PortMatch): boolean | "unknown" {
  if (m.protocol === undefined) return "unknown";
  if (m.protocol === "all") return true;
  if (m.protocol !== "tcp" && m.protocol !== "udp") return false;
  if (m.fromPort === undefined || m.toPort === undefined || invalidPorts(m) !== undefined) return "unknown";
  return m.fromPort <= 1 && m.toPort >= 65535;
}
