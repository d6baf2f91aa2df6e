import { Outcome, Rule } from "./types";

/**
 * Every outcome has one shape (status, message, item, reason; undefined where a kind has none), so the engine reads
 * the outcomes of every rule through the same property layout.
 */
class RuleOutcome {
  constructor(
    readonly status: Outcome["status"],
    readonly message: string | undefined,
    readonly item: string | undefined,
    readonly reason: string | undefined,
  ) {}
}

function outcome(status: Outcome["status"], message: string | undefined, item: string | undefined, reason: string | undefined): Outcome {
  return new RuleOutcome(status, message, item, reason) as Outcome;
}

/** The resource complies. */
export function pass(item?: string): Outcome {
  return item === undefined ? PASS : outcome("pass", undefined, item, undefined);
}

const PASS: Outcome = Object.freeze(outcome("pass", undefined, undefined, undefined));

/** The resource does not comply; `message` is the evidence. */
export function fail(message: string, item?: string): Outcome {
  return outcome("fail", message, item, undefined);
}

/** The rule cannot decide until apply (the message says what is unknown). */
export function unknown(message: string, item?: string): Outcome {
  return outcome("unknown", message, item, undefined);
}

/** The rule does not apply to this resource. */
export function na(reason?: string): Outcome {
  if (reason === undefined) return NA;
  // Rules give the same few reasons on many resources: one shared outcome per reason.
  let o = NA_BY_REASON.get(reason);
  if (o === undefined) {
    o = Object.freeze(outcome("na", undefined, undefined, reason));
    if (NA_BY_REASON.size < 1000) NA_BY_REASON.set(reason, o);
  }
  return o;
}

const NA_BY_REASON = new Map<string, Outcome>();

const NA: Outcome = Object.freeze(outcome("na", undefined, undefined, undefined));

/** Declares a rule; the identity function gives rule files one checked shape. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
