export { EDGES_ANNOTATION, MESH_KINDS, NETWORKING_V1, SECURITY_V1 } from "./manifest";
export type { MeshKind, MeshManifest, MeshMetadata } from "./manifest";
export { meshManifests } from "./manifests";
export { MeshPolicies } from "./mesh-policies";
export type { MeshPoliciesProps } from "./mesh-policies";
export { DEFAULT_CLUSTER_DOMAIN, DEFAULT_METRICS_PATH, DEFAULT_ROOT_NAMESPACE, DEFAULT_TRUST_DOMAIN } from "./options";
export type { MeshOptions, MetricsScraper, PlatformWorkload } from "./options";
export { validateMeshManifests } from "./validate";
export { meshYaml, meshYamlFileName } from "./yaml";
