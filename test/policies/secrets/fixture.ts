import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretPolicy } from "@cdktf/provider-aws/lib/secretsmanager-secret-policy";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { DocdbCluster } from "@cdktf/provider-aws/lib/docdb-cluster";
import { NeptuneCluster } from "@cdktf/provider-aws/lib/neptune-cluster";
import { RedshiftCluster } from "@cdktf/provider-aws/lib/redshift-cluster";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { OpensearchDomain } from "@cdktf/provider-aws/lib/opensearch-domain";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { KinesisStream } from "@cdktf/provider-aws/lib/kinesis-stream";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { userDataHosts } from "./user-data-fixture";

const ACCOUNT = "111122223333";
const ROTATOR = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rotate-secret`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/app-task`;

function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const KEY_ADMIN = { Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };

/** Secrets fixture: KMS keys, Secrets Manager secrets and data stores, compliant and not. */
export function secretsFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "secrets");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  // KMS keys.
  const key = new KmsKey(stack, "ok", {
    description: "secrets",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policy(KEY_ADMIN, {
      Sid: "ViaSecretsManager",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
    }),
  });
  new KmsKey(stack, "no_rotation", { description: "no rotation", deletionWindowInDays: 7 });
  new KmsKey(stack, "rotation_off", { description: "rotation off", enableKeyRotation: false });
  const signing = new KmsKey(stack, "signing", { description: "signing", customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" });
  new KmsKey(stack, "public_policy", {
    description: "public",
    enableKeyRotation: true,
    policy: policy(KEY_ADMIN, { Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }),
  });
  new KmsKeyPolicy(stack, "signing_policy", {
    keyId: signing.keyId,
    policy: policy(KEY_ADMIN, {
      Sid: "OrgVerify",
      Effect: "Allow",
      Principal: "*",
      Action: "kms:Verify",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } },
    }),
  });

  // Conditions on the caller: a wildcard account restricts nothing, the account of the VPC endpoint does.
  new KmsKeyPolicy(stack, "any_account_policy", {
    keyId: "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    policy: policy(KEY_ADMIN, {
      Sid: "AnyAccount",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { StringLike: { "kms:CallerAccount": "*" } },
    }),
  });
  const sharedSecretArn = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:shared-AbCdEf`;
  new SecretsmanagerSecretPolicy(stack, "any_org_policy", {
    secretArn: sharedSecretArn,
    blockPublicPolicy: true,
    policy: policy({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } }),
  });
  new SecretsmanagerSecretPolicy(stack, "endpoint_owner_policy", {
    secretArn: sharedSecretArn,
    blockPublicPolicy: true,
    policy: policy({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringEquals: { "aws:VpceAccount": ACCOUNT } } }),
  });

  // Secrets.
  const ok = new SecretsmanagerSecret(stack, "db", { name: "db", kmsKeyId: key.arn });
  new SecretsmanagerSecretRotation(stack, "db_rotation", { secretId: ok.id, rotationLambdaArn: ROTATOR, rotationRules: { automaticallyAfterDays: 30 } });
  new SecretsmanagerSecretPolicy(stack, "db_policy", {
    secretArn: ok.arn,
    blockPublicPolicy: true,
    policy: policy({ Effect: "Allow", Principal: { AWS: APP_ROLE }, Action: "secretsmanager:GetSecretValue", Resource: "*" }),
  });
  new SecretsmanagerSecretVersion(stack, "db_value", { secretId: ok.id, secretStringWo: "placeholder-set-out-of-band", secretStringWoVersion: 1 });

  const scheduled = new SecretsmanagerSecret(stack, "api_token", { name: "api-token", kmsKeyId: key.keyId, recoveryWindowInDays: 7 });
  new SecretsmanagerSecretRotation(stack, "api_token_rotation", {
    secretId: scheduled.arn,
    rotationLambdaArn: ROTATOR,
    rotationRules: { scheduleExpression: "rate(30 days)" },
  });

  const plain = new SecretsmanagerSecret(stack, "default_key", { name: "default-key", recoveryWindowInDays: 0 });
  const plainValue = new SecretsmanagerSecretVersion(stack, "default_key_value", { secretId: plain.id, secretString: JSON.stringify({ password: "not-a-real-password" }) });
  new SecretsmanagerSecretPolicy(stack, "default_key_policy", {
    secretArn: plain.arn,
    policy: policy({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }),
  });

  const awsAlias = new SecretsmanagerSecret(stack, "aws_alias", { name: "aws-alias", kmsKeyId: "alias/aws/secretsmanager" });
  new SecretsmanagerSecretRotation(stack, "aws_alias_rotation", {
    secretId: awsAlias.id,
    rotationLambdaArn: ROTATOR,
    rotationRules: { automaticallyAfterDays: 180 },
  });

  new SecretsmanagerSecret(stack, "inline_policy", {
    name: "inline-policy",
    kmsKeyId: key.arn,
    policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "secretsmanager:GetSecretValue", Resource: "*" }),
  });

  // Data stores and encryption at rest: turned on, turned off, left unset (unencrypted, or encrypted by AWS for Valkey).
  const db = { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true };
  new DbInstance(stack, "orders_db", { ...db, identifier: "orders-db", storageEncrypted: true, kmsKeyId: key.arn });
  new DbInstance(stack, "plain_db", { ...db, identifier: "plain-db" });
  const aurora = { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true };
  new RdsCluster(stack, "aurora_encrypted", { ...aurora, clusterIdentifier: "aurora-encrypted", storageEncrypted: true, kmsKeyId: key.arn });
  new RdsCluster(stack, "aurora_plain", { ...aurora, clusterIdentifier: "aurora-plain" });
  // Aurora Serverless v1 encrypts its cluster volume whatever storage_encrypted says.
  new RdsCluster(stack, "aurora_serverless_v1", { engine: "aurora-mysql", engineMode: "serverless", clusterIdentifier: "aurora-serverless-v1", masterUsername: "app", manageMasterUserPassword: true, storageEncrypted: false });
  new DocdbCluster(stack, "docs_encrypted", { clusterIdentifier: "docs-encrypted", masterUsername: "app", manageMasterUserPassword: true, storageEncrypted: true });
  new NeptuneCluster(stack, "graph_default", { clusterIdentifier: "graph-default" });
  new RedshiftCluster(stack, "warehouse_off", { clusterIdentifier: "warehouse-off", nodeType: "ra3.xlplus", masterUsername: "admin", manageMasterPassword: true, encrypted: false });
  new EfsFileSystem(stack, "files_encrypted", { encrypted: true, kmsKeyId: key.arn });
  new EfsFileSystem(stack, "files_plain", {});
  const cache = { description: "sessions", nodeType: "cache.t4g.micro", transitEncryptionEnabled: true };
  new ElasticacheReplicationGroup(stack, "cache_valkey", { ...cache, replicationGroupId: "cache-valkey", engine: "valkey", engineVersion: "8.0" });
  new ElasticacheReplicationGroup(stack, "cache_redis", { ...cache, replicationGroupId: "cache-redis", engine: "redis", engineVersion: "7.1" });
  new OpensearchDomain(stack, "search_encrypted", { domainName: "search-encrypted", encryptAtRest: { enabled: true } });
  new OpensearchDomain(stack, "search_plain", { domainName: "search-plain" });

  // Messaging and encryption at rest: a customer key, the SQS default (SSE-SQS), and encryption left out or off.
  new SqsQueue(stack, "orders_queue", { name: "orders", kmsMasterKeyId: key.arn });
  new SqsQueue(stack, "events_queue", { name: "events" });
  new SqsQueue(stack, "plain_queue", { name: "plain", sqsManagedSseEnabled: false });
  new SnsTopic(stack, "alerts_topic", { name: "alerts", kmsMasterKeyId: key.arn });
  new SnsTopic(stack, "plain_topic", { name: "plain" });
  new KinesisStream(stack, "clicks_stream", { name: "clicks", shardCount: 1, encryptionType: "KMS", kmsKeyId: key.arn });
  new KinesisStream(stack, "plain_stream", { name: "plain", shardCount: 1 });

  // Secrets in workload environments: pointers to a secret pass; a literal under a secret's name, or a secret's
  // value, fails.
  const fn = { role: APP_ROLE, runtime: "nodejs20.x", handler: "index.handler", s3Bucket: "ztb-artifacts", s3Key: "fn.zip" };
  new LambdaFunction(stack, "reader_fn", {
    ...fn,
    functionName: "reader",
    environment: { variables: { DB_SECRET_ARN: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db`, LOG_LEVEL: "info", TOKEN_URL: "https://auth.example.com/token" } },
  });
  new LambdaFunction(stack, "leaky_fn", {
    ...fn,
    functionName: "leaky",
    environment: { variables: { API_TOKEN: "tok-123456", DB_PASSWORD: plainValue.secretString } },
  });
  const image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "0123456789abcdef".repeat(4);
  const task = (family: string, container: Record<string, unknown>) =>
    new EcsTaskDefinition(stack, `${family}_task`, {
      family,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: JSON.stringify([{ name: "app", image, essential: true, ...container }]),
    });
  task("reader", { environment: [{ name: "MODE", value: "read" }], secrets: [{ name: "DB_PASSWORD", valueFrom: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db` }] });
  task("leaky", { environment: [{ name: "CLIENT_SECRET", value: "s3cr3t-value" }] });
  userDataHosts(stack);

  return stack;
}
