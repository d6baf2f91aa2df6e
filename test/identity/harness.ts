import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { synthModel } from "../support/rules";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";

/** A stack with an AWS provider, ready for constructs under test. */
export function newStack(id = "test"): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, "aws", { region: REGION });
  return stack;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** The `resource` block of the synthesized stack. */
export function resources(stack: TerraformStack): Resources {
  return (JSON.parse(Testing.synth(stack)) as { resource?: Resources }).resource ?? {};
}

/** Every resource of one type, by name. */
export function ofType(stack: TerraformStack, type: string): Record<string, Record<string, unknown>> {
  return resources(stack)[type] ?? {};
}

/** The only resource of a type whose name starts with `prefix`. */
export function only(stack: TerraformStack, type: string, prefix = ""): Record<string, unknown> {
  const matching = Object.entries(ofType(stack, type)).filter(([name]) => name.startsWith(prefix));
  if (matching.length !== 1) {
    throw new Error(`expected one ${type} named ${prefix}*, found ${matching.map(([n]) => n).join(", ") || "none"}`);
  }
  return matching[0][1];
}

/** A JSON policy string parsed, with `Statement` always a list. */
export function parsePolicy(value: unknown): { Statement: Record<string, unknown>[] } {
  const doc = JSON.parse(String(value)) as { Statement: Record<string, unknown>[] };
  return doc;
}

/** The statement with `sid`, failing when there is none. */
export function statement(policy: unknown, sid: string): Record<string, unknown> {
  const found = parsePolicy(policy).Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${String(policy)}`);
  return found;
}

/** What the zero-trust pack says about a stack. */
export interface PackVerdict {
  /** Failed or errored findings without a suppression, as readable lines. */
  readonly unsuppressed: string[];
  /** Suppressed findings, as `ruleId address`. */
  readonly suppressed: string[];
  /** Number of (rule, resource) results, passing ones included. */
  readonly evaluated: number;
}

/** Runs the zero-trust pack on the stack's synthesized JSON, suppressions included. */
export function packVerdict(stack: TerraformStack): PackVerdict {
  const report = evaluate(synthModel(stack), zeroTrustPack.rules);
  return {
    unsuppressed: report.findings.filter((f) => !f.suppressed).map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`),
    suppressed: report.findings.filter((f) => f.suppressed).map((f) => `${f.ruleId} ${f.address}`),
    evaluated: report.results.length,
  };
}
