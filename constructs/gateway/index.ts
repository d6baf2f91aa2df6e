export * from "./types";
export * from "./private-integration";
export * from "./web-acl";
