import type { SourceLocation } from "./locations";
import { startRun } from "./run-cache";
import { View } from "./view";
import { Ref, Suppression } from "./types";

export interface ResourceInit {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: "managed" | "data";
  readonly stack: string;
  readonly values: unknown;
  readonly unknown?: unknown;
  readonly expressions?: unknown;
  readonly suppressions?: readonly Suppression[];
  readonly path?: string;
  readonly file?: string;
  readonly source: "synth" | "plan";
}

const NO_SUPPRESSIONS: readonly Suppression[] = Object.freeze([]);

/** One resource or data source of a configuration or plan, normalized. */
export class Resource extends View {
  /** Terraform address: `aws_instance.web`, `data.aws_iam_policy_document.p`, `module.m.aws_vpc.v[0]`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: "managed" | "data";
  /** Stack (cdktf) or input name the resource belongs to. */
  readonly stack: string;
  /** Module prefix of the address (`module.m.`), empty at the root. */
  readonly modulePrefix: string;
  readonly suppressions: readonly Suppression[];
  /** Construct path (synthesized input). */
  readonly path?: string;
  readonly file?: string;
  readonly source: "synth" | "plan";

  constructor(init: ResourceInit) {
    super(init.values, init.unknown, init.expressions, init.source === "plan");
    this.address = init.address;
    this.type = init.type;
    this.name = init.name;
    this.mode = init.mode;
    this.stack = init.stack;
    this.suppressions = init.suppressions ?? NO_SUPPRESSIONS;
    this.path = init.path;
    this.file = init.file;
    this.source = init.source;
    const m = init.address.startsWith("module.") ? /^((?:module\.[^.]+(?:\[[^\]]*\])?\.)*)/.exec(init.address) : null;
    this.modulePrefix = m ? m[1] : "";
    this.baseAddress = init.address.endsWith("]") ? init.address.replace(/\[[^\]]*\]$/, "") : init.address;
  }

  /** Address without a trailing count/for_each index. */
  readonly baseAddress: string;

  /** Values of `Model.memoFor`: the model that computed them, then pairs of a key's slot and its value. */
  memoValues: unknown[] | undefined = undefined;

  /**
   * Where the resource (or, given a finding's item, the part of it the item names) is written in `file`, when the
   * reader recorded it while parsing (YAML manifests); undefined otherwise, and `withLocations` finds the resource in
   * its JSON file after the check.
   */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the readers that record locations override it
  locate(_item?: string): SourceLocation | undefined {
    return undefined;
  }

  /**
   * Drops what rules derived from this resource and memoized on it (`Model.memoFor` values, block and reference
   * lists). Memos are pure, so a later rule that asks again gets the same values computed anew.
   */
  releaseMemos(): void {
    this.memoValues = undefined;
    this.forgetMemos();
  }
}

/** The init a resource was made from (its values as read), to make a resource like it. */
export function initOf(r: Resource): ResourceInit {
  return {
    address: r.address,
    type: r.type,
    name: r.name,
    mode: r.mode,
    stack: r.stack,
    values: r.raw,
    unknown: r.unknownTree,
    expressions: r.exprTree,
    suppressions: r.suppressions,
    path: r.path,
    file: r.file,
    source: r.source,
  };
}

/** All resources of one check run, indexed for rules that look across resources. */
export class Model {
  readonly resources: readonly Resource[];
  /** Time used to judge suppression expiry. */
  readonly now: Date;
  private readonly byType = new Map<string, Resource[]>();
  /** Per stack, by address without index: the resource, or every instance of a counted address (no list per resource). */
  private readonly byStack = new Map<string, Map<string, Resource | Resource[]>>();
  /** Reverse reference indexes by type, then path: target resource → resources referencing it. */
  private readonly refIndex = new Map<string, Map<string, Map<Resource, Resource[]>>>();
  /** Per stack, per type. */
  private readonly byTypeIn = new Map<string, Map<string, Resource[]>>();
  private readonly memos = new Map<string, unknown>();
  private readonly stackMemos = new Map<string, Map<string, unknown>>();
  /** Slot of each `memoFor` key in `Resource.memoValues`. */
  private readonly memoSlots = new Map<string, number>();

  constructor(resources: readonly Resource[], now: Date = new Date()) {
    startRun();
    this.resources = resources;
    this.now = now;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      push(this.byType, r.mode === "data" ? `data.${r.type}` : r.type, r);
      let inStack = this.byStack.get(r.stack);
      if (inStack === undefined) this.byStack.set(r.stack, (inStack = new Map()));
      const same = inStack.get(r.baseAddress);
      if (same === undefined) inStack.set(r.baseAddress, r);
      else if (Array.isArray(same)) same.push(r);
      else inStack.set(r.baseAddress, [same, r]);
    }
  }

  /**
   * Computes `compute()` once per model and key, and returns the same value afterwards. Rules that look across
   * resources use it to avoid redoing the same work per resource. Keys are shared by all rules: prefix them with the
   * rule or helper name. For a table per stack, `memoIn` avoids building a key per call.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /**
   * Like `memo`, for a table of the stack of `near` (e.g. "the network policies of this stack"): computes
   * `compute(near, model)` once per model, key and stack.
   */
  memoIn<T>(key: string, near: Resource, compute: (near: Resource, model: Model) => T): T {
    let byStack = this.stackMemos.get(key);
    if (byStack === undefined) this.stackMemos.set(key, (byStack = new Map()));
    if (byStack.has(near.stack)) return byStack.get(near.stack) as T;
    const value = compute(near, this);
    byStack.set(near.stack, value);
    return value;
  }

  /**
   * Like `memo`, for a value derived from one resource: computes `compute(resource, model)` once per model, key and
   * resource (e.g. the normalized rules of a security group, shared by every rule that judges them). Pass a function
   * declared once rather than a new closure per call: this is called for nearly every resource by many rules.
   * `evaluate` releases a resource's values once every rule has run on it, so `compute` must be pure: a rule on another
   * resource that asks later gets the value computed again.
   */
  memoFor<T>(key: string, resource: Resource, compute: (resource: Resource, model: Model) => T): T {
    let slot = this.memoSlots.get(key);
    if (slot === undefined) this.memoSlots.set(key, (slot = this.memoSlots.size));
    // Values live on the resource as `[model, slot, value, slot, value, ...]`: a resource holds a few memos, and a
    // list of its exact size keeps less alive than one slot per key.
    let values = resource.memoValues;
    if (values !== undefined && values[0] === this) {
      for (let i = 1; i < values.length; i += 2) if (values[i] === slot) return values[i + 1] as T;
    }
    const value = compute(resource, this);
    // `compute` may have added memos of its own to the resource: read the list again.
    values = resource.memoValues;
    if (values === undefined || values[0] !== this) {
      resource.memoValues = [this, slot, value];
    } else {
      const n = values.length;
      const grown = new Array<unknown>(n + 2);
      for (let i = 0; i < n; i++) grown[i] = values[i];
      grown[n] = slot;
      grown[n + 1] = value;
      resource.memoValues = grown;
    }
    return value;
  }

  /** Managed resources of a type (`aws_vpc`), or data sources with a `data.` prefix. */
  ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  /** Resources of a type in the same stack as `near`. The list is shared and frozen: copy it before changing it. */
  ofTypeIn(type: string, near: Resource): Resource[] {
    let inStack = this.byTypeIn.get(near.stack);
    if (inStack === undefined) this.byTypeIn.set(near.stack, (inStack = new Map()));
    let list = inStack.get(type);
    if (!list) {
      list = Object.freeze(this.ofType(type).filter((r) => r.stack === near.stack)) as Resource[];
      inStack.set(type, list);
    }
    return list;
  }

  /** Resolves a reference made by `from` to the resource(s) it names (several when counted). */
  resolveAll(from: Resource, ref: Ref): readonly Resource[] {
    const found = this.lookup(from, ref);
    return found === undefined ? NONE : Array.isArray(found) ? found : [found];
  }

  /** Resolves a reference made by `from` to the first resource it names. */
  resolve(from: Resource, ref: Ref): Resource | undefined {
    const found = this.lookup(from, ref);
    return Array.isArray(found) ? found[0] : found;
  }

  /** The entry of the address map a reference names: in the module of `from` first, then at the root. */
  private lookup(from: Resource, ref: Ref): Resource | Resource[] | undefined {
    if (ref.kind !== "resource" && ref.kind !== "data") return undefined;
    const inStack = this.byStack.get(from.stack);
    if (inStack === undefined) return undefined;
    const local = from.modulePrefix !== "" ? inStack.get(from.modulePrefix + ref.address) : undefined;
    return local ?? inStack.get(ref.address);
  }

  /** Resources referenced from `path` of `from`, optionally limited to some types. */
  referenced(from: Resource | View, path: string, types: readonly string[] | undefined, owner?: Resource): Resource[] {
    const base = owner ?? (from instanceof Resource ? from : undefined);
    if (!base) return [];
    const out: Resource[] = [];
    const refs = from.refs(path);
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      if (types && (!ref.type || !types.includes(ref.type))) continue;
      const targets = this.resolveAll(base, ref);
      for (let j = 0; j < targets.length; j++) if (!out.includes(targets[j])) out.push(targets[j]);
    }
    return out;
  }

  /**
   * Resources of `type` in the same stack whose value at `path` (anywhere when omitted) references `target`.
   * This is how cross-resource rules find, e.g., the flow logs of a VPC.
   */
  referrers(target: Resource, type: string, path?: string): Resource[] {
    const key = path ?? "";
    let byPath = this.refIndex.get(type);
    if (byPath === undefined) this.refIndex.set(type, (byPath = new Map()));
    let index = byPath.get(key);
    if (!index) {
      index = new Map();
      const sources = this.ofType(type);
      for (let i = 0; i < sources.length; i++) {
        const r = sources[i];
        const refs = r.refs(path);
        for (let j = 0; j < refs.length; j++) {
          const targets = this.resolveAll(r, refs[j]);
          for (let k = 0; k < targets.length; k++) {
            const t = targets[k];
            // A reference resolves to every resource of its stack with that address, so keying by resource is
            // keying by (stack, address).
            const list = index.get(t);
            if (list === undefined) index.set(t, [r]);
            else if (!list.includes(r)) list.push(r);
          }
        }
      }
      byPath.set(key, index);
    }
    return index.get(target) ?? NONE;
  }
}

const NONE: Resource[] = Object.freeze([]) as unknown as Resource[];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
