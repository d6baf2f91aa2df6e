import type { PolicyCheckOptions } from "../gate";
import type { Result } from "../engine/types";

type Gate = typeof import("../gate");

// Loaded on first use, so that registering the matchers in a jest setup file costs nothing.
let gate: Gate | undefined;
function load(): Gate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily; an `import` would load it up front
  gate ??= require("../gate") as Gate;
  return gate;
}

function checkPolicies(target: unknown, options: PolicyCheckOptions) {
  return load().checkPolicies(target, options);
}

function describeFinding(f: Result): string {
  return load().describeFinding(f);
}

/** Options of `toPassPolicies`. */
export type PolicyMatcherOptions = PolicyCheckOptions;

interface MatcherResult {
  pass: boolean;
  message(): string;
}

interface MatcherContext {
  readonly isNot?: boolean;
}

function list(results: readonly Result[], max = 50): string {
  const lines = results.slice(0, max).map((f) => `  - ${describeFinding(f)}${f.suppressed ? ` [suppressed: ${f.suppressionReason ?? ""}]` : ""}`);
  if (results.length > max) lines.push(`  … and ${results.length - max} more`);
  return lines.join("\n");
}

/**
 * `expect(target).toPassPolicies(options?)`: no unsuppressed failed or errored finding at or above
 * `options.failOn` (every severity by default), and with `options.failOnUnknown` no unsuppressed unknown result
 * either. `target` is a TerraformStack, synthesized JSON (text or object), a plan (`terraform show -json`) or a Model.
 */
export function toPassPolicies(this: MatcherContext, received: unknown, options: PolicyMatcherOptions = {}): MatcherResult {
  const check = checkPolicies(received, options);
  const threshold = options.failOn ?? "low";
  const what = options.failOnUnknown === true ? "policy findings or unknown results" : "policy findings";
  if (check.passed) {
    return {
      pass: true,
      message: () =>
        `expected ${what} at or above ${threshold}, but there were none (${check.report.rules.length} rules, ${check.report.resources} resources)`,
    };
  }
  return {
    pass: false,
    message: () =>
      `expected no unsuppressed ${what} at or above ${threshold}, found ${check.blocking.length}:\n${list(check.blocking)}`,
  };
}

/**
 * `expect(target).toHaveFinding(ruleId, address?)`: an unsuppressed failure of the rule (`ZT-NET-001`, or a
 * finding id such as `ZT-IAM-001[Action::s3:*]`) on the resource at `address` (any resource when omitted).
 */
export function toHaveFinding(
  this: MatcherContext,
  received: unknown,
  ruleId: string,
  address?: string,
  options: PolicyMatcherOptions = {},
): MatcherResult {
  const check = checkPolicies(received, options);
  const sameRule = (r: Result) => r.ruleId === ruleId || r.findingId === ruleId;
  const onAddress = (r: Result) => address === undefined || r.address === address;
  const hits = check.report.findings.filter((f) => sameRule(f) && onAddress(f) && f.status === "fail" && !f.suppressed);
  const what = `${ruleId}${address !== undefined ? ` on ${address}` : ""}`;
  if (hits.length > 0) {
    return { pass: true, message: () => `expected no unsuppressed finding ${what}, but found:\n${list(hits)}` };
  }
  const related = check.report.results.filter((r) => sameRule(r) && onAddress(r));
  const others = check.report.findings.filter((f) => !f.suppressed);
  const lines: string[] = [`expected an unsuppressed finding ${what}, but there was none.`];
  if (!check.report.rules.some((r) => r.id === ruleId || ruleId.startsWith(`${r.id}[`))) lines.push(`Rule ${ruleId} is not in the rules that ran.`);
  if (related.length > 0) {
    lines.push(`Results of ${ruleId}${address !== undefined ? ` on ${address}` : ""}:`);
    for (const r of related.slice(0, 50)) {
      lines.push(
        `  - ${r.findingId} ${r.address}: ${r.status}${r.suppressed ? ` (suppressed: ${r.suppressionReason ?? ""})` : ""}${r.message ? ` - ${r.message}` : ""}`,
      );
    }
  } else lines.push(`${ruleId} produced no result${address !== undefined ? ` on ${address}` : ""} (not applicable or resource missing).`);
  lines.push(others.length > 0 ? `Unsuppressed findings instead:\n${list(others)}` : "There were no unsuppressed findings at all.");
  return { pass: false, message: () => lines.join("\n") };
}

export const policyMatchers = { toPassPolicies, toHaveFinding };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** No unsuppressed failed or errored policy finding at or above `options.failOn`. */
      toPassPolicies(options?: PolicyMatcherOptions): R;
      /** An unsuppressed failure of `ruleId` (on `address` when given). */
      toHaveFinding(ruleId: string, address?: string, options?: PolicyMatcherOptions): R;
    }
  }
}
