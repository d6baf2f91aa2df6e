import { Model, Resource } from "../../engine/model";
import { fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome, Val } from "../../engine/types";
import { ABSENT, View } from "../../engine/view";

export const NAMESPACE_TYPES = ["kubernetes_namespace", "kubernetes_namespace_v1"];
export const NETWORK_POLICY_TYPES = ["kubernetes_network_policy", "kubernetes_network_policy_v1"];
export const SERVICE_ACCOUNT_TYPES = [
  "kubernetes_service_account",
  "kubernetes_service_account_v1",
  "kubernetes_default_service_account",
  "kubernetes_default_service_account_v1",
];

const POD_TYPES = ["kubernetes_pod", "kubernetes_pod_v1"];
const TEMPLATE_TYPES = [
  "kubernetes_deployment",
  "kubernetes_deployment_v1",
  "kubernetes_stateful_set",
  "kubernetes_stateful_set_v1",
  "kubernetes_daemonset",
  "kubernetes_daemon_set_v1",
  "kubernetes_replication_controller",
  "kubernetes_replication_controller_v1",
  "kubernetes_job",
  "kubernetes_job_v1",
];
const CRON_TYPES = ["kubernetes_cron_job", "kubernetes_cron_job_v1"];

/** Every resource type that carries a pod template (or is a pod). */
export const WORKLOAD_TYPES = [...POD_TYPES, ...TEMPLATE_TYPES, ...CRON_TYPES];

/** Path of the pod template of a workload type: `""` for a pod itself. */
export function podTemplatePath(type: string): string | undefined {
  if (POD_TYPES.includes(type)) return "";
  if (TEMPLATE_TYPES.includes(type)) return "spec.template";
  if (CRON_TYPES.includes(type)) return "spec.job_template.spec.template";
  return undefined;
}

function join(base: string, path: string): string {
  return base === "" ? path : `${base}.${path}`;
}

/** The pod spec of a workload (`spec`, `spec.template.spec`, `spec.job_template.spec.template.spec`). */
export function podSpec(res: Resource): View | undefined {
  const base = podTemplatePath(res.type);
  if (base === undefined) return undefined;
  return res.blocks(join(base, "spec"))[0];
}

/** True when the pod spec block itself is unknown (e.g. a dynamic block in a plan). */
export function podSpecUnknown(res: Resource): boolean {
  const base = podTemplatePath(res.type);
  return base !== undefined && res.blocksUnknown(join(base, "spec"));
}

/** The labels of the pods a workload creates. */
export function podLabels(res: Resource): Val {
  const base = podTemplatePath(res.type);
  if (base === undefined) return ABSENT;
  return res.get(join(base, "metadata.labels"));
}

export type ContainerKind = "container" | "init_container" | "ephemeral_container";

export interface Container {
  readonly kind: ContainerKind;
  /** Container name when known. */
  readonly name?: string;
  readonly index: number;
  readonly view: View;
  /** Finding item naming the container: `Container::app`. */
  readonly item: string;
  /** Human label for messages: `init container "init"`. */
  readonly label: string;
  /** True when the container comes from a `dynamic` block template. */
  readonly dynamic: boolean;
}

const KINDS: readonly ContainerKind[] = ["container", "init_container", "ephemeral_container"];
const KIND_LABEL: Record<ContainerKind, string> = {
  container: "container",
  init_container: "init container",
  ephemeral_container: "ephemeral container",
};

/** Every container of a pod spec: regular, init and ephemeral ones, plus the content of `dynamic` blocks. */
export function containersOf(spec: View | undefined): Container[] {
  if (!spec) return [];
  const out: Container[] = [];
  for (let i = 0; i < KINDS.length; i++) {
    const kind = KINDS[i];
    const literal = spec.literalBlockCount(kind);
    spec.blocks(kind).forEach((view, index) => out.push(container(kind, view, index, index >= literal)));
  }
  return out;
}

function container(kind: ContainerKind, view: View, index: number, dynamic: boolean): Container {
  const name = view.str("name");
  const id = name ?? (dynamic ? `dynamic:${kind}` : `${kind}[${index}]`);
  return {
    kind,
    name,
    index,
    view,
    dynamic,
    item: `Container::${id}`,
    label: `${KIND_LABEL[kind]} "${id}"`,
  };
}

/** The pod spec and containers of a workload, or undefined when the resource is not a workload. */
export function workloadOf(res: Resource, model: Model): Workload | undefined {
  // Read once per model and resource, and shared by every container rule.
  return model.memoFor("k8s:workload", res, readWorkload);
}

export interface Workload {
  readonly spec: View | undefined;
  readonly containers: readonly Container[];
  readonly specUnknown: boolean;
}

function readWorkload(res: Resource): Workload | undefined {
  if (podTemplatePath(res.type) === undefined) return undefined;
  const spec = podSpec(res);
  return { spec, containers: Object.freeze(containersOf(spec)), specUnknown: spec === undefined && podSpecUnknown(res) };
}

/**
 * Runs `check` on every container of a workload (init and ephemeral containers included) and collects the
 * outcomes. Not applicable to non-workloads; unknown when the pod spec is computed at apply time.
 */
export function eachContainer(
  res: Resource,
  model: Model,
  check: (c: Container, pod: View | undefined) => Outcome | readonly Outcome[],
  kinds: readonly ContainerKind[] = KINDS,
): Outcome[] {
  const w = workloadOf(res, model);
  if (!w) return [na("not a workload")];
  if (w.specUnknown) return [unknown("the pod spec is computed at apply time")];
  const containers = w.containers;
  // Room for one outcome per container, the usual count; a check that returns several grows the list.
  const out = new Array<Outcome>(containers.length);
  let n = 0;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    if (kinds !== KINDS && !kinds.includes(c.kind)) continue;
    const o = check(c, w.spec);
    if (Array.isArray(o)) for (let j = 0; j < o.length; j++) out[n++] = (o as readonly Outcome[])[j];
    else out[n++] = o as Outcome;
  }
  if (n === 0) return NO_CONTAINERS;
  if (n < out.length) out.length = n;
  return out;
}

const NO_CONTAINERS: Outcome[] = Object.freeze([na("no containers")]) as unknown as Outcome[];

/**
 * Judges a boolean `security_context` setting of every container: pass when it is `safe`; fail when it is left out
 * (Kubernetes then applies the opposite) or set otherwise; unknown when computed at apply time.
 */
export function requireContainerFlag(res: Resource, model: Model, setting: string, safe: boolean): Outcome[] {
  const path = `security_context.${setting}`;
  return eachContainer(res, model, (c) => {
    const v = c.view.get(path);
    if (v.kind === "unknown") return unknown(`${setting} of ${c.label} is computed at apply time`, c.item);
    if (v.kind === "known" && (v.value === safe || v.value === String(safe))) return pass(c.item);
    if (v.kind === "absent") return fail(`${c.label} does not set ${setting} (defaults to ${String(!safe)})`, c.item);
    return fail(`${c.label} sets ${setting} = ${String(v.value)}`, c.item);
  });
}

/**
 * A security-context setting as it applies to a container: the container's own value, else the pod-level
 * value (Kubernetes lets the container override the pod for run_as_non_root, run_as_user, run_as_group and
 * seccomp_profile).
 */
export function effectiveSetting(c: Container, pod: View | undefined, path: string): { val: Val; from: "container" | "pod" | "none" } {
  let full = SECURITY_CONTEXT_PATHS.get(path);
  if (full === undefined) SECURITY_CONTEXT_PATHS.set(path, (full = `security_context.${path}`));
  const own = c.view.get(full);
  if (own.kind !== "absent") return { val: own, from: "container" };
  const inherited = pod ? pod.get(full) : ABSENT;
  if (inherited.kind !== "absent") return { val: inherited, from: "pod" };
  return { val: ABSENT, from: "none" };
}

const SECURITY_CONTEXT_PATHS = new Map<string, string>();

/** A known map (labels, limits) as a plain record, or undefined. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** True when a raw value is a Terraform expression string. */
export function isExpr(v: unknown): boolean {
  return typeof v === "string" && v.includes("${");
}

// ---------------------------------------------------------------------------------------------------------
// Namespaces

/** The key a namespace resource is matched by: its literal name, or `@<address>` when the name is unknown. */
export function namespaceKeyOf(ns: Resource): string {
  const name = ns.str("metadata.name");
  return name !== undefined && name !== "" ? name : `@${ns.address}`;
}

/**
 * The namespace key of a namespaced resource: a literal namespace, a reference to a kubernetes_namespace(_v1)
 * resolved to that namespace's key, or `default` when absent. Undefined when the namespace cannot be known.
 */
export function namespaceOf(res: Resource, model: Model, path = "metadata.namespace"): string | undefined {
  // Several rules ask for the namespace of the same resource: resolve it once per model.
  if (path === "metadata.namespace") return model.memoFor("k8s:namespace-of", res, resolveOwnNamespace);
  let memo = NAMESPACE_MEMOS.get(path);
  if (memo === undefined) NAMESPACE_MEMOS.set(path, (memo = { key: `k8s:namespace-of:${path}`, read: (r, m) => resolveNamespace(r, m, path) }));
  return model.memoFor(memo.key, res, memo.read);
}

/** The memo key and reader of each namespace path other than `metadata.namespace`. */
const NAMESPACE_MEMOS = new Map<string, { readonly key: string; readonly read: (r: Resource, m: Model) => string | undefined }>();

function resolveOwnNamespace(res: Resource, model: Model): string | undefined {
  return resolveNamespace(res, model, "metadata.namespace");
}

function resolveNamespace(res: Resource, model: Model, path: string): string | undefined {
  const v = res.get(path);
  if (v.kind === "absent") return "default";
  if (v.kind === "known") return typeof v.value === "string" && v.value !== "" ? v.value : undefined;
  const refs = v.refs;
  for (let i = 0; i < refs.length; i++) {
    // A namespace resource, or a manifest read as one (`${kubernetes_manifest.ns.manifest.metadata.name}`).
    const ns = model.resolve(res, refs[i]);
    if (ns && NAMESPACE_TYPES.includes(ns.type)) return namespaceKeyOf(ns);
  }
  return undefined;
}

/** The namespace resources of a stack. */
export function namespacesIn(model: Model, near: Resource): Resource[] {
  return ofTypesIn(model, NAMESPACE_TYPES, near);
}

/** Resources of several types in the same stack as `near`, type by type. */
export function ofTypesIn(model: Model, types: readonly string[], near: Resource): Resource[] {
  const out: Resource[] = [];
  for (let i = 0; i < types.length; i++) {
    const ofType = model.ofTypeIn(types[i], near);
    for (let j = 0; j < ofType.length; j++) out.push(ofType[j]);
  }
  return out;
}

/**
 * Labels of a namespace: its own `metadata.labels` merged with `kubernetes_labels` resources that target it
 * (kind Namespace). `unknown` is true when some label set cannot be read at plan time.
 */
export function namespaceLabels(ns: Resource, model: Model): { labels: Record<string, unknown>; unknown: boolean } {
  const own = ns.get("metadata.labels");
  let unknownLabels = own.kind === "unknown";
  const labels: Record<string, unknown> = { ...(own.kind === "known" ? asRecord(own.value) ?? {} : {}) };
  const labelResources = labelResourcesOf(model, ns).get(namespaceKeyOf(ns)) ?? [];
  for (let i = 0; i < labelResources.length; i++) {
    const l = labelResources[i];
    const extra = l.get("labels");
    if (extra.kind === "unknown") unknownLabels = true;
    if (extra.kind === "known") Object.assign(labels, asRecord(extra.value) ?? {});
  }
  return { labels, unknown: unknownLabels };
}

/** The `kubernetes_labels` resources (kind Namespace) of a stack by the key of the namespace they target, computed once per stack. */
function labelResourcesOf(model: Model, near: Resource): ReadonlyMap<string, readonly Resource[]> {
  return model.memoIn("k8s:namespace-labels", near, readLabelResources);
}

function readLabelResources(near: Resource, model: Model): ReadonlyMap<string, readonly Resource[]> {
  const out = new Map<string, Resource[]>();
  const labelResources = model.ofTypeIn("kubernetes_labels", near);
  for (let i = 0; i < labelResources.length; i++) {
    const l = labelResources[i];
    if (l.str("kind") !== "Namespace") continue;
    const name = l.get("metadata.name");
    let target: string | undefined;
    if (name.kind === "known") target = typeof name.value === "string" ? name.value : undefined;
    else if (name.kind === "unknown") {
      const resolved = name.refs.map((ref) => model.resolve(l, ref)).find((r) => r !== undefined && NAMESPACE_TYPES.includes(r.type));
      target = resolved ? namespaceKeyOf(resolved) : undefined;
    }
    if (target === undefined) continue;
    const list = out.get(target);
    if (list) list.push(l);
    else out.set(target, [l]);
  }
  return out;
}

const NO_INDEXES: readonly number[] = Object.freeze([]);
const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/**
 * Namespaced items grouped by namespace key, in their original order. An item whose namespace is unknown
 * (undefined) may be in any namespace, so it belongs to every group.
 */
export class NamespaceGroups<T> {
  private readonly keyed = new Map<string, number[]>();
  private readonly open: number[] = [];
  /** Selections by namespace, then by the second namespace (`""` for none). */
  private readonly selections = new Map<string, Map<string, readonly T[]>>();

  constructor(
    /** Every item, in order. */
    readonly all: readonly T[],
    namespaceOfItem: (item: T) => string | undefined,
  ) {
    for (let i = 0; i < all.length; i++) {
      const ns = namespaceOfItem(all[i]);
      if (ns === undefined) this.open.push(i);
      else {
        const list = this.keyed.get(ns);
        if (list) list.push(i);
        else this.keyed.set(ns, [i]);
      }
    }
  }

  /**
   * The items that may be in `namespace` or in `also` (those in it and those whose namespace is unknown), in their
   * original order; every item when the namespace is itself unknown. The list is shared and frozen.
   */
  in(namespace: string | undefined, also?: string): readonly T[] {
    if (namespace === undefined) return this.all;
    let byAlso = this.selections.get(namespace);
    if (byAlso === undefined) this.selections.set(namespace, (byAlso = new Map()));
    const second = also ?? "";
    let list = byAlso.get(second);
    if (list === undefined) {
      const inAlso = also === undefined || also === namespace ? NO_INDEXES : this.keyed.get(also) ?? NO_INDEXES;
      list = this.pick(this.open, this.keyed.get(namespace) ?? NO_INDEXES, inAlso);
      byAlso.set(second, list);
    }
    return list;
  }

  /** The items at the indexes of three ascending lists of distinct indexes, merged in order. */
  private pick(a: readonly number[], b: readonly number[], c: readonly number[]): readonly T[] {
    const n = a.length + b.length + c.length;
    if (n === 0) return NO_ITEMS as readonly T[];
    const out = new Array<T>(n);
    let i = 0;
    let j = 0;
    let k = 0;
    for (let m = 0; m < n; m++) {
      const x = i < a.length ? a[i] : Infinity;
      const y = j < b.length ? b[j] : Infinity;
      const z = k < c.length ? c[k] : Infinity;
      if (x <= y && x <= z) out[m] = this.all[a[i++]];
      else if (y <= z) out[m] = this.all[b[j++]];
      else out[m] = this.all[c[k++]];
    }
    return Object.freeze(out);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Label selectors

/** True when a label selector block selects every pod (no match_labels and no match_expressions). */
export function selectorIsEmpty(sel: View | undefined): boolean | undefined {
  if (!sel) return true;
  const ml = sel.get("match_labels");
  if (ml.kind === "unknown") return undefined;
  const labels = ml.kind === "known" ? asRecord(ml.value) : undefined;
  if (labels && Object.keys(labels).length > 0) return false;
  if (sel.blocksUnknown("match_expressions")) return undefined;
  return sel.blocks("match_expressions").length === 0;
}

/**
 * Whether a label selector selects pods with `labels`: every match_labels pair present, every
 * match_expressions requirement (In, NotIn, Exists, DoesNotExist) met. Undefined when it depends on unknown values.
 */
export function selectorMatches(sel: View | undefined, labels: Record<string, unknown>): boolean | undefined {
  if (!sel) return true;
  let undecided = false;
  const ml = sel.get("match_labels");
  if (ml.kind === "unknown") undecided = true;
  const matchLabels = (ml.kind === "known" && asRecord(ml.value)) || {};
  for (const k in matchLabels) {
    const want = matchLabels[k];
    const have = labels[k];
    if (isExpr(want) || isExpr(have)) undecided = true;
    else if (have !== want) return false;
  }
  if (sel.blocksUnknown("match_expressions")) undecided = true;
  const expressions = sel.blocks("match_expressions");
  for (let i = 0; i < expressions.length; i++) {
    const e = expressions[i];
    const key = e.str("key");
    const op = e.str("operator");
    const values = e.list("values")?.map(String);
    if (key === undefined || op === undefined) {
      undecided = true;
      continue;
    }
    const have = labels[key];
    if (isExpr(have)) {
      undecided = true;
      continue;
    }
    const present = have !== undefined;
    let ok: boolean | undefined;
    if (op === "Exists") ok = present;
    else if (op === "DoesNotExist") ok = !present;
    else if (!values || values.some(isExpr)) ok = undefined;
    else if (op === "In") ok = present && values.includes(String(have));
    else if (op === "NotIn") ok = !present || !values.includes(String(have));
    if (ok === undefined) undecided = true;
    else if (!ok) return false;
  }
  return undecided ? undefined : true;
}

// ---------------------------------------------------------------------------------------------------------
// Network policies

export interface NetworkPolicyInfo {
  readonly res: Resource;
  /** Namespace key, undefined when unknown. */
  readonly namespace: string | undefined;
  readonly selector: View | undefined;
  /** Effective policy types (Kubernetes default: Ingress, plus Egress when egress rules exist). Undefined when unknown. */
  readonly types: string[] | undefined;
  /** Number of ingress / egress rules; undefined when dynamic or unknown. */
  readonly ingressRules: number | undefined;
  readonly egressRules: number | undefined;
}

function ruleCount(spec: View | undefined, kind: "ingress" | "egress"): number | undefined {
  if (!spec) return 0;
  if (spec.blocksUnknown(kind) || spec.has(`dynamic.${kind}`)) return undefined;
  return spec.blocks(kind).length;
}

/** The network policies of a stack, normalized once per stack and grouped by namespace. */
export function networkPoliciesIn(model: Model, near: Resource): NamespaceGroups<NetworkPolicyInfo> {
  return model.memoIn("k8s:network-policies", near, readNetworkPolicies);
}

function readNetworkPolicies(near: Resource, model: Model): NamespaceGroups<NetworkPolicyInfo> {
  const all = ofTypesIn(model, NETWORK_POLICY_TYPES, near).map((np) => networkPolicyInfo(np, model));
  return new NamespaceGroups(all, (np) => np.namespace);
}

function networkPolicyInfo(np: Resource, model: Model): NetworkPolicyInfo {
  const spec = np.blocks("spec")[0];
  const ingressRules = ruleCount(spec, "ingress");
  const egressRules = ruleCount(spec, "egress");
  const pt = spec?.get("policy_types") ?? ABSENT;
  let types: string[] | undefined;
  if (pt.kind === "known") types = (Array.isArray(pt.value) ? pt.value : [pt.value]).map(String);
  else if (pt.kind === "absent") {
    if (egressRules === undefined) types = undefined;
    else types = egressRules > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  }
  if (types && types.some(isExpr)) types = undefined;
  return {
    res: np,
    namespace: namespaceOf(np, model),
    selector: spec?.blocks("pod_selector")[0],
    types,
    ingressRules,
    egressRules,
  };
}

/**
 * Whether a network policy is a default deny for `direction`: it selects every pod, lists the direction in
 * policy_types, and has no rule for it. Undefined when that depends on unknown values.
 */
export function isDefaultDeny(np: NetworkPolicyInfo, direction: "Ingress" | "Egress"): boolean | undefined {
  const empty = selectorIsEmpty(np.selector);
  const rules = direction === "Ingress" ? np.ingressRules : np.egressRules;
  if (empty === false) return false;
  if (np.types !== undefined && !np.types.includes(direction)) return false;
  if (rules !== undefined && rules > 0) return false;
  if (empty === undefined || np.types === undefined || rules === undefined) return undefined;
  return true;
}
