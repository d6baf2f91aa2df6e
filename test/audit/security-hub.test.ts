import { FindingsHub, cisStandardArn, fsbpStandardArn } from "../../constructs/audit";
import { StackEnvironment } from "../../constructs/core";
import { expectInvalid } from "../core/validation-error";
import { ofType, only, packVerdict } from "../identity/harness";
import { environmentStack } from "./detection-fixtures";

describe("FindingsHub", () => {
  test("Security Hub without implicit default standards, controls consolidated per control, subscribed to FSBP only", () => {
    const stack = environmentStack();
    new FindingsHub(stack, "hub");
    expect(only(stack, "aws_securityhub_account")).toEqual({ enable_default_standards: false, auto_enable_controls: true, control_finding_generator: "SECURITY_CONTROL" });
    const subscriptions = Object.values(ofType(stack, "aws_securityhub_standards_subscription"));
    expect(subscriptions.map((s) => s.standards_arn)).toEqual(["arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0"]);
    expect(subscriptions[0].depends_on).toEqual([expect.stringMatching(/^aws_securityhub_account\.hub_account_/)]);
    expect(ofType(stack, "aws_securityhub_organization_configuration")).toEqual({});
    expect(ofType(stack, "aws_securityhub_finding_aggregator")).toEqual({});
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });

  test("subscribes to CIS v3.0.0 when asked", () => {
    const stack = environmentStack();
    new FindingsHub(stack, "hub", { cis: true });
    expect(Object.values(ofType(stack, "aws_securityhub_standards_subscription")).map((s) => s.standards_arn).sort()).toEqual([
      "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
    ]);
  });

  test.each([
    ["eu-west-1", "arn:aws:securityhub:eu-west-1::standards/"],
    ["cn-north-1", "arn:aws-cn:securityhub:cn-north-1::standards/"],
    ["us-gov-west-1", "arn:aws-us-gov:securityhub:us-gov-west-1::standards/"],
  ])("builds the standards ARNs from the region and partition of %s", (region, prefix) => {
    const stack = environmentStack("hub", region);
    const env = StackEnvironment.of(stack);
    expect(fsbpStandardArn(env)).toBe(`${prefix}aws-foundational-security-best-practices/v/1.0.0`);
    expect(cisStandardArn(env)).toBe(`${prefix}cis-aws-foundations-benchmark/v/3.0.0`);
  });

  test("the organization variant turns Security Hub on in new member accounts, each configured locally", () => {
    const stack = environmentStack();
    new FindingsHub(stack, "hub", { organization: { organizationId: "o-a1b2c3d4e5" } });
    expect(only(stack, "aws_securityhub_organization_configuration")).toMatchObject({
      auto_enable: true,
      auto_enable_standards: "DEFAULT",
      organization_configuration: { configuration_type: "LOCAL" },
    });
  });

  test("refuses an organization variant without a well-formed organization id", () => {
    expectInvalid(() => new FindingsHub(environmentStack(), "hub", { organization: { organizationId: "O-A1B2C3D4E5" } }), "organization.organizationId", /"O-A1B2C3D4E5"; an organization variant needs/);
  });
});
