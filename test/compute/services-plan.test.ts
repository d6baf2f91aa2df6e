import { TerraformVariable } from "cdktf";
import { AccountComputeBaseline, HardenedHost } from "../../constructs/compute";
import { Peer, Port, StackEnvironment } from "../../constructs/core";
import { ServiceIdentity } from "../../constructs/identity";
import { ServiceSecrets } from "../../constructs/secrets";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { platformConfig } from "../../stacks/config";
import { ServicePlatform } from "../../constructs/service";
import { AccountSecurityBaseline } from "../../constructs/audit";
import { stackPlanModel } from "../support/rules";
import { planCreatingExactly, plannedAfter } from "../support/terraform";
import { SegmentedNetwork } from "../../constructs/network";
import { newStack } from "../identity/harness";
import { AMI } from "./fixtures";

const ACCOUNT = platformConfig.accountId;
const REGION = platformConfig.region;

const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

/** Every construct of this domain in one stack: the example platform plus the options its services do not use. */
function buildStack() {
  const stack = newStack("plan");
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  const network = new SegmentedNetwork(stack, "network", {
    name: "plan",
    cidr: "10.40.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    tiers: { public: { enabled: true } },
    natGateways: "single",
  });
  const identity = new ServiceIdentity(stack, "shop", { serviceName: "shop", trust: { kind: "ec2" } });
  // The example's services that run on EC2 (this stack has no cluster).
  const { adminRoleArns, gateway, services } = platformConfig.services!;
  new ServicePlatform(stack, "services", { network, adminRoleArns, gateway, services: services.filter((s) => s.runtime.kind === "ec2") });
  new AccountComputeBaseline(stack, "baseline", {});
  // The account's detection and audit baseline beside its compute defaults (the ZT-DET rules judge this stack).
  new AccountSecurityBaseline(stack, "security-baseline");
  const edge = new HardenedHost(stack, "edge", { identity, network, amiId: AMI, mode: "instance", containers: true, allowInternetEgress: true });
  edge.connections.allowTo(Peer.ipv4("10.30.0.0/16"), Port.HTTPS, "partner network over VPN");
  const password = new TerraformVariable(stack, "shop_token", { type: "string", sensitive: true, default: "plan-only-placeholder" });
  password.addOverride("ephemeral", true);
  const secrets = new ServiceSecrets(stack, "shop-secrets", {
    identity,
    network,
    adminRoleArns: platformConfig.services!.adminRoleArns,
    secrets: [
      {
        name: "api-token",
        rotation: { lambdaArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotate`, lambdaRoleArn: `arn:aws:iam::${ACCOUNT}:role/rotate`, scheduleDays: 7 },
        initialValue: { value: password.stringValue, version: 1 },
      },
      { name: "vendor-key", rotation: { disabled: true, reason: "the vendor issues and rotates this key on their side" } },
    ],
  });
  secrets.grantRead(identity);
  const pods = new ServiceIdentity(stack, "pods", {
    serviceName: "pods",
    trust: { kind: "eks-pod-identity", clusterArn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/main` },
  });
  pods.allowInvokeFunction([`arn:aws:lambda:${REGION}:${ACCOUNT}:function:charge`]);
  const irsa = new ServiceIdentity(stack, "irsa", {
    serviceName: "irsa",
    trust: { kind: "irsa", oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, oidcIssuerUrl: `https://${ISSUER}`, namespace: "orders", serviceAccount: "api" },
    permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/service-boundary`,
  });
  irsa.allowInvokeApi([`arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/prod/POST/charges`]);
  return { stack, network };
}

describe("identity, compute and secrets constructs under terraform plan", () => {
  test("the stack plans with the pinned AWS provider, creating exactly the synthesized resources", async () => {
    const { stack } = buildStack();
    const { plan } = await planCreatingExactly(stack);

    const after = (type: string, namePrefix: string) => plannedAfter<Record<string, unknown>>(plan, type, namePrefix);
    expect(after("aws_launch_template", "services_orders_hosts").map((lt) => lt.metadata_options)).toEqual([
      [expect.objectContaining({ http_tokens: "required", http_put_response_hop_limit: 1, instance_metadata_tags: "disabled" })],
    ]);
    expect(after("aws_instance", "edge").map((i) => [i.associate_public_ip_address, i.key_name ?? null])).toEqual([[false, null]]);
    const version = after("aws_secretsmanager_secret_version", "shop-secrets")[0];
    expect(version.secret_string ?? null).toBeNull();
    expect(version.secret_string_wo ?? null).toBeNull();
    expect(version.secret_string_wo_version).toBe(1);

    const report = evaluate(stackPlanModel(plan as unknown as Record<string, unknown>, stack), zeroTrustPack.rules);
    const unsuppressed = report.findings.filter((f) => !f.suppressed);
    expect(report.findings.filter((f) => f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.suppressionReason}`)).toEqual([
      expect.stringMatching(/^ZT-LB-005 aws_lb\.services_gateway_integration_load-balancer_\w+ PrivateIntegration "integration" of gateway shop has no accessLogs bucket: /),
      expect.stringMatching(/^ZT-NET-014 aws_vpc_security_group_egress_rule\.edge_firewall_egress-tcp-443-to-internet_\w+ allowInternetEgress on HardenedHost "edge": /),
      expect.stringMatching(/^ZT-SEC-005 aws_secretsmanager_secret\.shop-secrets_vendor-key_secret_\w+ rotation disabled on secret "shop\/vendor-key": the vendor issues/),
    ]);
    expect(unsuppressed.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.results.length).toBeGreaterThan(0);
  });
});
