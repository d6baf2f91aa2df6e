import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";

const ACCOUNT = "111122223333";

/** A key policy that lets the account administer the key and one role use it. */
const KEY_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "Administer", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` }, Action: ["kms:Describe*", "kms:Put*", "kms:Enable*", "kms:Disable*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], Resource: "*" },
    { Sid: "Use", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/orders` }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
  ],
});

/** The Session Manager preferences document with the given inputs. */
function preferences(inputs: Record<string, unknown>): string {
  return JSON.stringify({ schemaVersion: "1.0", description: "Session Manager preferences", sessionType: "Standard_Stream", inputs });
}

/**
 * Secrets fixture for the controls of the Security Hub FSBP benchmark and the checks attackers rely on: KMS keys with
 * and without a key policy, SSM parameters holding secrets in plain text or under the AWS managed key, and Session
 * Manager preferences that do or do not log sessions encrypted. Each insecure resource has a secure twin.
 */
export function secretsFsbpFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "secrets-fsbp");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  // KMS keys: the default policy, an explicit policy, a policy written by aws_kms_key_policy.
  new KmsKey(stack, "default_policy", { description: "default policy", enableKeyRotation: true });
  const withPolicy = new KmsKey(stack, "with_policy", { description: "explicit policy", enableKeyRotation: true, policy: KEY_POLICY });
  const separate = new KmsKey(stack, "separate_policy", { description: "policy resource", enableKeyRotation: true });
  new KmsKeyPolicy(stack, "separate_policy_document", { keyId: separate.keyId, policy: KEY_POLICY });

  // SSM parameters: secrets in plain text, under the AWS managed key and under a customer-managed key; configuration.
  new SsmParameter(stack, "db_password_plain", { name: "/orders/db/password", type: "String", value: "placeholder-rotated-out-of-band" });
  new SsmParameter(stack, "api_token_default_key", { name: "/orders/payments-api-token", type: "SecureString", value: "placeholder-rotated-out-of-band" });
  new SsmParameter(stack, "signing_key_aws_key", { name: "/orders/signing-key", type: "SecureString", keyId: "alias/aws/ssm", value: "placeholder-rotated-out-of-band" });
  new SsmParameter(stack, "client_secret_cmk", { name: "/orders/oauth/client-secret", type: "SecureString", keyId: withPolicy.arn, value: "placeholder-rotated-out-of-band" });
  new SsmParameter(stack, "log_level", { name: "/orders/log-level", type: "String", value: "info" });
  new SsmParameter(stack, "password_arn", { name: "/orders/db/password-arn", type: "String", value: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:orders-db` });
  new SsmParameter(stack, "public_key", { name: "/orders/jwt/public-key", type: "String", value: "placeholder-public-key" });

  // Session Manager preferences: no destination, CloudWatch Logs encrypted, S3 unencrypted; a port forwarding document.
  const sessions = new CloudwatchLogGroup(stack, "sessions", { name: "/ssm/sessions", retentionInDays: 365, kmsKeyId: withPolicy.arn });
  new SsmDocument(stack, "sessions_unlogged", { name: "sessions-unlogged", documentType: "Session", content: preferences({ idleSessionTimeout: "20" }) });
  new SsmDocument(stack, "sessions_logged", {
    name: "sessions-logged",
    documentType: "Session",
    content: preferences({ cloudWatchLogGroupName: sessions.name, cloudWatchEncryptionEnabled: true, kmsKeyId: withPolicy.keyId }),
  });
  new SsmDocument(stack, "sessions_plain_s3", {
    name: "sessions-plain-s3",
    documentType: "Session",
    content: preferences({ s3BucketName: "orders-session-logs", s3EncryptionEnabled: false, cloudWatchLogGroupName: sessions.name, cloudWatchEncryptionEnabled: true }),
  });
  new SsmDocument(stack, "port_forwarding", {
    name: "port-forwarding",
    documentType: "Session",
    content: JSON.stringify({ schemaVersion: "1.0", description: "Port forwarding", sessionType: "Port", parameters: { portNumber: { type: "String", default: "443" } }, properties: { portNumber: "{{ portNumber }}", type: "LocalPortForwarding" } }),
  });

  return stack;
}
