export * from "./errors";
export * from "./environment";
