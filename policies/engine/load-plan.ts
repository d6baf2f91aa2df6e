import { asManifestResource } from "./manifests";
import { Resource } from "./model";
import { PlanConfiguration, PlanShapeError, documentsFromConfiguration, documentsFromExpressions } from "./plan-source";
import { Suppression } from "./types";

export { PlanConfiguration, PlanShapeError } from "./plan-source";

/** True when a parsed JSON value looks like `terraform show -json` output of a plan. */
export function isPlan(json: unknown): json is Record<string, unknown> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return "planned_values" in o || "resource_changes" in o;
}

/** What `loadPlan` reads besides the plan. */
export interface LoadPlanOptions {
  /**
   * The configuration the plan was made from (a cdktf stack's `cdk.tf.json`). A policy document that the plan leaves
   * unknown until apply (it embeds an ARN of a resource still to be created) is then read from its text there, so its
   * known parts are judged; see `documentsFromConfiguration`. Values the plan knows always win.
   */
  readonly configuration?: PlanConfiguration;
}

interface PlanResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly values: unknown;
}

/**
 * Normalizes a plan: values come from `resource_changes[].change.after` (or `planned_values`), unknown
 * markers from `after_unknown`, and references from the `configuration` expressions of each resource.
 *
 * A change that leaves no object under management is not judged: a deletion, and a `forget` (a `removed` block with
 * `destroy = false`: the object stays in the cloud, unmanaged), alone or together. Terraform 1.11 still lists a
 * forgotten resource in `planned_values` with its old values; it is not read from there either. A replacement
 * (`["delete","create"]`, `["create","delete"]`, `["create","forget"]`) is judged by the object it creates.
 *
 * Throws `PlanShapeError` when the plan does not have the shape Terraform writes (see `PlanShapeError`).
 */
export function loadPlan(
  plan: Record<string, unknown>,
  stack: string,
  file?: string,
  suppressionsFor?: (address: string) => readonly Suppression[],
  options: LoadPlanOptions = {},
): Resource[] {
  if (plan.errored === true) throw new PlanShapeError("the plan file records errored: true; fix the plan errors first");
  checkFormatVersion(plan.format_version);
  const expressions = configurationExpressions(plan.configuration);
  const configuration = options.configuration;
  const seen = new Set<string>();
  const out: Resource[] = [];
  const add = (r: PlanResource, values: unknown, unknown: unknown) => {
    if (seen.has(r.address)) return;
    seen.add(r.address);
    // A Kubernetes manifest (kubernetes_manifest, kubectl_manifest) is read as the typed resource of its kind.
    out.push(
      asManifestResource(new Resource({
        address: r.address,
        type: r.type,
        name: r.name,
        mode: r.mode,
        stack,
        values: values ?? {},
        unknown,
        expressions: expressions.get(configAddress(r.address)),
        suppressions: suppressionsFor ? suppressionsFor(r.address.replace(/\[[^\]]*\]$/, "")) : [],
        file,
        source: "plan",
      })),
    );
  };
  // Addresses whose object leaves management: not read back from `planned_values` or `prior_state`.
  const gone = new Set<string>();
  const changes = listAt(plan.resource_changes, "resource_changes");
  for (let i = 0; i < changes.length; i++) {
    const c = resourceEntry(changes[i], "resource_changes", i);
    const change = changeOf(changes[i] as Record<string, unknown>, i, c.address);
    if (leavesManagement(change.actions)) {
      // A deposed object (an older copy kept by create_before_destroy) shares the address of the current one.
      if ((changes[i] as Record<string, unknown>).deposed === undefined) gone.add(c.address);
      continue;
    }
    // Policies unknown until apply: read from the plan's own record of the configuration, else from the one given.
    let after = documentsFromExpressions(change.after, change.afterUnknown, expressions.get(configAddress(c.address)));
    if (configuration) after = documentsFromConfiguration(after, change.afterUnknown, configuration.bodyOf(c.address));
    add(c, after, change.afterUnknown);
  }
  for (const r of moduleResources((objectAt(plan.planned_values, "planned_values") ?? {}).root_module, "planned_values.root_module")) {
    if (!gone.has(r.address)) add(r, r.values, undefined);
  }
  const prior = objectAt(objectAt(plan.prior_state, "prior_state")?.values, "prior_state.values");
  for (const r of moduleResources(prior?.root_module, "prior_state.values.root_module")) {
    if (r.mode === "data" && !gone.has(r.address)) add(r, r.values, undefined);
  }
  return out;
}

/**
 * Refuses a plan whose `format_version` has a major version other than 0 or 1: Terraform changes the major version only
 * for changes a reader cannot follow, and asks readers to reject such input.
 */
function checkFormatVersion(version: unknown): void {
  if (version === undefined) return;
  if (typeof version !== "string" || !/^(?:0|1)\.\d+$/.test(version)) {
    throw new PlanShapeError(`format_version ${JSON.stringify(version)} is not a plan format this check reads (0.x or 1.x)`);
  }
}

/** True when a change's actions leave no object under management: only `delete` and `forget`. */
function leavesManagement(actions: readonly string[]): boolean {
  for (let i = 0; i < actions.length; i++) if (actions[i] !== "delete" && actions[i] !== "forget") return false;
  return true;
}

interface Change {
  readonly actions: readonly string[];
  readonly after: unknown;
  readonly afterUnknown: unknown;
}

/**
 * The `change` of entry `index` of `resource_changes`, checked: a list of actions, `after` an object or null,
 * `after_unknown` an object or boolean.
 */
function changeOf(entry: Record<string, unknown>, index: number, address: string): Change {
  // Described only for an error message: plans are large, and most entries are well formed.
  if (entry.change === null || typeof entry.change !== "object" || Array.isArray(entry.change)) {
    throw new PlanShapeError(`resource_changes[${index}] (${address}) has no "change" object`);
  }
  const change = entry.change as Record<string, unknown>;
  const where = () => `resource_changes[${index}] (${address}).change`;
  const actions = change.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === "string")) {
    throw new PlanShapeError(`${where()}.actions is not a list of action names`);
  }
  const after = change.after;
  if (after !== undefined && after !== null && (typeof after !== "object" || Array.isArray(after))) throw new PlanShapeError(`${where()}.after is ${describe(after)}, not an object`);
  const afterUnknown = change.after_unknown;
  if (afterUnknown !== undefined && afterUnknown !== null && typeof afterUnknown !== "boolean" && (typeof afterUnknown !== "object" || Array.isArray(afterUnknown))) {
    throw new PlanShapeError(`${where()}.after_unknown is ${describe(afterUnknown)}, not an object or a boolean`);
  }
  return { actions: actions as string[], after: after ?? undefined, afterUnknown: afterUnknown ?? undefined };
}

/** Entry `index` of the list at `list` (`resource_changes` or a module's `resources`), checked: an object with a string address and type. */
function resourceEntry(entry: unknown, list: string, index: number): PlanResource {
  const where = () => `${list}[${index}]`;
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new PlanShapeError(`${where()} is ${describe(entry)}, not a resource object`);
  const e = entry as Record<string, unknown>;
  if (typeof e.address !== "string" || e.address === "") throw new PlanShapeError(`${where()} has no "address"`);
  if (typeof e.type !== "string" || e.type === "") throw new PlanShapeError(`${where()} (${e.address}) has no "type"`);
  if (e.mode !== undefined && e.mode !== "managed" && e.mode !== "data") throw new PlanShapeError(`${where()} (${e.address}) has mode ${typeof e.mode === "string" ? JSON.stringify(e.mode) : describe(e.mode)}, not "managed" or "data"`);
  if (e.name !== undefined && typeof e.name !== "string") throw new PlanShapeError(`${where()} (${e.address}) has a "name" that is not a string`);
  const mode = e.mode === "data" ? "data" : "managed";
  return { address: e.address, type: e.type, mode, name: typeof e.name === "string" ? e.name : nameOf(e.address), values: e.values };
}

/** The name part of an address (`web` of `module.m.aws_instance.web[0]`), for entries that leave `name` out. */
function nameOf(address: string): string {
  const base = address.replace(/\[[^\]]*\]$/, "");
  return base.slice(base.lastIndexOf(".") + 1);
}

/**
 * Every resource of a module of `planned_values` or `prior_state` and of its child modules, in Terraform's order (a
 * module's resources, then each child's). The walk keeps its own list of modules to visit: modules nested deeper than
 * the call stack allows are read like any others.
 */
function moduleResources(root: unknown, where: string): PlanResource[] {
  const out: PlanResource[] = [];
  const pending: { module: unknown; where: string }[] = [{ module: root, where }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    const m = objectAt(next.module, next.where);
    if (m === undefined) continue;
    const resources = listAt(m.resources, `${next.where}.resources`);
    for (let i = 0; i < resources.length; i++) {
      const r = resourceEntry(resources[i], `${next.where}.resources`, i);
      const values = objectAt(r.values, `${next.where}.resources[${i}].values`);
      out.push(values === r.values ? r : { ...r, values });
    }
    const children = listAt(m.child_modules, `${next.where}.child_modules`);
    for (let i = children.length - 1; i >= 0; i--) pending.push({ module: children[i], where: `${next.where}.child_modules[${i}]` });
  }
  return out;
}

/** Maps `module.a.module.b.type.name` (no indexes) to the resource's configuration expressions. */
function configurationExpressions(configuration: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const root = objectAt(objectAt(configuration, "configuration")?.root_module, "configuration.root_module");
  // Module calls are followed with a list of their own, not by recursion: nesting cannot overflow the stack.
  const pending: { module: Record<string, unknown> | undefined; prefix: string; where: string }[] = [{ module: root, prefix: "", where: "configuration.root_module" }];
  while (pending.length > 0) {
    const { module: m, prefix, where } = pending.pop()!;
    if (m === undefined) continue;
    const resources = listAt(m.resources, `${where}.resources`);
    for (let i = 0; i < resources.length; i++) {
      const r = objectAt(resources[i], `${where}.resources[${i}]`);
      if (r === undefined || typeof r.address !== "string") throw new PlanShapeError(`${where}.resources[${i}] has no "address"`);
      out.set(prefix + r.address, r.expressions ?? {});
    }
    const calls = objectAt(m.module_calls, `${where}.module_calls`) ?? {};
    for (const name of Object.keys(calls)) {
      const call = objectAt(calls[name], `${where}.module_calls.${name}`);
      pending.push({ module: objectAt(call?.module, `${where}.module_calls.${name}.module`), prefix: `${prefix}module.${name}.`, where: `${where}.module_calls.${name}.module` });
    }
  }
  return out;
}

/** A list of the plan: absent or null reads as empty; anything else but a list is a shape error. */
function listAt(v: unknown, where: string): readonly unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new PlanShapeError(`${where} is ${describe(v)}, not a list`);
  return v;
}

/** An object of the plan: absent or null reads as undefined; anything else but an object is a shape error. */
function objectAt(v: unknown, where: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw new PlanShapeError(`${where} is ${describe(v)}, not an object`);
  return v as Record<string, unknown>;
}

/** A short description of a JSON value's type for error messages. */
function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}
