import { Testing } from "cdktf";
import { platformConfig } from "../../stacks/config";
import { PlatformStack } from "../../stacks/platform-stack";
import { addServices } from "../../stacks/services";
import { ofType, packVerdict, parsePolicy, statement } from "../identity/harness";
import { hostStack } from "./fixtures";

describe("example platform services", () => {
  const stack = new PlatformStack(Testing.app(), "zt-platform", platformConfig);
  const orders = stack.services.get("orders")!;
  const payments = stack.services.get("payments")!;
  const policies = ofType(stack, "aws_iam_role_policy");
  const policyOf = (service: string) => Object.entries(policies).find(([name]) => name.startsWith(`${service}_identity_grants`))![1].policy;

  test("orders and payments each have an identity, secrets and an auto scaling host group", () => {
    expect([...stack.services.keys()]).toEqual(["orders", "payments"]);
    expect(orders.identity.trust).toEqual({ kind: "ec2" });
    expect(orders.hosts.mode).toBe("autoscaling");
    expect(payments.secrets.secrets.map((s) => s.secretName)).toEqual(["payments/db-password", "payments/psp-api-key"]);
    expect(Object.keys(ofType(stack, "aws_autoscaling_group"))).toHaveLength(2);
  });

  test("each service's role reads only its own secrets", () => {
    const read = (service: string) => statement(policyOf(service), `Read${service[0].toUpperCase()}${service.slice(1)}Secrets`).Resource;
    expect([read("orders")].flat()).toEqual([expect.stringMatching(/^\$\{aws_secretsmanager_secret\.orders_secrets_db-password_secret_[A-F0-9]+\.arn\}$/)]);
    expect(read("payments")).toEqual([
      expect.stringMatching(/^\$\{aws_secretsmanager_secret\.payments_secrets_db-password_secret_[A-F0-9]+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_secretsmanager_secret\.payments_secrets_psp-api-key_secret_[A-F0-9]+\.arn\}$/),
    ]);
    expect(policyOf("orders")).not.toContain("payments_");
    expect(policyOf("payments")).not.toContain("orders_");
    for (const [name, policy] of Object.entries(ofType(stack, "aws_secretsmanager_secret_policy"))) {
      const owner = name.split("_")[0];
      const other = owner === "orders" ? "payments" : "orders";
      const allowed = statement(policy.policy, "DenyAllButNamedRoles").Condition as Record<string, Record<string, string[]>>;
      expect(allowed.StringNotEquals["aws:PrincipalArn"].join(" ")).toContain(`aws_iam_role.${owner}_identity_role_`);
      expect(allowed.StringNotEquals["aws:PrincipalArn"].join(" ")).not.toContain(`aws_iam_role.${other}_`);
      expect(statement(policy.policy, "DenyReadersOutsideVpcEndpoint").Condition).toMatchObject({
        StringNotEquals: { "aws:SourceVpce": expect.stringMatching(/secretsmanager/) },
      });
    }
  });

  test("orders' hosts call payments on 8443; payments' hosts admit only orders' group, and orders admits nobody", () => {
    const ingress = Object.entries(ofType(stack, "aws_vpc_security_group_ingress_rule")).filter(([n]) => /^(orders|payments)_/.test(n));
    expect(ingress.map(([, r]) => [r.security_group_id, r.referenced_security_group_id, r.ip_protocol, r.from_port, r.to_port])).toEqual([
      [
        expect.stringMatching(/^\$\{aws_security_group\.payments_app_firewall_group_/),
        expect.stringMatching(/^\$\{aws_security_group\.orders_app_firewall_group_/),
        "tcp",
        8443,
        8443,
      ],
    ]);
    const egress8443 = Object.entries(ofType(stack, "aws_vpc_security_group_egress_rule")).filter(([, r]) => r.from_port === 8443);
    expect(egress8443.map(([n, r]) => [n.split("_")[0], r.referenced_security_group_id])).toEqual([
      ["orders", expect.stringMatching(/^\$\{aws_security_group\.payments_app_firewall_group_/)],
    ]);
  });

  test("every service key admits only its own role, through Secrets Manager", () => {
    for (const [name, key] of Object.entries(ofType(stack, "aws_kms_key")).filter(([n]) => n.includes("_secrets_key_"))) {
      const service = name.split("_")[0];
      const use = statement(key.policy, "DecryptThroughSecretsmanager");
      expect(use.Principal).toEqual({ AWS: expect.stringMatching(new RegExp(`^\\$\\{aws_iam_role\\.${service}_identity_role_`)) });
      expect(parsePolicy(key.policy).Statement.map((s) => s.Sid)).toEqual([
        "AccountRootAdministersNotUse",
        "AdminRolesAdministerNotUse",
        "RotationRolesThroughSecretsmanager",
        "DecryptThroughSecretsmanager",
      ]);
      expect(statement(key.policy, "RotationRolesThroughSecretsmanager").Principal).toEqual({ AWS: `arn:aws:iam::111122223333:role/zt-secret-rotation-${service}` });
    }
  });

  test("the services add no unsuppressed findings", () => {
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.evaluated).toBeGreaterThan(0);
  });

  test("a call to an unknown service is refused", () => {
    const { stack: s, network } = hostStack();
    const base = platformConfig.services!;
    expect(() => addServices(s, network, { ...base, services: [{ ...base.services[0], calls: ["billing"] }] })).toThrow(
      'services: "orders" calls "billing", which is not a service; add it to services or remove it from calls.',
    );
  });
});
