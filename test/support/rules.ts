import { TerraformStack, Testing } from "cdktf";
import { stackConfig } from "../../policies/gate";
import { evaluate } from "../../policies/engine/evaluate";
import { loadConfig } from "../../policies/engine/load-synth";
import { loadPlan } from "../../policies/engine/load-plan";
import { Model } from "../../policies/engine/model";
import { Result, Rule } from "../../policies/engine/types";

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
 * Model of a stack's plan in which each planned resource carries the suppressions its synthesized
 * counterpart records (matched by address), as `ztb check plan.json --suppressions cdk.tf.json` does.
 */
export function stackPlanModel(plan: Record<string, unknown>, stack: TerraformStack, now?: Date): Model {
  const byAddress = new Map(synthModel(stack, now).resources.map((r) => [r.address, r.suppressions]));
  return new Model(loadPlan(plan, stack.node.id, undefined, (address) => byAddress.get(address) ?? []), now);
}

/** Results of one rule, by resource address. */
export function resultsOf(rule: Rule, model: Model): Result[] {
  return [...evaluate(model, [rule]).results];
}

/** Addresses with at least one result of `status` for `rule`, sorted. */
export function addressesWith(rule: Rule, model: Model, status: Result["status"]): string[] {
  return [...new Set(resultsOf(rule, model).filter((r) => r.status === status).map((r) => r.address))].sort();
}

/**
 * Asserts the exact set of failing addresses of a rule and that each `pass` address has only passing results.
 * Unlisted addresses may be not-applicable.
 */
export function expectRule(rule: Rule, model: Model, expected: { fail: string[]; pass: string[]; unknown?: string[] }): void {
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
