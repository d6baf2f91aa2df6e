export type { EdgeFacingAuthentication, KubernetesPort, KubernetesWorkload, ResourceQuantity, WorkloadResources } from "./workload";
export { DEFAULT_REPLICAS, DEFAULT_WORKLOAD_RESOURCES } from "./workload";
export { NAME_LABEL, NAMESPACE_NAME_LABEL, PART_OF_LABEL, meshPrincipal, serviceAccountName, workloadLabels } from "./identity";
