import { INTERNET_EGRESS_RULE_ID } from "../../constructs/rule-ids";
import { evaluate } from "../../policies/engine/evaluate";
import { Report } from "../../policies/engine/types";
import { zeroTrustPack } from "../../policies/packs";
import { textReport } from "../../policies/reporters/text";
import { synthModel } from "../support/rules";
import { host } from "./fixtures";

const WITH_NAT = { tiers: { public: { enabled: true } }, natGateways: "single" as const };
const REASON = 'allowInternetEgress on HardenedHost "api": the hosts of orders-api may open HTTPS connections to any internet address through NAT';

/** Every finding of a report, suppressed or not: rule, address, whether suppressed, and the reason. */
function findingsOf(report: Report): [string, string, boolean, string | undefined][] {
  return report.findings.map((f) => [f.ruleId, f.address, f.suppressed, f.suppressionReason]);
}

describe("weakening props announce themselves", () => {
  test("allowInternetEgress: the pack's internet egress finding on the rule it adds is reported as suppressed with the prop's reason", () => {
    const { stack } = host({ allowInternetEgress: true }, WITH_NAT);
    const model = synthModel(stack);
    const egress = model.resources.filter((r) => r.type === "aws_vpc_security_group_egress_rule" && r.get("cidr_ipv4").kind === "known" && (r.get("cidr_ipv4") as { value: unknown }).value === "0.0.0.0/0");
    expect(egress).toHaveLength(1);
    expect(egress[0].suppressions).toEqual([{ id: INTERNET_EGRESS_RULE_ID, reason: REASON }]);
    const everyOther = model.resources.filter((r) => r !== egress[0] && r.suppressions.length > 0);
    expect(everyOther.map((r) => r.address)).toEqual([]);

    const report = evaluate(model, zeroTrustPack.rules);
    expect(findingsOf(report)).toEqual([["ZT-NET-014", egress[0].address, true, REASON]]);
    // ZT-NET-010 (every port) cannot fire on the HTTPS-only rule: nothing is reported twice.
    expect(report.results.filter((r) => r.ruleId === "ZT-NET-010" && r.address === egress[0].address).map((r) => r.status)).toEqual(["pass"]);

    const text = textReport(report);
    expect(text).toContain(egress[0].address);
    expect(text).toContain(`[suppressed: ${REASON}]`);
    expect(text).toMatch(/: 0 failed, 1 suppressed, /);
  });

  test("egress the caller declares to internet-sized CIDRs is an open finding, not a silent opening", () => {
    const { stack } = host({ egress: [{ toCidr: "0.0.0.0/1", port: 443, description: "HTTPS to half of IPv4" }] }, WITH_NAT);
    const report = evaluate(synthModel(stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => [f.findingId, f.suppressed])).toEqual([["ZT-NET-014[Egress::0.0.0.0/1:ports]", false]]);
  });

  test("without the prop, no suppression and no internet egress finding", () => {
    const { stack } = host({}, WITH_NAT);
    const model = synthModel(stack);
    expect(model.resources.filter((r) => r.suppressions.length > 0).map((r) => r.address)).toEqual([]);
    const report = evaluate(model, zeroTrustPack.rules);
    expect(findingsOf(report)).toEqual([]);
    expect(report.results.filter((r) => r.ruleId === INTERNET_EGRESS_RULE_ID && r.status !== "pass")).toEqual([]);
  });
});
