import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";

/** Engines whose databases accept IAM authentication (RDS for MySQL, MariaDB and PostgreSQL; Aurora). */
const IAM_AUTH_ENGINES = /^(mysql|mariadb|postgres|aurora)/;

export const ztIam015 = defineRule({
  id: "ZT-IAM-015",
  title: "Database does not accept IAM authentication",
  severity: "low",
  domain: "identity",
  rationale:
    "Without IAM database authentication, every service connects with a database password: a shared, long-lived secret outside the identity plane. IAM authentication lets each service connect as its own role with a token valid for 15 minutes, granted and revoked in IAM.",
  remediation:
    "Set iam_database_authentication_enabled = true on the aws_db_instance or aws_rds_cluster, grant rds-db:connect on the database user to each service role, and connect with generated authentication tokens.",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["IA-2", "IA-5", "AC-3"],
    checkov: ["CKV_AWS_161", "CKV_AWS_162"],
    securityHub: ["RDS.10", "RDS.12"],
  },
  resourceTypes: ["aws_db_instance", "aws_rds_cluster"],
  check(r) {
    const engine = r.get("engine");
    if (engine.kind === "unknown") return unknown("engine is not known until apply");
    // An aws_rds_cluster without an engine is Aurora MySQL; an instance without one is restored or replicated.
    const name = engine.kind === "known" ? String(engine.value) : r.type === "aws_rds_cluster" ? "aurora" : undefined;
    if (name === undefined) return na("the engine comes from a snapshot or a source database");
    if (!IAM_AUTH_ENGINES.test(name)) return na(`engine ${name} does not support IAM database authentication`);
    const v = r.configuredValue("iam_database_authentication_enabled");
    if (v.kind === "unknown") return unknown("iam_database_authentication_enabled is not known until apply");
    if (v.kind === "known" && r.bool("iam_database_authentication_enabled") === true) return pass();
    const setting = v.kind === "known" ? "is false" : "is not set";
    return fail(`iam_database_authentication_enabled ${setting}: services can only connect with passwords`, "IAMAuthentication");
  },
});
