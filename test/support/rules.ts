import { TerraformStack, Testing } from "cdktf";
import { stackConfig } from "../../policies/gate";
import { evaluate } from "../../policies/engine/evaluate";
import { loadConfig } from "../../policies/engine/load-synth";
import { PlanConfiguration, loadPlan } from "../../policies/engine/load-plan";
import { Model } from "../../policies/engine/model";
import { Result, Rule } from "../../policies/engine/types";
import { expectPlanOk, planStack } from "./terraform";

/**
 * Model of a stack's synthesized JSON. Aspects run first, as in a real synth, so the suppressions that
 * `Policy.suppress` records land in each resource's `"//"` metadata, which is kept.
 */
export function synthModel(stack: TerraformStack, now?: Date): Model {
  return new Model(loadConfig(stackConfig(stack), stack.node.id), now);
}

/** Model of a raw Terraform JSON configuration object. */
export function configModel(json: Record<string, unknown>, stack = "test", now?: Date): Model {
  return new Model(loadConfig(json, stack), now);
}

/** Model of `terraform show -json` output. */
export function planModel(plan: Record<string, unknown>, stack = "test", now?: Date): Model {
  return new Model(loadPlan(plan, stack), now);
}

/**
 * Model of `terraform plan` for a stack, planned with {@link planStack}. Fails, with Terraform's diagnostics
 * and the kept working directory in the message, unless the plan succeeds without errors.
 */
export async function plannedModel(stack: TerraformStack, now?: Date): Promise<Model> {
  const result = await planStack(stack);
  expectPlanOk(result);
  return planModel(result.plan, undefined, now);
}

/**
 * Model of a stack's plan in which each planned resource carries the suppressions its synthesized
 * counterpart records (matched by address), and policies the plan leaves unknown until apply are read from the
 * synthesized configuration, as `ztb check plan.json --suppressions cdk.tf.json` does.
 */
export function stackPlanModel(plan: Record<string, unknown>, stack: TerraformStack, now?: Date): Model {
  const config = stackConfig(stack);
  const byAddress = new Map(loadConfig(config, stack.node.id).map((r) => [r.address, r.suppressions]));
  const configuration = new PlanConfiguration(config);
  return new Model(loadPlan(plan, stack.node.id, undefined, (address) => byAddress.get(address) ?? [], { configuration }), now);
}

/** Results of one rule, by resource address. */
export function resultsOf(rule: Rule, model: Model): Result[] {
  return [...evaluate(model, [rule]).results];
}

/** Addresses with at least one result of `status` for `rule`, sorted. */
export function addressesWith(rule: Rule, model: Model, status: Result["status"]): string[] {
  return [...new Set(resultsOf(rule, model).filter((r) => r.status === status).map((r) => r.address))].sort();
}

/** What {@link expectRule} asserts for one rule on one model. */
export interface RuleExpectation {
  readonly fail: readonly string[];
  readonly pass: readonly string[];
  readonly unknown?: readonly string[];
}

/** Expectations for several rules on one fixture, one row per rule. */
export type RuleTable = readonly (readonly [Rule, RuleExpectation])[];

/**
 * Asserts the exact set of failing addresses of a rule and that each `pass` address has only passing results.
 * Unlisted addresses may be not-applicable.
 */
export function expectRule(rule: Rule, model: Model, expected: RuleExpectation): void {
  const results = resultsOf(rule, model);
  const errors = results.filter((r) => r.status === "error");
  expect(errors.map((e) => `${e.address}: ${e.message}`)).toEqual([]);
  expect(addressesWith(rule, model, "fail")).toEqual([...expected.fail].sort());
  for (const address of expected.pass) {
    const mine = results.filter((r) => r.address === address);
    expect({ address, statuses: mine.map((r) => r.status) }).toEqual({ address, statuses: mine.map(() => "pass") });
    expect({ address, evaluated: mine.length > 0 }).toEqual({ address, evaluated: true });
  }
  if (expected.unknown) expect(addressesWith(rule, model, "unknown")).toEqual([...expected.unknown].sort());
}

/** Synthesizes a stack to a Terraform JSON object (without metadata), like `Testing.synth`. */
export function synthJson(stack: TerraformStack): Record<string, unknown> {
  return JSON.parse(Testing.synth(stack));
}

/** Asserts that `table` has exactly one row for each of `rules`, in the same order. */
export function expectTableCovers(table: RuleTable, rules: readonly Rule[]): void {
  expect(table.map(([rule]) => rule.id)).toEqual(rules.map((rule) => rule.id));
}

/**
 * One test per row of `table`, titled by the rule id (`%s` in `title`): {@link expectRule} on `model()`,
 * expecting no unknown results unless the row lists some.
 */
export function itExpectsRules(table: RuleTable, model: () => Model, title = "%s"): void {
  it.each(table.map(([rule, expected]) => [rule.id, rule, expected] as const))(title, (_id, rule, expected) => {
    expectRule(rule, model(), { unknown: [], ...expected });
  });
}

/** Where a fixture's model comes from: its synthesized JSON, or `terraform plan`. */
export type FixtureMode = "synthesized" | "planned";

/**
 * Registers the describe blocks `<name>, synthesized` and `<name>, planned` and runs `cases` in each, with the
 * model of a fresh `buildStack()`: {@link synthModel} of it, and {@link plannedModel} of it, planned before the
 * planned cases run. `mode` lets a case run in one of the two only.
 */
export function describeFixtureModes(name: string, buildStack: () => TerraformStack, cases: (model: () => Model, mode: FixtureMode) => void): void {
  describe(`${name}, synthesized`, () => {
    const model = synthModel(buildStack());
    cases(() => model, "synthesized");
  });

  describe(`${name}, planned`, () => {
    let model: Model;
    beforeAll(async () => {
      model = await plannedModel(buildStack());
    });
    cases(() => model, "planned");
  });
}
