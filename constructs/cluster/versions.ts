/**
 * The Kubernetes minor versions a {@link HardenedCluster} accepts: those in Amazon EKS standard support on the date
 * `KUBERNETES_VERSIONS_AS_OF`, with the day each one's standard support ends. The calendar lives in
 * `policies/shared/eks-versions.ts`, which rule ZT-EKS-014 reads too; update it there when the EKS version calendar
 * changes (a new minor version, or one whose standard support ended).
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
 */
export { KUBERNETES_VERSIONS, KUBERNETES_VERSIONS_AS_OF, KUBERNETES_VERSION_FORMAT, supportedKubernetesVersions } from "../../policies/shared/eks-versions";
export type { KubernetesVersionSupport } from "../../policies/shared/eks-versions";
