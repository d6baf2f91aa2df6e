import { SegmentedNetwork } from "../../constructs/network";
import { ServicePlatform } from "../../constructs/service";
import { evaluate } from "../../policies/engine/evaluate";
import { effectiveGraph, FlowGraph } from "../../policies/graph";
import { zeroTrustPack } from "../../policies/packs";
import { GraphDocument } from "../../policies/shared/service-graph";
import { ACCOUNT, REGION, newStack } from "../identity/harness";
import { planModel, stackPlanModel, synthModel } from "../support/rules";
import { expectPlanOk, planStack, plannedAddresses, synthesizedAddresses } from "../support/terraform";
import { Testing } from "cdktf";
import { ADMIN, threeServices } from "./fixtures";

/** A fresh user's stack: a network and one declaration of three services, nothing wired by hand. */
function buildStack() {
  const stack = newStack("three-services");
  const network = new SegmentedNetwork(stack, "network", {
    name: "shop",
    cidr: "10.50.0.0/16",
    region: REGION,
    accountId: ACCOUNT,
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
  });
  const platform = new ServicePlatform(stack, "services", { network, adminRoleArns: [ADMIN], services: threeServices() });
  return { stack, platform };
}

/** The edges of a graph as `from -> to tcp/443` lines (one per port of a range), sorted. */
function edgeLines(graph: FlowGraph): string[] {
  return graph.edges.flatMap((e) => Array.from({ length: e.toPort - e.fromPort + 1 }, (_, i) => `${e.from} -> ${e.to} ${e.protocol}/${e.fromPort + i}`)).sort();
}

function declaredLines(doc: GraphDocument): string[] {
  return doc.edges.map((e) => `${e.from} -> ${e.to} ${e.protocol}/${e.port}`).sort();
}

describe("a platform of three services declared once", () => {
  test("plans with the pinned AWS provider, the pack finds nothing, and the effective graph is exactly the declared one", async () => {
    const { stack, platform } = buildStack();
    const json = JSON.parse(Testing.synth(stack));
    const result = await planStack(stack);
    expectPlanOk(result);
    expect(plannedAddresses(result.plan)).toEqual(synthesizedAddresses(json));
    expect(plannedAddresses(result.plan)).toContain("terraform_data.ztb_service_graph");

    const plan = result.plan as unknown as Record<string, unknown>;
    const report = evaluate(stackPlanModel(plan, stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => `${f.findingId} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.unknowns.map((u) => `${u.findingId} ${u.address}: ${u.message}`)).toEqual([]);
    expect(report.results.filter((r) => r.status === "pass").length).toBeGreaterThan(100);

    // Rebuilt from the plan alone, without the declaration: the declared service and platform edges, nothing else.
    const [graph] = effectiveGraph(planModel(plan, "three-services"));
    expect(graph.unknown).toEqual([]);
    expect(edgeLines(graph)).toEqual(declaredLines(platform.graph));
    const [fromSynth] = effectiveGraph(synthModel(stack));
    expect(edgeLines(fromSynth)).toEqual(declaredLines(platform.graph));
  });
});
