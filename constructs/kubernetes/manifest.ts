/** Metadata of a Kubernetes object the library writes. */
export interface ManifestMetadata {
  /** Object name. */
  readonly name: string;
  /**
   * Namespace of a namespaced object.
   *
   * @default - none: the object is cluster-scoped (a Namespace)
   */
  readonly namespace?: string;
  /**
   * Labels of the object.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations of the object.
   *
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A Kubernetes object as plain data: what a YAML file or a `kubernetes_manifest` holds. */
export interface KubernetesManifest {
  /** API group and version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** Object kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Name, namespace, labels and annotations. */
  readonly metadata: ManifestMetadata;
  /** The kind's own fields (`spec`, ...). */
  readonly [field: string]: unknown;
}

/** `Kind namespace/name` (or `Kind name` for a cluster-scoped object), naming a manifest in messages. */
export function manifestLabel(m: KubernetesManifest): string {
  const ns = m.metadata?.namespace;
  return `${m.kind} ${ns ? `${ns}/` : ""}${m.metadata?.name}`;
}
