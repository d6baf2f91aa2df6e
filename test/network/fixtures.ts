import { App, DefaultTokenResolver, StringConcat, TerraformStack, Testing, Tokenization } from "cdktf";
import { SegmentedNetwork, SegmentedNetworkProps } from "../../constructs/network";

/** A synthesized stack as parsed JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk synthesized JSON by path, as Terraform reads it
export type StackJson = Record<string, any>;
/** One resource body of a synthesized stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export type ResourceJson = Record<string, any>;

/** Valid properties used as the starting point of every network test. */
export const BASE_PROPS: SegmentedNetworkProps = {
  name: "net",
  cidr: "10.0.0.0/16",
  region: "eu-west-1",
  accountId: "111122223333",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
};

/** A testing app; its output folder lives under the test file's temporary root (see test/support/setup.ts). */
export function testApp(): App {
  return Testing.app();
}

/** Builds a SegmentedNetwork with id "net" in a fresh stack and synthesizes it. */
export function synthNetwork(overrides: Partial<SegmentedNetworkProps> = {}): {
  stack: TerraformStack;
  network: SegmentedNetwork;
  json: StackJson;
} {
  const stack = new TerraformStack(testApp(), "test");
  const network = new SegmentedNetwork(stack, "net", { ...BASE_PROPS, ...overrides });
  return { stack, network, json: JSON.parse(Testing.synth(stack)) };
}

/** Builds a SegmentedNetwork with id "net" in a fresh stack without synthesizing. */
export function buildNetwork(overrides: Partial<SegmentedNetworkProps> = {}): SegmentedNetwork {
  return new SegmentedNetwork(new TerraformStack(testApp(), "test"), "net", { ...BASE_PROPS, ...overrides });
}

/** All resources of a type as `[logical id, body]` pairs. */
export function entries(json: StackJson, type: string): [string, ResourceJson][] {
  return Object.entries(json.resource?.[type] ?? {});
}

/** All resource bodies of a type. */
export function resources(json: StackJson, type: string): ResourceJson[] {
  return entries(json, type).map(([, body]) => body);
}

/** The single resource of a type whose Name tag is `name`, as `{ ref, body }`; `ref(attr)` renders a reference to it. */
export function named(json: StackJson, type: string, name: string): { body: ResourceJson; ref: (attribute: string) => string } {
  const matches = entries(json, type).filter(([, body]) => body.tags?.Name === name);
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} named ${name}, found ${matches.length}`);
  }
  const [id, body] = matches[0];
  return { body, ref: (attribute) => `\${${type}.${id}.${attribute}}` };
}

/** Reference string `${type.id.attribute}` for the only resource of a type. */
export function onlyRef(json: StackJson, type: string, attribute: string): string {
  const list = entries(json, type);
  if (list.length !== 1) {
    throw new Error(`expected one ${type}, found ${list.length}`);
  }
  return `\${${type}.${list[0][0]}.${attribute}}`;
}

/** Resolves tokens in `value` the way synthesis renders them, e.g. `${aws_vpc.net_vpc_1234.id}`. */
export function resolveIn<T>(stack: TerraformStack, value: T): T {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}
