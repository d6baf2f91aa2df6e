import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztGw011 = defineRule({
  id: "ZT-GW-011",
  title: "Lambda function URL does not require IAM authorization",
  severity: "high",
  domain: "gateway",
  rationale:
    "A function URL with authorization_type \"NONE\" is a public HTTPS endpoint that runs the function for any caller on the internet, with no authentication in front of it. Zero trust authenticates every request before it reaches a workload.",
  remediation:
    "Set authorization_type = \"AWS_IAM\" on the aws_lambda_function_url and grant lambda:InvokeFunctionUrl to the named callers, or serve the function through an API Gateway route with an authorizer.",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "IA-2", "IA-9"],
    checkov: ["CKV_AWS_258"],
  },
  resourceTypes: ["aws_lambda_function_url"],
  check(r) {
    const auth = r.get("authorization_type");
    if (auth.kind === "unknown") return unknown("authorization_type is not known until apply");
    if (auth.kind === "known" && String(auth.value).toUpperCase() === "AWS_IAM") return pass();
    const value = auth.kind === "known" ? `"${String(auth.value)}"` : "not set";
    return fail(`authorization_type is ${value}: anyone on the internet can call the function URL`, "AuthorizationType::NONE");
  },
});
