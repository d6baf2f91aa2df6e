export * from "./constructs/network";
export * from "./policies";
