import { Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** Where each data store turns encryption at rest on. */
const SETTING: Readonly<Record<string, string>> = {
  aws_db_instance: "storage_encrypted",
  aws_rds_cluster: "storage_encrypted",
  aws_docdb_cluster: "storage_encrypted",
  aws_neptune_cluster: "storage_encrypted",
  aws_redshift_cluster: "encrypted",
  aws_efs_file_system: "encrypted",
  aws_elasticache_replication_group: "at_rest_encryption_enabled",
  aws_opensearch_domain: "encrypt_at_rest.enabled",
  aws_elasticsearch_domain: "encrypt_at_rest.enabled",
};

/** Arguments that create a store from another one, whose encryption it then takes over. */
const FROM_SOURCE: readonly string[] = ["snapshot_identifier", "replicate_source_db", "replication_source_identifier", "global_cluster_identifier", "restore_to_point_in_time", "source_region"];

export const ztSec010 = defineRule({
  id: "ZT-SEC-010",
  title: "Database, cache, search domain or file system does not encrypt data at rest",
  severity: "high",
  domain: "secrets",
  rationale:
    "Without encryption at rest, whoever gets hold of the storage, a snapshot or a backup reads the data without " +
    "passing any access decision. Encryption with KMS puts a key policy in front of every read of the stored " +
    "data, and zero trust treats every data store as a resource that must be protected on its own. For most of " +
    "these stores the setting cannot be changed after creation.",
  remediation:
    "Set storage_encrypted = true (RDS, Aurora, DocumentDB, Neptune), encrypted = true (Redshift, EFS), " +
    "at_rest_encryption_enabled = true (ElastiCache) or encrypt_at_rest { enabled = true } (OpenSearch), with " +
    "kms_key_id naming a customer-managed key. An existing unencrypted store is migrated through an encrypted " +
    "snapshot copy. Aurora Serverless v1 clusters (engine_mode = \"serverless\") pass whatever storage_encrypted " +
    "says: AWS always encrypts their cluster volume and encryption cannot be turned off " +
    "(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html).",
  references: {
    nist800207: ["Tenet 1", "Tenet 6"],
    nist80053: ["SC-28", "SC-28(1)", "SC-12"],
    checkov: ["CKV_AWS_16", "CKV_AWS_96", "CKV_AWS_74", "CKV_AWS_44", "CKV_AWS_64", "CKV_AWS_42", "CKV_AWS_29", "CKV_AWS_5"],
    cdkNag: ["AwsSolutions-RDS2", "AwsSolutions-EFS1"],
    securityHub: ["RDS.3", "RDS.27", "DocumentDB.1", "Neptune.1", "Redshift.10", "EFS.1", "EFS.8", "ElastiCache.4", "Opensearch.1", "ES.1"],
  },
  resourceTypes: Object.keys(SETTING),
  check(r) {
    const path = SETTING[r.type];
    const mode = r.type === "aws_rds_cluster" ? serverlessV1(r) : false;
    if (mode === true) return pass();
    // A provider default shown in a plan reads as unset, as in synthesized JSON.
    const v = r.configuredValue(path);
    if (v.kind === "unknown") return unknown(`${path} is unknown until apply`, ITEM);
    if (v.kind === "known") {
      if (r.bool(path) === true) return pass();
      if (mode === undefined) return unknown(`${path} = false, and engine_mode is unknown until apply (Aurora Serverless v1 is always encrypted)`, ITEM);
      return fail(`${path} = false: data is stored unencrypted`, ITEM);
    }
    return whenUnset(r, path);
  },
});

const ITEM = "EncryptionAtRest";

/**
 * Whether an aws_rds_cluster is Aurora Serverless v1 (engine_mode "serverless"), whose cluster volume AWS always
 * encrypts; undefined when engine_mode is unknown until apply.
 */
function serverlessV1(r: Resource): boolean | undefined {
  const v = r.configuredValue("engine_mode");
  if (v.kind === "unknown") return undefined;
  return v.kind === "known" && String(v.value).toLowerCase() === "serverless";
}

/** The verdict on a store that does not set its encryption: what AWS or the source it is created from decides. */
function whenUnset(r: Resource, path: string): Outcome {
  const source = FROM_SOURCE.find((arg) => r.configuredValue(arg).kind !== "absent");
  if (source !== undefined) return unknown(`${path} is not set: the store takes the encryption of its source (${source})`, ITEM);
  // Valkey caches are encrypted unless told otherwise.
  if (r.type === "aws_elasticache_replication_group" && r.str("engine") === "valkey") return pass();
  return fail(`${path} is not set: data is stored unencrypted`, ITEM);
}
