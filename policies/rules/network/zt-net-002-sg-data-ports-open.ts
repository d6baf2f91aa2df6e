import { defineRule } from "../../engine/outcome";
import { FINDING_PLACE_TEXT, INTERNET_TEXT } from "./_internet";
import { DATA_PORTS } from "./_ports";
import { exposureCheck, SG_RULE_TARGETS, tcpPorts } from "./_security-group-rules";

const CHECK = exposureCheck("net:exposure:data", "ingress", tcpPorts(DATA_PORTS));

export const ztNet002 = defineRule({
  id: "ZT-NET-002",
  title: "Security group opens database, cache or search ports to the internet",
  severity: "high",
  domain: "network",
  rationale:
    `Data stores (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Memcached, Elasticsearch, Kibana, Cassandra, Kafka, etcd …) reachable from ${INTERNET_TEXT} are scanned and brute-forced within minutes, and several of them authenticate weakly or not at all. In a zero-trust design only the identified workloads that need a data store can reach it. Narrower than Security Hub EC2.19, whose list of high-risk ports is longer: of that list this rule judges 1433, 3306, 5432, 5601, 9200 and 9300, ZT-NET-001 its administration ports and ZT-NET-015 the others (FTP, SMTP, mail, RPC, SMB and web ports); the control holds when all three pass.`,
  remediation:
    `Replace the internet CIDRs with the security group of the calling workload (source_security_group_id / referenced_security_group_id) or a private CIDR, and keep data stores in subnets without a route to an internet gateway. ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4", "CM-7"],
    cdkNag: ["NIST.800.53.R5-EC2RestrictedCommonPorts"],
    securityHub: ["EC2.19"],
  },
  resourceTypes: SG_RULE_TARGETS,
  check: CHECK,
});
