import { declaredGraphOf } from "../../../policies/graph";
import { Model } from "../../../policies/engine/model";
import { ztGraph002 } from "../../../policies/rules/graph/zt-graph-002-declared-edge-blocked";
import { configModel, planModel, resultsOf } from "../../support/rules";
import { fixtureGraph } from "./fixture";

const TEXT = JSON.stringify(fixtureGraph());

/** A plan holding `terraform_data.ztb_service_graph` in each of `modules` ("" for the root module). */
function planWithGraphs(modules: readonly string[], after: Record<string, unknown> = { input: TEXT }, unknown: Record<string, unknown> = { id: true, output: true }) {
  const address = (m: string) => `${m === "" ? "" : `${m}.`}terraform_data.ztb_service_graph`;
  const planned = (m: string) => ({ address: address(m), mode: "managed", type: "terraform_data", name: "ztb_service_graph", values: after, sensitive_values: {} });
  const root = modules.filter((m) => m === "");
  const children = modules.filter((m) => m !== "");
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: {
      root_module: { resources: root.map(planned), child_modules: children.map((m) => ({ address: m, resources: [planned(m)] })) },
    },
    resource_changes: modules.map((m) => ({
      address: address(m),
      ...(m === "" ? {} : { module_address: m }),
      mode: "managed",
      type: "terraform_data",
      name: "ztb_service_graph",
      change: { actions: ["create"], before: null, after, after_unknown: unknown },
    })),
  };
}

function carrier(model: Model) {
  return model.resources.find((r) => r.type === "terraform_data")!;
}

describe("declaredGraphOf", () => {
  it("reads the document from the input of terraform_data.ztb_service_graph in synthesized JSON", () => {
    const model = configModel({ resource: { terraform_data: { ztb_service_graph: { input: TEXT } } } });
    expect(declaredGraphOf(model, carrier(model))).toEqual(fixtureGraph());
  });

  it("reads it from a plan (resource_changes and planned_values), in a module too", () => {
    for (const module of ["", "module.platform"]) {
      const model = planModel(planWithGraphs([module]));
      expect(declaredGraphOf(model, carrier(model))).toEqual(fixtureGraph());
    }
  });

  it("reads an input given as an object rather than JSON text", () => {
    const model = planModel(planWithGraphs([""], { input: fixtureGraph() }));
    expect(declaredGraphOf(model, carrier(model))).toEqual(fixtureGraph());
  });

  it("is undefined for a stack without one", () => {
    const model = configModel({ resource: { terraform_data: { other: { input: TEXT } } } });
    expect(declaredGraphOf(model, carrier(model))).toBeUndefined();
  });

  it("is an error for two in one stack, an input unknown until apply, and a document of another schema", () => {
    const twice = planModel(planWithGraphs(["module.a", "module.b"]));
    expect(declaredGraphOf(twice, carrier(twice))).toEqual({
      error: "the stack holds 2 declared service graphs (module.a.terraform_data.ztb_service_graph, module.b.terraform_data.ztb_service_graph); one platform per stack",
    });
    const computed = planModel(planWithGraphs([""], {}, { input: true }));
    expect(declaredGraphOf(computed, carrier(computed))).toEqual({ error: "the input of terraform_data.ztb_service_graph is unknown until apply", address: "terraform_data.ztb_service_graph" });
    const other = configModel({ resource: { terraform_data: { ztb_service_graph: { input: "[1]" } } } });
    expect(declaredGraphOf(other, carrier(other))).toMatchObject({ error: expect.stringContaining("not ztb.service-graph/v1") });
  });

  it("ZT-GRAPH-002 fails each carrier of a stack that holds two: the gate never passes what it cannot read", () => {
    const results = resultsOf(ztGraph002, planModel(planWithGraphs(["module.a", "module.b"])));
    expect(results.map((r) => `${r.status} ${r.address}`)).toEqual(["fail module.a.terraform_data.ztb_service_graph", "fail module.b.terraform_data.ztb_service_graph"]);
  });

  it("ZT-GRAPH-002 judges the edges of a graph found in a plan", () => {
    // No security group in the plan: every declared service is missing its group.
    const results = resultsOf(ztGraph002, planModel(planWithGraphs([""])));
    expect(results.map((r) => r.status)).toEqual(["fail", "fail", "fail", "fail"]);
    expect(results[0].message).toContain("has no security group in the configuration");
  });
});
