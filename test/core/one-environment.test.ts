import { Testing } from "cdktf";
import { AccountComputeBaseline, HardenedHost } from "../../constructs/compute";
import { StackEnvironment, ValidationError } from "../../constructs/core";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork } from "../../constructs/network";
import { ServiceSecrets } from "../../constructs/secrets";
import { ACCOUNT, newStack } from "../identity/harness";

const ADMIN = `arn:aws-us-gov:iam::${ACCOUNT}:role/platform-admin`;

/** Every construct that needs an account, region and partition, in a stack that gives them once. */
function govStack() {
  const stack = newStack();
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: "us-gov-west-1" });
  const network = new SegmentedNetwork(stack, "network", { name: "net", cidr: "10.0.0.0/16", availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"] });
  const identity = new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "ec2" } });
  const hosts = new HardenedHost(stack, "api", { identity, network, amiId: "ami-0abcdef1234567890" });
  const secrets = new ServiceSecrets(stack, "secrets", { identity, network, adminRoleArns: [ADMIN] });
  const baseline = new AccountComputeBaseline(stack, "baseline", {});
  return { stack, network, identity, hosts, secrets, baseline };
}

describe("one environment per stack", () => {
  test("every construct reads account, region and partition from the stack", () => {
    const { stack, network, identity, secrets, baseline } = govStack();
    expect([network.accountId, network.region, network.partition]).toEqual([ACCOUNT, "us-gov-west-1", "aws-us-gov"]);
    expect([identity.accountId, identity.region, identity.partition]).toEqual([ACCOUNT, "us-gov-west-1", "aws-us-gov"]);
    expect([secrets.key.partition, baseline.key.partition]).toEqual(["aws-us-gov", "aws-us-gov"]);
    const json = Testing.synth(stack);
    expect(json).toContain(`arn:aws-us-gov:iam::${ACCOUNT}:root`);
    expect(json).not.toMatch(/arn:aws:/);
  });

  test("a prop that contradicts the stack's environment is refused with its name", () => {
    const stack = newStack();
    StackEnvironment.set(stack, { accountId: ACCOUNT, region: "eu-west-1" });
    const build = (id: string) => () => new ServiceIdentity(stack, id, { serviceName: "orders", region: "eu-central-1", trust: { kind: "ec2" } });
    expect(build("first")).toThrow(ValidationError);
    expect(build("orders")).toThrow(`ServiceIdentity "orders": region "eu-central-1" differs from the stack environment's "eu-west-1"; leave region out to use the stack's.`);
  });

  test("one region pattern: a China region is a region to every construct (the network then refuses its partition)", () => {
    const stack = newStack();
    StackEnvironment.set(stack, { accountId: ACCOUNT, region: "cn-north-1" });
    expect(new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "ec2" } }).partition).toBe("aws-cn");
    const error = (() => {
      try {
        new SegmentedNetwork(stack, "network", { name: "net", cidr: "10.0.0.0/16", availabilityZones: ["cn-north-1a", "cn-north-1b"] });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error("expected a ValidationError");
    })();
    expect([error.prop, error.message]).toEqual(["region", 'SegmentedNetwork "network": region "cn-north-1" is in a partition this construct does not support; use a commercial or GovCloud (US) region.']);
  });

  test("without a stack environment, the props are required", () => {
    expect(() => new ServiceIdentity(newStack(), "orders", { serviceName: "orders", trust: { kind: "ec2" } })).toThrow(
      'ServiceIdentity "orders": accountId is required when the stack has no environment; call StackEnvironment.set(stack, { accountId, region }) once or pass accountId.',
    );
  });
});
