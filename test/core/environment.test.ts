import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { StackEnvironment, ValidationError, formatArn, servicePrincipal } from "../../constructs/core";
import { resolveEnvironment } from "../../constructs/core/environment";
import { errorSource } from "../../constructs/core/errors";

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

function thrown(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

describe("StackEnvironment", () => {
  test("is set once per stack and read from any construct in it", () => {
    const s = stack();
    StackEnvironment.set(s, { accountId: "123456789012", region: "eu-west-1" });
    const env = StackEnvironment.of(new Construct(new Construct(s, "a"), "b"));
    expect([env.accountId, env.region, env.partition, env.arnPrefix, env.dnsSuffix]).toEqual(["123456789012", "eu-west-1", "aws", "arn:aws", "amazonaws.com"]);
    expect(formatArn(env, { service: "iam", region: "", resource: "role/orders" })).toBe("arn:aws:iam::123456789012:role/orders");
    expect(servicePrincipal(env, "logs")).toBe("logs.amazonaws.com");
    const again = thrown(() => StackEnvironment.set(s, { accountId: "123456789012", region: "eu-west-1" }));
    expect(again.prop).toBe("stack");
  });

  test.each([
    ["cn-north-1", "aws-cn", "amazonaws.com.cn"],
    ["us-gov-west-1", "aws-us-gov", "amazonaws.com"],
    ["ap-southeast-1", "aws", "amazonaws.com"],
  ])("derives the partition of %s", (region, partition, suffix) => {
    const env = StackEnvironment.set(stack(), { accountId: "123456789012", region });
    expect([env.partition, env.arnPrefix, env.dnsSuffix]).toEqual([partition, `arn:${partition}`, suffix]);
  });

  test.each([
    [{ accountId: "12345", region: "eu-west-1" }, "accountId", 'accountId "12345" is not an AWS account id'],
    [{ accountId: "123456789012", region: "Ireland" }, "region", 'region "Ireland" is not an AWS region name'],
    [{ accountId: "123456789012", region: "us-iso-east-1" }, "region", 'region "us-iso-east-1" is in a partition the constructs do not support'],
    [{ accountId: "123456789012", region: "eu-west-1", partition: "aws-iso" as never }, "partition", 'partition "aws-iso" is not supported'],
    [{ accountId: "123456789012", region: "cn-north-1", partition: "aws" as const }, "partition", 'partition "aws" does not match region "cn-north-1"'],
  ])("refuses %j", (props, prop, text) => {
    const s = stack();
    const error = thrown(() => StackEnvironment.set(s, props));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.prop).toBe(prop);
    expect(error.path).toBe("test/ZtStackEnvironment");
    expect(error.message).toContain(`StackEnvironment "ZtStackEnvironment": ${text}`);
  });

  test("of() without an environment names the fix", () => {
    expect(() => StackEnvironment.of(stack())).toThrow(/has no environment; call StackEnvironment.set/);
    expect(StackEnvironment.tryOf(stack())).toBeUndefined();
  });
});

describe("resolveEnvironment", () => {
  const source = (s: TerraformStack) => errorSource("Thing", s, "thing");

  test("reads the stack's environment; props that agree are accepted, props that differ are refused", () => {
    const s = stack();
    const set = StackEnvironment.set(s, { accountId: "123456789012", region: "eu-west-1" });
    expect(resolveEnvironment(s, source(s), {})).toBe(set);
    expect(resolveEnvironment(s, source(s), { accountId: "123456789012", region: "eu-west-1", partition: "aws" })).toBe(set);
    const error = thrown(() => resolveEnvironment(s, source(s), { region: "eu-central-1" }));
    expect([error.prop, error.path, error.kind]).toEqual(["region", "test/thing", "Thing"]);
    expect(error.message).toBe(`Thing "thing": region "eu-central-1" differs from the stack environment's "eu-west-1"; leave region out to use the stack's.`);
  });

  test("without a stack environment the props are required and validated", () => {
    const s = stack();
    expect(thrown(() => resolveEnvironment(s, source(s), { region: "eu-west-1" })).prop).toBe("accountId");
    expect(resolveEnvironment(s, source(s), { accountId: "123456789012", region: "us-gov-east-1" }).partition).toBe("aws-us-gov");
  });
});
