export { MAX_SERVICE_NAME_LENGTH, serviceNameProblem } from "./validate";
export type { Ec2Trust, EksPodIdentityTrust, IrsaTrust, IdentityTrust } from "./trust";
export type { GrantRecord } from "./grant";
export { MIN_WILDCARD_REASON_LENGTH } from "./grant";
export type { ImportedServiceIdentityOptions, IServiceIdentity, ServiceIdentityProps } from "./service-identity";
export { MAX_SESSION_DURATION_SECONDS, ServiceIdentity } from "./service-identity";
export { SSM_AGENT_ACTIONS } from "./ssm-agent";
