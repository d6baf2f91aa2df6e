export * from "./errors";
export * from "./environment";
export * from "./port";
export * from "./connections";
