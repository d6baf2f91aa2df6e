export * from "./types";
export * from "./private-integration";
export * from "./web-acl";
export * from "./rest-routes";
export * from "./domain-name";
export * from "./rest-gateway";
