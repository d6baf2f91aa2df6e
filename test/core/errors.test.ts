import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../../constructs/core";
import { errorSource, sourceOf } from "../../constructs/core/errors";

describe("ValidationError", () => {
  test("carries kind, path and prop and keeps the message form", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const error = new ValidationError(errorSource("Thing", new Construct(stack, "group"), "orders"), "region", 'region "x" is bad; fix it.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('Thing "orders": region "x" is bad; fix it.');
    expect([error.kind, error.path, error.prop, error.name]).toEqual(["Thing", "test/group/orders", "region", "ValidationError"]);
    expect(sourceOf("Thing", stack)).toEqual({ kind: "Thing", id: "test", path: "test" });
  });

  test("isValidationError tells it apart from other errors", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    expect(ValidationError.isValidationError(new ValidationError(sourceOf("Thing", stack), "p", "m"))).toBe(true);
    expect(ValidationError.isValidationError(new Error("m"))).toBe(false);
    expect(ValidationError.isValidationError(undefined)).toBe(false);
  });
});
