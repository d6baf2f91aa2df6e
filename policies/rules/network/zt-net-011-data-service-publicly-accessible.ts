import { defineRule, fail, pass, unknown } from "../../engine/outcome";

/**
 * What an unset `publicly_accessible` means per resource type (AWS provider 5.x): the provider's default, or what AWS
 * decides when the provider leaves it to the API.
 */
const WHEN_UNSET: Readonly<Record<string, { readonly isPublic: boolean; readonly why: string }>> = {
  aws_db_instance: { isPublic: false, why: "" },
  aws_neptune_cluster_instance: { isPublic: false, why: "" },
  aws_rds_cluster_instance: {
    isPublic: true,
    why: "publicly_accessible is not set: AWS makes the instance public when the VPC of its subnet group has an internet gateway",
  },
  aws_redshift_cluster: { isPublic: true, why: "publicly_accessible is not set and defaults to true" },
  aws_dms_replication_instance: { isPublic: true, why: "publicly_accessible is not set: AWS gives the instance a public address by default" },
};

export const ztNet011 = defineRule({
  id: "ZT-NET-011",
  title: "Database or data service is publicly accessible",
  severity: "high",
  domain: "network",
  rationale:
    "A publicly accessible RDS or Aurora instance, Redshift cluster or DMS replication instance gets an internet-resolvable address, so one permissive security group rule puts the data store on the internet. Zero trust keeps data stores in isolated subnets and reaches them through authenticated, private paths. Stricter than CKV_AWS_87 and CKV_AWS_89 where publicly_accessible is left out: an unset value that AWS or the provider turns into a public resource fails.",
  remediation:
    "Set publicly_accessible = false (explicitly on aws_rds_cluster_instance, aws_redshift_cluster and aws_dms_replication_instance, where an unset value can make the resource public), place it in isolated subnets, and reach it through a VPC endpoint, a bastion-free SSM session or the application tier.",
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "AC-4", "AC-3"],
    checkov: ["CKV_AWS_17", "CKV_AWS_87", "CKV_AWS_89"],
    cdkNag: ["NIST.800.53.R5-RDSInstancePublicAccess", "NIST.800.53.R5-RedshiftClusterPublicAccess"],
    securityHub: ["RDS.2", "Redshift.1", "DMS.1"],
  },
  resourceTypes: Object.keys(WHEN_UNSET),
  check(r) {
    const v = r.configuredValue("publicly_accessible");
    if (v.kind === "unknown") return unknown("publicly_accessible is not known until apply");
    if (v.kind === "absent") {
      const unset = WHEN_UNSET[r.type];
      return unset.isPublic ? fail(unset.why, "PubliclyAccessible") : pass();
    }
    return r.bool("publicly_accessible") === true ? fail("publicly_accessible = true", "PubliclyAccessible") : pass();
  },
});
