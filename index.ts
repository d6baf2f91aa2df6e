export * from "./constructs/core";
export * from "./constructs/network";
export * from "./policies";
export * from "./constructs/identity";
export * from "./constructs/compute";
export * from "./constructs/secrets";
export * from "./constructs/service";
export * from "./constructs/gateway";
