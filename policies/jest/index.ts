import { policyMatchers } from "./matchers";

export { policyMatchers, toHaveFinding, toPassPolicies } from "./matchers";
export type { PolicyMatcherOptions } from "./matchers";

/** Registers `toPassPolicies` and `toHaveFinding` with jest's `expect`. Call it from a jest setup file. */
export function setupPolicyMatchers(): void {
  expect.extend(policyMatchers as unknown as jest.ExpectExtendMap);
}
