import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { WafIpset } from "@cdktf/provider-aws/lib/waf-ipset";
import { WafRule } from "@cdktf/provider-aws/lib/waf-rule";
import { WafWebAcl } from "@cdktf/provider-aws/lib/waf-web-acl";
import { WafregionalIpset } from "@cdktf/provider-aws/lib/wafregional-ipset";
import { WafregionalRule } from "@cdktf/provider-aws/lib/wafregional-rule";
import { WafregionalWebAcl } from "@cdktf/provider-aws/lib/wafregional-web-acl";
import { WafregionalWebAclAssociation } from "@cdktf/provider-aws/lib/wafregional-web-acl-association";
import { Wafv2IpSet } from "@cdktf/provider-aws/lib/wafv2-ip-set";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";

const STAGE_ARN = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod";
const BLOCKED = "192.0.2.0/24";

/** A web ACL with one IP rule in AWS WAF Classic, global and regional (associated with a stage), and its WAFv2 twin. */
export function wafClassicFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "fsbp-waf-classic");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const globalSet = new WafIpset(stack, "global_blocked", { name: "blocked", ipSetDescriptors: [{ type: "IPV4", value: BLOCKED }] });
  const globalRule = new WafRule(stack, "global_rule", {
    name: "blocked",
    metricName: "blocked",
    predicates: [{ dataId: globalSet.id, negated: false, type: "IPMatch" }],
  });
  new WafWebAcl(stack, "global_acl", {
    name: "global",
    metricName: "global",
    defaultAction: { type: "ALLOW" },
    rules: [{ action: { type: "BLOCK" }, priority: 1, ruleId: globalRule.id, type: "REGULAR" }],
  });

  const regionalSet = new WafregionalIpset(stack, "regional_blocked", { name: "blocked", ipSetDescriptor: [{ type: "IPV4", value: BLOCKED }] });
  const regionalRule = new WafregionalRule(stack, "regional_rule", {
    name: "blocked",
    metricName: "blocked",
    predicate: [{ dataId: regionalSet.id, negated: false, type: "IPMatch" }],
  });
  const regionalAcl = new WafregionalWebAcl(stack, "regional_acl", {
    name: "regional",
    metricName: "regional",
    defaultAction: { type: "ALLOW" },
    rule: [{ action: { type: "BLOCK" }, priority: 1, ruleId: regionalRule.id, type: "REGULAR" }],
  });
  new WafregionalWebAclAssociation(stack, "regional_stage", { resourceArn: STAGE_ARN, webAclId: regionalAcl.id });

  // The same protection in AWS WAF (v2).
  const v2Set = new Wafv2IpSet(stack, "v2_blocked", { name: "blocked", scope: "REGIONAL", ipAddressVersion: "IPV4", addresses: [BLOCKED] });
  new Wafv2WebAcl(stack, "v2_acl", {
    name: "v2",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "v2", sampledRequestsEnabled: true },
    rule: [
      {
        name: "blocked",
        priority: 1,
        action: { block: {} },
        statement: { ip_set_reference_statement: { arn: v2Set.arn } },
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "blocked", sampledRequestsEnabled: true },
      },
    ],
  });

  return stack;
}
