import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { HardenedHost, PolicyGate, SegmentedNetwork, ServiceIdentity, ServiceSecrets, StackEnvironment } from "../../index";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

/** The README's "own stack" example, run as written (imports resolved to the repository root). */
function readmeExample(app: App): TerraformStack {
  const stack = new TerraformStack(app, "payments");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  StackEnvironment.set(stack, { accountId: "111122223333", region: "eu-west-1" });
  const network = new SegmentedNetwork(stack, "network", {
    name: "payments",
    cidr: "10.40.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    tiers: { public: { enabled: true } },
    natGateways: "perAz",
  });
  const identity = new ServiceIdentity(stack, "identity", {
    serviceName: "payments",
    trust: { kind: "ec2" },
  });
  const secrets = new ServiceSecrets(stack, "secrets", {
    identity,
    network,
    adminRoleArns: ["arn:aws:iam::111122223333:role/platform-deployer"],
    secrets: [{
      name: "db-password",
      rotation: {
        lambdaArn: "arn:aws:lambda:eu-west-1:111122223333:function:rotate",
        lambdaRoleArn: "arn:aws:iam::111122223333:role/rotate",
      },
    }],
  });
  secrets.grantRead(identity);
  new HardenedHost(stack, "app", { identity, network, amiId: "ami-0abcdef1234567890" });
  PolicyGate.apply(stack);
  return stack;
}

describe("README example", () => {
  it("is the code the README shows", () => {
    const body = readmeExample.toString();
    for (const line of [
      'serviceName: "payments"',
      'StackEnvironment.set(stack, { accountId: "111122223333", region: "eu-west-1" })',
      'amiId: "ami-0abcdef1234567890"',
      'natGateways: "perAz"',
      "secrets.grantRead(identity)",
      "PolicyGate.apply(stack)",
    ]) {
      expect({ line, inReadme: README.includes(line), inTest: body.includes(line) }).toEqual({ line, inReadme: true, inTest: true });
    }
  });

  it("synthesizes through the policy gate and passes the zero-trust pack", () => {
    const stack = readmeExample(Testing.app());
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(stack).toPassPolicies();
  });
});
