import type { Document, LineCounter } from "yaml";
import { InputError } from "./input-error";
import type { SourceLocation } from "./locations";
import { Resource, ResourceInit, initOf } from "./model";

/**
 * Kubernetes manifests reach a cluster in three carriers: a `kubernetes_manifest` (its `manifest` object), a
 * `kubectl_manifest` of the gavinbunney/kubectl provider (its `yaml_body`, one YAML document) and plain YAML files
 * (GitOps). The rules judge the typed resources of the Kubernetes provider (`kubernetes_deployment_v1`, ...: snake_case
 * attributes, nested blocks, singular block names), so a manifest of a core kind is read as the typed resource of its
 * kind, keeping the address of what carries it: a finding lands on the `kubernetes_manifest` or `kubectl_manifest`, or
 * on the YAML document. Any other kind (an Istio resource, a custom resource) is read as a `kubernetes_manifest` whose
 * `manifest` is the object, which is what the mesh rules read.
 */

/** The resource type the rules read a manifest of another kind as: its `manifest` value is the object. */
export const MANIFEST_TYPE = "kubernetes_manifest";
/** The kubectl provider's manifest resource: one YAML document in `yaml_body`. */
export const KUBECTL_MANIFEST_TYPE = "kubectl_manifest";

/** The typed Kubernetes provider resource type each core kind is read as. */
const TYPED_KINDS: ReadonlyMap<string, string> = new Map([
  ["Namespace", "kubernetes_namespace_v1"],
  ["Pod", "kubernetes_pod_v1"],
  ["Deployment", "kubernetes_deployment_v1"],
  ["StatefulSet", "kubernetes_stateful_set_v1"],
  ["DaemonSet", "kubernetes_daemon_set_v1"],
  ["ReplicationController", "kubernetes_replication_controller_v1"],
  // The typed provider has no ReplicaSet; a replication controller carries its pod template at the same place.
  ["ReplicaSet", "kubernetes_replication_controller_v1"],
  ["Job", "kubernetes_job_v1"],
  ["CronJob", "kubernetes_cron_job_v1"],
  ["NetworkPolicy", "kubernetes_network_policy_v1"],
  ["ServiceAccount", "kubernetes_service_account_v1"],
  ["Service", "kubernetes_service_v1"],
  ["Secret", "kubernetes_secret_v1"],
  ["ConfigMap", "kubernetes_config_map_v1"],
  ["Role", "kubernetes_role_v1"],
  ["ClusterRole", "kubernetes_cluster_role_v1"],
  ["RoleBinding", "kubernetes_role_binding_v1"],
  ["ClusterRoleBinding", "kubernetes_cluster_role_binding_v1"],
  ["Ingress", "kubernetes_ingress_v1"],
  ["ResourceQuota", "kubernetes_resource_quota_v1"],
  ["LimitRange", "kubernetes_limit_range_v1"],
]);

/**
 * The API groups of the core kinds (`""` for the core group; `extensions` served Deployments, DaemonSets, ReplicaSets,
 * NetworkPolicies and Ingresses before Kubernetes 1.16): a kind of the same name in another group is not read as typed.
 */
const CORE_GROUPS = new Set(["", "apps", "batch", "extensions", "networking.k8s.io", "rbac.authorization.k8s.io"]);

/**
 * List fields whose typed provider block has a singular name (`containers` → `container`). NetworkPolicy rules keep
 * `ports`, as the typed network policy does.
 */
const SINGULAR: ReadonlyMap<string, string> = new Map([
  ["containers", "container"],
  ["init_containers", "init_container"],
  ["ephemeral_containers", "ephemeral_container"],
  ["volumes", "volume"],
  ["volume_mounts", "volume_mount"],
  ["volume_devices", "volume_device"],
  ["ports", "port"],
  ["tolerations", "toleration"],
  ["topology_spread_constraints", "topology_spread_constraint"],
  ["readiness_gates", "readiness_gate"],
  ["sysctls", "sysctl"],
  ["rules", "rule"],
  ["subjects", "subject"],
  ["limits", "limit"],
  ["secrets", "secret"],
]);

/** Fields holding a map whose keys are data (label keys, resource names), never converted. */
const MAP_FIELDS = new Set([
  "labels",
  "annotations",
  "match_labels",
  "limits",
  "requests",
  "node_selector",
  "data",
  "string_data",
  "binary_data",
  "hard",
  "max",
  "min",
  "default",
  "default_request",
  "max_limit_request_ratio",
  "capacity",
]);

/** Field names whose typed spelling the generic rule misses (an acronym followed by a plural `s`). */
const FIELD_NAMES: ReadonlyMap<string, string> = new Map([["nonResourceURLs", "non_resource_urls"]]);

/** A manifest field name in the typed provider's spelling: `runAsNonRoot` → `run_as_non_root`, `hostPID` → `host_pid`. */
export function snakeCase(name: string): string {
  const special = FIELD_NAMES.get(name);
  if (special !== undefined) return special;
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** The typed provider type a manifest of `apiVersion` and `kind` is read as; undefined for other kinds. */
export function typedTypeOf(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  const slash = apiVersion.lastIndexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  return CORE_GROUPS.has(group) ? TYPED_KINDS.get(kind) : undefined;
}

/**
 * A core-kind manifest (or a plan's unknown-marker tree of one) in the typed provider's shape: keys in snake_case,
 * list fields renamed to their singular block names, maps (labels, limits, data, ...) kept as written. `kind` is the
 * manifest's kind: a Service's `spec.selector` is a map, and a NetworkPolicy's rules keep `ports`.
 */
export function toTypedShape(value: unknown, kind: string): unknown {
  return convert(value, kind, "");
}

function convert(value: unknown, kind: string, parent: string): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, kind, parent));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i];
    const snake = snakeCase(key);
    const isMap = v !== null && typeof v === "object" && !Array.isArray(v) && (MAP_FIELDS.has(snake) || (kind === "Service" && snake === "selector" && parent === "spec"));
    let name = snake;
    if (Array.isArray(v) && !(kind === "NetworkPolicy" && snake === "ports")) name = SINGULAR.get(snake) ?? snake;
    out[name] = isMap ? v : convert(v, kind, snake);
  }
  return out;
}

/** Where a manifest read as a model resource comes from. */
export interface ManifestOrigin {
  /** The carrier: a Terraform resource type (`kubernetes_manifest`, `kubectl_manifest`) or `yaml` for a YAML file. */
  readonly carrier: typeof MANIFEST_TYPE | typeof KUBECTL_MANIFEST_TYPE | "yaml";
  /** The manifest's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Index of the document in its YAML file (from 0); YAML files only. */
  readonly document?: number;
  /** Where the manifest (its first key) is written in its YAML file; YAML files only. */
  readonly at?: SourceLocation;
}

/** A manifest read as a model resource: a typed resource of its kind, or a `kubernetes_manifest` for other kinds. */
export class ManifestResource extends Resource {
  constructor(
    init: ResourceInit,
    /** Where the manifest comes from. */
    readonly origin: ManifestOrigin,
    /** Where the parts that findings name by item (`Container::app`, `Volume::data`) are written; YAML files only. */
    private readonly parts?: ReadonlyMap<string, SourceLocation>,
  ) {
    super(init);
  }

  /**
   * The place in its YAML file of the part a finding's item names (a container, a volume, a binding's subject, a
   * Service's type, an AuthorizationPolicy's rule), else of the manifest; undefined for a manifest that a Terraform
   * resource carries, which is found in its JSON file instead.
   */
  override locate(item?: string): SourceLocation | undefined {
    const at = this.origin.at;
    if (at === undefined || item === undefined || this.parts === undefined) return at;
    return this.parts.get(item) ?? this.parts.get(itemPart(item)) ?? at;
  }
}

/** The part an item names first: `Container::app` of `Container::app:Env::TOKEN`. */
function itemPart(item: string): string {
  const sep = item.indexOf("::");
  const cut = sep < 0 ? -1 : item.indexOf(":", sep + 2);
  return cut < 0 ? item : item.slice(0, cut);
}

/** Where `r` comes from when it was read from a manifest (any carrier); undefined for other resources. */
export function manifestOrigin(r: Resource): ManifestOrigin | undefined {
  return r instanceof ManifestResource ? r.origin : undefined;
}

/**
 * `r` as the rules read it: a `kubernetes_manifest` of a core kind as the typed resource of its kind, a
 * `kubectl_manifest` as the typed resource or `kubernetes_manifest` its `yaml_body` describes; every other resource as
 * it is. A manifest whose kind is computed at apply time stays as it is. A `yaml_body` that is not one YAML document
 * is an input error naming the resource.
 */
export function asManifestResource(r: Resource): Resource {
  if (r.type === MANIFEST_TYPE && r.mode === "managed") return fromKubernetesManifest(r);
  if (r.type === KUBECTL_MANIFEST_TYPE && r.mode === "managed") return fromKubectlManifest(r);
  return r;
}

function fromKubernetesManifest(r: Resource): Resource {
  const manifest = r.rawAt("manifest");
  if (!isObject(manifest)) return r;
  const typed = typedTypeOf(r.str("manifest.apiVersion"), r.str("manifest.kind"));
  if (typed === undefined) return r;
  const kind = r.str("manifest.kind") as string;
  const unknown = isObject(r.unknownTree) ? r.unknownTree.manifest : undefined;
  const expr = isObject(r.exprTree) ? r.exprTree.manifest : undefined;
  return new ManifestResource(
    {
      ...initOf(r),
      type: typed,
      values: toTypedShape(manifest, kind),
      unknown: unknown === true ? true : toTypedShape(unknown, kind),
      // A plan records the manifest attribute as one expression: it covers every path below it.
      expressions: expr,
    },
    { carrier: MANIFEST_TYPE, kind },
  );
}

function fromKubectlManifest(r: Resource): Resource {
  const body = r.rawAt("yaml_body");
  if (typeof body !== "string") return r;
  const where = `${r.file === undefined ? "" : `${r.file}: `}${r.address}`;
  // A synthesized body may interpolate values (`namespace: ${var.ns}`): those read as unknown. A body that only an
  // expression makes (`${file("app.yaml")}`) is known at plan time, and judged there.
  const templated = r.get("yaml_body").kind !== "known";
  let docs: { value: Record<string, unknown>; index: number }[];
  try {
    docs = yamlObjects(body, `${where}: yaml_body`);
  } catch (e) {
    if (templated) return r;
    throw e;
  }
  if (templated && docs.length === 0) return r;
  if (docs.length !== 1) {
    throw new InputError(`${where}: yaml_body holds ${docs.length} YAML documents; a kubectl_manifest applies exactly one (split them with kubectl_file_documents)`);
  }
  let doc = docs[0].value;
  const override = r.get("override_namespace");
  if (override.kind !== "absent") {
    const metadata = isObject(doc.metadata) ? doc.metadata : {};
    doc = { ...doc, metadata: { ...metadata, namespace: r.rawAt("override_namespace") } };
  }
  return manifestResource(doc, { ...initOf(r), unknown: undefined, expressions: undefined }, KUBECTL_MANIFEST_TYPE);
}

/** Where a manifest read from a YAML file is written: its document and the places of its parts. */
interface YamlPlace {
  readonly document: number;
  readonly at: SourceLocation | undefined;
  readonly parts: ReadonlyMap<string, SourceLocation> | undefined;
}

/** A manifest object as a model resource of its typed type, or as a `kubernetes_manifest`. */
function manifestResource(doc: Record<string, unknown>, init: ResourceInit, carrier: ManifestOrigin["carrier"], place?: YamlPlace): Resource {
  const kind = typeof doc.kind === "string" ? doc.kind : "";
  const typed = typedTypeOf(doc.apiVersion, doc.kind);
  const origin: ManifestOrigin = place === undefined ? { carrier, kind } : { carrier, kind, document: place.document, at: place.at };
  if (typed !== undefined) return new ManifestResource({ ...init, type: typed, values: toTypedShape(doc, kind) }, origin, place?.parts);
  return new ManifestResource({ ...init, type: MANIFEST_TYPE, values: { manifest: doc } }, origin, place?.parts);
}

/**
 * The manifests of a YAML file (several documents separated by `---`; a `kind: List` counts as its items), as model
 * resources of `stack`. Each is addressed `<Kind>/<namespace>/<name>` (`<Kind>/<name>` when it names no namespace),
 * with `#<document index>` added when two documents of the file share an address. Values are literal: text that looks
 * like a Terraform expression is kept as text. YAML that cannot be parsed, or a document that is not a mapping, is an
 * input error naming the file. Each resource knows where it is written (the line and column of its first key, and of
 * the parts findings name: see `ManifestResource.locate`), taken from the one parse.
 */
export function loadManifestYaml(text: string, stack: string, file: string): Resource[] {
  const lines = new (yaml().LineCounter)();
  const docs = yamlObjects(text, file, lines);
  const out: Resource[] = [];
  const used = new Set<string>();
  for (let i = 0; i < docs.length; i++) {
    const { value, index, node } = docs[i];
    const entries = listEntries(value, node);
    for (let j = 0; j < entries.length; j++) {
      const doc = literal(entries[j].value) as Record<string, unknown>;
      const kind = typeof doc.kind === "string" && doc.kind !== "" ? doc.kind : "Unknown";
      const metadata = isObject(doc.metadata) ? doc.metadata : {};
      const name = typeof metadata.name === "string" ? metadata.name : `document-${index}`;
      const base = typeof metadata.namespace === "string" ? `${kind}/${metadata.namespace}/${name}` : `${kind}/${name}`;
      const address = used.has(base) ? `${base}#${index}` : base;
      used.add(address);
      const init: ResourceInit = { address, type: MANIFEST_TYPE, name, mode: "managed", stack, values: undefined, file, source: "synth" };
      const at = entries[j].node;
      out.push(manifestResource(doc, init, "yaml", { document: index, at: positionOf(at, lines), parts: partsOf(at, kind, lines) }));
    }
  }
  return out;
}

/** The manifests of one document with their nodes: the document itself, or the items of a `kind: List`. */
function listEntries(value: Record<string, unknown>, node: unknown): { value: Record<string, unknown>; node: unknown }[] {
  if (value.kind !== "List" || !Array.isArray(value.items)) return [{ value, node }];
  const seq = childNode(node, "items");
  const nodes = yaml().isSeq(seq) ? seq.items : [];
  const out: { value: Record<string, unknown>; node: unknown }[] = [];
  for (let k = 0; k < value.items.length; k++) {
    const item: unknown = value.items[k];
    if (isObject(item)) out.push({ value: item, node: nodes[k] });
  }
  return out;
}

/** Paths of the pod spec in the manifests of each workload kind. */
const POD_SPEC_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ["Pod", ["spec"]],
  ["Deployment", ["spec", "template", "spec"]],
  ["StatefulSet", ["spec", "template", "spec"]],
  ["DaemonSet", ["spec", "template", "spec"]],
  ["ReplicaSet", ["spec", "template", "spec"]],
  ["ReplicationController", ["spec", "template", "spec"]],
  ["Job", ["spec", "template", "spec"]],
  ["CronJob", ["spec", "jobTemplate", "spec", "template", "spec"]],
]);

/** The container lists of a pod spec and the typed block name that items name unnamed containers by. */
const CONTAINER_LISTS: readonly (readonly [string, string])[] = [
  ["containers", "container"],
  ["initContainers", "init_container"],
  ["ephemeralContainers", "ephemeral_container"],
];

/**
 * Where the parts that findings name by item are written in a manifest: containers (`Container::<name>`, or
 * `Container::container[0]` unnamed) and volumes (`Volume::<name>`) of a workload's pod spec, subjects of a binding
 * (`Subject::<kind>/<name>`), a Service's type (`Type::<type>`) and an AuthorizationPolicy's rules (`Rule::<index>`).
 * A few lookups per manifest, on the nodes of the one parse.
 */
function partsOf(node: unknown, kind: string, lines: LineCounter): Map<string, SourceLocation> | undefined {
  const parts = new Map<string, SourceLocation>();
  const put = (item: string, at: unknown) => {
    const where = positionOf(at, lines);
    if (where !== undefined && !parts.has(item)) parts.set(item, where);
  };
  const podPath = POD_SPEC_PATHS.get(kind);
  if (podPath !== undefined) {
    const spec = childNode(node, ...podPath);
    for (const [field, block] of CONTAINER_LISTS) {
      seqItems(childNode(spec, field)).forEach((c, i) => put(`Container::${scalarText(childNode(c, "name")) ?? `${block}[${i}]`}`, c));
    }
    for (const v of seqItems(childNode(spec, "volumes"))) {
      const name = scalarText(childNode(v, "name"));
      if (name !== undefined) put(`Volume::${name}`, v);
    }
  } else if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
    for (const s of seqItems(childNode(node, "subjects"))) put(`Subject::${scalarText(childNode(s, "kind"))}/${scalarText(childNode(s, "name"))}`, s);
  } else if (kind === "Service") {
    const type = childNode(node, "spec", "type");
    const text = scalarText(type);
    if (text !== undefined) put(`Type::${text}`, type);
  } else if (kind === "AuthorizationPolicy") {
    seqItems(childNode(node, "spec", "rules")).forEach((r, i) => put(`Rule::${i}`, r));
  }
  return parts.size > 0 ? parts : undefined;
}

/** The node at `keys` below a mapping node; undefined where a step is not a mapping or lacks the key. */
function childNode(node: unknown, ...keys: string[]): unknown {
  let at = node;
  for (let i = 0; i < keys.length; i++) {
    if (!yaml().isMap(at)) return undefined;
    at = at.get(keys[i], true);
  }
  return at;
}

/** The item nodes of a sequence node (none for anything else). */
function seqItems(node: unknown): readonly unknown[] {
  return yaml().isSeq(node) ? node.items : [];
}

/** The text of a scalar node, or undefined. */
function scalarText(node: unknown): string | undefined {
  if (!yaml().isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

/** The 1-based line and column where a node starts, or undefined for what is not a node with a range. */
function positionOf(node: unknown, lines: LineCounter): SourceLocation | undefined {
  if (!yaml().isNode(node) || node.range == null) return undefined;
  const { line, col } = lines.linePos(node.range[0]);
  return { line, column: col };
}

type Yaml = typeof import("yaml");

// Loaded on first use (about 40 ms): checks without manifests in YAML never pay for it.
let yamlModule: Yaml | undefined;
function yaml(): Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily; an `import` would load it up front
  yamlModule ??= require("yaml") as Yaml;
  return yamlModule;
}

/**
 * The non-empty documents of a YAML text with their index and contents node; each must be a mapping. With `lines`,
 * the parse records where lines start, for the positions of nodes.
 */
function yamlObjects(text: string, where: string, lines?: LineCounter): { value: Record<string, unknown>; index: number; node: unknown }[] {
  let docs: Document.Parsed[] | { empty: true };
  try {
    docs = yaml().parseAllDocuments(text, lines === undefined ? { prettyErrors: true } : { prettyErrors: true, lineCounter: lines }) as Document.Parsed[] | { empty: true };
  } catch (e) {
    throw new InputError(`${where}: not readable YAML (${(e as Error).message.split("\n")[0]})`);
  }
  const list = Array.isArray(docs) ? docs : [];
  const out: { value: Record<string, unknown>; index: number; node: unknown }[] = [];
  for (let i = 0; i < list.length; i++) {
    const doc = list[i];
    if (doc.errors.length > 0) throw new InputError(`${where}: not readable YAML (${doc.errors[0].message.split("\n")[0]})`);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new InputError(`${where}: not readable YAML (${(e as Error).message.split("\n")[0]})`);
    }
    if (value === null || value === undefined) continue;
    if (!isObject(value)) throw new InputError(`${where}: YAML document ${i} is not a mapping (a Kubernetes manifest is an object with apiVersion and kind)`);
    out.push({ value, index: i, node: doc.contents });
  }
  return out;
}

/**
 * A YAML value with every `${` and `%{` escaped as Terraform escapes them (`$${`, `%%{`): the rules read synthesized
 * strings holding those as expressions, and text in a YAML file is never one.
 */
function literal(value: unknown): unknown {
  if (typeof value === "string") return value.includes("${") || value.includes("%{") ? value.replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{") : value;
  if (Array.isArray(value)) return value.map(literal);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = literal(value[k]);
    return out;
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
