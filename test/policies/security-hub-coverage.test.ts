import { securityHubCoverage } from "../../policies/cli/rules-doc";
import { Rule } from "../../policies/engine/types";
import { na } from "../../policies/engine/outcome";
import { zeroTrustPack } from "../../policies/packs";
import { COVERAGE_SERVICES, SECURITY_HUB_CONTROLS, controlService, coverageControls, securityHubControl } from "../../policies/shared/security-hub-controls";

/**
 * The share of the plan-checkable FSBP controls of the coverage services that the pack covers, as last measured. It may
 * only go up: raise it when rules are added, never lower it to make a removal pass.
 */
const COVERAGE_FLOOR_PERCENT = 93;

/** A rule that lists `securityHub` ids and checks nothing: input for the coverage computation only. */
function listing(id: string, securityHub: readonly string[]): Rule {
  return {
    id,
    title: id,
    severity: "low",
    domain: "network",
    rationale: "",
    remediation: "",
    references: { securityHub },
    resourceTypes: ["aws_vpc"],
    check: () => na(),
  };
}

describe("the Security Hub control catalog", () => {
  test("every securityHub id a rule of the pack lists is a control of the catalog", () => {
    const unknown = zeroTrustPack.rules.flatMap((r) => (r.references.securityHub ?? []).filter((id) => !securityHubControl(id)).map((id) => `${r.id}: ${id}`));
    expect(unknown).toEqual([]);
  });

  test("a rule lists each control once", () => {
    const repeated = zeroTrustPack.rules.filter((r) => new Set(r.references.securityHub ?? []).size !== (r.references.securityHub ?? []).length).map((r) => r.id);
    expect(repeated).toEqual([]);
  });

  test("ids are unique and of the form Service.number; runtime-only controls give a reason", () => {
    const ids = SECURITY_HUB_CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of SECURITY_HUB_CONTROLS) {
      expect(c.id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
      expect(c.title.length).toBeGreaterThan(10);
      if (c.runtimeOnly !== undefined) expect(c.runtimeOnly.length).toBeGreaterThan(10);
    }
  });

  test("the coverage services hold every FSBP control of the standard's list for them, and only FSBP controls", () => {
    const counts = Object.fromEntries(COVERAGE_SERVICES.map((s) => [s, coverageControls(s).length]));
    expect(counts).toEqual({ EC2: 31, IAM: 9, KMS: 4, SecretsManager: 4, APIGateway: 7, ELB: 15, EKS: 4, WAF: 9, SSM: 6 });
    for (const s of COVERAGE_SERVICES) for (const c of coverageControls(s)) expect([controlService(c.id), c.standard]).toEqual([s, "fsbp"]);
    expect(coverageControls("EC2").map((c) => c.id).slice(-3)).toEqual(["EC2.173", "EC2.180", "EC2.181"]);
  });
});

describe("securityHubCoverage", () => {
  test("a listed plan-checkable control is covered, a runtime-only one stays runtime only, the rest are not covered", () => {
    const c = securityHubCoverage([listing("ZT-X-001", ["EC2.8", "EC2.4"]), listing("ZT-X-002", ["EC2.8", "KMS.5", "CloudTrail.2"])]);
    const ec2 = c.services.find((s) => s.service === "EC2");
    expect(ec2?.controls.find((x) => x.control.id === "EC2.8")).toMatchObject({ status: "covered", rules: ["ZT-X-001", "ZT-X-002"] });
    expect(ec2?.controls.find((x) => x.control.id === "EC2.4")).toMatchObject({ status: "runtime only", rules: ["ZT-X-001"] });
    expect(ec2?.controls.find((x) => x.control.id === "EC2.1")).toMatchObject({ status: "not covered", rules: [] });
    expect(ec2).toMatchObject({ covered: 1, planCheckable: 29 });
    // Controls of other services (CloudTrail.2) count in no figure.
    expect(c).toMatchObject({ covered: 2, planCheckable: 77, percent: 2 });
  });

  test("no rules cover nothing", () => {
    expect(securityHubCoverage([])).toMatchObject({ covered: 0, planCheckable: 77, percent: 0 });
  });

  test(`the pack covers at least ${COVERAGE_FLOOR_PERCENT}% of the plan-checkable FSBP controls of the coverage services`, () => {
    const c = securityHubCoverage(zeroTrustPack.rules);
    const uncovered = c.services.flatMap((s) => s.controls.filter((x) => x.status === "not covered").map((x) => x.control.id));
    process.stdout.write(`Security Hub FSBP coverage: ${c.covered} of ${c.planCheckable} plan-checkable controls (${c.percent}%); not covered: ${uncovered.join(", ")}\n`);
    expect(c.percent).toBeGreaterThanOrEqual(COVERAGE_FLOOR_PERCENT);
  });
});
