import { Resource } from "./model";
import { Suppression } from "./types";

/** True when a parsed JSON value looks like `terraform show -json` output of a plan. */
export function isPlan(json: unknown): json is Record<string, unknown> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return "planned_values" in o || "resource_changes" in o;
}

interface PlanResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  values?: unknown;
}

interface ResourceChange extends PlanResource {
  change?: { actions?: string[]; after?: unknown; after_unknown?: unknown };
}

/**
 * Normalizes a plan: values come from `resource_changes[].change.after` (or `planned_values`), unknown
 * markers from `after_unknown`, and references from the `configuration` expressions of each resource.
 */
export function loadPlan(
  plan: Record<string, unknown>,
  stack: string,
  file?: string,
  suppressionsFor?: (address: string) => readonly Suppression[],
): Resource[] {
  if (plan.errored === true) throw new Error("the plan file records errored: true; fix the plan errors first");
  const expressions = configurationExpressions(plan.configuration);
  const seen = new Set<string>();
  const out: Resource[] = [];
  const add = (r: PlanResource, values: unknown, unknown: unknown) => {
    if (seen.has(r.address)) return;
    seen.add(r.address);
    const mode = r.mode === "data" ? "data" : "managed";
    out.push(
      new Resource({
        address: r.address,
        type: r.type,
        name: r.name,
        mode,
        stack,
        values: values ?? {},
        unknown,
        expressions: expressions.get(configAddress(r.address)),
        suppressions: suppressionsFor ? suppressionsFor(r.address.replace(/\[[^\]]*\]$/, "")) : [],
        file,
        source: "plan",
      }),
    );
  };
  const changes = Array.isArray(plan.resource_changes) ? (plan.resource_changes as ResourceChange[]) : [];
  for (const c of changes) {
    const actions = c.change?.actions ?? [];
    if (actions.length === 1 && actions[0] === "delete") continue;
    add(c, c.change?.after, c.change?.after_unknown);
  }
  for (const r of moduleResources((plan.planned_values as { root_module?: unknown } | undefined)?.root_module)) add(r, r.values, undefined);
  for (const r of moduleResources(((plan.prior_state as { values?: { root_module?: unknown } } | undefined)?.values)?.root_module)) {
    if (r.mode === "data") add(r, r.values, undefined);
  }
  return out;
}

function moduleResources(mod: unknown): PlanResource[] {
  if (mod === null || typeof mod !== "object") return [];
  const m = mod as { resources?: PlanResource[]; child_modules?: unknown[] };
  const out = [...(m.resources ?? [])];
  for (const c of m.child_modules ?? []) {
    // One by one: a child module with many resources would overflow the stack as spread `push` arguments.
    const inner = moduleResources(c);
    for (let i = 0; i < inner.length; i++) out.push(inner[i]);
  }
  return out;
}

/** Maps `module.a.module.b.type.name` (no indexes) to the resource's configuration expressions. */
function configurationExpressions(configuration: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (mod: unknown, prefix: string) => {
    if (mod === null || typeof mod !== "object") return;
    const m = mod as { resources?: { address: string; expressions?: unknown }[]; module_calls?: Record<string, { module?: unknown }> };
    for (const r of m.resources ?? []) out.set(prefix + r.address, r.expressions ?? {});
    for (const [name, call] of Object.entries(m.module_calls ?? {})) walk(call.module, `${prefix}module.${name}.`);
  };
  walk((configuration as { root_module?: unknown } | undefined)?.root_module, "");
  return out;
}

function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}
