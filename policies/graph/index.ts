/**
 * Effective flows rebuilt from Terraform (security groups, network ACLs, gateway routes, Kubernetes NetworkPolicies and
 * Istio AuthorizationPolicies) and the declared service graph carried in a stack; `ztb graph` renders the first, the
 * graph rules compare the two.
 */
export * from "./types";
export { effectiveGraph, effectiveGraphOf } from "./effective";
export { declaredGraphIn, declaredGraphOf, isGraphCarrier, readCarrier } from "./declared";
export type { DeclaredGraph, DeclaredGraphError } from "./declared";
