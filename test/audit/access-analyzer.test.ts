import { AccessAnalyzer } from "../../constructs/audit";
import { expectInvalid } from "../core/validation-error";
import { only, packVerdict } from "../identity/harness";
import { environmentStack } from "./detection-fixtures";

describe("AccessAnalyzer", () => {
  test("an account analyzer by default", () => {
    const stack = environmentStack();
    new AccessAnalyzer(stack, "analyzer");
    expect(only(stack, "aws_accessanalyzer_analyzer")).toMatchObject({ analyzer_name: "zt-account-analyzer", type: "ACCOUNT" });
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });

  test("an organization analyzer for the organization variant", () => {
    const stack = environmentStack();
    new AccessAnalyzer(stack, "analyzer", { organization: { organizationId: "o-exampleorgid11" } });
    expect(only(stack, "aws_accessanalyzer_analyzer")).toMatchObject({ analyzer_name: "zt-organization-analyzer", type: "ORGANIZATION" });
  });

  test("refuses a malformed organization id and a name Access Analyzer would refuse", () => {
    expectInvalid(() => new AccessAnalyzer(environmentStack(), "analyzer", { organization: { organizationId: "o-short" } }), "organization.organizationId", /"o-short"/);
    expectInvalid(() => new AccessAnalyzer(environmentStack(), "analyzer", { name: "1st analyzer" }), "name", /must start with a letter/);
  });
});
