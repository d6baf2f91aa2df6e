import { TerraformStack, Testing } from "cdktf";
import { AccountComputeBaseline, HardenedHost } from "../../constructs/compute";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork } from "../../constructs/network";
import { KEY_USE_ACTIONS, ServiceSecrets } from "../../constructs/secrets";
import { platformConfig } from "../../stacks/config";
import { PlatformStack } from "../../stacks/platform-stack";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

type Statement = { Sid?: string; Effect: string; Principal?: unknown; Action?: string | string[]; Condition?: Record<string, Record<string, unknown>> };

const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string]);

/** Whether an action pattern of a policy (`kms:*`, `kms:Decrypt*`) covers `action`. */
function covers(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return pattern === "*" || regex.test(action);
}

function keyPolicies(stack: TerraformStack): [string, { Statement: Statement[] }][] {
  const keys = (JSON.parse(Testing.synth(stack)).resource?.aws_kms_key ?? {}) as Record<string, { policy: string }>;
  return Object.entries(keys).map(([name, key]) => [name, JSON.parse(key.policy)]);
}

/** A stack with every key the constructs make: flow logs, service secrets, host volumes (group and instance) and the account default. */
function everyKey(): TerraformStack {
  const stack = newStack();
  const network = new SegmentedNetwork(stack, "network", { name: "net", cidr: "10.0.0.0/16", region: REGION, accountId: ACCOUNT, availabilityZones: ["eu-west-1a", "eu-west-1b"] });
  const identity = new ServiceIdentity(stack, "orders", { serviceName: "orders", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
  const secrets = new ServiceSecrets(stack, "secrets", {
    identity,
    network,
    adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/deployer`],
    secrets: [{ name: "db-password", rotation: { lambdaArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotate`, lambdaRoleArn: `arn:aws:iam::${ACCOUNT}:role/rotate-orders` } }],
  });
  secrets.grantRead(identity);
  new HardenedHost(stack, "api", { identity, network, amiId: "ami-0abcdef1234567890", keyAdminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/platform-admin`] });
  new HardenedHost(stack, "batch", { identity, network, amiId: "ami-0abcdef1234567890", mode: "instance" });
  new AccountComputeBaseline(stack, "baseline", { accountId: ACCOUNT, region: REGION });
  return stack;
}

const ROOT = (account: string) => `arn:aws:iam::${account}:root`;

/**
 * Checks one key policy: the account root keeps kms:PutKeyPolicy unconditionally (the key never becomes
 * unmanageable), no statement names everyone, and a use action goes only to the principals named for it:
 * roles and services by name, the account root only through EC2 (`kms:ViaService`), or, for grant creation only,
 * through EKS or ECR for AWS resources (a cluster's secrets key, an image repository's key: the service creates its
 * grants on its caller's behalf).
 */
function lockoutProblems(name: string, policy: { Statement: Statement[] }, account: string): string[] {
  const problems: string[] = [];
  const root = ROOT(account);
  const keepsPolicy = policy.Statement.some(
    (s) => s.Effect === "Allow" && list((s.Principal as { AWS?: unknown })?.AWS).includes(root) && s.Condition === undefined && list(s.Action).some((pattern) => covers(pattern, "kms:PutKeyPolicy")),
  );
  if (!keepsPolicy) problems.push(`${name}: the account root cannot put the key policy`);
  for (const s of policy.Statement) {
    if (s.Effect !== "Allow") continue;
    if (s.Principal === "*" || list((s.Principal as { AWS?: unknown })?.AWS).includes("*")) problems.push(`${name} ${s.Sid}: names everyone`);
    const uses = KEY_USE_ACTIONS.filter((action) => list(s.Action).some((pattern) => covers(pattern, action)));
    if (uses.length === 0) continue;
    const principals = list((s.Principal as { AWS?: unknown })?.AWS);
    const services = list((s.Principal as { Service?: unknown })?.Service);
    if (principals.includes(root)) {
      const via = s.Condition?.StringEquals?.["kms:ViaService"];
      const grantsThroughEks =
        [`eks.${REGION}.amazonaws.com`, `ecr.${REGION}.amazonaws.com`].includes(String(via)) && uses.every((u) => u === "kms:CreateGrant") && s.Condition?.Bool?.["kms:GrantIsForAWSResource"] === "true";
      if (via !== `ec2.${REGION}.amazonaws.com` && !grantsThroughEks) problems.push(`${name} ${s.Sid}: the account root may ${uses.join(", ")} outside EC2`);
    }
    if (principals.length === 0 && services.length === 0) problems.push(`${name} ${s.Sid}: use without a named principal`);
    if (services.length > 0 && s.Condition === undefined) problems.push(`${name} ${s.Sid}: a service may use the key without conditions`);
  }
  return problems;
}

describe("key policies never lock the key out and never let unnamed principals use it", () => {
  test("every key of every construct", () => {
    const policies = keyPolicies(everyKey());
    expect(policies.map(([name]) => name.split("_")[0] + "_" + name.split("_")[1]).sort()).toEqual(
      ["api_volume-key", "baseline_ebs-key", "batch_volume-key", "network_flow-logs", "secrets_key"].sort(),
    );
    expect(policies.flatMap(([name, policy]) => lockoutProblems(name, policy, ACCOUNT))).toEqual([]);
  });

  test("every key of the example platform", () => {
    const policies = keyPolicies(new PlatformStack(Testing.app(), "zt-platform", platformConfig));
    expect(policies.length).toBeGreaterThanOrEqual(5);
    expect(policies.flatMap(([name, policy]) => lockoutProblems(name, policy, platformConfig.accountId))).toEqual([]);
  });

  test("the check catches the account root's kms:* and a root policy without PutKeyPolicy", () => {
    const open = { Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: ROOT(ACCOUNT) }, Action: "kms:*" }] };
    expect(lockoutProblems("k", open, ACCOUNT)).toEqual([`k Root: the account root may ${KEY_USE_ACTIONS.join(", ")} outside EC2`]);
    const locked = { Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: ROOT(ACCOUNT) }, Action: ["kms:DescribeKey"] }] };
    expect(lockoutProblems("k", locked, ACCOUNT)).toEqual(["k: the account root cannot put the key policy"]);
  });
});
