import { isPlan, loadPlan } from "../../../policies/engine/load-plan";
import { Model } from "../../../policies/engine/model";
import { sampleConfig, samplePlan } from "./fixtures";

describe("loadPlan", () => {
  test("isPlan", () => {
    expect(isPlan(samplePlan())).toBe(true);
    expect(isPlan(sampleConfig())).toBe(false);
    expect(isPlan({ format_version: "1.0", values: {} })).toBe(false);
    expect(isPlan(null)).toBe(false);
  });

  const resources = loadPlan(samplePlan(), "plan", "plan.json", (address) =>
    address === "module.app.aws_instance.web" ? [{ id: "ZT-CMP-001", reason: "legacy host until 2027" }] : [],
  );
  const byAddress = new Map(resources.map((r) => [r.address, r]));

  test("loads changes, planned values and data sources once each; skips deletions", () => {
    expect([...byAddress.keys()].sort()).toEqual([
      "aws_flow_log.fl",
      "aws_s3_bucket.logs",
      "aws_vpc.main",
      "data.aws_region.current",
      "module.app.aws_instance.web[0]",
    ]);
    expect(byAddress.get("data.aws_region.current")).toMatchObject({ mode: "data", source: "plan" });
  });
  test("unknown values carry the references of the configuration", () => {
    const fl = byAddress.get("aws_flow_log.fl");
    expect(fl?.get("vpc_id")).toMatchObject({ kind: "unknown", refs: [{ address: "aws_vpc.main", attr: "id" }, { address: "aws_vpc.main" }] });
    expect(fl?.str("traffic_type")).toBe("ALL");
  });
  test("module resources get the expressions of their module and their suppressions by address", () => {
    const web = byAddress.get("module.app.aws_instance.web[0]");
    expect(web?.modulePrefix).toBe("module.app.");
    expect(web?.baseAddress).toBe("module.app.aws_instance.web");
    expect(web?.get("subnet_id")).toMatchObject({ kind: "unknown", refs: [{ address: "aws_subnet.s" }, { address: "aws_subnet.s" }] });
    expect(web?.str("metadata_options.http_tokens")).toBe("required");
    expect(web?.suppressions).toEqual([{ id: "ZT-CMP-001", reason: "legacy host until 2027" }]);
    expect(byAddress.get("aws_vpc.main")?.suppressions).toEqual([]);
  });
  test("cross-resource references resolve in a plan model", () => {
    const model = new Model(resources);
    const vpc = byAddress.get("aws_vpc.main")!;
    expect(model.referrers(vpc, "aws_flow_log", "vpc_id").map((r) => r.address)).toEqual(["aws_flow_log.fl"]);
  });
  test("an errored plan is refused", () => {
    expect(() => loadPlan({ ...samplePlan(), errored: true }, "plan")).toThrow(/errored/);
  });
  test("tolerates a plan without changes or configuration", () => {
    expect(loadPlan({ format_version: "1.2", planned_values: {} }, "p")).toEqual([]);
  });
});
