export * from "./declaration";
export * from "./check";
export * from "./service";
export * from "./platform";
export * from "./catalog";
