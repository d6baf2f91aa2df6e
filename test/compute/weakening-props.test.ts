import { INTERNET_EGRESS_RULE_ID } from "../../constructs/rule-ids";
import { evaluate } from "../../policies/engine/evaluate";
import { defineRule, fail, na } from "../../policies/engine/outcome";
import { Report } from "../../policies/engine/types";
import { zeroTrustPack } from "../../policies/packs";
import { synthModel } from "../support/rules";
import { host } from "./fixtures";

const WITH_NAT = { tiers: { public: { enabled: true } }, natGateways: "single" as const };
const REASON = 'allowInternetEgress on HardenedHost "api": the hosts of orders-api may open HTTPS connections to any internet address through NAT';

/**
 * Stands in for a rule that flags every security group egress rule to 0.0.0.0/0 under the id the construct
 * suppresses, to show that a finding there is reported as suppressed with the prop's reason.
 */
const internetEgress = defineRule({
  id: INTERNET_EGRESS_RULE_ID,
  title: "Security group egress to the internet",
  severity: "low",
  domain: "network",
  rationale: "Stand-in used by this test only.",
  remediation: "Stand-in used by this test only.",
  references: {},
  resourceTypes: ["aws_vpc_security_group_egress_rule"],
  check(resource) {
    const cidr = resource.get("cidr_ipv4");
    return cidr.kind === "known" && cidr.value === "0.0.0.0/0" ? fail("egress to 0.0.0.0/0") : na();
  },
});

function internetEgressAddresses(report: Report): string[] {
  return report.results.filter((r) => r.ruleId === "ZT-META-001" && r.item === INTERNET_EGRESS_RULE_ID).map((r) => `${r.status} ${r.address}`);
}

describe("weakening props announce themselves", () => {
  test("allowInternetEgress records a suppression with its reason on the egress rule it adds, and the pack reports it", () => {
    const { stack } = host({ allowInternetEgress: true }, WITH_NAT);
    const model = synthModel(stack);
    const egress = model.resources.filter((r) => r.type === "aws_vpc_security_group_egress_rule" && r.get("cidr_ipv4").kind === "known" && (r.get("cidr_ipv4") as { value: unknown }).value === "0.0.0.0/0");
    expect(egress).toHaveLength(1);
    expect(egress[0].suppressions).toEqual([{ id: INTERNET_EGRESS_RULE_ID, reason: REASON }]);
    const everyOther = model.resources.filter((r) => r !== egress[0] && r.suppressions.length > 0);
    expect(everyOther.map((r) => r.address)).toEqual([]);

    const report = evaluate(model, zeroTrustPack.rules);
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(internetEgressAddresses(report)).toEqual([`pass ${egress[0].address}`]);

    const flagged = evaluate(model, [internetEgress]);
    expect(flagged.findings.map((f) => [f.address, f.suppressed, f.suppressionReason])).toEqual([[egress[0].address, true, REASON]]);
  });

  test("without the prop, no suppression and no internet egress", () => {
    const { stack } = host({}, WITH_NAT);
    const model = synthModel(stack);
    expect(model.resources.filter((r) => r.suppressions.length > 0).map((r) => r.address)).toEqual([]);
    expect(internetEgressAddresses(evaluate(model, zeroTrustPack.rules))).toEqual([]);
    expect(evaluate(model, [internetEgress]).findings).toEqual([]);
  });
});
