import { loadConfig } from "../../../policies/engine/load-synth";
import { Model, Resource } from "../../../policies/engine/model";
import { sampleConfig } from "./fixtures";

function config(): Model {
  return new Model([...loadConfig(sampleConfig(), "a"), ...loadConfig(sampleConfig(), "b")], new Date("2030-01-01T00:00:00Z"));
}

describe("Model", () => {
  test("indexes by type, data sources with a data. prefix", () => {
    const m = config();
    expect(m.ofType("aws_vpc")).toHaveLength(4);
    expect(m.ofType("data.aws_iam_policy_document")).toHaveLength(2);
    expect(m.ofType("aws_iam_policy_document")).toHaveLength(0);
    expect(m.ofType("nope")).toEqual([]);
    expect(m.now.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });
  test("ofTypeIn limits to the stack of a resource", () => {
    const m = config();
    const fl = m.ofType("aws_flow_log").find((r) => r.stack === "b")!;
    const vpcs = m.ofTypeIn("aws_vpc", fl);
    expect(vpcs.map((r) => `${r.stack}:${r.address}`)).toEqual(["b:aws_vpc.main", "b:aws_vpc.other"]);
    expect(Object.isFrozen(vpcs)).toBe(true);
    expect(() => (vpcs as unknown[]).pop()).toThrow(TypeError);
    expect(m.ofTypeIn("aws_vpc", fl)).toHaveLength(2);
  });
  test("resolve stays within the stack", () => {
    const m = config();
    const fl = m.ofType("aws_flow_log").find((r) => r.stack === "b")!;
    const [ref] = fl.refs("vpc_id");
    expect(m.resolve(fl, ref)?.stack).toBe("b");
    expect(m.resolve(fl, { kind: "var", address: "var.x", raw: "var.x" })).toBeUndefined();
  });
  test("referenced and referrers", () => {
    const m = config();
    const fl = m.ofType("aws_flow_log")[0];
    expect(m.referenced(fl, "vpc_id", ["aws_vpc"]).map((r) => r.address)).toEqual(["aws_vpc.main"]);
    expect(m.referenced(fl, "vpc_id", ["aws_subnet"])).toEqual([]);
    const [main, other] = m.ofTypeIn("aws_vpc", fl);
    expect(m.referrers(main, "aws_flow_log", "vpc_id")).toEqual([fl]);
    expect(m.referrers(other, "aws_flow_log", "vpc_id")).toEqual([]);
    expect(m.referrers(main, "aws_flow_log")).toEqual([fl]);
  });
  test("references inside a module resolve to the module's resources first", () => {
    const mk = (address: string, type: string, values: unknown) =>
      new Resource({ address, type, name: address.split(".").pop()!, mode: "managed", stack: "s", values, source: "synth" });
    const inner = mk("module.m.aws_vpc.v", "aws_vpc", {});
    const root = mk("aws_vpc.v", "aws_vpc", {});
    const log = mk("module.m.aws_flow_log.f", "aws_flow_log", { vpc_id: "${aws_vpc.v.id}" });
    const m = new Model([inner, root, log]);
    expect(m.referenced(log, "vpc_id", ["aws_vpc"])).toEqual([inner]);
    expect(m.referrers(inner, "aws_flow_log", "vpc_id")).toEqual([log]);
    expect(m.referrers(root, "aws_flow_log", "vpc_id")).toEqual([]);
  });
  test("counted resources share a base address", () => {
    const mk = (address: string) => new Resource({ address, type: "aws_subnet", name: "s", mode: "managed", stack: "s", values: {}, source: "plan" });
    const m = new Model([mk("aws_subnet.s[0]"), mk("aws_subnet.s[1]")]);
    const ref = { kind: "resource" as const, type: "aws_subnet", address: "aws_subnet.s", raw: "aws_subnet.s" };
    expect(m.resolveAll(m.resources[0], ref)).toHaveLength(2);
  });
  test("memoFor computes once per model, key and resource, undefined included", () => {
    const m = config();
    const [vpc, other] = m.ofType("aws_vpc");
    let calls = 0;
    const count = (r: Resource) => (calls++, r.address);
    const none = () => (calls++, undefined);
    expect(m.memoFor("t:address", vpc, count)).toBe("aws_vpc.main");
    expect(m.memoFor("t:address", vpc, count)).toBe("aws_vpc.main");
    expect(m.memoFor("t:address", other, count)).toBe("aws_vpc.other");
    expect(m.memoFor("t:none", vpc, none)).toBeUndefined();
    expect(m.memoFor("t:none", vpc, none)).toBeUndefined();
    expect(calls).toBe(3);
    // Another model over the same resources computes its own values.
    const again = new Model(m.resources);
    expect(again.memoFor("t:address", vpc, count)).toBe("aws_vpc.main");
    expect(calls).toBe(4);
  });
  test("memoIn computes once per model, key and stack", () => {
    const m = config();
    const stacks: string[] = [];
    const read = (near: Resource, model: Model) => (stacks.push(near.stack), model.ofTypeIn("aws_vpc", near).length);
    for (const r of m.ofType("aws_vpc")) expect(m.memoIn("t:vpcs", r, read)).toBe(2);
    expect(stacks).toEqual(["a", "b"]);
  });
});
