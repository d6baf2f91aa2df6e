export type { ClusterNodes, IImageRepository, ImageRepositoryAttributes, ImageRepositoryProps, MutableTagsOptOut } from "./image-repository";
export { ImageRepository } from "./image-repository";
export { DEFAULT_MAX_IMAGE_COUNT, DEFAULT_UNTAGGED_EXPIRY_DAYS } from "./lifecycle";
export { IMAGE_DIGEST, REPOSITORY_NAME } from "./names";
export { PULL_ACTIONS, PUSH_ACTIONS } from "./repository-policy";
export type { RegistryScanningProps } from "./registry-scanning";
export { RegistryScanning } from "./registry-scanning";
