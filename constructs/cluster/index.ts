export * from "./versions";
export * from "./props";
export * from "./validate";
export * from "./control-plane-logs";
export * from "./node-group";
export * from "./hardened-cluster";
