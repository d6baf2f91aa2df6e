import { Outcome, Rule } from "./types";

/** The resource complies. */
export function pass(item?: string): Outcome {
  return item === undefined ? PASS : { status: "pass", item };
}

const PASS: Outcome = Object.freeze({ status: "pass" });

/** The resource does not comply; `message` is the evidence. */
export function fail(message: string, item?: string): Outcome {
  return item === undefined ? { status: "fail", message } : { status: "fail", message, item };
}

/** The rule cannot decide until apply (the message says what is unknown). */
export function unknown(message: string, item?: string): Outcome {
  return item === undefined ? { status: "unknown", message } : { status: "unknown", message, item };
}

/** The rule does not apply to this resource. */
export function na(reason?: string): Outcome {
  return reason === undefined ? NA : { status: "na", reason };
}

const NA: Outcome = Object.freeze({ status: "na" });

/** Declares a rule; the identity function gives rule files one checked shape. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
