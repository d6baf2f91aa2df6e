import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { App, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { evaluate } from "./engine/evaluate";
import { InputError, loadInputs, holdsNothingToCheck, nothingToCheck } from "./engine/input";
import { isTerraformConfig, loadConfig } from "./engine/load-synth";
import { isPlan, loadPlan } from "./engine/load-plan";
import { readTerraformJson } from "./engine/terraform-json";
import { Model } from "./engine/model";
import { Report, Result, Rule, Severity } from "./engine/types";
import { Pack, packByName, zeroTrustPack } from "./packs";
import { withLocations } from "./engine/locations";
import { selectRules } from "./engine/select";
import { Verdict, verdictBasis, verdictOf } from "./engine/verdict";
import { isSeverity, summaryLine } from "./reporters/summary";
import { textReport } from "./reporters/text";

/** Which rules to run and which findings block. */
export interface PolicyCheckOptions {
  /** Pack (or pack name) to run. @default the zero-trust pack */
  readonly pack?: string | Pack;
  /** Only findings at or above this severity block. @default "low" (every finding) */
  readonly failOn?: Severity;
  /**
   * Unsuppressed results that cannot be decided before apply (a policy computed by an expression, a CIDR from a
   * variable) block as well, at or above `failOn`.
   * @default false (they are counted and listed, and do not block)
   */
  readonly failOnUnknown?: boolean;
  /** Run only these rule ids (`*` wildcards allowed). */
  readonly only?: readonly string[];
  /** Do not run these rule ids (`*` wildcards allowed). */
  readonly skip?: readonly string[];
  /** Time used to judge suppression expiry. @default now */
  readonly now?: Date;
  /**
   * Lets a stack or synth output without any resource pass. Without it, `PolicyGate` and `checkSynthOutput` treat it
   * as an error, as `ztb check` does without `--allow-empty`: a check that looked at nothing must not pass.
   * @default false
   */
  readonly allowEmpty?: boolean;
}

/** Outcome of a policy check. */
export interface PolicyCheck {
  readonly report: Report;
  /**
   * Unsuppressed failed or errored findings at or above `failOn`, in report order, then (with `failOnUnknown`) the
   * unsuppressed unknown results at or above it.
   */
  readonly blocking: readonly Result[];
  readonly passed: boolean;
  /** The verdict `blocking` and `passed` are read from; every report of this check prints it. */
  readonly verdict: Verdict;
}

/** The pack and rules chosen by `options`. */
export function resolveRules(options: PolicyCheckOptions = {}): { pack: Pack; rules: Rule[] } {
  const pack = options.pack === undefined ? zeroTrustPack : typeof options.pack === "string" ? packByName(options.pack) : options.pack;
  if (options.failOn !== undefined && !isSeverity(options.failOn)) {
    throw new Error(`unknown severity "${String(options.failOn)}" for failOn; use critical, high, medium or low`);
  }
  return { pack, rules: selectRules(pack.rules, { only: options.only, skip: options.skip }) };
}

/** Runs the rules chosen by `options` on a model. */
export function checkModel(model: Model, options: PolicyCheckOptions = {}): PolicyCheck {
  const { pack, rules } = resolveRules(options);
  const report = evaluate(model, rules, { pack: pack.name, packVersion: pack.version });
  const verdict = verdictOf(report, { failOn: options.failOn, failOnUnknown: options.failOnUnknown });
  return { report, blocking: verdict.blocking, passed: verdict.passed, verdict };
}

/** Invokes the aspects of a construct tree, as synthesis does (so `Policy.suppress` metadata is written). */
export { invokeAspects };

/** The Terraform JSON of a stack including its `"//"` metadata (and so its suppressions). */
export function stackConfig(stack: TerraformStack, runAspects = true): Record<string, unknown> {
  if (runAspects) invokeAspects(stack);
  return JSON.parse(JSON.stringify(stack.toTerraform())) as Record<string, unknown>;
}

/** A model of whatever a test or app holds: a stack, synthesized JSON text, a parsed configuration, a plan, or a model. */
export function modelOf(target: unknown, now?: Date): Model {
  if (target instanceof Model) return target;
  if (TerraformStack.isStack(target)) return new Model(loadConfig(stackConfig(target), target.node.id), now);
  let json = target;
  if (typeof target === "string") {
    try {
      json = JSON.parse(target);
    } catch (e) {
      throw new Error(`policy check: the string is not JSON (${(e as Error).message})`, { cause: e });
    }
    // Terraform JSON text may repeat keys, which Terraform reads and JSON.parse drops.
    if (isTerraformConfig(json)) json = readTerraformJson(target, "policy check: the JSON text");
  }
  if (isPlan(json)) {
    if (json.errored === true) throw new Error('policy check: the plan records "errored": true');
    return new Model(loadPlan(json, "plan"), now);
  }
  if (isTerraformConfig(json)) return new Model(loadConfig(json, "stack"), now);
  throw new Error("policy check: expected a TerraformStack, synthesized JSON (string or object), a plan (terraform show -json) or a Model");
}

/** Checks a stack, synthesized JSON, a plan or a model. */
export function checkPolicies(target: unknown, options: PolicyCheckOptions = {}): PolicyCheck {
  return checkModel(modelOf(target, options.now), options);
}

/** One line per blocking finding, as the gate reports it. */
export function describeFinding(f: Result): string {
  const note = f.status === "error" ? ", rule error" : f.status === "unknown" ? ", unknown until apply" : "";
  return `${f.findingId} ${f.address}: ${f.message} (${f.severity}${note})`;
}

const GATED = new WeakSet<IConstruct>();

/** A synth-time policy gate. */
export class PolicyGate {
  /**
   * Adds a validation that runs the policy pack on a synthesized stack (after aspects, so suppressions count) and
   * reports one error per unsuppressed finding at or above `failOn` (and, with `failOnUnknown`, per unsuppressed
   * unknown result at or above it), which makes `app.synth()` and `cdktf synth` fail. Each synth computes the errors
   * afresh; nothing accumulates.
   *
   * Given a `TerraformStack`, it gates that stack. Given the `App`, it gates every stack of the app at synth, those added
   * after the call included (a stack with its own gate is checked by that gate only); an app without any stack fails
   * the synth. Anything else is refused.
   */
  static apply(scope: TerraformStack | App, options: PolicyCheckOptions = {}): void {
    resolveRules(options);
    if (TerraformStack.isStack(scope)) {
      if (GATED.has(scope)) throw new Error(`PolicyGate.apply: stack ${scope.node.path} already has a policy gate`);
      GATED.add(scope);
      scope.node.addValidation({ validate: () => gateStack(scope, options) });
      return;
    }
    if (App.isApp(scope)) {
      if (GATED.has(scope)) throw new Error("PolicyGate.apply: the app already has a policy gate");
      GATED.add(scope);
      scope.node.addValidation({
        validate: () => {
          const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
          if (stacks.length === 0) return ["policy gate: the app has no TerraformStack to check; add a stack before app.synth()"];
          return stacks.filter((stack) => !GATED.has(stack)).flatMap((stack) => gateStack(stack, options).map((e) => `[${stack.node.path}] ${e}`));
        },
      });
      return;
    }
    const path = (scope as { node?: { path?: unknown } } | null)?.node?.path;
    throw new Error(
      `PolicyGate.apply: expected a TerraformStack or the App, got ${typeof path === "string" && path !== "" ? `the construct ${path}` : "something else"}; pass the stack (PolicyGate.apply(stack)) or the app (PolicyGate.apply(app)) to gate every stack`,
    );
  }
}

/** The gate's errors for one stack: one per blocking finding, or one saying why the stack could not be checked. */
function gateStack(stack: TerraformStack, options: PolicyCheckOptions): string[] {
  try {
    const json = JSON.parse(JSON.stringify(stack.toTerraform())) as Record<string, unknown>;
    const model = new Model(loadConfig(json, stack.node.id), options.now);
    if (holdsNothingToCheck(model) && options.allowEmpty !== true) return [`policy gate: ${nothingToCheck(`stack ${stack.node.path}`)}`];
    const check = checkModel(model, options);
    return check.blocking.map((f) => `policy ${describeFinding(f)}`);
  } catch (e) {
    return [`policy gate could not check the stack: ${(e as Error).message}`];
  }
}

export interface CheckSynthOutputOptions extends PolicyCheckOptions {
  /** Suppressions file for plain Terraform JSON inputs (see `ztb check --suppressions`). */
  readonly suppressionsFile?: string;
  /** Where the report goes. @default process.stdout */
  readonly write?: (text: string) => void;
  /** Print every finding (`report`) or only the summary line (`summary`). @default "report" */
  readonly print?: "report" | "summary" | "none";
}

/**
 * Checks what `app.synth()` wrote to `outdir` (every stack of its manifest) and prints the report.
 * Returns the check; set `process.exitCode` from `passed` to fail a pipeline. Throws `InputError` for output it cannot
 * read, and for output without any resource (unless `allowEmpty`).
 */
export function checkSynthOutput(outdir = "cdktf.out", options: CheckSynthOutputOptions = {}): PolicyCheck {
  const model = loadInputs([outdir], { suppressionsFile: options.suppressionsFile, now: options.now });
  if (holdsNothingToCheck(model) && options.allowEmpty !== true) throw new InputError(`${nothingToCheck(outdir)}; set allowEmpty to let it pass`);
  const check = checkModel(model, options);
  const write = options.write ?? ((t: string) => void process.stdout.write(t));
  const print = options.print ?? "report";
  if (print === "report") write(textReport(withLocations(check.report), { verdict: check.verdict }));
  else if (print === "summary") {
    const basis = verdictBasis(check.verdict);
    write(`${check.verdict.word}: ${summaryLine(check.report)}${basis !== undefined ? ` (${basis})` : ""}\n`);
  }
  return check;
}
