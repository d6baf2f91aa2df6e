import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { DefaultNetworkAcl } from "@cdktf/provider-aws/lib/default-network-acl";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointPolicy } from "@cdktf/provider-aws/lib/vpc-endpoint-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { RedshiftCluster } from "@cdktf/provider-aws/lib/redshift-cluster";
import { DmsReplicationInstance } from "@cdktf/provider-aws/lib/dms-replication-instance";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheCluster } from "@cdktf/provider-aws/lib/elasticache-cluster";
import { MemorydbCluster } from "@cdktf/provider-aws/lib/memorydb-cluster";
import { MskCluster } from "@cdktf/provider-aws/lib/msk-cluster";
import { OpensearchDomain } from "@cdktf/provider-aws/lib/opensearch-domain";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";

const WORLD4 = "0.0.0.0/0";
const WORLD6 = "::/0";
const FULL_ACCESS = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
});
const ORG_ONLY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } },
  ],
});
const STS_SCOPED = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: ["sts:AssumeRole"], Resource: "*" }],
});

/** Compliant and non-compliant network resources, named after what they show. */
export function networkFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "network");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  // VPCs: flow logs and default security groups.
  const main = new Vpc(stack, "main", { cidrBlock: "10.0.0.0/16" });
  new FlowLog(stack, "main_all", { vpcId: main.id, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::ztb-flow-logs-111122223333" });
  new DefaultSecurityGroup(stack, "main_default", { vpcId: main.id });
  new DefaultNetworkAcl(stack, "main_default_acl", { defaultNetworkAclId: main.defaultNetworkAclId });

  const noLogs = new Vpc(stack, "no_logs", { cidrBlock: "10.1.0.0/16" });
  new DefaultNetworkAcl(stack, "open_default_acl", {
    defaultNetworkAclId: noLogs.defaultNetworkAclId,
    ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: WORLD4 }],
    egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: WORLD4 }],
  });

  const acceptOnly = new Vpc(stack, "accept_only", { cidrBlock: "10.2.0.0/16" });
  new FlowLog(stack, "accept_only_log", { vpcId: acceptOnly.id, trafficType: "ACCEPT", logDestinationType: "s3", logDestination: "arn:aws:s3:::ztb-flow-logs-111122223333" });
  new DefaultSecurityGroup(stack, "open_default", {
    vpcId: acceptOnly.id,
    ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, selfAttribute: true }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [WORLD4] }],
  });

  // Subnets.
  new Subnet(stack, "private", { vpcId: main.id, cidrBlock: "10.0.1.0/24" });
  new Subnet(stack, "public", { vpcId: main.id, cidrBlock: "10.0.2.0/24", mapPublicIpOnLaunch: true });
  new Subnet(stack, "ipv6_auto", { vpcId: main.id, cidrBlock: "10.0.3.0/24", ipv6CidrBlock: "2001:db8:1234:1a03::/64", assignIpv6AddressOnCreation: true });

  // Security groups: inline rules.
  const sg = (id: string, extra: Partial<ConstructorParameters<typeof SecurityGroup>[2]> = {}) =>
    new SecurityGroup(stack, id, { name: id, description: `fixture ${id}`, vpcId: main.id, ...extra });
  sg("open_ssh", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [WORLD4] }] });
  sg("open_rdp_v6", { ingress: [{ protocol: "6", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: [WORLD6] }] });
  sg("wide_range", { ingress: [{ protocol: "tcp", fromPort: 5000, toPort: 6000, cidrBlocks: [WORLD4] }] });
  sg("open_db", { ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["10.0.0.0/8", WORLD4] }] });
  sg("all_open", {
    ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [WORLD4] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [WORLD4] }],
  });
  sg("all_tcp_v6", { ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, ipv6CidrBlocks: [WORLD6] }] });
  sg("ok", {
    ingress: [
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [WORLD4], ipv6CidrBlocks: [WORLD6] },
      { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
      { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [main.cidrBlock] },
    ],
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [WORLD4] }],
  });
  sg("hardened");

  // Security groups: standalone rules of both kinds.
  const sshTarget = sg("ssh_rule_target");
  new SecurityGroupRule(stack, "ssh_world", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [WORLD4], securityGroupId: sshTarget.id });
  const rdpTarget = sg("vpc_rule_target");
  new VpcSecurityGroupIngressRule(stack, "rdp_world", { securityGroupId: rdpTarget.id, ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: WORLD4 });
  const redisTarget = sg("redis_target");
  new VpcSecurityGroupIngressRule(stack, "redis_world_v6", { securityGroupId: redisTarget.id, ipProtocol: "tcp", fromPort: 6379, toPort: 6379, cidrIpv6: WORLD6 });
  new VpcSecurityGroupIngressRule(stack, "https_from_ok", { securityGroupId: redisTarget.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: sshTarget.id });
  const egressTarget = sg("egress_target");
  new VpcSecurityGroupEgressRule(stack, "all_out", { securityGroupId: egressTarget.id, ipProtocol: "-1", cidrIpv4: WORLD4 });
  // Egress to the internet on some ports, and its twins to declared destinations.
  const httpsOutTarget = sg("https_out_target");
  new VpcSecurityGroupEgressRule(stack, "https_out", { securityGroupId: httpsOutTarget.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: WORLD4 });
  new VpcSecurityGroupEgressRule(stack, "https_to_vpc", { securityGroupId: httpsOutTarget.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" });
  new VpcSecurityGroupEgressRule(stack, "https_to_peer", { securityGroupId: httpsOutTarget.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: sshTarget.id });
  new SecurityGroupRule(stack, "dns_out_v6", { type: "egress", protocol: "udp", fromPort: 53, toPort: 53, ipv6CidrBlocks: [WORLD6], securityGroupId: httpsOutTarget.id });
  new SecurityGroupRule(stack, "https_to_prefix_list", { type: "egress", protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-6da54004"], securityGroupId: httpsOutTarget.id });
  const piecesOutTarget = sg("pieces_out_target");
  new VpcSecurityGroupEgressRule(stack, "all_out_piece", { securityGroupId: piecesOutTarget.id, ipProtocol: "-1", cidrIpv4: "11.0.0.0/8" });
  new VpcSecurityGroupEgressRule(stack, "https_out_piece", { securityGroupId: piecesOutTarget.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "12.0.0.0/8" });
  sg("egress_halves", { egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }] });
  sg("egress_scoped", { egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }, { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [sshTarget.id] }] });
  new SecurityGroupRule(stack, "orphan_ssh", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [WORLD4], securityGroupId: "sg-0123456789abcdef0" });
  new SecurityGroupRule(stack, "orphan_private", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"], securityGroupId: "sg-0123456789abcdef0" });

  // Internet reach in pieces: two /1s inline, two public /8s split over standalone rules of both kinds, global
  // unicast IPv6; one public /8 next to private ranges is not the internet.
  sg("split_halves", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }] });
  sg("one_public_eight", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["11.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12"] }] });
  const piecesTarget = sg("pieces_target");
  new SecurityGroupRule(stack, "ssh_piece_a", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["11.0.0.0/8"], securityGroupId: piecesTarget.id });
  new VpcSecurityGroupIngressRule(stack, "ssh_piece_b", { securityGroupId: piecesTarget.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "12.0.0.0/8" });
  sg("v6_global_unicast", { ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: ["2000::/3"] }] });

  // Network ACLs.
  new NetworkAcl(stack, "open_ssh_acl", {
    vpcId: main.id,
    ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: WORLD4 }],
  });
  new NetworkAcl(stack, "shielded_acl", {
    vpcId: main.id,
    ingress: [
      { ruleNo: 10, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: WORLD4 },
      { ruleNo: 20, action: "deny", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlock: WORLD4 },
      { ruleNo: 30, action: "deny", protocol: "tcp", fromPort: 0, toPort: 65535, ipv6CidrBlock: WORLD6 },
      { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: WORLD4 },
      { ruleNo: 110, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlock: WORLD6 },
    ],
  });
  new NetworkAcl(stack, "private_acl", {
    vpcId: main.id,
    ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "10.0.0.0/16" }],
  });
  const rulesTarget = new NetworkAcl(stack, "rules_target_acl", { vpcId: main.id });
  new NetworkAclRule(stack, "rdp_world_entry", {
    networkAclId: rulesTarget.id, ruleNumber: 200, egress: false, protocol: "tcp", ruleAction: "allow", cidrBlock: WORLD4, fromPort: 3389, toPort: 3389,
  });
  new NetworkAclRule(stack, "ssh_out_entry", {
    networkAclId: rulesTarget.id, ruleNumber: 210, egress: true, protocol: "tcp", ruleAction: "allow", cidrBlock: WORLD4, fromPort: 22, toPort: 22,
  });
  new NetworkAclRule(stack, "orphan_ssh_entry", {
    networkAclId: "acl-0123456789abcdef0", ruleNumber: 100, protocol: "tcp", ruleAction: "allow", ipv6CidrBlock: WORLD6, fromPort: 22, toPort: 22,
  });

  // Network ACLs and internet reach in pieces: two public /8s as aws_network_acl_rule resources, and two /1s behind
  // a lower-numbered deny.
  const piecesAcl = new NetworkAcl(stack, "pieces_acl", { vpcId: main.id });
  const entry = { networkAclId: piecesAcl.id, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22 };
  new NetworkAclRule(stack, "ssh_eleven", { ...entry, ruleNumber: 100, cidrBlock: "11.0.0.0/8" });
  new NetworkAclRule(stack, "ssh_twelve", { ...entry, ruleNumber: 110, cidrBlock: "12.0.0.0/8" });
  new NetworkAcl(stack, "halves_shielded_acl", {
    vpcId: main.id,
    ingress: [
      { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlock: WORLD4 },
      { ruleNo: 20, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/1" },
      { ruleNo: 30, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "128.0.0.0/1" },
    ],
  });

  // VPC endpoints.
  const s3 = "com.amazonaws.eu-west-1.s3";
  new VpcEndpoint(stack, "s3_no_policy", { vpcId: main.id, serviceName: s3 });
  new VpcEndpoint(stack, "s3_full_access", { vpcId: main.id, serviceName: s3, policy: FULL_ACCESS });
  new VpcEndpoint(stack, "s3_org_only", { vpcId: main.id, serviceName: s3, policy: ORG_ONLY });
  const sts = new VpcEndpoint(stack, "sts_interface", { vpcId: main.id, serviceName: "com.amazonaws.eu-west-1.sts", vpcEndpointType: "Interface" });
  new VpcEndpointPolicy(stack, "sts_scoped", { vpcEndpointId: sts.id, policy: STS_SCOPED });
  const doc = new DataAwsIamPolicyDocument(stack, "endpoint_everything", {
    statement: [{ effect: "Allow", actions: ["*"], resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] }],
  });
  new VpcEndpoint(stack, "dynamodb_doc", { vpcId: main.id, serviceName: "com.amazonaws.eu-west-1.dynamodb", policy: doc.json });

  // Data services: public on request, public by default (Redshift, DMS, an Aurora instance left to AWS), and private.
  const db = { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true };
  new DbInstance(stack, "public_db", { ...db, identifier: "public-db", publiclyAccessible: true });
  new DbInstance(stack, "private_db", { ...db, identifier: "private-db" });
  const aurora = { clusterIdentifier: "orders", instanceClass: "db.r6g.large", engine: "aurora-postgresql" };
  new RdsClusterInstance(stack, "aurora_unset", { ...aurora, identifier: "orders-1" });
  new RdsClusterInstance(stack, "aurora_private", { ...aurora, identifier: "orders-2", publiclyAccessible: false });
  const warehouse = { nodeType: "ra3.xlplus", masterUsername: "admin", manageMasterPassword: true };
  new RedshiftCluster(stack, "warehouse_default", { ...warehouse, clusterIdentifier: "warehouse-default" });
  new RedshiftCluster(stack, "warehouse_private", { ...warehouse, clusterIdentifier: "warehouse-private", publiclyAccessible: false });
  new DmsReplicationInstance(stack, "migration_default", { replicationInstanceId: "migration-default", replicationInstanceClass: "dms.t3.micro" });
  new DmsReplicationInstance(stack, "migration_private", { replicationInstanceId: "migration-private", replicationInstanceClass: "dms.t3.micro", publiclyAccessible: false });

  // Data services and encryption in transit: left out (plaintext), optional, and required.
  const cache = { description: "sessions", nodeType: "cache.t4g.micro", engine: "redis", engineVersion: "7.1" };
  new ElasticacheReplicationGroup(stack, "cache_plain", { ...cache, replicationGroupId: "cache-plain" });
  new ElasticacheReplicationGroup(stack, "cache_preferred", { ...cache, replicationGroupId: "cache-preferred", transitEncryptionEnabled: true, transitEncryptionMode: "preferred" });
  new ElasticacheReplicationGroup(stack, "cache_tls", { ...cache, replicationGroupId: "cache-tls", transitEncryptionEnabled: true });
  new ElasticacheCluster(stack, "memcached_plain", { clusterId: "memcached-plain", engine: "memcached", nodeType: "cache.t4g.micro", numCacheNodes: 1 });
  new MemorydbCluster(stack, "memorydb_tls", { name: "memorydb-tls", nodeType: "db.t4g.small", aclName: "open-access" });
  const kafka = { kafkaVersion: "3.6.0", numberOfBrokerNodes: 2, brokerNodeGroupInfo: { instanceType: "kafka.t3.small", clientSubnets: ["subnet-0a", "subnet-0b"], securityGroups: ["sg-0a"] } };
  new MskCluster(stack, "kafka_mixed", { ...kafka, clusterName: "kafka-mixed", encryptionInfo: { encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" } } });
  new MskCluster(stack, "kafka_tls", { ...kafka, clusterName: "kafka-tls" });
  new OpensearchDomain(stack, "search_plain", { domainName: "search-plain" });
  new OpensearchDomain(stack, "search_tls", {
    domainName: "search-tls",
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" },
    nodeToNodeEncryption: { enabled: true },
  });

  // Buckets and TLS: denied without TLS, denied below TLS 1.2 (policy naming the bucket by name), no policy, and a
  // policy that only grants.
  const bucketPolicy = (name: string, ...statements: Record<string, unknown>[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements.map((st) => ({ Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], ...st })) });
  const tlsOnly = new S3Bucket(stack, "tls_only", { bucket: "ztb-net-tls-only" });
  new S3BucketPolicy(stack, "tls_only_policy", {
    bucket: tlsOnly.id,
    policy: bucketPolicy("ztb-net-tls-only", { Sid: "DenyPlainHttp", Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
  });
  new S3Bucket(stack, "tls_min", { bucket: "ztb-net-tls-min" });
  new S3BucketPolicy(stack, "tls_min_policy", {
    bucket: "ztb-net-tls-min",
    policy: bucketPolicy("ztb-net-tls-min", { Sid: "DenyOldTls", Effect: "Deny", Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } }),
  });
  new S3Bucket(stack, "no_policy", { bucket: "ztb-net-no-policy" });
  const grantOnly = new S3Bucket(stack, "grant_only", { bucket: "ztb-net-grant-only" });
  new S3BucketPolicy(stack, "grant_only_policy", {
    bucket: grantOnly.id,
    policy: bucketPolicy("ztb-net-grant-only", {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/app" },
      Action: "s3:GetObject",
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    }),
  });

  return stack;
}
