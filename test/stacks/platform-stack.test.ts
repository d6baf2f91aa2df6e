import { Testing } from "cdktf";
import { platformConfig } from "../../stacks/config";
import { PlatformStack } from "../../stacks/platform-stack";
import { testApp } from "../network/fixtures";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { planModel, stackPlanModel } from "../support/rules";
import { expectPlanOk, planStack, plannedActions, plannedAddresses, synthesizedAddresses } from "../support/terraform";

function buildStack() {
  return new PlatformStack(testApp(), "zt-platform", platformConfig);
}

describe("PlatformStack", () => {
  const stack = buildStack();
  const json = JSON.parse(Testing.synth(stack));

  it("configures the AWS provider for the configured region and account, with default tags", () => {
    expect(json.provider.aws).toEqual([
      {
        region: "eu-west-1",
        allowed_account_ids: ["111122223333"],
        default_tags: [{ tags: { environment: "example", "managed-by": "zero-trust-blueprint" } }],
      },
    ]);
  });

  it("keeps state in a local backend named after the stack", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.zt-platform.tfstate" } });
    const bare = new PlatformStack(testApp(), "no-backend", platformConfig, { localBackend: false });
    expect(JSON.parse(Testing.synth(bare)).terraform.backend).toBeUndefined();
  });

  it("builds a three-tier network over three zones with a NAT gateway per zone", () => {
    expect(stack.network.tiers).toEqual(["public", "private", "isolated"]);
    expect(stack.network.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(stack.network.vpcCidr).toBe("10.20.0.0/16");
    expect(Object.keys(json.resource.aws_subnet)).toHaveLength(9);
    expect(Object.keys(json.resource.aws_nat_gateway)).toHaveLength(3);
    expect(Object.keys(json.resource.aws_internet_gateway)).toHaveLength(1);
  });

  it("passes the zero-trust pack on its synthesized JSON with no unsuppressed finding", () => {
    expect(buildStack()).toPassPolicies();
  });

  it("plans with Terraform and the pinned AWS provider, creating exactly the synthesized resources", async () => {
    const plannedStack = buildStack();
    const result = await planStack(plannedStack);
    expectPlanOk(result);
    expect(result.errors).toEqual([]);
    const planned = plannedAddresses(result.plan);
    expect(planned).toEqual(synthesizedAddresses(json));
    expect(planned.length).toBeGreaterThan(100);
    expect(plannedActions(result.plan)).toEqual(["create"]);

    const report = evaluate(stackPlanModel(result.plan as unknown as Record<string, unknown>, plannedStack), zeroTrustPack.rules);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.results.filter((r) => r.status === "pass").length).toBeGreaterThan(100);
  });
});

describe("PlatformStack plan, checked with and without its synthesized configuration", () => {
  /**
   * Results the pack cannot decide on the example's plan. Every policy document that embeds an ARN known only after
   * apply is read from the configuration's text (the plan's own record of it, or the synthesized `cdk.tf.json`), so
   * none is left; a new entry here must say why no rule can decide it before apply.
   */
  const REMAINING_UNKNOWNS: readonly string[] = [];

  it("leaves no result unknown that the configuration decides", async () => {
    const plannedStack = buildStack();
    const result = await planStack(plannedStack);
    expectPlanOk(result);
    const report = evaluate(stackPlanModel(result.plan as unknown as Record<string, unknown>, plannedStack), zeroTrustPack.rules);
    expect(report.unknowns.map((u) => `${u.findingId} ${u.address}: ${u.message}`)).toEqual(REMAINING_UNKNOWNS);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.address}: ${f.message}`)).toEqual([]);
    // The plan alone too: it records the texts of its Terraform JSON configuration.
    const alone = evaluate(planModel(result.plan as unknown as Record<string, unknown>), zeroTrustPack.rules);
    expect(alone.unknowns.map((u) => `${u.findingId} ${u.address}: ${u.message}`)).toEqual(REMAINING_UNKNOWNS);
  });
});
