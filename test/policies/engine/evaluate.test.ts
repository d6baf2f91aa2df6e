import { compareResults, evaluate } from "../../../policies/engine/evaluate";
import { loadConfig } from "../../../policies/engine/load-synth";
import { Model, Resource } from "../../../policies/engine/model";
import { defineRule, fail, na, pass, unknown } from "../../../policies/engine/outcome";
import { Rule } from "../../../policies/engine/types";

const base = {
  domain: "network" as const,
  rationale: "r",
  remediation: "m",
  references: {},
};

function rule(id: string, check: Rule["check"], severity: Rule["severity"] = "high", resourceTypes: string[] = ["aws_vpc"]): Rule {
  return defineRule({ ...base, id, title: `title ${id}`, severity, resourceTypes, check });
}

const model = new Model(
  loadConfig(
    {
      resource: {
        aws_vpc: {
          a: { cidr_block: "10.0.0.0/16", "//": { ztb: { suppressions: [{ id: "ZT-T-002", reason: "accepted for this lab VPC" }] } } },
          b: { cidr_block: "${var.cidr}" },
        },
        aws_subnet: { s: {} },
      },
    },
    "st",
    "cdk.tf.json",
  ),
  new Date("2027-01-01T00:00:00Z"),
);

describe("evaluate", () => {
  test("runs rules on their resource types, with pass/fail/unknown/na", () => {
    const r = rule("ZT-T-001", (res) => {
      const v = res.get("cidr_block");
      if (v.kind === "unknown") return unknown("cidr not known");
      return res.address.endsWith(".a") ? fail("bad cidr") : pass();
    });
    const report = evaluate(model, [r], { pack: "p", packVersion: "9" });
    expect(report).toMatchObject({ pack: "p", packVersion: "9", resources: 3 });
    expect(report.results.map((x) => [x.address, x.status])).toEqual([
      ["aws_vpc.a", "fail"],
      ["aws_vpc.b", "unknown"],
    ]);
    expect(report.findings.map((x) => x.address)).toEqual(["aws_vpc.a"]);
    expect(report.findings[0]).toMatchObject({ file: "cdk.tf.json", stack: "st", resourceType: "aws_vpc", findingId: "ZT-T-001", suppressed: false });
    expect(evaluate(model, [rule("ZT-T-009", () => na())]).results).toEqual([]);
  });
  test("suppressions apply to fail and unknown results", () => {
    const r = rule("ZT-T-002", () => fail("no"));
    const report = evaluate(model, [r]);
    const a = report.findings.find((f) => f.address === "aws_vpc.a");
    expect(a).toMatchObject({ suppressed: true, suppressionReason: "accepted for this lab VPC" });
    expect(report.findings.find((f) => f.address === "aws_vpc.b")?.suppressed).toBe(false);
  });
  test("passes are counted, and become results with their items when results are read", () => {
    const r = rule("ZT-T-010", (res) => (res.address.endsWith(".a") ? [pass("Item::x"), fail("no", "Item::y"), pass()] : [unknown("later"), pass("Item::x")]));
    const report = evaluate(model, [r, rule("ZT-T-011", () => pass())]);
    expect(report).toMatchObject({ passed: 5, unknown: 1 });
    expect(report.findings.map((f) => f.findingId)).toEqual(["ZT-T-010[Item::y]"]);
    expect(report.results.map((x) => `${x.ruleId} ${x.address} ${x.status} ${x.item ?? "-"} ${x.findingId}`)).toEqual([
      "ZT-T-010 aws_vpc.a pass Item::x ZT-T-010[Item::x]",
      "ZT-T-010 aws_vpc.a fail Item::y ZT-T-010[Item::y]",
      "ZT-T-010 aws_vpc.a pass - ZT-T-010",
      "ZT-T-010 aws_vpc.b unknown - ZT-T-010",
      "ZT-T-010 aws_vpc.b pass Item::x ZT-T-010[Item::x]",
      "ZT-T-011 aws_vpc.a pass - ZT-T-011",
      "ZT-T-011 aws_vpc.b pass - ZT-T-011",
    ]);
    expect(report.results[0]).toMatchObject({ stack: "st", file: "cdk.tf.json", resourceType: "aws_vpc", severity: "high", message: "", suppressed: false });
    expect(report.results).toBe(report.results);
  });
  test("items make finding ids", () => {
    const r = rule("ZT-T-003", () => [fail("x", "Action::s3:*"), pass("Action::s3:GetObject")]);
    const report = evaluate(model, [r]);
    expect(report.findings.map((f) => f.findingId)).toEqual(["ZT-T-003[Action::s3:*]", "ZT-T-003[Action::s3:*]"]);
    expect(report.results.filter((x) => x.status === "pass").map((x) => x.item)).toEqual(["Action::s3:GetObject", "Action::s3:GetObject"]);
  });
  test("a rule that throws, even a non-Error, is an error finding", () => {
    const throws = rule("ZT-T-004", () => {
      throw new Error("boom");
    });
    const throwsNull = rule("ZT-T-005", () => {
      throw null;
    });
    const report = evaluate(model, [throws, throwsNull]);
    expect(report.findings.map((f) => [f.ruleId, f.status, f.message])).toEqual([
      ["ZT-T-004", "error", "rule raised an error: boom"],
      ["ZT-T-004", "error", "rule raised an error: boom"],
      ["ZT-T-005", "error", "rule raised an error: null"],
      ["ZT-T-005", "error", "rule raised an error: null"],
    ]);
  });
  test("a rule returning garbage is an error finding, not a crash or a pass", () => {
    const bad = rule("ZT-T-006", () => undefined as never);
    const worse = rule("ZT-T-007", () => [{ status: "maybe" }] as never);
    const report = evaluate(model, [bad, worse]);
    expect(report.findings.map((f) => f.status)).toEqual(["error", "error", "error", "error"]);
    expect(report.findings[0].message).toMatch(/invalid outcome/);
  });
  test("a fail without message falls back to the title", () => {
    const r = rule("ZT-T-008", () => ({ status: "fail" }) as never);
    expect(evaluate(model, [r]).findings[0].message).toBe("title ZT-T-008");
  });
  test("wildcard rules see every resource", () => {
    const r = rule("ZT-T-010", () => pass(), "low", ["*"]);
    expect(evaluate(model, [r]).results).toHaveLength(3);
  });
  test("results come rule by rule, then by the rule's resource types, then in model order, however resources interleave", () => {
    const m2 = new Model([
      ...loadConfig({ resource: { aws_subnet: { s1: {} }, aws_vpc: { v1: {} } } }, "one"),
      ...loadConfig({ resource: { aws_vpc: { v2: {} }, aws_subnet: { s2: {} } }, data: { aws_vpc: { d: {} } } }, "two"),
    ]);
    const report = evaluate(m2, [
      rule("ZT-T-031", () => pass(), "low", ["aws_vpc", "aws_subnet"]),
      rule("ZT-T-030", () => pass(), "low", ["*"]),
      rule("ZT-T-032", () => [pass("Item::1"), pass("Item::2")], "low", ["data.aws_vpc", "aws_subnet"]),
    ]);
    expect(report.results.map((r) => `${r.ruleId} ${r.address}${r.item ? ` ${r.item}` : ""}`)).toEqual([
      "ZT-T-031 aws_vpc.v1",
      "ZT-T-031 aws_vpc.v2",
      "ZT-T-031 aws_subnet.s1",
      "ZT-T-031 aws_subnet.s2",
      "ZT-T-030 aws_subnet.s1",
      "ZT-T-030 aws_vpc.v1",
      "ZT-T-030 aws_vpc.v2",
      "ZT-T-030 aws_subnet.s2",
      "ZT-T-030 data.aws_vpc.d",
      "ZT-T-032 data.aws_vpc.d Item::1",
      "ZT-T-032 data.aws_vpc.d Item::2",
      "ZT-T-032 aws_subnet.s1 Item::1",
      "ZT-T-032 aws_subnet.s1 Item::2",
      "ZT-T-032 aws_subnet.s2 Item::1",
      "ZT-T-032 aws_subnet.s2 Item::2",
    ]);
  });

  test("memos of a resource are released once its rules ran, and a later rule that asks again gets the same value", () => {
    const m2 = new Model(loadConfig({ resource: { aws_vpc: { v: { cidr_block: "10.0.0.0/16" } }, aws_subnet: { s: { vpc_id: "${aws_vpc.v.id}" } } } }, "st"));
    let computed = 0;
    const cidrOf = (vpc: Resource, model: Model) => model.memoFor("test:cidr", vpc, (r) => (computed++, r.str("cidr_block")));
    const seen: (string | undefined)[] = [];
    const onVpc = rule("ZT-T-040", (r, model) => (cidrOf(r, model) ? pass() : fail("no cidr")));
    const onSubnet = rule(
      "ZT-T-041",
      (r, model) => {
        const vpc = model.memoFor("test:vpc-of", r, (subnet) => model.referenced(subnet, "vpc_id", ["aws_vpc"])[0]);
        seen.push(vpc && cidrOf(vpc, model));
        return pass();
      },
      "low",
      ["aws_subnet"],
    );
    const report = evaluate(m2, [onVpc, onSubnet]);
    expect(report.passed).toBe(2);
    expect(seen).toEqual(["10.0.0.0/16"]);
    // The VPC's memo was released after its own rules ran, so the subnet's rule computed it again.
    expect(computed).toBe(2);
    // What the subnet's rules memoized on the subnet itself is released too.
    expect(m2.resources.find((r) => r.type === "aws_subnet")?.memoValues).toBeUndefined();
  });

  test("findings are ordered by stack, severity, rule id, address", () => {
    const m2 = new Model([
      ...loadConfig({ resource: { aws_vpc: { z: {}, a: {} } } }, "b"),
      ...loadConfig({ resource: { aws_vpc: { m: {} } } }, "a"),
    ]);
    const report = evaluate(m2, [rule("ZT-T-020", () => fail("l"), "low"), rule("ZT-T-011", () => fail("c"), "critical"), rule("ZT-T-010", () => fail("c"), "critical")]);
    expect(report.findings.map((f) => `${f.stack} ${f.severity} ${f.ruleId} ${f.address}`)).toEqual([
      "a critical ZT-T-010 aws_vpc.m",
      "a critical ZT-T-011 aws_vpc.m",
      "a low ZT-T-020 aws_vpc.m",
      "b critical ZT-T-010 aws_vpc.a",
      "b critical ZT-T-010 aws_vpc.z",
      "b critical ZT-T-011 aws_vpc.a",
      "b critical ZT-T-011 aws_vpc.z",
      "b low ZT-T-020 aws_vpc.a",
      "b low ZT-T-020 aws_vpc.z",
    ]);
    expect([...report.findings].sort(compareResults)).toEqual(report.findings);
  });
});
