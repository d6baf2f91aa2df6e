import { IConstruct } from "constructs";
import { Aspects, IAspect, TerraformResource, TerraformStack } from "cdktf";
import { MIN_REASON_LENGTH } from "./engine/suppressions";
import { Suppression } from "./engine/types";

export interface SuppressOptions {
  /** Why the finding is accepted; at least 10 characters. */
  readonly reason: string;
  /**
   * ISO date (YYYY-MM-DD) after which the suppression stops applying and becomes a finding itself.
   * @default - never expires
   */
  readonly expires?: string;
  /**
   * Limits the suppression to findings whose item matches this pattern (`*` wildcards),
   * e.g. `Action::s3:*`.
   * @default - every finding of the rule
   */
  readonly appliesTo?: string;
}

const RECORDED = new WeakMap<IConstruct, Suppression[]>();

class RecordSuppressions implements IAspect {
  visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const list: Suppression[] = [];
    for (let c: IConstruct | undefined = node; c; c = c.node.scope) {
      for (const s of RECORDED.get(c) ?? []) {
        if (!list.some((x) => x.id === s.id && x.appliesTo === s.appliesTo)) list.push(s);
      }
    }
    if (list.length > 0) node.addOverride("//.ztb.suppressions", list.map((s) => ({ ...s })));
  }
}

const ASPECT = new RecordSuppressions();

/** Records policy suppressions on constructs so they travel with the synthesized stack. */
export class Policy {
  /**
   * Suppresses rule `ruleId` on `scope` and every resource below it. The suppression is written into each
   * resource's `"//"` metadata block of the synthesized JSON, so every report shows it with its reason.
   */
  static suppress(scope: IConstruct, ruleId: string, options: SuppressOptions): void {
    if (!/^ZT-[A-Z0-9]+-\d{3}$/.test(ruleId)) {
      throw new Error(`Policy.suppress: ruleId "${ruleId}" is not a rule id; use the form ZT-NET-001 (see \`ztb rules\`).`);
    }
    if (typeof options.reason !== "string" || options.reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(`Policy.suppress(${ruleId}): reason must explain the exception in at least ${MIN_REASON_LENGTH} characters.`);
    }
    if (options.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.expires)) {
      throw new Error(`Policy.suppress(${ruleId}): expires "${options.expires}" must be an ISO date such as 2027-06-30.`);
    }
    const list = RECORDED.get(scope) ?? [];
    const entry: Suppression = { id: ruleId, reason: options.reason.trim(), expires: options.expires, appliesTo: options.appliesTo };
    const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as unknown as Suppression;
    const at = list.findIndex((s) => s.id === ruleId && s.appliesTo === options.appliesTo);
    if (at >= 0) list[at] = clean;
    else list.push(clean);
    RECORDED.set(scope, list);
    const stack = TerraformStack.of(scope);
    if (!Aspects.of(stack).all.includes(ASPECT)) Aspects.of(stack).add(ASPECT);
  }

  /** Suppressions recorded directly on `scope` (not inherited). */
  static suppressionsOf(scope: IConstruct): readonly Suppression[] {
    return [...(RECORDED.get(scope) ?? [])];
  }
}
