import { ServiceIdentity } from "../../constructs/identity";
import { ServiceSecrets } from "../../constructs/secrets";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;

function service() {
  const stack = newStack();
  const owner = new ServiceIdentity(stack, "orders", { serviceName: "orders", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
  const reader = new ServiceIdentity(stack, "billing", { serviceName: "billing", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
  const secrets = new ServiceSecrets(stack, "secrets", {
    identity: owner,
    adminRoleArns: [ADMIN],
    secrets: [{ name: "db-password", rotation: { disabled: true, reason: "rotated by the database team's own tooling" } }],
  });
  return { stack, owner, reader, secrets };
}

describe("grants on the resource that owns the permission", () => {
  test("secret.grantRead returns the statement added to the reader's policy, on the secret only", () => {
    const { reader, secrets } = service();
    const secret = secrets.secret("db-password");
    const grant = secret.grantRead(reader);
    expect(grant.principal).toBe(reader);
    expect(grant.actions).toEqual(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]);
    expect(grant.resources).toEqual([secret.secretArn]);
    expect(grant.principalStatement).toEqual({ sid: "ReadOrdersSecrets", actions: [...grant.actions], resources: [secret.secretArn] });
    expect(grant.resourceStatement).toBeUndefined();
    expect(grant.success).toBe(true);
    expect(reader.grants.map((g) => g.sid)).toEqual(["ReadOrdersSecrets", "DecryptOrdersSecretsKey"]);
  });

  test("key.grantDecrypt returns both the IAM statement and the key policy statement naming the grantee", () => {
    const { reader, secrets } = service();
    const grant = secrets.key.grantDecrypt(reader);
    expect(grant.principal).toBe(reader);
    expect(grant.actions).toEqual(["kms:Decrypt"]);
    expect(grant.resources).toEqual([secrets.key.keyArn]);
    expect(grant.principalStatement?.conditions).toEqual([{ test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${REGION}.amazonaws.com`] }]);
    expect(grant.resourceStatement).toMatchObject({ Sid: "DecryptThroughSecretsmanager", Effect: "Allow", Principal: { AWS: [reader.roleArn] }, Action: "kms:Decrypt" });
  });

  test("an identity's own grants (functions, APIs) go to its policy and say so", () => {
    const { reader } = service();
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:charge`;
    const grant = reader.allowInvokeFunction([fn]);
    expect([grant.principal, grant.actions, grant.resources, grant.resourceStatement]).toEqual([reader, ["lambda:InvokeFunction"], [fn], undefined]);
    expect(grant.principalStatement?.sid).toBe("InvokeFunctions");
  });

  test("no grant widens to *", () => {
    const { reader, secrets } = service();
    const grants = [...secrets.grantRead(reader), secrets.key.grantDecrypt(reader)];
    for (const grant of grants) {
      expect(grant.resources.filter((r) => r.includes("*"))).toEqual([]);
      expect(grant.principalStatement?.resources.filter((r) => r.includes("*"))).toEqual([]);
    }
  });
});
