import { samplePlan } from "./fixtures";

/** A `resource_changes` entry of a root-module resource. */
export function change(address: string, actions: string[], after: Record<string, unknown> | null, afterUnknown: unknown = {}, extra: Record<string, unknown> = {}) {
  const [type, name] = address.replace(/\[[^\]]*\]$/, "").split(".");
  return { address, mode: "managed", type, name, ...extra, change: { actions, after, after_unknown: afterUnknown } };
}

/** Plans that `terraform show -json` never writes, each with the error message that names what is wrong. */
export const HOSTILE_PLANS: readonly (readonly [string, Record<string, unknown>, RegExp])[] = [
  ["a null entry in resource_changes", { ...samplePlan(), resource_changes: [null] }, /resource_changes\[0\] is null, not a resource object/],
  ["resource_changes that is not a list", { ...samplePlan(), resource_changes: { a: 1 } }, /resource_changes is an object, not a list/],
  ["an entry without an address", { ...samplePlan(), resource_changes: [{ type: "aws_vpc", change: { actions: ["create"] } }] }, /resource_changes\[0\] has no "address"/],
  ["an entry without a type", { ...samplePlan(), resource_changes: [{ address: "aws_vpc.v", change: { actions: ["create"] } }] }, /resource_changes\[0\] \(aws_vpc\.v\) has no "type"/],
  ["an entry without a change", { ...samplePlan(), resource_changes: [{ address: "aws_vpc.v", type: "aws_vpc" }] }, /has no "change" object/],
  ["actions that are not a list", { ...samplePlan(), resource_changes: [change("aws_vpc.v", "create" as never, {})] }, /change\.actions is not a list of action names/],
  ["an after_unknown of the wrong type", { ...samplePlan(), resource_changes: [change("aws_vpc.v", ["create"], {}, "yes")] }, /after_unknown is a string, not an object or a boolean/],
  ["an after that is not an object", { ...samplePlan(), resource_changes: [change("aws_vpc.v", ["create"], [] as never)] }, /change\.after is a list, not an object/],
  ["planned resources that are not a list", { format_version: "1.2", planned_values: { root_module: { resources: "x" } } }, /planned_values\.root_module\.resources is a string, not a list/],
  ["a null planned resource", { format_version: "1.2", planned_values: { root_module: { resources: [null] } } }, /planned_values\.root_module\.resources\[0\] is null/],
  ["child modules that are not a list", { format_version: "1.2", planned_values: { root_module: { child_modules: 3 } } }, /child_modules is a number, not a list/],
  ["prior_state resources that are not a list", { format_version: "1.2", planned_values: {}, prior_state: { values: { root_module: { resources: {} } } } }, /prior_state\.values\.root_module\.resources is an object, not a list/],
  ["a format_version of another major version", { ...samplePlan(), format_version: "2.0" }, /format_version "2\.0" is not a plan format this check reads/],
  ["configuration resources that are not a list", { ...samplePlan(), configuration: { root_module: { resources: 5 } } }, /configuration\.root_module\.resources is a number, not a list/],
];

/**
 * Plan JSON text whose planned_values and configuration nest `depth` modules, each with one resource (written as text:
 * `JSON.stringify` itself would overflow the stack on such a value).
 */
export function deeplyNestedPlan(depth: number): string {
  const resource = (address: string) => `{"address":"${address}","mode":"managed","type":"aws_vpc","name":"v","values":{"cidr_block":"10.0.0.0/16"}}`;
  let modules = "";
  for (let i = 0; i < depth; i++) modules += `{"address":"module.m","resources":[${resource(`aws_vpc.v${i}`)}],"child_modules":[`;
  modules += `{"resources":[${resource("aws_vpc.deepest")}]}` + "]}".repeat(depth);
  const calls = `{"resources":[{"address":"aws_vpc.v","expressions":{}}],"module_calls":{"m":{"module":`.repeat(depth) + "{}" + "}}}".repeat(depth);
  return `{"format_version":"1.2","planned_values":{"root_module":${modules}},"configuration":{"root_module":${calls}}}`;
}
