export type { Partition } from "./validate";
export { MAX_SERVICE_NAME_LENGTH, serviceNameProblem } from "./validate";
export type { PolicyCondition, PolicyStatementJson } from "./policy-json";
export type { Ec2Trust, EksPodIdentityTrust, IrsaTrust, IdentityTrust } from "./trust";
export type { Grant, GrantOptions } from "./grant";
export { MIN_WILDCARD_REASON_LENGTH } from "./grant";
export type { ServiceIdentityProps } from "./service-identity";
export { MAX_SESSION_DURATION_SECONDS, ServiceIdentity } from "./service-identity";
export { SSM_AGENT_ACTIONS, ssmAgentStatements } from "./ssm-agent";
