import { KubernetesManifest, ManifestMetadata } from "../kubernetes";

/** API version of the Istio security kinds the library writes (PeerAuthentication, AuthorizationPolicy, RequestAuthentication). */
export const SECURITY_V1 = "security.istio.io/v1";
/** API version of the Istio networking kinds the library writes (Sidecar, ServiceEntry, DestinationRule). */
export const NETWORKING_V1 = "networking.istio.io/v1";

/** Istio kinds the mesh emitter writes, in the order they are listed within a namespace. */
export const MESH_KINDS = ["PeerAuthentication", "AuthorizationPolicy", "RequestAuthentication", "Sidecar", "ServiceEntry", "DestinationRule"] as const;

/** One of the Istio kinds the mesh emitter writes. */
export type MeshKind = (typeof MESH_KINDS)[number];

/**
 * Annotation of a generated AuthorizationPolicy or ServiceEntry listing the graph edges it carries, one line per rule
 * or port (`rule 0: storefront -> orders tcp/8443 GET,POST /orders`), so that the rule index Istio logs for an
 * allowed request names its edge.
 */
export const EDGES_ANNOTATION = "zero-trust-blueprint.io/edges";

/** Name and namespace of a mesh manifest, with the annotations naming its edges. */
export interface MeshMetadata extends ManifestMetadata {
  /** Name of the object (a DNS subdomain), derived from the edge or service it serves. */
  readonly name: string;
  /** Namespace of the object: a service team's namespace or the mesh's root namespace. */
  readonly namespace: string;
  /**
   * Annotations, such as {@link EDGES_ANNOTATION}.
   *
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** One Istio resource as a plain object: what a `kubernetes_manifest` holds and what a YAML document holds. */
export interface MeshManifest extends KubernetesManifest {
  /** `security.istio.io/v1` or `networking.istio.io/v1`. */
  readonly apiVersion: typeof SECURITY_V1 | typeof NETWORKING_V1;
  /** Istio kind. */
  readonly kind: MeshKind;
  /** Name, namespace and annotations. */
  readonly metadata: MeshMetadata;
  /** The kind's spec, as the Istio API documents it. */
  readonly spec: Readonly<Record<string, unknown>>;
}

/** The kinds of `networking.istio.io`; the others are of `security.istio.io`. */
const NETWORKING_KINDS: readonly MeshKind[] = ["Sidecar", "ServiceEntry", "DestinationRule"];

/**
 * A mesh manifest of `kind` in the `v1` API of its group, with the edges it carries (one line each) in the
 * {@link EDGES_ANNOTATION} annotation when given.
 */
export function istioManifest(kind: MeshKind, namespace: string, name: string, spec: Record<string, unknown>, edges?: readonly string[]): MeshManifest {
  return {
    apiVersion: NETWORKING_KINDS.includes(kind) ? NETWORKING_V1 : SECURITY_V1,
    kind,
    metadata: { name, namespace, ...(edges ? { annotations: { [EDGES_ANNOTATION]: edges.join("\n") } } : {}) },
    spec,
  };
}

/** Longest name Kubernetes accepts for a custom resource (a DNS subdomain). */
const MAX_NAME_LENGTH = 253;

/**
 * Name of a policy that serves `target` for the callers listed: `<target>-from-<caller>-<caller>`, or
 * `<target>-from-<n>-callers` when the list would make the name longer than Kubernetes accepts.
 */
export function edgeName(target: string, callers: readonly string[]): string {
  const full = `${target}-from-${callers.join("-")}`;
  return full.length <= MAX_NAME_LENGTH ? full : `${target}-from-${callers.length}-callers`;
}

/** Compares two strings by code unit, the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders manifests: by namespace (`first` ahead of the others), then kind as in {@link MESH_KINDS}, then name. */
export function sortManifests(manifests: readonly MeshManifest[], first: string): MeshManifest[] {
  const rank = (ns: string) => (ns === first ? "" : ns);
  return [...manifests].sort(
    (a, b) =>
      compareText(rank(a.metadata.namespace), rank(b.metadata.namespace)) ||
      MESH_KINDS.indexOf(a.kind) - MESH_KINDS.indexOf(b.kind) ||
      compareText(a.metadata.name, b.metadata.name),
  );
}
