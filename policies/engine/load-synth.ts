import { InputError } from "./input-error";
import { constantLocals, localSubstitution } from "./locals";
import { asManifestResource } from "./manifests";
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

/**
 * Normalizes the resources and data sources of a Terraform JSON configuration (e.g. a cdktf `cdk.tf.json`), in the
 * shapes HCL's JSON syntax allows: a block key may hold an object or an array of objects (`"resource": [{...}]`, a
 * resource body written as `"web": [{...}]`). Throws `InputError` where Terraform rejects the configuration: a resource
 * declared twice (two bodies for one name, or the same name in two `resource` objects), a block that is not an object,
 * a local value defined twice. Kubernetes manifests are read as the typed resources of their kinds (`asManifestResource`).
 */
export function loadConfig(json: Record<string, unknown>, stack: string, file?: string, options: LoadConfigOptions = {}): Resource[] {
  const release = options.releaseMetadata === true;
  // References to locals with constant values read as those values (none in most configurations: no extra work).
  const where = file === undefined ? "" : `${file}: `;
  const locals = json.locals === undefined ? undefined : constantLocals(json.locals, where);
  const substitution = locals !== undefined && locals.size > 0 ? localSubstitution(locals) : undefined;
  const out: Resource[] = [];
  // One description, refilled for each resource: a resource copies what it keeps, and configurations are large.
  const init: Mutable<ResourceInit> = { address: "", type: "", name: "", mode: "managed", stack, values: undefined, file, source: "synth" };
  const declared = new Set<string>();
  for (const [mode, key] of [["managed", "resource"], ["data", "data"]] as const) {
    const groups = blocksOf(json[key], key, where);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const types = Object.keys(group);
      for (let t = 0; t < types.length; t++) {
        const type = types[t];
        if (type === "//") continue;
        const blocks = blocksOf(group[type], `${key}.${type}`, where);
        for (let n = 0; n < blocks.length; n++) {
          const named = blocks[n];
          const names = Object.keys(named);
          for (let k = 0; k < names.length; k++) {
            const name = names[k];
            if (name === "//") continue;
            const address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
            const body = bodyOf(named[name], address, where);
            if (body === undefined) continue;
            if (declared.has(address)) throw duplicate(address, where);
            declared.add(address);
            // The values are the body as parsed, not a copy: Terraform ignores `"//"` keys, and so do views
            // (`referencesInto` skips them, and no rule reads that path). Only a body that uses a constant local is
            // copied, with the local's value put in.
            const values = (substitution !== undefined ? substitution.apply(body) : body) as Record<string, unknown>;
            const meta = values["//"];
            init.address = address;
            init.type = type;
            init.name = name;
            init.mode = mode;
            init.values = values;
            init.suppressions = suppressionsFromMeta(meta);
            init.path = constructPath(meta);
            // A Kubernetes manifest (kubernetes_manifest, kubectl_manifest) is read as the typed resource of its kind.
            out.push(asManifestResource(new Resource(init)));
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

/**
 * The objects a block key holds (`at`, such as `resource.aws_vpc`): one object, or each of an array of objects. `null`,
 * as in HCL's JSON syntax, holds no block.
 */
function blocksOf(v: unknown, at: string, where: string): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  if (isObject(v)) return [v];
  if (Array.isArray(v) && v.every(isObjectOrNull)) return v.filter(isObject);
  throw new InputError(`${where}${at} must be an object (or an array of objects), not ${kindOf(v)}`);
}

/**
 * The body of the resource at `address`: an object, or an array holding one. `null` and an empty array declare
 * nothing (undefined); two or more bodies declare the resource twice.
 */
function bodyOf(v: unknown, address: string, where: string): Record<string, unknown> | undefined {
  if (v === null) return undefined;
  if (Array.isArray(v) && v.every(isObjectOrNull)) {
    const bodies = v.filter(isObject);
    if (bodies.length > 1) throw duplicate(address, where);
    return bodies[0];
  }
  if (isObject(v)) return v;
  throw new InputError(`${where}the body of ${address} must be an object, not ${kindOf(v)}`);
}

function duplicate(address: string, where: string): InputError {
  return new InputError(`${where}${address} is declared more than once; Terraform rejects a duplicate resource`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isObjectOrNull(v: unknown): v is Record<string, unknown> | null {
  return v === null || isObject(v);
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array of other values";
  return `a ${typeof v}`;
}
