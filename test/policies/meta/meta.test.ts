import { evaluate } from "../../../policies/engine/evaluate";
import { loadConfig } from "../../../policies/engine/load-synth";
import { Model } from "../../../policies/engine/model";
import { defineRule, fail } from "../../../policies/engine/outcome";
import { metaRules } from "../../../policies/rules/meta";
import { ztMeta001 } from "../../../policies/rules/meta/zt-meta-001-suppression-without-reason";
import { ztMeta002 } from "../../../policies/rules/meta/zt-meta-002-expired-suppression";
import { zeroTrustPack } from "../../../policies/packs";
import { expectRule } from "../../support/rules";

const NOW = new Date("2027-02-01T00:00:00Z");

function model(suppressions: Record<string, unknown[]>): Model {
  const resources: Record<string, unknown> = {};
  for (const [name, list] of Object.entries(suppressions)) resources[name] = { "//": { ztb: { suppressions: list } } };
  return new Model(loadConfig({ resource: { aws_instance: resources, aws_vpc: { plain: {} } } }, "s"), NOW);
}

const alwaysFails = defineRule({
  id: "ZT-CMP-001",
  title: "always fails",
  severity: "high",
  domain: "compute",
  rationale: "r",
  remediation: "m",
  references: {},
  resourceTypes: ["aws_instance"],
  check: () => fail("nope"),
});

describe("meta rules", () => {
  test("are in the pack, in id order, on every resource type", () => {
    expect(metaRules.map((r) => r.id)).toEqual(["ZT-META-001", "ZT-META-002"]);
    expect(zeroTrustPack.rules).toEqual(expect.arrayContaining([...metaRules]));
    for (const r of metaRules) expect(r.resourceTypes).toEqual(["*"]);
    expect(ztMeta001.severity).toBe("high");
    expect(ztMeta002.severity).toBe("medium");
  });

  test("ZT-META-001 flags suppressions with a missing or short reason, naming the suppressed rule", () => {
    const m = model({
      none: [{ id: "ZT-CMP-001" }],
      short: [{ id: "ZT-CMP-001", reason: "because" }],
      good: [{ id: "ZT-CMP-001", reason: "legacy host until the 2027 migration" }],
      scoped: [{ id: "ZT-IAM-001", reason: "", appliesTo: "Action::s3:*" }],
    });
    expectRule(ztMeta001, m, { fail: ["aws_instance.none", "aws_instance.scoped", "aws_instance.short"], pass: ["aws_instance.good"] });
    const findings = evaluate(m, [ztMeta001]).findings;
    expect(findings.map((f) => f.findingId)).toEqual(["ZT-META-001[ZT-CMP-001]", "ZT-META-001[ZT-IAM-001:Action::s3:*]", "ZT-META-001[ZT-CMP-001]"]);
    expect(findings.find((f) => f.address === "aws_instance.short")?.message).toMatch(/ZT-CMP-001 has a reason shorter than 10 characters \("because"\)/);
    expect(findings.find((f) => f.address === "aws_instance.none")?.message).toMatch(/ZT-CMP-001 has no reason/);
    expect(evaluate(m, [ztMeta001]).results.filter((r) => r.address === "aws_vpc.plain")).toEqual([]);
  });

  test("ZT-META-002 flags expired and malformed expiry dates against model.now", () => {
    const m = model({
      expired: [{ id: "ZT-CMP-001", reason: "legacy host until the migration", expires: "2027-01-31" }],
      today: [{ id: "ZT-CMP-001", reason: "legacy host until the migration", expires: "2027-02-01" }],
      bad: [{ id: "ZT-CMP-001", reason: "legacy host until the migration", expires: "next year" }],
      undated: [{ id: "ZT-CMP-001", reason: "legacy host until the migration" }],
    });
    expectRule(ztMeta002, m, { fail: ["aws_instance.bad", "aws_instance.expired"], pass: ["aws_instance.today"] });
    const findings = evaluate(m, [ztMeta002]).findings;
    expect(findings.find((f) => f.address === "aws_instance.expired")?.message).toMatch(/ZT-CMP-001 expired on 2027-01-31/);
    expect(findings.find((f) => f.address === "aws_instance.bad")?.message).toMatch(/invalid expiry date "next year"/);
    expect(evaluate(m, [ztMeta002]).results.filter((r) => r.address === "aws_instance.undated")).toEqual([]);
  });

  test("a reason-less or expired suppression does not suppress; the meta finding appears instead", () => {
    const m = model({
      short: [{ id: "ZT-CMP-001", reason: "tbd" }],
      expired: [{ id: "ZT-CMP-001", reason: "legacy host until the migration", expires: "2020-01-01" }],
      good: [{ id: "ZT-CMP-001", reason: "legacy host until the migration", expires: "2099-01-01" }],
    });
    const report = evaluate(m, [alwaysFails, ...metaRules]);
    const line = (f: { ruleId: string; address: string; suppressed: boolean }) => `${f.ruleId} ${f.address} ${f.suppressed ? "suppressed" : "open"}`;
    expect(report.findings.map(line)).toEqual([
      "ZT-CMP-001 aws_instance.expired open",
      "ZT-CMP-001 aws_instance.good suppressed",
      "ZT-CMP-001 aws_instance.short open",
      "ZT-META-001 aws_instance.short open",
      "ZT-META-002 aws_instance.expired open",
    ]);
  });
});
