import type { KubernetesWorkload } from "./workload";

/** Label naming the service a Kubernetes object belongs to. */
export const NAME_LABEL = "app.kubernetes.io/name";
/** Label naming the platform a Kubernetes object belongs to. */
export const PART_OF_LABEL = "app.kubernetes.io/part-of";
/** Label every namespace carries with its own name (set by Kubernetes 1.22 and later); namespace selectors use it. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Name of the service's own ServiceAccount: the one the workload names, else the service name. */
export function serviceAccountName(workload: Pick<KubernetesWorkload, "service" | "serviceAccount">): string {
  return workload.serviceAccount ?? workload.service;
}

/**
 * Labels of the service's pods and objects: `app.kubernetes.io/name: <service>` and
 * `app.kubernetes.io/part-of: <platform>`. Pod selectors of Deployments, Services and NetworkPolicies use them.
 */
export function workloadLabels(workload: Pick<KubernetesWorkload, "service">, platform: string): Record<string, string> {
  return { [NAME_LABEL]: workload.service, [PART_OF_LABEL]: platform };
}

/** Mesh principal of the service's pods (their SPIFFE identity): `cluster.local/ns/<namespace>/sa/<serviceAccount>`. */
export function meshPrincipal(workload: Pick<KubernetesWorkload, "service" | "namespace" | "serviceAccount">, trustDomain = "cluster.local"): string {
  return `${trustDomain}/ns/${workload.namespace}/sa/${serviceAccountName(workload)}`;
}

/** Where the service's pods get AWS credentials from: the namespace and ServiceAccount an EKS Pod Identity association names. */
export interface PodIdentityTarget {
  /** Namespace of the service's pods. */
  readonly namespace: string;
  /** The service's own ServiceAccount. */
  readonly serviceAccount: string;
}

/** The namespace and ServiceAccount to associate with the service's ServiceIdentity (`HardenedCluster.podIdentity`). */
export function podIdentityTarget(workload: Pick<KubernetesWorkload, "service" | "namespace" | "serviceAccount">): PodIdentityTarget {
  return { namespace: workload.namespace, serviceAccount: serviceAccountName(workload) };
}
