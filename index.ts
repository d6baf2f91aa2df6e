export * from "./constructs/core";
export * from "./constructs/network";
export * from "./policies";
export * from "./constructs/identity";
export * from "./constructs/compute";
export * from "./constructs/secrets";
export * from "./constructs/service";
export * from "./constructs/gateway";
export * from "./constructs/cluster";
export * from "./constructs/supply-chain";
export * from "./constructs/audit";
// The Kubernetes and Istio constructs need the optional peer @cdktf/provider-kubernetes, so they are not exported
// here (an application without it must still load the package): import them from
// "zero-trust-blueprint/lib/constructs/kubernetes" and "zero-trust-blueprint/lib/constructs/mesh".
