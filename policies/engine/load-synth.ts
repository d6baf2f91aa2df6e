import { constantLocals, localSubstitution } from "./locals";
import { Resource, ResourceInit } from "./model";
import { Suppression } from "./types";

/** True when a parsed JSON value looks like a Terraform JSON configuration. */
export function isTerraformConfig(json: unknown): json is Record<string, unknown> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  if ("planned_values" in o || "resource_changes" in o || "format_version" in o) return false;
  return ["resource", "data", "terraform", "provider", "module", "output", "variable", "locals"].some((k) => k in o);
}

export interface LoadConfigOptions {
  /**
   * Clears each resource's `"//"` metadata block (sets it to undefined) once its suppressions and construct path are
   * read: nothing reads it afterwards, and a large configuration then keeps less alive while it is checked. Only for a
   * parsed configuration that belongs to the check alone, since it changes the object.
   * @default false
   */
  readonly releaseMetadata?: boolean;
}

/** Normalizes the resources and data sources of a Terraform JSON configuration (e.g. a cdktf `cdk.tf.json`). */
export function loadConfig(json: Record<string, unknown>, stack: string, file?: string, options: LoadConfigOptions = {}): Resource[] {
  const release = options.releaseMetadata === true;
  // References to locals with constant values read as those values (none in most configurations: no extra work).
  const locals = json.locals === undefined ? undefined : constantLocals(json.locals);
  const substitution = locals !== undefined && locals.size > 0 ? localSubstitution(locals) : undefined;
  const out: Resource[] = [];
  // One description, refilled for each resource: a resource copies what it keeps, and configurations are large.
  const init: Mutable<ResourceInit> = { address: "", type: "", name: "", mode: "managed", stack, values: undefined, file, source: "synth" };
  for (const [mode, key] of [["managed", "resource"], ["data", "data"]] as const) {
    const groups = blocksOf(json[key]);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const types = Object.keys(group);
      for (let t = 0; t < types.length; t++) {
        const type = types[t];
        const blocks = blocksOf(group[type]);
        for (let n = 0; n < blocks.length; n++) {
          const named = blocks[n];
          const names = Object.keys(named);
          for (let k = 0; k < names.length; k++) {
            const name = names[k];
            const body = named[name];
            if (body === null || typeof body !== "object" || Array.isArray(body)) continue;
            // The values are the body as parsed, not a copy: Terraform ignores `"//"` keys, and so do views
            // (`referencesInto` skips them, and no rule reads that path). Only a body that uses a constant local is
            // copied, with the local's value put in.
            const values = (substitution !== undefined ? substitution.apply(body) : body) as Record<string, unknown>;
            const meta = values["//"];
            init.address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
            init.type = type;
            init.name = name;
            init.mode = mode;
            init.values = values;
            init.suppressions = suppressionsFromMeta(meta);
            init.path = constructPath(meta);
            out.push(new Resource(init));
            // Set to undefined rather than deleted: deleting a property makes the object slower to read.
            if (release && meta !== undefined) values["//"] = undefined;
          }
        }
      }
    }
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_SUPPRESSIONS: Suppression[] = Object.freeze([]) as unknown as Suppression[];

/** Suppressions recorded by `Policy.suppress` in a resource's `"//"` metadata block. */
export function suppressionsFromMeta(meta: unknown): Suppression[] {
  const ztb = (meta as { ztb?: { suppressions?: unknown } } | undefined)?.ztb;
  const list = ztb?.suppressions;
  if (!Array.isArray(list)) return NO_SUPPRESSIONS;
  return list
    .filter((s): s is Record<string, unknown> => s !== null && typeof s === "object" && typeof s.id === "string")
    .map((s) => ({
      id: s.id as string,
      reason: typeof s.reason === "string" ? s.reason : "",
      expires: typeof s.expires === "string" ? s.expires : undefined,
      appliesTo: typeof s.appliesTo === "string" ? s.appliesTo : undefined,
    }));
}

function constructPath(meta: unknown): string | undefined {
  const p = (meta as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof p === "string" ? p : undefined;
}

function blocksOf(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter((x): x is Record<string, unknown> => x !== null && typeof x === "object");
  if (v !== null && typeof v === "object") return [v as Record<string, unknown>];
  return [];
}
