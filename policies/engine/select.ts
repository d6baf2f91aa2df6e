import { Rule } from "./types";

/**
 * A mistake in how a command, option or value was given: an unknown rule id, a selection that leaves no rule. The CLI
 * prints it with its usage hint and exits 2; the gate and `checkPolicies` throw it.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
    Object.setPrototypeOf(this, UsageError.prototype);
  }
}

/** Which rules of a pack to run, by id. */
export interface RuleSelection {
  /** Rule ids (or `*` patterns such as `ZT-NET-*`) to run; every rule when omitted. */
  readonly only?: readonly string[];
  /** Rule ids (or `*` patterns) not to run. */
  readonly skip?: readonly string[];
}

/**
 * The rules of `rules` chosen by `only` and `skip`. Throws `UsageError` for an id that names no rule, and when the
 * selection leaves no rule to run (`--only ","`, `--skip '*'`): a check that runs no rule would pass anything.
 */
export function selectRules(rules: readonly Rule[], selection: RuleSelection): Rule[] {
  const only = selection.only !== undefined ? matchRules(rules, selection.only, "--only") : undefined;
  const skip = selection.skip !== undefined ? matchRules(rules, selection.skip, "--skip") : new Set<string>();
  const chosen = rules.filter((r) => (only === undefined || only.has(r.id)) && !skip.has(r.id));
  if (chosen.length === 0) {
    const why = selection.only !== undefined && selection.only.length === 0 ? "--only names no rule id" : `--only and --skip leave none of the ${rules.length} rules`;
    throw new UsageError(`no rule to run: ${why}; a check that runs no rule checks nothing`);
  }
  return chosen;
}

/**
 * The ids of the rules that `ids` (ids or `*` patterns, case-insensitive) name. Throws `UsageError` for an id that
 * names no rule; `where` says where it was given (`--only`).
 */
export function matchRules(rules: readonly Rule[], ids: readonly string[], where: string): Set<string> {
  const chosen = new Set<string>();
  for (const id of ids) {
    const re = pattern(id);
    const hits = rules.filter((r) => re.test(r.id));
    if (hits.length === 0) throw new UsageError(`unknown rule id "${id}" in ${where}; run \`ztb rules\` to list the rule ids`);
    for (const h of hits) chosen.add(h.id);
  }
  return chosen;
}

function pattern(id: string): RegExp {
  const body = id
    .split("*")
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i");
}
