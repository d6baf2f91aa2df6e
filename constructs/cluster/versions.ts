/**
 * The Kubernetes minor versions a {@link HardenedCluster} accepts: those in Amazon EKS standard support on the date
 * {@link KUBERNETES_VERSIONS_AS_OF}, with the day each one's standard support ends. Update this file when the EKS
 * version calendar changes (a new minor version, or one whose standard support ended).
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
 */

/** Date (UTC) of the EKS version calendar that {@link KUBERNETES_VERSIONS} reflects. */
export const KUBERNETES_VERSIONS_AS_OF = "2026-01-28";

/** One Kubernetes minor version on EKS. */
export interface KubernetesVersionSupport {
  /** The minor version, `major.minor`, e.g. `"1.33"`. */
  readonly version: string;
  /** Last day (UTC) of its EKS standard support; after it EKS charges extended support or upgrades the cluster. */
  readonly endOfStandardSupport: string;
}

/** Kubernetes minor versions in EKS standard support on {@link KUBERNETES_VERSIONS_AS_OF}, oldest first. */
export const KUBERNETES_VERSIONS: readonly KubernetesVersionSupport[] = [
  { version: "1.32", endOfStandardSupport: "2026-03-23" },
  { version: "1.33", endOfStandardSupport: "2026-07-29" },
  { version: "1.34", endOfStandardSupport: "2026-12-02" },
  { version: "1.35", endOfStandardSupport: "2027-03-27" },
];

/** The form of a Kubernetes minor version: `major.minor`, e.g. `1.33`. */
export const KUBERNETES_VERSION_FORMAT = /^1\.\d{1,2}$/;

/** The supported versions, e.g. `["1.32", "1.33", "1.34", "1.35"]`. */
export function supportedKubernetesVersions(): string[] {
  return KUBERNETES_VERSIONS.map((v) => v.version);
}
