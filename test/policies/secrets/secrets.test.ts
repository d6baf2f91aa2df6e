import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { secretsRules } from "../../../policies/rules/secrets";
import { ztSec001 } from "../../../policies/rules/secrets/zt-sec-001-kms-rotation-disabled";
import { ztSec002 } from "../../../policies/rules/secrets/zt-sec-002-kms-policy-public";
import { ztSec003 } from "../../../policies/rules/secrets/zt-sec-003-kms-short-deletion-window";
import { ztSec004 } from "../../../policies/rules/secrets/zt-sec-004-secret-without-cmk";
import { ztSec005 } from "../../../policies/rules/secrets/zt-sec-005-secret-without-rotation";
import { ztSec006 } from "../../../policies/rules/secrets/zt-sec-006-secret-policy-public";
import { ztSec007 } from "../../../policies/rules/secrets/zt-sec-007-secret-policy-not-blocking-public";
import { ztSec008 } from "../../../policies/rules/secrets/zt-sec-008-secret-value-in-state";
import { ztSec009 } from "../../../policies/rules/secrets/zt-sec-009-secret-force-delete";
import { ztSec010 } from "../../../policies/rules/secrets/zt-sec-010-data-store-unencrypted";
import { ztSec011 } from "../../../policies/rules/secrets/zt-sec-011-messaging-unencrypted";
import { ztSec012 } from "../../../policies/rules/secrets/zt-sec-012-secret-in-environment";
import { ztSec013 } from "../../../policies/rules/secrets/zt-sec-013-secret-in-user-data";
import { ztSec014 } from "../../../policies/rules/secrets/zt-sec-014-kms-key-without-policy";
import { ztSec015 } from "../../../policies/rules/secrets/zt-sec-015-ssm-parameter-secret-unprotected";
import { ztSec016 } from "../../../policies/rules/secrets/zt-sec-016-session-logging-off";
import { configModel, describeFixtureModes, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { secretsFixture } from "./fixture";

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [ztSec001, { fail: ["aws_kms_key.no_rotation", "aws_kms_key.rotation_off"], pass: ["aws_kms_key.ok", "aws_kms_key.public_policy"] }],
  [ztSec002, { fail: ["aws_kms_key.public_policy", "aws_kms_key_policy.any_account_policy"], pass: ["aws_kms_key.ok", "aws_kms_key_policy.signing_policy"] }],
  [ztSec003, { fail: ["aws_kms_key.no_rotation"], pass: ["aws_kms_key.ok", "aws_kms_key.rotation_off", "aws_kms_key.signing", "aws_kms_key.public_policy"] }],
  [
    ztSec004,
    {
      fail: ["aws_secretsmanager_secret.default_key", "aws_secretsmanager_secret.aws_alias"],
      pass: ["aws_secretsmanager_secret.db", "aws_secretsmanager_secret.api_token", "aws_secretsmanager_secret.inline_policy"],
    },
  ],
  [
    ztSec005,
    {
      fail: ["aws_secretsmanager_secret.default_key", "aws_secretsmanager_secret.aws_alias", "aws_secretsmanager_secret.inline_policy"],
      pass: ["aws_secretsmanager_secret.db", "aws_secretsmanager_secret.api_token"],
    },
  ],
  [
    ztSec006,
    {
      fail: ["aws_secretsmanager_secret_policy.default_key_policy", "aws_secretsmanager_secret.inline_policy", "aws_secretsmanager_secret_policy.any_org_policy"],
      pass: ["aws_secretsmanager_secret_policy.db_policy", "aws_secretsmanager_secret_policy.endpoint_owner_policy"],
    },
  ],
  [
    ztSec007,
    {
      fail: ["aws_secretsmanager_secret_policy.default_key_policy", "aws_secretsmanager_secret.inline_policy"],
      pass: ["aws_secretsmanager_secret_policy.db_policy"],
    },
  ],
  [ztSec008, { fail: ["aws_secretsmanager_secret_version.default_key_value"], pass: ["aws_secretsmanager_secret_version.db_value"] }],
  [ztSec009, { fail: ["aws_secretsmanager_secret.default_key"], pass: ["aws_secretsmanager_secret.db", "aws_secretsmanager_secret.api_token"] }],
  [
    ztSec010,
    {
      fail: [
        "aws_db_instance.plain_db",
        "aws_rds_cluster.aurora_plain",
        "aws_neptune_cluster.graph_default",
        "aws_redshift_cluster.warehouse_off",
        "aws_efs_file_system.files_plain",
        "aws_elasticache_replication_group.cache_redis",
        "aws_opensearch_domain.search_plain",
      ],
      pass: [
        "aws_db_instance.orders_db",
        "aws_rds_cluster.aurora_encrypted",
        "aws_rds_cluster.aurora_serverless_v1",
        "aws_docdb_cluster.docs_encrypted",
        "aws_efs_file_system.files_encrypted",
        "aws_elasticache_replication_group.cache_valkey",
        "aws_opensearch_domain.search_encrypted",
      ],
    },
  ],
  [
    ztSec011,
    {
      fail: ["aws_sqs_queue.plain_queue", "aws_sns_topic.plain_topic", "aws_kinesis_stream.plain_stream"],
      pass: ["aws_sqs_queue.orders_queue", "aws_sqs_queue.events_queue", "aws_sns_topic.alerts_topic", "aws_kinesis_stream.clicks_stream"],
    },
  ],
  [
    ztSec012,
    {
      fail: ["aws_lambda_function.leaky_fn", "aws_ecs_task_definition.leaky_task"],
      pass: ["aws_lambda_function.reader_fn", "aws_ecs_task_definition.reader_task"],
    },
  ],
  [
    ztSec013,
    {
      fail: [
        "aws_instance.keys_in_user_data",
        "aws_instance.private_key_base64",
        "aws_launch_template.password_url",
        "aws_launch_template.keys_fn_base64",
        "aws_launch_configuration.named_password",
      ],
      pass: ["aws_instance.fetches_secret", "aws_launch_template.clean_template", "aws_launch_configuration.clean_configuration"],
    },
  ],  // ZT-SEC-014 to 016 have their own fixture (fsbp-secrets.test.ts); here they only must not misjudge this one.
  [ztSec014, { fail: ["aws_kms_key.no_rotation", "aws_kms_key.rotation_off"], pass: ["aws_kms_key.ok", "aws_kms_key.public_policy", "aws_kms_key.signing"] }],
  [ztSec015, { fail: [], pass: [] }],
  [ztSec016, { fail: [], pass: [] }],
];

const evaluated = (rule: Rule, model: Model, address: string) => resultsOf(rule, model).filter((r) => r.address === address);

describe("secrets rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, secretsRules));

  describeFixtureModes("on the fixture", secretsFixture, (model, mode) => {
    itExpectsRules(EXPECTED, model);

    if (mode === "synthesized") {
      it("skips keys that cannot rotate and secrets without an inline policy", () => {
        expect(evaluated(ztSec001, model(), "aws_kms_key.signing")).toEqual([]);
        expect(evaluated(ztSec006, model(), "aws_secretsmanager_secret.db")).toEqual([]);
        expect(evaluated(ztSec007, model(), "aws_secretsmanager_secret.db")).toEqual([]);
      });

      it("explains a rotation that is too slow", () => {
        const [r] = evaluated(ztSec005, model(), "aws_secretsmanager_secret.aws_alias");
        expect(r.message).toMatch(/aws_secretsmanager_secret_rotation\.aws_alias_rotation rotates only every 180 days/);
      });

      it("names the attribute that puts a secret value in state", () => {
        const [r] = evaluated(ztSec008, model(), "aws_secretsmanager_secret_version.default_key_value");
        expect(r.findingId).toBe("ZT-SEC-008[secret_string]");
      });
    } else {
      it("reads computed attributes the configuration does not set (key policy, secret policy) as absent, not unknown", () => {
        expect(evaluated(ztSec002, model(), "aws_kms_key.no_rotation")).toEqual([]);
        expect(evaluated(ztSec006, model(), "aws_secretsmanager_secret.db")).toEqual([]);
        expect(evaluated(ztSec007, model(), "aws_secretsmanager_secret.db")).toEqual([]);
      });

      it("finds rotations through the secret_id references of the configuration", () => {
        expect(evaluated(ztSec005, model(), "aws_secretsmanager_secret.api_token").map((r) => r.status)).toEqual(["pass"]);
      });
    }
  });
});

const cfg = (json: Record<string, unknown>) => configModel(json);
const statusOf = (rule: Rule, model: Model) =>
  resultsOf(rule, model)
    .map((r) => `${r.address}:${r.status}${r.item ? `[${r.item}]` : ""}`)
    .sort();
const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("secrets rules on tricky shapes", () => {
  it("ZT-SEC-001 skips HMAC and custom-key-store keys and leaves unknown specs or flags undecided", () => {
    const model = cfg({
      resource: {
        aws_kms_key: {
          hmac: { customer_master_key_spec: "HMAC_256", key_usage: "GENERATE_VERIFY_MAC" },
          cloudhsm: { custom_key_store_id: "cks-1234567890abcdef0" },
          spec_var: { customer_master_key_spec: "${var.spec}", enable_key_rotation: true },
          flag_var: { enable_key_rotation: "${var.rotate}" },
          string_flag: { enable_key_rotation: "true" },
        },
      },
    });
    expect(statusOf(ztSec001, model)).toEqual(["aws_kms_key.flag_var:unknown", "aws_kms_key.spec_var:unknown", "aws_kms_key.string_flag:pass"]);
  });

  it("ZT-SEC-002 reads key policies from policy documents and rejects IfExists conditions", () => {
    const model = cfg({
      data: {
        aws_iam_policy_document: {
          open: { statement: [{ effect: "Allow", actions: ["kms:Decrypt"], resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] }] },
          via: {
            statement: [
              {
                actions: ["kms:Decrypt"],
                resources: ["*"],
                principals: [{ type: "AWS", identifiers: ["*"] }],
                condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-west-1.amazonaws.com"] }],
              },
            ],
          },
        },
      },
      resource: {
        aws_kms_key: {
          open: { policy: "${data.aws_iam_policy_document.open.json}" },
          via: { policy: "${data.aws_iam_policy_document.via.json}" },
          if_exists: {
            policy: doc({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringEqualsIfExists: { "kms:CallerAccount": "111122223333" } } }),
          },
        },
      },
    });
    expect(statusOf(ztSec002, model)).toEqual(["aws_kms_key.if_exists:fail[Principal::*]", "aws_kms_key.open:fail[Principal::*]", "aws_kms_key.via:pass"]);
  });

  it("ZT-SEC-003 leaves an unknown window undecided", () => {
    const model = cfg({ resource: { aws_kms_replica_key: { r: { primary_key_arn: "arn:aws:kms:us-east-1:111122223333:key/mrk-1", deletion_window_in_days: "${var.days}" } } } });
    expect(statusOf(ztSec003, model)).toEqual(["aws_kms_replica_key.r:unknown"]);
  });

  it("ZT-SEC-004 tells AWS managed aliases from customer keys, also through aws_kms_alias data sources", () => {
    const model = cfg({
      data: { aws_kms_alias: { managed: { name: "alias/aws/secretsmanager" }, mine: { name: "alias/payments" } } },
      resource: {
        aws_secretsmanager_secret: {
          managed_arn: { name: "a", kms_key_id: "arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager" },
          managed_data: { name: "b", kms_key_id: "${data.aws_kms_alias.managed.target_key_arn}" },
          mine_data: { name: "c", kms_key_id: "${data.aws_kms_alias.mine.target_key_arn}" },
          alias_resource: { name: "d", kms_key_id: "${aws_kms_alias.payments.arn}" },
          literal_key: { name: "e", kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
          variable: { name: "f", kms_key_id: "${var.kms_key_arn}" },
        },
      },
    });
    expect(statusOf(ztSec004, model)).toEqual([
      "aws_secretsmanager_secret.alias_resource:pass",
      "aws_secretsmanager_secret.literal_key:pass",
      "aws_secretsmanager_secret.managed_arn:fail",
      "aws_secretsmanager_secret.managed_data:fail",
      "aws_secretsmanager_secret.mine_data:pass",
      "aws_secretsmanager_secret.variable:unknown",
    ]);
  });

  it("ZT-SEC-005 reads rate and cron schedules, literal secret names and several rotations", () => {
    const rotation = (secret: string, rules: Record<string, unknown>) => ({ secret_id: secret, rotation_lambda_arn: "arn:aws:lambda:eu-west-1:111122223333:function:r", rotation_rules: rules });
    const model = cfg({
      resource: {
        aws_secretsmanager_secret: {
          quarterly: { name: "quarterly" },
          twice_a_year: { name: "twice-a-year" },
          monthly: { name: "monthly" },
          hourly: { name: "hourly" },
          slow_rate: { name: "slow-rate" },
          by_name: { name: "by-name" },
          variable: { name: "variable" },
          two: { name: "two" },
        },
        aws_secretsmanager_secret_rotation: {
          quarterly: rotation("${aws_secretsmanager_secret.quarterly.id}", { schedule_expression: "cron(0 4 1 */3 ? *)" }),
          twice_a_year: rotation("${aws_secretsmanager_secret.twice_a_year.id}", { schedule_expression: "cron(0 4 1 JAN,JUL ? *)" }),
          monthly: rotation("${aws_secretsmanager_secret.monthly.arn}", { schedule_expression: "cron(0 4 ? * MON#1 *)" }),
          hourly: rotation("${aws_secretsmanager_secret.hourly.id}", { schedule_expression: "rate(12 hours)" }),
          slow_rate: rotation("${aws_secretsmanager_secret.slow_rate.id}", { schedule_expression: "rate(120 days)" }),
          by_name: rotation("by-name", { automatically_after_days: 60 }),
          variable: rotation("${aws_secretsmanager_secret.variable.id}", { automatically_after_days: "${var.days}" }),
          two_slow: rotation("${aws_secretsmanager_secret.two.id}", { automatically_after_days: 365 }),
          two_fast: rotation("${aws_secretsmanager_secret.two.id}", { automatically_after_days: 30 }),
        },
      },
    });
    expect(statusOf(ztSec005, model)).toEqual([
      "aws_secretsmanager_secret.by_name:pass",
      "aws_secretsmanager_secret.hourly:pass",
      "aws_secretsmanager_secret.monthly:pass",
      "aws_secretsmanager_secret.quarterly:pass",
      "aws_secretsmanager_secret.slow_rate:fail",
      "aws_secretsmanager_secret.twice_a_year:fail",
      "aws_secretsmanager_secret.two:pass",
      "aws_secretsmanager_secret.variable:unknown",
    ]);
  });

  it("ZT-SEC-006 accepts a public principal pinned to a VPC endpoint, fails Allow with NotPrincipal, and leaves computed policies unknown", () => {
    const model = cfg({
      resource: {
        aws_secretsmanager_secret_policy: {
          all_but_admin: {
            secret_arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x",
            policy: doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/admin" }, Action: "secretsmanager:GetSecretValue", Resource: "*" }),
          },
          deny_all_but_admin: {
            secret_arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x",
            policy: doc({ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/admin" }, Action: "secretsmanager:*", Resource: "*" }),
          },
          vpce: {
            secret_arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x",
            policy: doc({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } } }),
          },
          computed: { secret_arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x", policy: "${var.policy}" },
        },
      },
    });
    expect(statusOf(ztSec006, model)).toEqual([
      "aws_secretsmanager_secret_policy.all_but_admin:fail[NotPrincipal::*]",
      "aws_secretsmanager_secret_policy.computed:unknown",
      "aws_secretsmanager_secret_policy.deny_all_but_admin:pass",
      "aws_secretsmanager_secret_policy.vpce:pass",
    ]);
    const r = resultsOf(ztSec006, model).find((x) => x.address === "aws_secretsmanager_secret_policy.all_but_admin");
    expect([r?.item, r?.message]).toEqual(["NotPrincipal::*", "policy: statement #0 allows every AWS principal but those in NotPrincipal, without a condition on the caller"]);
  });

  it("ZT-SEC-007 leaves an unknown block_public_policy undecided", () => {
    const model = cfg({ resource: { aws_secretsmanager_secret_policy: { p: { secret_arn: "x", policy: "{}", block_public_policy: "${var.block}" } } } });
    expect(statusOf(ztSec007, model)).toEqual(["aws_secretsmanager_secret_policy.p:unknown"]);
  });

  it("ZT-SEC-008 flags random_password, the random-password data source and computed secret values; write-only values pass", () => {
    const model = cfg({
      data: { aws_secretsmanager_random_password: { generated: { password_length: 32 } } },
      resource: {
        random_password: { db: { length: 32 } },
        aws_secretsmanager_secret_version: {
          from_random: { secret_id: "x", secret_string: "${random_password.db.result}" },
          binary: { secret_id: "x", secret_binary: "${filebase64(\"key.der\")}" },
          write_only: { secret_id: "x", secret_string_wo: "${ephemeral.random_password.db.result}", secret_string_wo_version: 1 },
        },
      },
    });
    expect(statusOf(ztSec008, model)).toEqual([
      "aws_secretsmanager_secret_version.binary:fail[secret_binary]",
      "aws_secretsmanager_secret_version.from_random:fail[secret_string]",
      "aws_secretsmanager_secret_version.write_only:pass",
      "data.aws_secretsmanager_random_password.generated:fail[random_password]",
      "random_password.db:fail[random_password.result]",
    ]);
  });

  it("ZT-SEC-009 fails only on 0 and leaves variables undecided", () => {
    const model = cfg({ resource: { aws_secretsmanager_secret: { zero_string: { recovery_window_in_days: "0" }, variable: { recovery_window_in_days: "${var.w}" } } } });
    expect(statusOf(ztSec009, model)).toEqual(["aws_secretsmanager_secret.variable:unknown", "aws_secretsmanager_secret.zero_string:fail"]);
  });

  it("ZT-SEC-010: stores created from a source take its encryption, Aurora Serverless v1 is always encrypted, variables are undecided", () => {
    const model = cfg({
      resource: {
        aws_db_instance: {
          replica: { replicate_source_db: "${aws_db_instance.primary.identifier}", instance_class: "db.t4g.micro" },
          restored: { snapshot_identifier: "snap-1", instance_class: "db.t4g.micro" },
          restored_encrypted: { snapshot_identifier: "snap-1", storage_encrypted: true },
          variable: { storage_encrypted: "${var.encrypted}" },
        },
        aws_rds_cluster: {
          serverless_v1: { engine: "aurora-mysql", engine_mode: "serverless" },
          serverless_v1_off: { engine: "aurora-mysql", engine_mode: "serverless", storage_encrypted: false },
          mode_variable_off: { engine: "aurora-mysql", engine_mode: "${var.mode}", storage_encrypted: false },
          global_member: { engine: "aurora-postgresql", global_cluster_identifier: "${aws_rds_global_cluster.g.id}" },
        },
        aws_elasticsearch_domain: { legacy: { domain_name: "legacy", encrypt_at_rest: { enabled: false } } },
      },
    });
    expect(statusOf(ztSec010, model).sort()).toEqual([
      "aws_db_instance.replica:unknown[EncryptionAtRest]",
      "aws_db_instance.restored:unknown[EncryptionAtRest]",
      "aws_db_instance.restored_encrypted:pass",
      "aws_db_instance.variable:unknown[EncryptionAtRest]",
      "aws_elasticsearch_domain.legacy:fail[EncryptionAtRest]",
      "aws_rds_cluster.global_member:unknown[EncryptionAtRest]",
      "aws_rds_cluster.mode_variable_off:unknown[EncryptionAtRest]",
      "aws_rds_cluster.serverless_v1:pass",
      "aws_rds_cluster.serverless_v1_off:pass",
    ]);
    const message = (address: string) => resultsOf(ztSec010, model).find((r) => r.address === address)?.message;
    expect(message("aws_db_instance.replica")).toBe("storage_encrypted is not set: the store takes the encryption of its source (replicate_source_db)");
    expect(message("aws_elasticsearch_domain.legacy")).toBe("encrypt_at_rest.enabled = false: data is stored unencrypted");
  });

  it("ZT-SEC-011: a key from a variable still encrypts; unknown SSE settings are undecided; a Kinesis type other than KMS fails", () => {
    const model = cfg({
      resource: {
        aws_sns_topic: { var_key: { kms_master_key_id: "${var.key}" } },
        aws_sqs_queue: { var_sse: { sqs_managed_sse_enabled: "${var.sse}" } },
        aws_kinesis_stream: { var_type: { encryption_type: "${var.type}" }, none: { encryption_type: "NONE" } },
      },
    });
    expect(statusOf(ztSec011, model).sort()).toEqual([
      "aws_kinesis_stream.none:fail[EncryptionAtRest]",
      "aws_kinesis_stream.var_type:unknown[EncryptionAtRest]",
      "aws_sns_topic.var_key:pass",
      "aws_sqs_queue.var_sse:unknown[EncryptionAtRest]",
    ]);
  });

  it("ZT-SEC-012: names that point at a secret pass; secret values from resources fail; Kubernetes env and computed maps", () => {
    const container = (env: unknown[]) => ({ metadata: { namespace: "apps" }, spec: { container: [{ name: "app", image: "x", env }] } });
    const model = cfg({
      resource: {
        aws_lambda_function: {
          pointers: {
            environment: {
              variables: {
                SECRET_ARN: "x",
                PASSWORD_FILE: "/run/pw",
                API_KEY: "arn:aws:ssm:eu-west-1:1:parameter/k",
                TOKEN: "",
                TOKEN_ISSUER: "issuer",
                AUTH_TOKEN: "https://auth.example.com/token",
                PASSWORD_MIN: "12",
                ACCESS_KEY_ID: "AKIAEXAMPLE",
              },
            },
          },
          literal: { environment: { variables: { password: "hunter2", DB_URL: "postgres://app:hunter2@db/app" } } },
          generated: { environment: { variables: { DSN: "postgres://app:${random_password.db.result}@db/app" } } },
          from_variable: { environment: { variables: "${var.env}" } },
          from_secret_map: { environment: { variables: "${merge(var.env, {X = aws_ssm_parameter.p.value})}" } },
        },
        aws_ecs_task_definition: {
          ssm: { container_definitions: JSON.stringify([{ name: "app", environment: [{ name: "CONFIG", value: "${aws_ssm_parameter.p.value}" }] }]) },
        },
        kubernetes_pod_v1: {
          literal_env: container([{ name: "DB_PASSWORD", value: "hunter2" }]),
          from_secret: container([{ name: "DB_PASSWORD", value_from: { secret_key_ref: { name: "db", key: "password" } } }]),
          generated_env: container([{ name: "CONFIG", value: "${aws_secretsmanager_secret_version.v.secret_string}" }]),
        },
      },
    });
    expect(statusOf(ztSec012, model).sort()).toEqual([
      "aws_ecs_task_definition.ssm:fail[Env::app/CONFIG]",
      "aws_lambda_function.from_secret_map:fail[Env::*]",
      "aws_lambda_function.from_variable:unknown",
      "aws_lambda_function.generated:fail[Env::DSN]",
      "aws_lambda_function.literal:fail[Env::DB_URL]",
      "aws_lambda_function.literal:fail[Env::password]",
      "aws_lambda_function.pointers:pass",
      "kubernetes_pod_v1.from_secret:pass[Container::app]",
      "kubernetes_pod_v1.generated_env:fail[Env::app/CONFIG]",
      "kubernetes_pod_v1.literal_env:fail[Env::app/DB_PASSWORD]",
    ]);
    const message = (address: string) => resultsOf(ztSec012, model).find((r) => r.address === address)?.message;
    expect(resultsOf(ztSec012, model).filter((r) => r.address === "aws_lambda_function.literal").map((r) => r.message)).toEqual([
      "password holds a literal value under a secret's name",
      "DB_URL holds a URL with a password in it",
    ]);
    expect(message("kubernetes_pod_v1.literal_env")).toBe('container "app": DB_PASSWORD holds a literal value under a secret\'s name');
    expect(resultsOf(ztSec012, model).map((r) => r.message).join("\n")).not.toContain("hunter2");
  });
});
