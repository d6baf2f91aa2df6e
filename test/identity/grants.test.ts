import { ServiceIdentity } from "../../constructs/identity";
import { ACCOUNT, REGION, newStack, only, parsePolicy } from "./harness";
import { expectInvalid } from "../core/validation-error";

const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:charge`;
const API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/prod/POST/charges`;

function setup() {
  const stack = newStack();
  const identity = new ServiceIdentity(stack, "orders", { serviceName: "orders", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
  const policy = () => only(stack, "aws_iam_role_policy", "orders_grants_");
  return { stack, identity, policy };
}

describe("ServiceIdentity grants", () => {
  test("grant renders one exact statement into the <service>-grants inline policy", () => {
    const { identity, policy } = setup();
    identity.grant({
      sid: "ReadConfig",
      actions: ["ssm:GetParameter"],
      resources: [`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/orders/config`],
      conditions: [{ test: "StringEquals", variable: "aws:ResourceAccount", values: [ACCOUNT] }],
    });
    expect(policy().name).toBe("orders-grants");
    expect(policy().role).toMatch(/^\$\{aws_iam_role\.orders_role_[A-F0-9]+\.name\}$/);
    expect(parsePolicy(policy().policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadConfig",
          Effect: "Allow",
          Action: "ssm:GetParameter",
          Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/orders/config`,
          Condition: { StringEquals: { "aws:ResourceAccount": ACCOUNT } },
        },
      ],
    });
  });

  test("allowInvokeFunction and allowInvokeApi grant exactly one action on the given ARNs", () => {
    const { identity, policy } = setup();
    identity.allowInvokeFunction([FN]);
    identity.allowInvokeApi([API]);
    expect(parsePolicy(policy().policy).Statement).toEqual([
      { Sid: "InvokeFunctions", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: FN },
      { Sid: "InvokeApis", Effect: "Allow", Action: "execute-api:Invoke", Resource: API },
    ]);
  });

  test("grants with the same sid merge their resources, without duplicates", () => {
    const { identity, policy } = setup();
    const other = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:refund`;
    identity.allowInvokeFunction([FN]);
    identity.allowInvokeFunction([other, FN]);
    expect(parsePolicy(policy().policy).Statement).toEqual([{ Sid: "InvokeFunctions", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [FN, other] }]);
    expect(identity.grants).toEqual([{ sid: "InvokeFunctions", actions: ["lambda:InvokeFunction"], resources: [FN, other], conditions: [], wildcardReason: undefined }]);
  });

  test("token resources render as references and collapse when they name the same attribute", () => {
    const { stack, identity } = setup();
    const target = new ServiceIdentity(stack, "payments", { serviceName: "payments", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
    identity.grant({ sid: "PassPaymentsRole", actions: ["iam:PassRole"], resources: [target.roleArn] });
    identity.grant({ sid: "PassPaymentsRole", actions: ["iam:PassRole"], resources: [target.roleArn] });
    const s = parsePolicy(only(stack, "aws_iam_role_policy", "orders_grants_").policy).Statement;
    expect(s).toEqual([{ Sid: "PassPaymentsRole", Effect: "Allow", Action: "iam:PassRole", Resource: expect.stringMatching(/^\$\{aws_iam_role\.payments_role_[A-F0-9]+\.arn\}$/) }]);
  });

  test("a wildcard resource needs a reason, which is kept with the grant", () => {
    const { identity, policy } = setup();
    const reason = "ec2:DescribeInstances has no resource-level permissions";
    identity.grant({ sid: "DescribeInstances", actions: ["ec2:DescribeInstances"], resources: ["*"], allowWildcardResource: reason });
    expect(parsePolicy(policy().policy).Statement).toEqual([{ Sid: "DescribeInstances", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" }]);
    expect(identity.grants[0].wildcardReason).toBe(reason);
  });

  describe("rejections", () => {
    test.each([
      ["*", 'grant "Bad" action "*" is not allowed'],
      ["s3:*", 'grant "Bad" action "s3:*" is not allowed'],
      ["s3:Get*", 'grant "Bad" action "s3:Get*" is not allowed'],
      ["GetObject", 'grant "Bad" action "GetObject" is not allowed'],
    ])("action %j", (action, message) => {
      const { identity } = setup();
      expectInvalid(() => identity.grant({ sid: "Bad", actions: [action], resources: [FN] }), "actions", `ServiceIdentity "orders": ${message}; name one action as "service:Action" without wildcards, e.g. "secretsmanager:GetSecretValue".`);
    });

    test.each(["*", "arn:aws:s3:::bucket/*", `arn:aws:lambda:${REGION}:${ACCOUNT}:function:charg?`])("resource %j without a reason", (resource) => {
      const { identity } = setup();
      expectInvalid(() => identity.grant({ sid: "Bad", actions: ["s3:GetObject"], resources: [resource] }), "allowWildcardResource", `ServiceIdentity "orders": grant "Bad" resource "${resource}" is a wildcard; pass concrete ARNs, or allowWildcardResource with a reason of at least 10 characters when the API has no resource-level permissions.`);
    });

    test.each([
      ["iam:PutRolePolicy", "*"],
      ["iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/*`],
      ["iam:createpolicyversion", `arn:aws:iam::${ACCOUNT}:policy/*`],
      ["iam:PassRole", "*"],
      ["sts:AssumeRole", "*"],
      ["iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/*`],
    ])("escalation action %j on %j, whatever the reason", (action, resource) => {
      const { identity, policy } = setup();
      identity.allowInvokeFunction([FN]);
      const reason = "the deployment pipeline manages every role of the account";
      expectInvalid(() => identity.grant({ sid: "Escalate", actions: ["iam:GetRole", action], resources: [resource], allowWildcardResource: reason }), "resources", `ServiceIdentity "orders": grant "Escalate" action "${action}" on wildcard resource "${resource}" would let the service escalate its privileges, and allowWildcardResource cannot allow it; pass the exact ARNs of the roles, users, groups or policies in resources.`);
      expectInvalid(() => identity.grant({ sid: "Escalate", actions: [action], resources: [resource] }), "resources", /would let the service escalate its privileges/);
      expect(parsePolicy(policy().policy).Statement.map((s) => s.Sid)).toEqual(["InvokeFunctions"]);
    });

    test("escalation actions on exact ARNs are granted", () => {
      const { identity, policy } = setup();
      const role = `arn:aws:iam::${ACCOUNT}:role/orders-worker`;
      identity.grant({ sid: "AssumeWorker", actions: ["sts:AssumeRole"], resources: [role] });
      expect(parsePolicy(policy().policy).Statement).toEqual([{ Sid: "AssumeWorker", Effect: "Allow", Action: "sts:AssumeRole", Resource: role }]);
    });

    test("a too-short wildcard reason", () => {
      const { identity } = setup();
      expectInvalid(() => identity.grant({ sid: "Bad", actions: ["ec2:DescribeInstances"], resources: ["*"], allowWildcardResource: "needed" }), "allowWildcardResource", /is a wildcard/);
    });

    test("a wildcard reason without a wildcard", () => {
      const { identity } = setup();
      expectInvalid(() => identity.grant({ sid: "Bad", actions: ["lambda:InvokeFunction"], resources: [FN], allowWildcardResource: "not needed at all" }), "allowWildcardResource", 'ServiceIdentity "orders": grant "Bad" passes allowWildcardResource but no resource is a wildcard; remove allowWildcardResource.');
    });

    test("no actions, no resources, a non-ARN resource, a bad sid, an empty condition", () => {
      const { identity } = setup();
      expectInvalid(() => identity.grant({ sid: "Bad", actions: [], resources: [FN] }), "actions", 'ServiceIdentity "orders": grant "Bad" has no actions; list the exact actions the service calls.');
      expectInvalid(() => identity.grant({ sid: "Bad", actions: ["lambda:InvokeFunction"], resources: [] }), "resources", 'ServiceIdentity "orders": grant "Bad" has no resources; pass the ARNs the actions apply to.');
      expectInvalid(() => identity.grant({ sid: "Bad", actions: ["lambda:InvokeFunction"], resources: ["charge"] }), "resources", 'ServiceIdentity "orders": grant "Bad" resource "charge" is not an ARN; pass the resource\'s ARN (e.g. its `arn` attribute).');
      expectInvalid(() => identity.grant({ sid: "Read-Config", actions: ["lambda:InvokeFunction"], resources: [FN] }), "sid", 'ServiceIdentity "orders": grant sid "Read-Config" must be 1 to 128 letters or digits; pass a name such as "ReadOrdersSecrets".');
      expectInvalid(() => identity.grant({ sid: "Bad", actions: ["lambda:InvokeFunction"], resources: [FN], conditions: [{ test: "StringEquals", variable: "aws:SourceVpc", values: [] }] }), "conditions", 'ServiceIdentity "orders": grant "Bad" has a condition without test, variable or values; give all three.');
    });

    test("a sid reused with other actions", () => {
      const { identity } = setup();
      identity.grant({ sid: "Invoke", actions: ["lambda:InvokeFunction"], resources: [FN] });
      expectInvalid(() => identity.grant({ sid: "Invoke", actions: ["lambda:GetFunction"], resources: [FN] }), "sid", 'ServiceIdentity "orders": grant sid "Invoke" is already used with other actions, conditions or wildcard reason; give this grant its own sid.');
    });

    test("helpers check the ARN service", () => {
      const { identity } = setup();
      expectInvalid(() => identity.allowInvokeFunction([API]), "allowInvokeFunction functionArns", `ServiceIdentity "orders": allowInvokeFunction functionArns entry "${API}" is not an lambda ARN in partition "aws"; pass the full ARN, e.g. "arn:aws:lambda:eu-west-1:123456789012:function:charge".`);
      expectInvalid(() => identity.allowInvokeApi([FN]), "allowInvokeApi apiArns", /allowInvokeApi apiArns entry ".*function:charge" is not an execute-api ARN/);
      expectInvalid(() => identity.allowInvokeApi([`arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/prod/*/*`]), "allowWildcardResource", /is a wildcard/);
    });

    test("a rejected grant leaves the policy unchanged", () => {
      const { identity, policy } = setup();
      identity.allowInvokeFunction([FN]);
      expect(() => identity.grant({ sid: "Everything", actions: ["s3:GetObject"], resources: ["*"] })).toThrow();
      expect(parsePolicy(policy().policy).Statement.map((s) => s.Sid)).toEqual(["InvokeFunctions"]);
    });
  });
});
