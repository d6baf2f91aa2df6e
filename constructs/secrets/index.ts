export { AUTOSCALING_KEY_USE_ACTIONS, EC2_EBS_KEY_USE_ACTIONS, KEY_ADMIN_ACTIONS, KEY_USE_ACTIONS, ROOT_ADMIN_ACTIONS } from "./key-policy";
export type { ImportedServiceKeyOptions, IServiceKey, KeyUse, ServiceKeyProps } from "./service-key";
export { ServiceKey } from "./service-key";
export type { RotationOptOut, SecretOptions, SecretRotation, SecretSpec, WriteOnlySecretValue } from "./secret-options";
export { SECRET_ADMIN_ACTIONS, SECRET_INITIAL_VALUE_ACTIONS, SECRET_READ_ACTIONS, SECRET_ROTATION_ACTIONS } from "./secret-policy";
export type { ServiceSecretProps } from "./service-secret";
export { DEFAULT_ROTATION_DAYS, SECRET_RECOVERY_WINDOW_DAYS, SECRET_ROTATION_RULE_ID, ServiceSecret } from "./service-secret";
export type { ServiceSecretsProps } from "./service-secrets";
export { ServiceSecrets } from "./service-secrets";
