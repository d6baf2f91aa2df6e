import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { ztSec014 } from "../../../policies/rules/secrets/zt-sec-014-kms-key-without-policy";
import { isSecretParameterName, ztSec015 } from "../../../policies/rules/secrets/zt-sec-015-ssm-parameter-secret-unprotected";
import { ztSec016 } from "../../../policies/rules/secrets/zt-sec-016-session-logging-off";
import { configModel, describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { secretsFsbpFixture } from "./fsbp-fixture";

/** Expected addresses per rule, the same in synthesized JSON and in the plan. */
const EXPECTED: RuleTable = [
  [ztSec014, { fail: ["aws_kms_key.default_policy"], pass: ["aws_kms_key.with_policy", "aws_kms_key.separate_policy"] }],
  [
    ztSec015,
    {
      fail: ["aws_ssm_parameter.db_password_plain", "aws_ssm_parameter.api_token_default_key", "aws_ssm_parameter.signing_key_aws_key"],
      pass: ["aws_ssm_parameter.client_secret_cmk"],
    },
  ],
  [ztSec016, { fail: ["aws_ssm_document.sessions_unlogged", "aws_ssm_document.sessions_plain_s3"], pass: ["aws_ssm_document.sessions_logged"] }],
];

const failures = (rule: Rule, model: Model) =>
  resultsOf(rule, model)
    .filter((r) => r.status !== "pass")
    .map((r) => `${r.address} ${r.status} ${r.item ?? ""}: ${r.message}`)
    .sort();

const evaluated = (rule: Rule, model: Model) => [...new Set(resultsOf(rule, model).map((r) => r.address))].sort();

describe("secrets rules for the Security Hub controls", () => {
  describeFixtureModes("on the secrets FSBP fixture", secretsFsbpFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("ZT-SEC-015 says why a parameter counts as a secret and leaves configuration values alone", () => {
      expect(failures(ztSec015, model())).toEqual([
        "aws_ssm_parameter.api_token_default_key fail KeyId: the SecureString is encrypted with the AWS managed key alias/aws/ssm (no key_id), which every principal allowed to read the parameter may use",
        "aws_ssm_parameter.db_password_plain fail Type: the parameter is a String, stored in plain text, though its name /orders/db/password says it holds a secret",
        "aws_ssm_parameter.signing_key_aws_key fail KeyId: the SecureString is encrypted with the AWS managed key alias/aws/ssm, which every principal allowed to read the parameter may use",
      ]);
      const judged = evaluated(ztSec015, model());
      for (const plain of ["aws_ssm_parameter.log_level", "aws_ssm_parameter.password_arn", "aws_ssm_parameter.public_key"]) expect(judged).not.toContain(plain);
    });

    it("ZT-SEC-016 names each destination written unencrypted and leaves other session documents alone", () => {
      expect(failures(ztSec016, model())).toEqual([
        "aws_ssm_document.sessions_plain_s3 fail S3Encryption: session logs go to S3 with s3EncryptionEnabled = false: encryption of the logs is not enforced",
        "aws_ssm_document.sessions_unlogged fail Logging: neither s3BucketName nor cloudWatchLogGroupName is set: sessions are not logged",
      ]);
      expect(evaluated(ztSec016, model())).not.toContain("aws_ssm_document.port_forwarding");
    });
  });
});

describe("secrets rules for the Security Hub controls on synthesized JSON shapes", () => {
  it("ZT-SEC-014 judges replica and external keys too", () => {
    const m = configModel({
      resource: {
        aws_kms_replica_key: { replica: { primary_key_arn: "arn:aws:kms:us-east-1:111122223333:key/mrk-1" } },
        aws_kms_external_key: { external: { description: "imported", policy: "${data.aws_iam_policy_document.k.json}" } },
      },
    });
    expect(failures(ztSec014, m)).toEqual([
      "aws_kms_replica_key.replica fail KeyPolicy: the key has no policy and no aws_kms_key_policy references it: the default policy delegates every use of the key to IAM",
    ]);
  });

  it("ZT-SEC-015 tells secret names by path segment and judges a value taken from a secret attribute", () => {
    expect(["/app/db/password", "/app/DB_PASSWORD", "/svc/api-key", "/svc/github.token", "/svc/tls/private-key", "/svc/passphrase", "/svc/credentials"].filter(isSecretParameterName)).toHaveLength(7);
    expect(["/app/db/password-arn", "/app/token-ttl", "/app/jwt/public-key", "/app/keyboard-layout", "/app/secret-name", "/app/log-level"].filter(isSecretParameterName)).toEqual([]);
    const m = configModel({
      resource: {
        aws_ssm_parameter: {
          generated: { name: "/app/bootstrap", type: "String", value: "${random_password.bootstrap.result}" },
          computed_type: { name: "/app/db/password", type: "${var.type}", value: "x" },
          computed_key: { name: "/app/db/password", type: "SecureString", key_id: "${var.key}", value: "x" },
          key_resource: { name: "/app/db/password", type: "SecureString", key_id: "${aws_kms_alias.app.name}", value: "x" },
        },
      },
    });
    expect(failures(ztSec015, m)).toEqual([
      "aws_ssm_parameter.computed_key unknown KeyId: key_id comes from var.key; cannot tell whether it is customer managed",
      "aws_ssm_parameter.computed_type unknown Type: type is not known until apply",
      "aws_ssm_parameter.generated fail Type: the parameter is a String, stored in plain text, though its value comes from random_password.bootstrap.result",
    ]);
  });

  it("ZT-SEC-016 reads YAML and jsonencode documents; a computed content or flag is unknown", () => {
    const yaml = ["schemaVersion: '1.0'", "sessionType: Standard_Stream", "inputs:", "  s3BucketName: session-logs", "  s3EncryptionEnabled: 'true'", ""].join("\n");
    const m = configModel({
      resource: {
        aws_ssm_document: {
          yaml: { name: "a", document_type: "Session", document_format: "YAML", content: yaml },
          encoded: { name: "b", document_type: "Session", content: '${jsonencode({"sessionType" = "Standard_Stream", "inputs" = {"cloudWatchLogGroupName" = aws_cloudwatch_log_group.s.name}})}' },
          computed_flag: { name: "c", document_type: "Session", content: JSON.stringify({ sessionType: "Standard_Stream", inputs: { s3BucketName: "logs", s3EncryptionEnabled: "${var.encrypt}" } }) },
          computed: { name: "d", document_type: "Session", content: "${file(\"prefs.json\")}" },
        },
      },
    });
    expect(failures(ztSec016, m)).toEqual([
      "aws_ssm_document.computed unknown Logging: content is not known until apply",
      "aws_ssm_document.computed_flag unknown S3Encryption: s3EncryptionEnabled is not known until apply",
      "aws_ssm_document.encoded fail CloudWatchEncryption: session logs go to CloudWatch Logs with cloudWatchEncryptionEnabled unset: encryption of the logs is not enforced",
    ]);
    expect(resultsOf(ztSec016, m).find((r) => r.address === "aws_ssm_document.yaml")?.status).toBe("pass");
  });
});
