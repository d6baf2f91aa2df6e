import { ValidationError } from "../../constructs/core";

/**
 * Asserts that `build` throws a ValidationError about `prop` whose message contains `message` (or matches it), and
 * returns the error.
 */
export function expectInvalid(build: () => unknown, prop: string, message: string | RegExp): ValidationError {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  const error = thrown as ValidationError;
  if (typeof message === "string") expect(error.message).toContain(message);
  else expect(error.message).toMatch(message);
  expect(error.prop).toBe(prop);
  return error;
}
