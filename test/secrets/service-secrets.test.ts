import { TerraformStack, TerraformVariable } from "cdktf";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork } from "../../constructs/network";
import { KEY_USE_ACTIONS, ROOT_ADMIN_ACTIONS, SECRET_ADMIN_ACTIONS, SECRET_ROTATION_ACTIONS, SecretSpec, ServiceSecrets, ServiceSecretsProps } from "../../constructs/secrets";
import { Policy } from "../../policies/policy";
import { ACCOUNT, REGION, newStack, ofType, only, packVerdict, parsePolicy, statement } from "../identity/harness";
import { expectInvalid } from "../core/validation-error";

const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/deployer`;
const ROTATE_FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotate-db-password`;
const ROTATE_ROLE = `arn:aws:iam::${ACCOUNT}:role/rotate-db-password`;
const VPCE = "vpce-0123456789abcdef0";

const rotated: SecretSpec = { name: "db-password", rotation: { lambdaArn: ROTATE_FN, lambdaRoleArn: ROTATE_ROLE } };
const notRotated: SecretSpec = { name: "vendor-key", rotation: { disabled: true, reason: "vendor issues the key and rotates it on their side" } };

function service(stack: TerraformStack, name: string): ServiceIdentity {
  return new ServiceIdentity(stack, name, { serviceName: name, accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
}

function setup(overrides: Partial<ServiceSecretsProps> = {}) {
  const stack = newStack();
  const identity = service(stack, "orders");
  const secrets = new ServiceSecrets(stack, "orders-secrets", { identity, adminRoleArns: [DEPLOYER], secrets: [rotated], ...overrides });
  return { stack, identity, secrets };
}

function byName(stack: TerraformStack, type: string, fragment: string): Record<string, unknown> {
  const entries = Object.entries(ofType(stack, type)).filter(([n]) => n.includes(fragment));
  if (entries.length !== 1) throw new Error(`expected one ${type} containing ${fragment}, found ${entries.length}`);
  return entries[0][1];
}

const ROLE_ARN = (svc: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_iam_role\\.${svc}_role_[A-F0-9]+\\.arn\\}$`));

describe("ServiceSecrets key", () => {
  test("rotation on, 30-day deletion window, symmetric, alias alias/<service>/secrets", () => {
    const { stack } = setup();
    const key = only(stack, "aws_kms_key");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, key_usage: "ENCRYPT_DECRYPT", customer_master_key_spec: "SYMMETRIC_DEFAULT" });
    expect(key.bypass_policy_lockout_safety_check).toBeUndefined();
    expect(only(stack, "aws_kms_alias").name).toBe("alias/orders/secrets");
  });

  test("key policy: root and admins administer without use, no use before a grant but the rotation role's", () => {
    const { stack } = setup();
    const policy = only(stack, "aws_kms_key").policy;
    expect(parsePolicy(policy).Statement.map((s) => s.Sid)).toEqual(["AccountRootAdministersNotUse", "AdminRolesAdministerNotUse", "RotationRolesThroughSecretsmanager"]);
    expect(statement(policy, "AccountRootAdministersNotUse")).toEqual({
      Sid: "AccountRootAdministersNotUse",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: [...ROOT_ADMIN_ACTIONS],
      Resource: "*",
    });
    expect(ROOT_ADMIN_ACTIONS).toEqual(expect.arrayContaining(["kms:PutKeyPolicy", "kms:DisableKeyRotation", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]));
    for (const use of KEY_USE_ACTIONS) expect(ROOT_ADMIN_ACTIONS).not.toContain(use);
    expect(statement(policy, "RotationRolesThroughSecretsmanager")).toEqual({
      Sid: "RotationRolesThroughSecretsmanager",
      Effect: "Allow",
      Principal: { AWS: ROTATE_ROLE },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT } },
    });
    const admin = statement(policy, "AdminRolesAdministerNotUse");
    expect(admin.Principal).toEqual({ AWS: DEPLOYER });
    const actions = admin.Action as string[];
    for (const use of ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:DisableKeyRotation"]) expect(actions).not.toContain(use);
    expect(actions).toEqual(expect.arrayContaining(["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:EnableKeyRotation", "kms:DescribeKey"]));
    expect(actions.every((a) => !a.includes("*"))).toBe(true);
  });

  test("grantRead puts the role in the key policy, only through Secrets Manager in this account and region", () => {
    const { stack, identity, secrets } = setup();
    secrets.grantRead(identity);
    expect(statement(only(stack, "aws_kms_key").policy, "DecryptThroughSecretsmanager")).toEqual({
      Sid: "DecryptThroughSecretsmanager",
      Effect: "Allow",
      Principal: { AWS: ROLE_ARN("orders") },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT } },
    });
  });
});

describe("ServiceSecrets secrets", () => {
  test("secret: name <service>/<name>, the service key, 30-day recovery window, no value", () => {
    const { stack } = setup();
    const secret = only(stack, "aws_secretsmanager_secret");
    expect(secret.name).toBe("orders/db-password");
    expect(secret.kms_key_id).toMatch(/^\$\{aws_kms_key\.orders-secrets_key_[A-F0-9]+\.arn\}$/);
    expect(secret.recovery_window_in_days).toBe(30);
    expect(ofType(stack, "aws_secretsmanager_secret_version")).toEqual({});
    expect(ofType(stack, "random_password")).toEqual({});
  });

  test("rotation by the given Lambda every 30 days by default, or the given schedule", () => {
    const { stack } = setup({ secrets: [rotated, { name: "api-token", rotation: { lambdaArn: ROTATE_FN, lambdaRoleArn: ROTATE_ROLE, scheduleDays: 7 } }] });
    const db = byName(stack, "aws_secretsmanager_secret_rotation", "db-password");
    expect(db.rotation_lambda_arn).toBe(ROTATE_FN);
    expect(db.rotation_rules).toEqual({ automatically_after_days: 30 });
    expect(db.secret_id).toMatch(/^\$\{aws_secretsmanager_secret\.orders-secrets_db-password_secret_[A-F0-9]+\.id\}$/);
    expect(byName(stack, "aws_secretsmanager_secret_rotation", "api-token").rotation_rules).toEqual({ automatically_after_days: 7 });
  });

  test("resource policy: blocks public policies, denies everyone but the owner, admins and rotation role, and keeps admins and the rotation role to their actions", () => {
    const { stack } = setup();
    const policy = only(stack, "aws_secretsmanager_secret_policy");
    expect(policy.block_public_policy).toBe(true);
    expect(parsePolicy(policy.policy).Statement).toEqual([
      {
        Sid: "DenyAllButNamedRoles",
        Effect: "Deny",
        Principal: "*",
        Action: "secretsmanager:*",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:PrincipalArn": [ROLE_ARN("orders"), DEPLOYER, ROTATE_ROLE] } },
      },
      {
        Sid: "DenyAdminsAllButAdministration",
        Effect: "Deny",
        Principal: "*",
        NotAction: [...SECRET_ADMIN_ACTIONS],
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalArn": DEPLOYER } },
      },
      {
        Sid: "DenyRotationRoleAllButRotation",
        Effect: "Deny",
        Principal: "*",
        NotAction: [...SECRET_ROTATION_ACTIONS],
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalArn": ROTATE_ROLE } },
      },
    ]);
    expect(parsePolicy(policy.policy).Statement.some((s) => s.Effect === "Allow")).toBe(false);
  });

  test("with an explicit endpoint, readers (not admins) are bound to it", () => {
    const { stack } = setup({ vpcEndpointId: VPCE });
    expect(statement(only(stack, "aws_secretsmanager_secret_policy").policy, "DenyReadersOutsideVpcEndpoint")).toEqual({
      Sid: "DenyReadersOutsideVpcEndpoint",
      Effect: "Deny",
      Principal: "*",
      Action: "secretsmanager:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": VPCE }, StringEquals: { "aws:PrincipalArn": ROLE_ARN("orders") } },
    });
  });

  test("restrictToVpcEndpoint defaults on with a network that has a secretsmanager endpoint, and can be turned off", () => {
    const build = (restrictToVpcEndpoint?: boolean) => {
      const stack = newStack();
      const network = new SegmentedNetwork(stack, "network", { name: "net", cidr: "10.0.0.0/16", region: REGION, accountId: ACCOUNT, availabilityZones: ["eu-west-1a", "eu-west-1b"] });
      new ServiceSecrets(stack, "orders-secrets", { identity: service(stack, "orders"), adminRoleArns: [DEPLOYER], secrets: [rotated], network, restrictToVpcEndpoint });
      return parsePolicy(only(stack, "aws_secretsmanager_secret_policy").policy).Statement;
    };
    const restricted = build().find((s) => s.Sid === "DenyReadersOutsideVpcEndpoint");
    expect(restricted?.Condition).toEqual({
      StringNotEquals: { "aws:SourceVpce": expect.stringMatching(/^\$\{aws_vpc_endpoint\.network_endpoints_[a-z-]*secretsmanager[A-Za-z0-9_-]*\.id\}$/) },
      StringEquals: { "aws:PrincipalArn": ROLE_ARN("orders") },
    });
    expect(build(false).map((s) => s.Sid)).toEqual(["DenyAllButNamedRoles", "DenyAdminsAllButAdministration", "DenyRotationRoleAllButRotation"]);
  });

  test("a network without a secretsmanager endpoint leaves readers unbound", () => {
    const stack = newStack();
    const network = new SegmentedNetwork(stack, "network", { name: "net", cidr: "10.0.0.0/16", region: REGION, accountId: ACCOUNT, availabilityZones: ["eu-west-1a", "eu-west-1b"], interfaceEndpoints: ["sts"] });
    new ServiceSecrets(stack, "orders-secrets", { identity: service(stack, "orders"), adminRoleArns: [DEPLOYER], secrets: [rotated], network });
    expect(parsePolicy(only(stack, "aws_secretsmanager_secret_policy").policy).Statement.map((s) => s.Sid)).toEqual(["DenyAllButNamedRoles", "DenyAdminsAllButAdministration", "DenyRotationRoleAllButRotation"]);
  });

  test("a secret without rotation is recorded as a suppression of ZT-SEC-005 with its reason", () => {
    const { stack, secrets } = setup({ secrets: [notRotated] });
    expect(ofType(stack, "aws_secretsmanager_secret_rotation")).toEqual({});
    expect(Policy.suppressionsOf(secrets.secret("vendor-key"))).toEqual([{ id: "ZT-SEC-005", reason: 'rotation disabled on secret "orders/vendor-key": vendor issues the key and rotates it on their side' }]);
    expect(packVerdict(stack).suppressed).toEqual([expect.stringMatching(/^ZT-SEC-005 aws_secretsmanager_secret\.orders-secrets_vendor-key_secret_/)]);
  });

  test("initialValue uses the write-only argument, never secret_string", () => {
    const stack = newStack();
    const value = new TerraformVariable(stack, "db_password", { type: "string", sensitive: true });
    value.addOverride("ephemeral", true);
    new ServiceSecrets(stack, "orders-secrets", {
      identity: service(stack, "orders"),
      adminRoleArns: [DEPLOYER],
      secrets: [{ ...rotated, initialValue: { value: value.stringValue, version: 1 } }],
    });
    const version = only(stack, "aws_secretsmanager_secret_version");
    expect(version.secret_string_wo).toBe("${var.db_password}");
    expect(version.secret_string_wo_version).toBe(1);
    expect(version.secret_string).toBeUndefined();
    expect(version.secret_binary).toBeUndefined();
  });

  test("addSecret after grantRead also grants the new secret", () => {
    const { stack, identity, secrets } = setup();
    secrets.grantRead(identity);
    secrets.addSecret("vendor-key", { rotation: notRotated.rotation });
    const read = statement(only(stack, "aws_iam_role_policy", "orders_grants_").policy, "ReadOrdersSecrets");
    expect(read.Resource).toEqual([
      expect.stringMatching(/^\$\{aws_secretsmanager_secret\.orders-secrets_db-password_secret_[A-F0-9]+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_secretsmanager_secret\.orders-secrets_vendor-key_secret_[A-F0-9]+\.arn\}$/),
    ]);
  });
});

describe("ServiceSecrets grants", () => {
  test("grantRead: exactly GetSecretValue + DescribeSecret on the secret ARNs and Decrypt via Secrets Manager on the key", () => {
    const { stack, identity, secrets } = setup({ secrets: [rotated, notRotated] });
    secrets.grantRead(identity);
    expect(parsePolicy(only(stack, "aws_iam_role_policy", "orders_grants_").policy).Statement).toEqual([
      {
        Sid: "ReadOrdersSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: [
          expect.stringMatching(/^\$\{aws_secretsmanager_secret\.orders-secrets_db-password_secret_[A-F0-9]+\.arn\}$/),
          expect.stringMatching(/^\$\{aws_secretsmanager_secret\.orders-secrets_vendor-key_secret_[A-F0-9]+\.arn\}$/),
        ],
      },
      {
        Sid: "DecryptOrdersSecretsKey",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: expect.stringMatching(/^\$\{aws_kms_key\.orders-secrets_key_[A-F0-9]+\.arn\}$/),
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` } },
      },
    ]);
  });

  test("no grant ever widens to a wildcard", () => {
    const { stack, identity, secrets } = setup({ secrets: [rotated, notRotated] });
    secrets.grantRead(identity);
    for (const s of parsePolicy(only(stack, "aws_iam_role_policy", "orders_grants_").policy).Statement) {
      for (const value of [s.Action, s.Resource].flat() as string[]) expect(value).not.toMatch(/\*/);
    }
  });

  test("another service granted read is admitted by the resource and key policies, bound to the endpoint", () => {
    const { stack, secrets } = setup({ vpcEndpointId: VPCE });
    const reporting = service(stack, "reporting");
    secrets.grantRead(reporting);
    const policy = only(stack, "aws_secretsmanager_secret_policy").policy;
    expect(statement(policy, "DenyAllButNamedRoles").Condition).toEqual({
      StringNotEquals: { "aws:PrincipalArn": [ROLE_ARN("orders"), ROLE_ARN("reporting"), DEPLOYER, ROTATE_ROLE] },
    });
    expect(statement(policy, "DenyReadersOutsideVpcEndpoint").Condition).toEqual({
      StringNotEquals: { "aws:SourceVpce": VPCE },
      StringEquals: { "aws:PrincipalArn": [ROLE_ARN("orders"), ROLE_ARN("reporting")] },
    });
    expect(statement(only(stack, "aws_kms_key").policy, "DecryptThroughSecretsmanager").Principal).toEqual({ AWS: ROLE_ARN("reporting") });
    expect(Object.keys(ofType(stack, "aws_iam_role_policy")).filter((n) => n.includes("_grants_"))).toEqual([expect.stringMatching(/^reporting_grants_/)]);
  });

  test("one service's role reads only its own secrets", () => {
    const stack = newStack();
    const orders = service(stack, "orders");
    const payments = service(stack, "payments");
    const ordersSecrets = new ServiceSecrets(stack, "orders-secrets", { identity: orders, adminRoleArns: [DEPLOYER], secrets: [rotated] });
    const paymentsRotation = { lambdaArn: ROTATE_FN, lambdaRoleArn: `arn:aws:iam::${ACCOUNT}:role/rotate-payments` };
    const paymentsSecrets = new ServiceSecrets(stack, "payments-secrets", { identity: payments, adminRoleArns: [DEPLOYER], secrets: [{ name: "db-password", rotation: paymentsRotation }] });
    ordersSecrets.grantRead(orders);
    paymentsSecrets.grantRead(payments);
    const policies = ofType(stack, "aws_iam_role_policy");
    const ordersPolicy = Object.entries(policies).find(([n]) => n.startsWith("orders_grants_"))![1].policy as string;
    expect(ordersPolicy).toContain("orders-secrets_");
    expect(ordersPolicy).not.toContain("payments-secrets_");
    expect(statement(byName(stack, "aws_secretsmanager_secret_policy", "payments-secrets").policy, "DenyAllButNamedRoles").Condition).toEqual({
      StringNotEquals: { "aws:PrincipalArn": [ROLE_ARN("payments"), DEPLOYER, paymentsRotation.lambdaRoleArn] },
    });
  });
});

describe("ServiceSecrets rotation roles and admins", () => {
  test("a rotation role rotates the secrets of one service only", () => {
    const stack = newStack();
    new ServiceSecrets(stack, "orders-secrets", { identity: service(stack, "orders"), adminRoleArns: [DEPLOYER], secrets: [rotated, { name: "api-token", rotation: rotated.rotation }] });
    expectInvalid(() => new ServiceSecrets(stack, "payments-secrets", { identity: service(stack, "payments"), adminRoleArns: [DEPLOYER], secrets: [rotated] }), "rotation.lambdaRoleArn", `ServiceSecret "db-password": rotation.lambdaRoleArn "${ROTATE_ROLE}" already rotates the secrets of service "orders"; give each service its own rotation role, so one service's rotation function cannot read another's secrets.`);
  });

  test("the rotation role is a role of the service's account and never an admin role", () => {
    const other = "arn:aws:iam::999999999999:role/rotate-db-password";
    expectInvalid(() => setup({ secrets: [{ name: "db-password", rotation: { lambdaArn: ROTATE_FN, lambdaRoleArn: other } }] }), "rotation.lambdaRoleArn", `ServiceSecret "db-password": rotation.lambdaRoleArn "${other}" is in account 999999999999, not the service's account ${ACCOUNT}; give the rotation function a role of this account.`);
    expectInvalid(() => setup({ secrets: [{ name: "db-password", rotation: { lambdaArn: ROTATE_FN, lambdaRoleArn: DEPLOYER } }] }), "rotation.lambdaRoleArn", `ServiceSecret "db-password": rotation.lambdaRoleArn "${DEPLOYER}" is also an admin role; give the rotation function a role of its own, which admins never share.`);
  });

  test("admins never read a value: no GetSecretValue or PutSecretValue among their actions", () => {
    expect(SECRET_ADMIN_ACTIONS).not.toContain("secretsmanager:GetSecretValue");
    expect(SECRET_ADMIN_ACTIONS).not.toContain("secretsmanager:PutSecretValue");
    expect(SECRET_ADMIN_ACTIONS.every((a) => a.startsWith("secretsmanager:") && !a.includes("*"))).toBe(true);
    expect(SECRET_ROTATION_ACTIONS).toEqual(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"]);
  });

  test("with a first value Terraform writes, admins may also put and read back that secret's value and use the key through Secrets Manager", () => {
    const stack = newStack();
    const value = new TerraformVariable(stack, "initial", { type: "string", sensitive: true });
    new ServiceSecrets(stack, "orders-secrets", {
      identity: service(stack, "orders"),
      adminRoleArns: [DEPLOYER],
      secrets: [{ ...notRotated, initialValue: { value: value.stringValue, version: 1 } }],
    });
    const admins = statement(only(stack, "aws_secretsmanager_secret_policy").policy, "DenyAdminsAllButAdministration");
    expect(admins.NotAction).toEqual([...SECRET_ADMIN_ACTIONS, "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"].sort());
    expect(statement(only(stack, "aws_kms_key").policy, "AdminsWriteInitialValuesThroughSecretsmanager")).toEqual({
      Sid: "AdminsWriteInitialValuesThroughSecretsmanager",
      Effect: "Allow",
      Principal: { AWS: DEPLOYER },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT } },
    });
  });
});

describe("ServiceSecrets and the zero-trust pack", () => {
  test("no unsuppressed findings with rotated, opted-out and endpoint-bound secrets", () => {
    const { stack, identity, secrets } = setup({ secrets: [rotated, notRotated], vpcEndpointId: VPCE });
    secrets.grantRead(identity);
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.evaluated).toBeGreaterThan(0);
  });
});

describe("ServiceSecrets validation", () => {
  const k = 'ServiceSecret "db-password"';
  test.each<[string, Partial<SecretSpec>, string, string]>([
    ["name", { name: "DB_Password" }, "name", 'ServiceSecret "DB_Password": name "DB_Password" must be 1 to 64 lowercase letters, digits and hyphens, not ending with a hyphen; e.g. "db-password".'],
    ["missing rotation", { rotation: undefined as never }, "rotation", `${k}: rotation is required; pass { lambdaArn, lambdaRoleArn } or { disabled: true, reason: "..." }.`],
    ["opt-out with a short reason", { rotation: { disabled: true, reason: "no" } }, "rotation", `${k}: rotation is disabled with a reason of 2 characters ("no"), shorter than 10; pass reason with at least 10 characters explaining why the secret is not rotated.`],
    ["opt-out without reason", { rotation: { disabled: true, reason: "  " } }, "rotation", `${k}: rotation is disabled without a reason; pass reason with at least 10 characters explaining why the secret is not rotated.`],
    ["opt-out with a bad expiry", { rotation: { disabled: true, reason: "vendor rotates this key", expires: "soon" } }, "rotation.expires", `${k}: rotation.expires "soon" must be an ISO date such as 2027-06-30.`],
    ["rotation without role", { rotation: { lambdaArn: ROTATE_FN } as never }, "rotation.lambdaRoleArn", `${k}: rotation.lambdaRoleArn is required; the secret's resource policy must admit the role the rotation function runs as.`],
    ["rotation with a bad Lambda ARN", { rotation: { lambdaArn: "rotate", lambdaRoleArn: ROTATE_ROLE } }, "rotation.lambdaArn", `${k}: rotation.lambdaArn entry "rotate" is not an lambda ARN in partition "aws"; pass the full ARN, e.g. "arn:aws:lambda:eu-west-1:123456789012:function:rotate-db-password".`],
    ["schedule out of range", { rotation: { lambdaArn: ROTATE_FN, lambdaRoleArn: ROTATE_ROLE, scheduleDays: 0 } }, "rotation.scheduleDays", `${k}: rotation.scheduleDays 0 must be a whole number of days from 1 to 1000.`],
    ["unknown rotation shape", { rotation: { enabled: true } as never }, "rotation", `${k}: rotation must be { lambdaArn, lambdaRoleArn, scheduleDays? } or { disabled: true, reason }.`],
    ["literal initial value", { initialValue: { value: "hunter2", version: 1 } }, "initialValue.value", `${k}: initialValue.value is a literal string, which would be written into the synthesized configuration; pass a token of an ephemeral value (e.g. an ephemeral variable) or set the value out of band.`],
  ])("%s", (_label, change, prop, message) => {
    expectInvalid(() => setup({ secrets: [{ ...rotated, ...change } as SecretSpec] }), prop, message);
  });

  test("initial value version must be at least 1", () => {
    const stack = newStack();
    const value = new TerraformVariable(stack, "v", { type: "string" });
    expectInvalid(() =>
      new ServiceSecrets(stack, "s", { identity: service(stack, "orders"), adminRoleArns: [DEPLOYER], secrets: [{ ...rotated, initialValue: { value: value.stringValue, version: 0 } }] }),
    "initialValue.version", `${k}: initialValue.version 0 must be a whole number of at least 1; increase it to write a new value.`);
  });

  test("admins are required and must be role ARNs", () => {
    expectInvalid(() => setup({ adminRoleArns: [] }), "adminRoleArns", 'ServiceSecrets "orders-secrets": adminRoleArns is empty; name at least the role Terraform deploys with, otherwise the secrets\' resource policies lock it out.');
    expectInvalid(() => setup({ adminRoleArns: ["deployer"] }), "adminRoleArns", /ServiceSecrets "orders-secrets": adminRoleArns entry "deployer" is not an iam ARN/);
  });

  test("restrictToVpcEndpoint without an endpoint", () => {
    expectInvalid(() => setup({ restrictToVpcEndpoint: true }), "restrictToVpcEndpoint", 'ServiceSecrets "orders-secrets": restrictToVpcEndpoint is true but there is no Secrets Manager endpoint; pass a network with a "secretsmanager" interface endpoint, or vpcEndpointId.');
  });

  test("a network of another region", () => {
    const stack = newStack();
    const network = new SegmentedNetwork(stack, "network", { name: "net", cidr: "10.0.0.0/16", region: "eu-central-1", accountId: ACCOUNT, availabilityZones: ["eu-central-1a", "eu-central-1b"] });
    expectInvalid(() => new ServiceSecrets(stack, "s", { identity: service(stack, "orders"), adminRoleArns: [DEPLOYER], network }), "network", 'ServiceSecrets "s": network region "eu-central-1" differs from the identity\'s "eu-west-1"; use the network the service runs in.');
  });

  test("duplicate and unknown secret names", () => {
    const { secrets } = setup();
    expectInvalid(() => secrets.addSecret("db-password", { rotation: notRotated.rotation }), "name", 'ServiceSecrets "orders-secrets": secret "db-password" is defined twice; give each secret its own name.');
    expectInvalid(() => secrets.secret("nope"), "name", 'ServiceSecrets "orders-secrets": has no secret "nope"; add it with addSecret("nope", ...) or the secrets prop.');
  });
});
