import { Testing } from "cdktf";
import { HardenedHost } from "../../constructs/compute";
import { StackEnvironment, ValidationError } from "../../constructs/core";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork } from "../../constructs/network";
import { ServiceKey, ServiceSecrets } from "../../constructs/secrets";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { stackPlanModel, synthModel } from "../support/rules";
import { expectPlanOk, planStack, plannedAddresses, synthesizedAddresses } from "../support/terraform";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/legacy/orders-role`;

/** One service on resources that already exist: a VPC with its endpoints, and a role with its instance profile. */
function brownfield() {
  const stack = newStack("brownfield");
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  const network = SegmentedNetwork.fromNetworkAttributes(stack, "network", {
    vpcId: "vpc-0a1b2c3d4e5f60718",
    vpcCidr: "10.50.0.0/16",
    subnetIds: { private: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"], isolated: ["subnet-0a1b2c3d4e5f60721", "subnet-0a1b2c3d4e5f60722"] },
    endpointSecurityGroupId: "sg-0a1b2c3d4e5f60731",
    interfaceEndpointIds: { secretsmanager: "vpce-0a1b2c3d4e5f60741" },
    gatewayEndpoints: { s3: { id: "vpce-0a1b2c3d4e5f60751", prefixListId: "pl-6ea54007" } },
  });
  const identity = ServiceIdentity.fromRoleArn(stack, "orders", ROLE, { serviceName: "orders", trust: { kind: "ec2" }, instanceProfileName: "orders-host" });
  const hosts = new HardenedHost(stack, "api", { identity, network, amiId: "ami-0abcdef1234567890" });
  const secrets = new ServiceSecrets(stack, "secrets", {
    identity,
    network,
    adminRoleArns: [ADMIN],
    secrets: [{ name: "db-password", rotation: { disabled: true, reason: "rotated by the database team's own tooling" } }],
  });
  const grants = secrets.grantRead(identity);
  return { stack, network, identity, hosts, secrets, grants };
}

type Statement = { Sid?: string; Effect: string; Principal?: unknown; Action?: unknown; Condition?: Record<string, Record<string, unknown>> };

describe("constructs on an imported network and identity", () => {
  test("nothing of the imported network or role is created or changed", () => {
    const { stack } = brownfield();
    const json = JSON.parse(Testing.synth(stack));
    const types = Object.keys(json.resource);
    for (const type of ["aws_vpc", "aws_subnet", "aws_iam_role", "aws_iam_role_policy", "aws_iam_instance_profile", "aws_vpc_endpoint"]) {
      expect(types).not.toContain(type);
    }
    // The only security group is the hosts' own.
    expect(Object.values(json.resource.aws_security_group).map((sg) => (sg as { name: string }).name)).toEqual(["orders-api-hosts"]);
    // The endpoints' group is not given an ingress rule: its own rules must admit the hosts.
    const ingress = Object.values(json.resource.aws_vpc_security_group_ingress_rule ?? {}) as { security_group_id: string }[];
    expect(ingress.filter((rule) => rule.security_group_id === "sg-0a1b2c3d4e5f60731")).toEqual([]);
  });

  test("the hosts use the imported subnets, instance profile, endpoint group and S3 prefix list", () => {
    const { stack } = brownfield();
    const json = JSON.parse(Testing.synth(stack));
    const [group] = Object.values(json.resource.aws_autoscaling_group) as { vpc_zone_identifier: string[] }[];
    expect(group.vpc_zone_identifier).toEqual(["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"]);
    const [template] = Object.values(json.resource.aws_launch_template) as { iam_instance_profile: { name: string } }[];
    expect(template.iam_instance_profile.name).toBe("orders-host");
    const egress = Object.values(json.resource.aws_vpc_security_group_egress_rule) as { referenced_security_group_id?: string; prefix_list_id?: string }[];
    expect(egress.map((rule) => rule.referenced_security_group_id ?? rule.prefix_list_id).sort()).toEqual(["pl-6ea54007", "sg-0a1b2c3d4e5f60731"]);
  });

  test("the imported role reads its secrets through the resource policy and the key policy, bound to the imported endpoint", () => {
    const { stack } = brownfield();
    const json = JSON.parse(Testing.synth(stack));
    const [policy] = Object.values(json.resource.aws_secretsmanager_secret_policy) as { policy: string }[];
    const statements = JSON.parse(policy.policy).Statement as Statement[];
    expect(statements.find((s) => s.Sid === "AllowReadersWithoutManagedPolicy")).toEqual({
      Sid: "AllowReadersWithoutManagedPolicy",
      Effect: "Allow",
      Principal: { AWS: ROLE },
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: "*",
    });
    expect(statements.find((s) => s.Sid === "DenyReadersOutsideVpcEndpoint")?.Condition?.StringNotEquals).toEqual({ "aws:SourceVpce": "vpce-0a1b2c3d4e5f60741" });
    const keys = Object.values(json.resource.aws_kms_key) as { description: string; policy: string }[];
    const secretsKey = keys.find((k) => k.description.includes("secrets"))!;
    const decrypt = (JSON.parse(secretsKey.policy).Statement as Statement[]).find((s) => s.Sid === "DecryptThroughSecretsmanager");
    expect(decrypt?.Principal).toEqual({ AWS: ROLE });
  });

  test("grants to an imported role report what was added where", () => {
    const { grants, identity } = brownfield();
    const [grant] = grants;
    expect(grant.principal).toBe(identity.grantPrincipal);
    expect(grant.principalStatement).toBeUndefined();
    expect(grant.resourceStatement?.Sid).toBe("AllowReadersWithoutManagedPolicy");
    expect(grant.success).toBe(true);
  });

  test("a grant that no managed policy can carry is refused", () => {
    const { stack, identity } = brownfield();
    const key = ServiceKey.fromKeyArn(stack, "legacy-key", `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    const error = (() => {
      try {
        key.grantDecrypt(identity);
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error("expected a ValidationError");
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect([error.prop, error.path]).toEqual(["grantee", "brownfield/legacy-key"]);
    expect(error.message).toMatch(/^ServiceKey "legacy-key": cannot grant kms:Decrypt to "arn:aws:iam::123456789012:role\/legacy\/orders-role"/);
  });

  test("imports check their attributes", () => {
    const { stack } = brownfield();
    expect(() => SegmentedNetwork.fromNetworkAttributes(stack, "bad", { vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidr: "10.50.0.0/16", subnetIds: { private: ["10.50.1.0/24"] } })).toThrow(
      'SegmentedNetwork "bad": subnetIds.private entry "10.50.1.0/24" is not a subnet id; pass the ids of the existing subnets (subnet-...).',
    );
    expect(() => ServiceIdentity.fromRoleArn(stack, "other", `arn:aws:iam::210987654321:role/x`, { serviceName: "other", trust: { kind: "ec2" } })).toThrow(ValidationError);
  });

  test("the stack passes the pack and plans cleanly with the real provider", async () => {
    const { stack } = brownfield();
    const synthReport = evaluate(synthModel(stack), zeroTrustPack.rules);
    expect(synthReport.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
    const json = JSON.parse(Testing.synth(stack));
    const result = await planStack(stack);
    expectPlanOk(result);
    expect(plannedAddresses(result.plan)).toEqual(synthesizedAddresses(json));
    const planReport = evaluate(stackPlanModel(result.plan as unknown as Record<string, unknown>, stack), zeroTrustPack.rules);
    expect(planReport.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
  });
});
