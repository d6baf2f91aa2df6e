import { Model } from "../../../policies/engine/model";
import { ztNet001 } from "../../../policies/rules/network/zt-net-001-sg-admin-ports-open";
import { ztNet002 } from "../../../policies/rules/network/zt-net-002-sg-data-ports-open";
import { ztNet003 } from "../../../policies/rules/network/zt-net-003-sg-all-ports-open";
import { ztNet004 } from "../../../policies/rules/network/zt-net-004-default-sg-not-empty";
import { ztNet005 } from "../../../policies/rules/network/zt-net-005-default-nacl-not-empty";
import { ztNet006 } from "../../../policies/rules/network/zt-net-006-nacl-admin-ports-open";
import { ztNet007 } from "../../../policies/rules/network/zt-net-007-subnet-auto-public-ip";
import { ztNet008 } from "../../../policies/rules/network/zt-net-008-vpc-without-flow-logs";
import { ztNet009 } from "../../../policies/rules/network/zt-net-009-vpc-endpoint-full-access";
import { ztNet010 } from "../../../policies/rules/network/zt-net-010-sg-egress-all-open";
import { ztNet011 } from "../../../policies/rules/network/zt-net-011-data-service-publicly-accessible";
import { ztNet012 } from "../../../policies/rules/network/zt-net-012-data-service-plaintext";
import { ztNet013 } from "../../../policies/rules/network/zt-net-013-s3-bucket-accepts-plain-http";
import { ztNet014 } from "../../../policies/rules/network/zt-net-014-sg-egress-internet-ports";
import { configModel, describeFixtureModes, expectRule, resultsOf } from "../../support/rules";
import { networkFixture } from "./fixture";

/** Fixture expectations, shared by the synthesized and the planned model. */
function fixtureCases(model: () => Model): void {
  test("ZT-NET-001 admin ports: inline v4/v6, ranges, all-traffic, standalone rules of both kinds, orphan rule", () => {
    expectRule(ztNet001, model(), {
      fail: [
        "aws_security_group.open_ssh",
        "aws_security_group.open_rdp_v6",
        "aws_security_group.wide_range",
        "aws_security_group.all_open",
        "aws_security_group.all_tcp_v6",
        "aws_security_group_rule.ssh_world",
        "aws_vpc_security_group_ingress_rule.rdp_world",
        "aws_security_group_rule.orphan_ssh",
        "aws_security_group.split_halves",
        "aws_security_group_rule.ssh_piece_a",
        "aws_vpc_security_group_ingress_rule.ssh_piece_b",
        "aws_security_group.v6_global_unicast",
      ],
      pass: [
        "aws_security_group.one_public_eight",
        "aws_security_group.pieces_target",
        "aws_security_group.ssh_rule_target",
        "aws_security_group.vpc_rule_target",
        "aws_security_group.ok",
        "aws_security_group.hardened",
        "aws_security_group.open_db",
        "aws_security_group.redis_target",
        "aws_default_security_group.open_default",
        "aws_security_group_rule.orphan_private",
      ],
      unknown: [],
    });
    const items = resultsOf(ztNet001, model()).filter((r) => r.status === "fail").map((r) => r.findingId);
    expect(items).toEqual(expect.arrayContaining(["ZT-NET-001[Ingress::0.0.0.0/0:22]", "ZT-NET-001[Ingress::::/0:3389]", "ZT-NET-001[Ingress::0.0.0.0/0:5985]"]));
  });

  test("ZT-NET-001 internet reach in pieces: one item per CIDR that reaches it alone, one per port for CIDRs that reach it together", () => {
    const items = (address: string) => resultsOf(ztNet001, model()).filter((r) => r.address === address && r.status === "fail").map((r) => r.item);
    expect(items("aws_security_group.split_halves")).toEqual(["Ingress::0.0.0.0/1:22", "Ingress::128.0.0.0/1:22"]);
    expect(items("aws_security_group_rule.ssh_piece_a")).toEqual(["Ingress::public-ipv4:22"]);
    expect(items("aws_vpc_security_group_ingress_rule.ssh_piece_b")).toEqual(["Ingress::public-ipv4:22"]);
    expect(items("aws_security_group.v6_global_unicast")).toEqual(["Ingress::2000::/3:3389"]);
    const message = resultsOf(ztNet001, model()).find((r) => r.address === "aws_security_group_rule.ssh_piece_a")?.message;
    expect(message).toBe("aws_security_group_rule.ssh_piece_a admits 11.0.0.0/8 on port 22 (SSH): 11.0.0.0/8, 12.0.0.0/8 together cover 0.9% of the public IPv4 space");
  });

  test("ZT-NET-001 reports a standalone rule on itself, not on its group", () => {
    const failed = resultsOf(ztNet001, model()).filter((r) => r.status === "fail").map((r) => r.address);
    expect(failed).toContain("aws_security_group_rule.ssh_world");
    expect(failed).toContain("aws_vpc_security_group_ingress_rule.rdp_world");
    expect(failed).not.toContain("aws_security_group.ssh_rule_target");
    expect(failed).not.toContain("aws_security_group.vpc_rule_target");
  });

  test("ZT-NET-002 database/cache ports", () => {
    expectRule(ztNet002, model(), {
      fail: [
        "aws_security_group.open_db",
        "aws_security_group.wide_range",
        "aws_security_group.all_open",
        "aws_security_group.all_tcp_v6",
        "aws_vpc_security_group_ingress_rule.redis_world_v6",
      ],
      pass: ["aws_security_group.redis_target", "aws_security_group.ok", "aws_security_group.open_ssh", "aws_security_group.hardened", "aws_security_group_rule.orphan_ssh"],
      unknown: [],
    });
  });

  test("ZT-NET-003 all ports: protocol -1 and tcp 0-65535", () => {
    expectRule(ztNet003, model(), {
      fail: ["aws_security_group.all_open", "aws_security_group.all_tcp_v6"],
      pass: ["aws_security_group.wide_range", "aws_security_group.open_ssh", "aws_security_group.ok", "aws_default_security_group.open_default"],
      unknown: [],
    });
  });

  test("ZT-NET-004 default security group: unmanaged VPC default and default group with rules", () => {
    expectRule(ztNet004, model(), {
      fail: ["aws_vpc.no_logs", "aws_default_security_group.open_default"],
      pass: ["aws_vpc.main", "aws_vpc.accept_only", "aws_default_security_group.main_default"],
      unknown: [],
    });
  });

  test("ZT-NET-005 default network ACL with allow entries", () => {
    expectRule(ztNet005, model(), {
      fail: ["aws_default_network_acl.open_default_acl"],
      pass: ["aws_default_network_acl.main_default_acl"],
      unknown: [],
    });
  });

  test("ZT-NET-006 NACL admin ports: inline, standalone entry, orphan entry, lower-numbered deny shields", () => {
    expectRule(ztNet006, model(), {
      fail: [
        "aws_network_acl.open_ssh_acl",
        "aws_network_acl_rule.rdp_world_entry",
        "aws_default_network_acl.open_default_acl",
        "aws_network_acl_rule.orphan_ssh_entry",
        "aws_network_acl_rule.ssh_eleven",
        "aws_network_acl_rule.ssh_twelve",
      ],
      pass: ["aws_network_acl.pieces_acl", "aws_network_acl.halves_shielded_acl", "aws_network_acl.rules_target_acl", "aws_network_acl_rule.ssh_out_entry", "aws_network_acl.shielded_acl", "aws_network_acl.private_acl", "aws_default_network_acl.main_default_acl"],
      unknown: [],
    });
  });

  test("ZT-NET-007 subnets assigning public IPv4 / IPv6 addresses", () => {
    expectRule(ztNet007, model(), { fail: ["aws_subnet.public", "aws_subnet.ipv6_auto"], pass: ["aws_subnet.private"], unknown: [] });
  });

  test("ZT-NET-008 VPC flow logs: none, ACCEPT only, ALL", () => {
    expectRule(ztNet008, model(), { fail: ["aws_vpc.no_logs", "aws_vpc.accept_only"], pass: ["aws_vpc.main"], unknown: [] });
  });

  test("ZT-NET-009 VPC endpoint policies: none, full access, policy document, org condition, separate policy resource", () => {
    expectRule(ztNet009, model(), {
      fail: ["aws_vpc_endpoint.s3_no_policy", "aws_vpc_endpoint.s3_full_access", "aws_vpc_endpoint.dynamodb_doc"],
      pass: ["aws_vpc_endpoint.s3_org_only", "aws_vpc_endpoint.sts_interface"],
      unknown: [],
    });
  });

  test("ZT-NET-010 unrestricted egress: inline, vpc egress rule, default group", () => {
    expectRule(ztNet010, model(), {
      fail: ["aws_security_group.all_open", "aws_vpc_security_group_egress_rule.all_out", "aws_default_security_group.open_default"],
      pass: ["aws_security_group.egress_target", "aws_security_group.ok", "aws_security_group.hardened", "aws_security_group.open_ssh"],
      unknown: [],
    });
  });

  test("ZT-NET-014 egress to the internet on some ports: inline, both standalone kinds, IPv6, pieces; declared destinations pass", () => {
    expectRule(ztNet014, model(), {
      fail: [
        "aws_security_group.ok",
        "aws_vpc_security_group_egress_rule.https_out",
        "aws_security_group_rule.dns_out_v6",
        "aws_security_group.egress_halves",
        "aws_vpc_security_group_egress_rule.all_out_piece",
        "aws_vpc_security_group_egress_rule.https_out_piece",
      ],
      pass: [
        "aws_security_group.https_out_target",
        "aws_vpc_security_group_egress_rule.https_to_vpc",
        "aws_vpc_security_group_egress_rule.https_to_peer",
        "aws_security_group_rule.https_to_prefix_list",
        "aws_security_group.egress_scoped",
        "aws_security_group.pieces_out_target",
        "aws_security_group.egress_target",
        "aws_security_group.hardened",
        "aws_security_group.open_ssh",
      ],
      unknown: [],
    });
    const items = (address: string) => resultsOf(ztNet014, model()).filter((r) => r.address === address && r.status === "fail").map((r) => `${r.item}: ${r.message}`);
    expect(items("aws_vpc_security_group_egress_rule.https_out")).toEqual([
      "Egress::0.0.0.0/0:ports: aws_vpc_security_group_egress_rule.https_out allows traffic to 0.0.0.0/0 on TCP 443",
    ]);
    expect(items("aws_security_group.ok")).toEqual(["Egress::0.0.0.0/0:ports: aws_security_group.ok egress:tcp:443-443 allows traffic to 0.0.0.0/0 on TCP 443"]);
    expect(items("aws_security_group_rule.dns_out_v6")).toEqual(["Egress::::/0:ports: aws_security_group_rule.dns_out_v6 allows traffic to ::/0 on UDP 53"]);
    expect(items("aws_vpc_security_group_egress_rule.https_out_piece")).toEqual([
      "Egress::public-ipv4:ports: aws_vpc_security_group_egress_rule.https_out_piece allows traffic to 12.0.0.0/8 on TCP 443: 11.0.0.0/8, 12.0.0.0/8 together cover 0.9% of the public IPv4 space",
    ]);
    expect(items("aws_vpc_security_group_egress_rule.all_out_piece")).toEqual([
      "Egress::public-ipv4:ports: aws_vpc_security_group_egress_rule.all_out_piece allows traffic to 11.0.0.0/8 on all ports: 11.0.0.0/8, 12.0.0.0/8 together cover 0.9% of the public IPv4 space",
    ]);
  });

  test("ZT-NET-014 is not applicable where ZT-NET-010 reports egress on every port, so one opening is reported once", () => {
    const allPorts = ["aws_security_group.all_open", "aws_vpc_security_group_egress_rule.all_out", "aws_default_security_group.open_default"];
    for (const address of allPorts) {
      expect({ address, zt010: resultsOf(ztNet010, model()).filter((r) => r.address === address).map((r) => r.status) }).toEqual({ address, zt010: ["fail"] });
      expect({ address, zt014: resultsOf(ztNet014, model()).filter((r) => r.address === address) }).toEqual({ address, zt014: [] });
    }
    // An all-port rule that reaches the internet only together with a port rule is not ZT-NET-010's: ZT-NET-014 reports both.
    expect(resultsOf(ztNet010, model()).filter((r) => r.address === "aws_vpc_security_group_egress_rule.all_out_piece").map((r) => r.status)).toEqual(["pass"]);
  });

  test("ZT-NET-011 public data services: on request, by default, and left to AWS", () => {
    expectRule(ztNet011, model(), {
      fail: ["aws_db_instance.public_db", "aws_rds_cluster_instance.aurora_unset", "aws_redshift_cluster.warehouse_default", "aws_dms_replication_instance.migration_default"],
      pass: ["aws_db_instance.private_db", "aws_rds_cluster_instance.aurora_private", "aws_redshift_cluster.warehouse_private", "aws_dms_replication_instance.migration_private"],
      unknown: [],
    });
    const message = (address: string) => resultsOf(ztNet011, model()).find((r) => r.address === address)?.message;
    expect(message("aws_redshift_cluster.warehouse_default")).toBe("publicly_accessible is not set and defaults to true");
    expect(message("aws_rds_cluster_instance.aurora_unset")).toMatch(/^publicly_accessible is not set: AWS makes the instance public when/);
  });

  test("ZT-NET-012 plaintext data services: caches, MemoryDB, MSK and OpenSearch, set or by default", () => {
    expectRule(ztNet012, model(), {
      fail: [
        "aws_elasticache_replication_group.cache_plain",
        "aws_elasticache_replication_group.cache_preferred",
        "aws_elasticache_cluster.memcached_plain",
        "aws_msk_cluster.kafka_mixed",
        "aws_opensearch_domain.search_plain",
      ],
      pass: ["aws_elasticache_replication_group.cache_tls", "aws_memorydb_cluster.memorydb_tls", "aws_msk_cluster.kafka_tls", "aws_opensearch_domain.search_tls"],
      unknown: [],
    });
    const items = (address: string) => resultsOf(ztNet012, model()).filter((r) => r.address === address).map((r) => `${r.item}: ${r.message}`);
    expect(items("aws_opensearch_domain.search_plain")).toEqual([
      "EnforceHTTPS: domain_endpoint_options.enforce_https is not set: the endpoint also accepts plain HTTP",
      "NodeToNodeEncryption: node_to_node_encryption is not enabled: nodes talk to each other in plaintext",
    ]);
    expect(items("aws_elasticache_replication_group.cache_preferred")).toEqual(['TransitEncryptionMode: transit_encryption_mode = "preferred" still accepts unencrypted connections']);
    expect(items("aws_msk_cluster.kafka_mixed")).toEqual(['ClientBroker: client_broker = "TLS_PLAINTEXT" lets clients connect in plaintext']);
  });

  test("ZT-NET-013 buckets deny requests without TLS: by reference or by name, aws:SecureTransport or s3:TlsVersion", () => {
    expectRule(ztNet013, model(), {
      fail: ["aws_s3_bucket.no_policy", "aws_s3_bucket.grant_only"],
      pass: ["aws_s3_bucket.tls_only", "aws_s3_bucket.tls_min"],
      unknown: [],
    });
    const message = (address: string) => resultsOf(ztNet013, model()).find((r) => r.address === address)?.message;
    expect(message("aws_s3_bucket.no_policy")).toBe("no bucket policy: requests over plain HTTP are accepted");
    expect(message("aws_s3_bucket.grant_only")).toBe("no statement of the bucket policy denies requests without TLS (aws:SecureTransport false)");
  });
}

describeFixtureModes("network fixture", networkFixture, fixtureCases);

const SG = (body: Record<string, unknown>) => ({ resource: { aws_security_group: { g: body } } });

describe("data services (synthesized JSON)", () => {
  test("ZT-NET-011: a variable is unknown; Neptune defaults to private", () => {
    const m = configModel({
      resource: {
        aws_db_instance: { from_variable: { publicly_accessible: "${var.public}" } },
        aws_neptune_cluster_instance: { unset: {}, public: { publicly_accessible: true } },
      },
    });
    expectRule(ztNet011, m, { fail: ["aws_neptune_cluster_instance.public"], pass: ["aws_neptune_cluster_instance.unset"], unknown: ["aws_db_instance.from_variable"] });
  });

  test("ZT-NET-012: group members are judged on the group; explicit plaintext settings fail; variables are unknown", () => {
    const m = configModel({
      resource: {
        aws_elasticache_cluster: { member: { cluster_id: "m", replication_group_id: "${aws_elasticache_replication_group.g.id}" } },
        aws_elasticache_replication_group: { g: { description: "g", transit_encryption_enabled: "${var.tls}" } },
        aws_memorydb_cluster: { plain: { name: "p", node_type: "db.t4g.small", acl_name: "open-access", tls_enabled: false } },
        aws_msk_cluster: { replicas_plain: { cluster_name: "k", encryption_info: { encryption_in_transit: { in_cluster: false } } } },
        aws_elasticsearch_domain: { legacy: { domain_name: "legacy", domain_endpoint_options: { enforce_https: true }, node_to_node_encryption: { enabled: false } } },
      },
    });
    expectRule(ztNet012, m, {
      fail: ["aws_memorydb_cluster.plain", "aws_msk_cluster.replicas_plain", "aws_elasticsearch_domain.legacy"],
      pass: [],
      unknown: ["aws_elasticache_replication_group.g"],
    });
    expect(resultsOf(ztNet012, m).filter((r) => r.address === "aws_elasticache_cluster.member")).toEqual([]);
    expect(resultsOf(ztNet012, m).filter((r) => r.status === "fail").map((r) => `${r.address} ${r.item}: ${r.message}`)).toEqual([
      "aws_memorydb_cluster.plain TLS: tls_enabled = false",
      "aws_msk_cluster.replicas_plain InCluster: in_cluster = false: brokers replicate in plaintext",
      "aws_elasticsearch_domain.legacy NodeToNodeEncryption: node_to_node_encryption.enabled = false",
    ]);
  });
});

describe("bucket policies and TLS (synthesized JSON)", () => {
  test("ZT-NET-013: legacy policy argument, policy documents, statements that fall short, computed policies", () => {
    const deny = (extra: Record<string, unknown>) => ({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": false } }, ...extra });
    const text = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const m = configModel({
      data: {
        aws_iam_policy_document: {
          tls: { statement: [{ effect: "Deny", actions: ["s3:*"], resources: ["arn:aws:s3:::d/*"], principals: [{ type: "*", identifiers: ["*"] }], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] }] },
        },
      },
      resource: {
        aws_s3_bucket: {
          legacy: { bucket: "legacy", policy: text(deny({})) },
          from_doc: { bucket: "d" },
          get_only: { bucket: "g" },
          bucket_arn_only: { bucket: "a" },
          named_principal: { bucket: "n" },
          computed: { bucket: "c" },
        },
        aws_s3_bucket_policy: {
          from_doc: { bucket: "${aws_s3_bucket.from_doc.id}", policy: "${data.aws_iam_policy_document.tls.json}" },
          get_only: { bucket: "${aws_s3_bucket.get_only.bucket}", policy: text(deny({ Action: "s3:GetObject" })) },
          bucket_arn_only: { bucket: "${aws_s3_bucket.bucket_arn_only.id}", policy: text(deny({ Resource: "arn:aws:s3:::a" })) },
          named_principal: { bucket: "${aws_s3_bucket.named_principal.id}", policy: text(deny({ Principal: { AWS: "arn:aws:iam::111122223333:root" } })) },
          computed: { bucket: "${aws_s3_bucket.computed.id}", policy: "${var.policy}" },
        },
      },
    });
    expectRule(ztNet013, m, {
      fail: ["aws_s3_bucket.get_only", "aws_s3_bucket.bucket_arn_only", "aws_s3_bucket.named_principal"],
      pass: ["aws_s3_bucket.legacy", "aws_s3_bucket.from_doc"],
      unknown: ["aws_s3_bucket.computed"],
    });
  });
});

describe("security group shapes (synthesized JSON)", () => {
  test("IPv6 ::/0 through aws_security_group_rule.ipv6_cidr_blocks", () => {
    const m = configModel({
      resource: {
        aws_security_group: { g: {} },
        aws_security_group_rule: {
          r: { type: "ingress", protocol: "tcp", from_port: 3389, to_port: 3389, ipv6_cidr_blocks: ["::/0"], security_group_id: "${aws_security_group.g.id}" },
        },
      },
    });
    expectRule(ztNet001, m, { fail: ["aws_security_group_rule.r"], pass: ["aws_security_group.g"] });
  });

  test("protocol -1 on a standalone rule opens every port whatever from/to say", () => {
    const m = configModel({
      resource: {
        aws_security_group: { g: {} },
        aws_security_group_rule: { r: { type: "ingress", protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"], security_group_id: "${aws_security_group.g.id}" } },
      },
    });
    expectRule(ztNet003, m, { fail: ["aws_security_group_rule.r"], pass: ["aws_security_group.g"] });
    expectRule(ztNet001, m, { fail: ["aws_security_group_rule.r"], pass: ["aws_security_group.g"] });
    expectRule(ztNet002, m, { fail: ["aws_security_group_rule.r"], pass: ["aws_security_group.g"] });
  });

  test("protocol \"all\" and an aws_vpc_security_group_ingress_rule on a group outside the configuration", () => {
    const m = configModel({
      resource: {
        aws_vpc_security_group_ingress_rule: {
          any: { security_group_id: "sg-0123456789abcdef0", ip_protocol: "all", cidr_ipv6: "::/0" },
          narrow: { security_group_id: "sg-0123456789abcdef0", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" },
        },
      },
    });
    expectRule(ztNet003, m, { fail: ["aws_vpc_security_group_ingress_rule.any"], pass: ["aws_vpc_security_group_ingress_rule.narrow"] });
  });

  test("a port range covering 22 and 23 fails once per port; 1-65535 counts as all ports", () => {
    const m = configModel(SG({ ingress: [{ protocol: "tcp", from_port: 20, to_port: 1024, cidr_blocks: ["0.0.0.0/0"] }] }));
    const items = resultsOf(ztNet001, m).map((r) => r.item);
    expect(items).toEqual(["Ingress::0.0.0.0/0:22", "Ingress::0.0.0.0/0:23"]);
    const all = configModel(SG({ ingress: [{ protocol: "6", from_port: 1, to_port: 65535, cidr_blocks: ["0.0.0.0/0"] }] }));
    expectRule(ztNet003, all, { fail: ["aws_security_group.g"], pass: [] });
  });

  test("UDP and ICMP rules do not open TCP administration ports", () => {
    const m = configModel(
      SG({
        ingress: [
          { protocol: "udp", from_port: 0, to_port: 65535, cidr_blocks: ["0.0.0.0/0"] },
          { protocol: "icmp", from_port: -1, to_port: -1, cidr_blocks: ["0.0.0.0/0"] },
        ],
      }),
    );
    expectRule(ztNet001, m, { fail: [], pass: ["aws_security_group.g"] });
  });

  test("a CIDR from a variable is unknown; a CIDR from a VPC attribute is not the internet", () => {
    const fromVar = configModel(SG({ ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["${var.admin_cidr}"] }] }));
    expectRule(ztNet001, fromVar, { fail: [], pass: [], unknown: ["aws_security_group.g"] });
    const fromVpc = configModel(SG({ ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["${aws_vpc.main.cidr_block}"] }] }));
    expectRule(ztNet001, fromVpc, { fail: [], pass: ["aws_security_group.g"], unknown: [] });
    const wholeList = configModel(SG({ ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: "${var.cidrs}" }] }));
    expectRule(ztNet001, wholeList, { fail: [], pass: [], unknown: ["aws_security_group.g"] });
  });

  test("ports unknown until apply with an internet CIDR are unknown, never a pass or a fail", () => {
    const m = configModel(SG({ ingress: [{ protocol: "tcp", from_port: "${var.port}", to_port: "${var.port}", cidr_blocks: ["0.0.0.0/0"] }] }));
    expectRule(ztNet001, m, { fail: [], pass: [], unknown: ["aws_security_group.g"] });
  });

  test("dynamic ingress blocks: literal content is judged, iterator values are unknown", () => {
    const literal = configModel(
      SG({ dynamic: { ingress: { for_each: "${var.ports}", content: { protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] } } } }),
    );
    expectRule(ztNet001, literal, { fail: ["aws_security_group.g"], pass: [] });
    const iterated = configModel(
      SG({
        dynamic: {
          ingress: { for_each: "${var.rules}", content: { protocol: "tcp", from_port: "${ingress.value.port}", to_port: "${ingress.value.port}", cidr_blocks: ["${ingress.value.cidr}"] } },
        },
      }),
    );
    expectRule(ztNet001, iterated, { fail: [], pass: [], unknown: ["aws_security_group.g"] });
  });

  test("an ingress list computed by an expression is unknown", () => {
    const m = configModel(SG({ ingress: "${var.ingress_rules}" }));
    expectRule(ztNet001, m, { fail: [], pass: [], unknown: ["aws_security_group.g"] });
  });

  test("source security groups, self and prefix lists are not the internet", () => {
    const m = configModel(
      SG({
        ingress: [
          { protocol: "-1", from_port: 0, to_port: 0, self: true },
          { protocol: "tcp", from_port: 22, to_port: 22, security_groups: ["sg-0aaaabbbbccccdddd"] },
          { protocol: "tcp", from_port: 22, to_port: 22, prefix_list_ids: ["pl-0123456789abcdef0"] },
        ],
      }),
    );
    expectRule(ztNet001, m, { fail: [], pass: ["aws_security_group.g"] });
    expectRule(ztNet003, m, { fail: [], pass: ["aws_security_group.g"] });
  });

  test("ZT-NET-014: a destination or protocol from a variable, and TCP ports -1, are unknown; ICMP to the internet fails; a VPC's own CIDR is not the internet", () => {
    const m = configModel({
      resource: {
        aws_vpc: { v: { cidr_block: "10.9.0.0/16" } },
        aws_security_group: {
          var_cidr: { egress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["${var.destination}"] }] },
          var_protocol: { egress: [{ protocol: "${var.protocol}", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] }] },
          minus_one: { egress: [{ protocol: "tcp", from_port: -1, to_port: -1, cidr_blocks: ["0.0.0.0/0"] }] },
          icmp: { egress: [{ protocol: "icmp", from_port: -1, to_port: -1, cidr_blocks: ["0.0.0.0/0"] }] },
          vpc_cidr: { egress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["${aws_vpc.v.cidr_block}"] }] },
        },
      },
    });
    expectRule(ztNet014, m, {
      fail: ["aws_security_group.icmp"],
      pass: ["aws_security_group.vpc_cidr"],
      unknown: ["aws_security_group.minus_one", "aws_security_group.var_cidr", "aws_security_group.var_protocol"],
    });
  });

  test("standalone egress rules and vpc egress rules are collected as egress", () => {
    const m = configModel({
      resource: {
        aws_security_group: { g: {}, h: {} },
        aws_security_group_rule: { out: { type: "egress", protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"], security_group_id: "${aws_security_group.g.id}" } },
        aws_vpc_security_group_egress_rule: { out6: { security_group_id: "${aws_security_group.h.id}", ip_protocol: "-1", cidr_ipv6: "::/0" } },
      },
    });
    expectRule(ztNet010, m, { fail: ["aws_security_group_rule.out", "aws_vpc_security_group_egress_rule.out6"], pass: ["aws_security_group.g", "aws_security_group.h"] });
    expectRule(ztNet003, m, { fail: [], pass: ["aws_security_group.g", "aws_security_group.h", "aws_security_group_rule.out", "aws_vpc_security_group_egress_rule.out6"] });
  });

  test("a standalone rule attached to the default security group makes it non-empty", () => {
    const m = configModel({
      resource: {
        aws_vpc: { v: { cidr_block: "10.0.0.0/16" } },
        aws_default_security_group: { d: { vpc_id: "${aws_vpc.v.id}" } },
        aws_vpc_security_group_ingress_rule: { r: { security_group_id: "${aws_default_security_group.d.id}", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.0.0.0/8" } },
      },
    });
    expectRule(ztNet004, m, { fail: ["aws_default_security_group.d"], pass: ["aws_vpc.v"] });
    expect(resultsOf(ztNet004, m).find((r) => r.status === "fail")?.item).toBe("Ingress::aws_vpc_security_group_ingress_rule.r");
  });
});

describe("network ACL shapes (synthesized JSON)", () => {
  const ACL = (ingress: unknown[]) => configModel({ resource: { aws_network_acl: { a: { vpc_id: "vpc-1", ingress } } } });

  test("an allow numbered before the deny is what the internet gets", () => {
    const m = ACL([
      { rule_no: 10, action: "allow", protocol: "6", from_port: 0, to_port: 1024, cidr_block: "0.0.0.0/0" },
      { rule_no: 20, action: "deny", protocol: "-1", from_port: 0, to_port: 0, cidr_block: "0.0.0.0/0" },
    ]);
    expect(resultsOf(ztNet006, m).map((r) => r.item)).toEqual(["Ingress::0.0.0.0/0:22", "Ingress::0.0.0.0/0:23"]);
  });

  test("a deny of a narrower CIDR does not shield the internet at large", () => {
    const m = ACL([
      { rule_no: 10, action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "203.0.113.0/24" },
      { rule_no: 20, action: "allow", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" },
    ]);
    expectRule(ztNet006, m, { fail: ["aws_network_acl.a"], pass: [] });
  });

  test("a deny whose rule number is unknown makes a later allow unknown", () => {
    const m = ACL([
      { rule_no: "${var.n}", action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" },
      { rule_no: 20, action: "allow", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" },
    ]);
    expectRule(ztNet006, m, { fail: [], pass: [], unknown: ["aws_network_acl.a"] });
  });

  test("an allow from a CIDR variable is unknown", () => {
    const m = ACL([{ rule_no: 20, action: "allow", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "${var.cidr}" }]);
    expectRule(ztNet006, m, { fail: [], pass: [], unknown: ["aws_network_acl.a"] });
  });

  test("egress entries and UDP entries do not count", () => {
    const m = configModel({
      resource: {
        aws_network_acl: { a: { vpc_id: "vpc-1", egress: [{ rule_no: 10, action: "allow", protocol: "-1", from_port: 0, to_port: 0, cidr_block: "0.0.0.0/0" }] } },
        aws_network_acl_rule: { u: { network_acl_id: "${aws_network_acl.a.id}", rule_number: 5, protocol: "udp", rule_action: "allow", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 65535 } },
      },
    });
    expectRule(ztNet006, m, { fail: [], pass: ["aws_network_acl.a"] });
  });

  test("default ACL: deny entries are fine, an aws_network_acl_rule allow attached to it is not", () => {
    const m = configModel({
      resource: {
        aws_default_network_acl: {
          d: { default_network_acl_id: "acl-1", ingress: [{ rule_no: 1, action: "deny", protocol: "-1", from_port: 0, to_port: 0, cidr_block: "0.0.0.0/0" }] },
          e: { default_network_acl_id: "acl-2" },
        },
        aws_network_acl_rule: { r: { network_acl_id: "${aws_default_network_acl.e.id}", rule_number: 100, egress: true, protocol: "-1", rule_action: "allow", cidr_block: "0.0.0.0/0" } },
      },
    });
    expectRule(ztNet005, m, { fail: ["aws_default_network_acl.e"], pass: ["aws_default_network_acl.d"] });
    expect(resultsOf(ztNet005, m).find((r) => r.status === "fail")?.item).toBe("Egress::100");
  });
});

describe("subnet, flow log and endpoint shapes (synthesized JSON)", () => {
  test("a subnet setting from a variable is unknown", () => {
    const m = configModel({ resource: { aws_subnet: { s: { vpc_id: "vpc-1", cidr_block: "10.0.0.0/24", map_public_ip_on_launch: "${var.public}" } } } });
    expectRule(ztNet007, m, { fail: [], pass: [], unknown: ["aws_subnet.s"] });
  });

  test("flow logs: REJECT passes, a traffic type from a variable is unknown, a subnet flow log does not cover the VPC", () => {
    const m = configModel({
      resource: {
        aws_vpc: { r: { cidr_block: "10.0.0.0/16" }, u: { cidr_block: "10.1.0.0/16" }, s: { cidr_block: "10.2.0.0/16" } },
        aws_subnet: { sub: { vpc_id: "${aws_vpc.s.id}", cidr_block: "10.2.0.0/24" } },
        aws_flow_log: {
          r: { vpc_id: "${aws_vpc.r.id}", traffic_type: "REJECT" },
          u: { vpc_id: "${aws_vpc.u.id}", traffic_type: "${var.traffic}" },
          s: { subnet_id: "${aws_subnet.sub.id}", traffic_type: "ALL" },
        },
      },
    });
    expectRule(ztNet008, m, { fail: ["aws_vpc.s"], pass: ["aws_vpc.r"], unknown: ["aws_vpc.u"] });
  });

  test("endpoint policies: AWS * principal with *:* fails, Deny and conditions pass, unknown policy is unknown, GWLB is not applicable", () => {
    const pol = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });
    const m = configModel({
      resource: {
        aws_vpc_endpoint: {
          star: { vpc_id: "vpc-1", service_name: "com.amazonaws.eu-west-1.s3", policy: pol({ Effect: "Allow", Principal: { AWS: "*" }, Action: "*:*", Resource: "*" }) },
          deny: { vpc_id: "vpc-1", service_name: "com.amazonaws.eu-west-1.s3", policy: pol([{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }]) },
          acct: {
            vpc_id: "vpc-1",
            service_name: "com.amazonaws.eu-west-1.s3",
            policy: pol([{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333" } } }]),
          },
          tokens: { vpc_id: "vpc-1", service_name: "com.amazonaws.eu-west-1.s3", policy: "${jsonencode(var.policy)}" },
          gwlb: { vpc_id: "vpc-1", service_name: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", vpc_endpoint_type: "GatewayLoadBalancer" },
          split: { vpc_id: "vpc-1", service_name: "com.amazonaws.eu-west-1.ecr.api", vpc_endpoint_type: "Interface" },
        },
        aws_vpc_endpoint_policy: { split_policy: { vpc_endpoint_id: "${aws_vpc_endpoint.split.id}" } },
      },
    });
    expectRule(ztNet009, m, {
      fail: ["aws_vpc_endpoint.star", "aws_vpc_endpoint.split"],
      pass: ["aws_vpc_endpoint.deny", "aws_vpc_endpoint.acct"],
      unknown: ["aws_vpc_endpoint.tokens"],
    });
    expect(resultsOf(ztNet009, m).map((r) => r.address)).not.toContain("aws_vpc_endpoint.gwlb");
  });
});

describe("internet reach in pieces and where findings land (synthesized JSON)", () => {
  const rule = (name: string, body: Record<string, unknown>) => ({ [name]: { type: "ingress", protocol: "tcp", from_port: 22, to_port: 22, security_group_id: "${aws_security_group.g.id}", ...body } });

  test("256 /8s in one rule are the internet; so are pieces over several rules, each of which fails on its own address", () => {
    const eights = Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`);
    const one = configModel(SG({ ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: eights }] }));
    expect(resultsOf(ztNet001, one).filter((r) => r.status === "fail").map((r) => r.item)).toEqual(["Ingress::public-ipv4:22"]);
    const split = configModel({
      resource: {
        aws_security_group: { g: {} },
        aws_security_group_rule: { ...rule("low", { cidr_blocks: eights.slice(0, 128) }), ...rule("high", { cidr_blocks: eights.slice(128) }), ...rule("office", { cidr_blocks: ["198.51.100.0/24"] }) },
      },
    });
    expectRule(ztNet001, split, { fail: ["aws_security_group_rule.low", "aws_security_group_rule.high"], pass: ["aws_security_group.g", "aws_security_group_rule.office"], unknown: [] });
  });

  test("pieces that need a rule whose ports are unknown until apply are unknown, on the rules that hold them", () => {
    const m = configModel({
      resource: {
        aws_security_group: { g: {} },
        aws_security_group_rule: { ...rule("known", { cidr_blocks: ["11.0.0.0/8"] }), ...rule("unsure", { from_port: "${var.port}", to_port: "${var.port}", cidr_blocks: ["12.0.0.0/8"] }) },
      },
    });
    expectRule(ztNet001, m, { fail: [], pass: ["aws_security_group.g"], unknown: ["aws_security_group_rule.known", "aws_security_group_rule.unsure"] });
  });

  test("private ranges only, however many rules hold them, pass", () => {
    const m = configModel({
      resource: {
        aws_security_group: { g: {} },
        aws_security_group_rule: { ...rule("a", { cidr_blocks: ["10.0.0.0/8"] }), ...rule("b", { cidr_blocks: ["172.16.0.0/12", "192.168.0.0/16"] }), ...rule("c", { cidr_blocks: ["100.64.0.0/10"] }) },
      },
    });
    expectRule(ztNet001, m, { fail: [], pass: ["aws_security_group.g", "aws_security_group_rule.a", "aws_security_group_rule.b", "aws_security_group_rule.c"], unknown: [] });
  });

  test("IPv6 pieces: two /11s of global unicast space together are the internet, a provider /32 is not", () => {
    const m = configModel({
      resource: {
        aws_security_group: { g: {} },
        aws_vpc_security_group_ingress_rule: {
          a: { security_group_id: "${aws_security_group.g.id}", ip_protocol: "tcp", from_port: 22, to_port: 22, cidr_ipv6: "2000::/11" },
          b: { security_group_id: "${aws_security_group.g.id}", ip_protocol: "tcp", from_port: 22, to_port: 22, cidr_ipv6: "2020::/11" },
          c: { security_group_id: "${aws_security_group.g.id}", ip_protocol: "tcp", from_port: 22, to_port: 22, cidr_ipv6: "2001:db8::/32" },
        },
      },
    });
    expectRule(ztNet001, m, { fail: ["aws_vpc_security_group_ingress_rule.a", "aws_vpc_security_group_ingress_rule.b"], pass: ["aws_vpc_security_group_ingress_rule.c", "aws_security_group.g"] });
    expect(resultsOf(ztNet001, m).find((r) => r.status === "fail")?.item).toBe("Ingress::public-ipv6:22");
  });

  test("a suppression recorded on the standalone rule applies to its finding", () => {
    const m = configModel({
      resource: {
        aws_security_group: { g: {} },
        aws_security_group_rule: rule("ssh", { cidr_blocks: ["0.0.0.0/0"], "//": { ztb: { suppressions: [{ id: "ZT-NET-001", reason: "bastion reached through a vendor appliance" }] } } }),
      },
    });
    const found = resultsOf(ztNet001, m).filter((r) => r.status === "fail");
    expect(found.map((r) => [r.address, r.suppressed, r.suppressionReason])).toEqual([["aws_security_group_rule.ssh", true, "bastion reached through a vendor appliance"]]);
  });

  test("TCP or UDP ports -1 are not a port range: unknown, never a pass", () => {
    const m = configModel(SG({ ingress: [{ protocol: "tcp", from_port: -1, to_port: -1, cidr_blocks: ["0.0.0.0/0"] }] }));
    expectRule(ztNet001, m, { fail: [], pass: [], unknown: ["aws_security_group.g"] });
    expectRule(ztNet003, m, { fail: [], pass: [], unknown: ["aws_security_group.g"] });
    expect(resultsOf(ztNet001, m)[0].message).toBe("aws_security_group.g ingress:tcp:-1--1 admits 0.0.0.0/0; TCP ports -1--1 are not a port range: AWS rejects them or may read them as every port");
    const icmp = configModel(SG({ ingress: [{ protocol: "icmp", from_port: -1, to_port: -1, cidr_blocks: ["0.0.0.0/0"] }] }));
    expectRule(ztNet001, icmp, { fail: [], pass: ["aws_security_group.g"], unknown: [] });
  });

  test("NACL: a lower-numbered deny of one half leaves the other half allowed, which is still the internet", () => {
    const m = configModel({
      resource: {
        aws_network_acl: {
          a: {
            vpc_id: "vpc-1",
            ingress: [
              { rule_no: 10, action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/1" },
              { rule_no: 20, action: "allow", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" },
            ],
          },
          b: {
            vpc_id: "vpc-1",
            ingress: [
              { rule_no: 10, action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/1" },
              { rule_no: 15, action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "128.0.0.0/1" },
              { rule_no: 20, action: "allow", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" },
            ],
          },
        },
      },
    });
    expectRule(ztNet006, m, { fail: ["aws_network_acl.a"], pass: ["aws_network_acl.b"], unknown: [] });
  });
});
