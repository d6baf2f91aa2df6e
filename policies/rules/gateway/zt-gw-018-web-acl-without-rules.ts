import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { wafRules } from "./_waf";

export const ztGw018 = defineRule({
  id: "ZT-GW-018",
  title: "WAFv2 web ACL has no rules",
  severity: "medium",
  domain: "gateway",
  rationale:
    "A web ACL without rules applies its default action to every request: with allow, it inspects nothing while the " +
    "API it is associated with looks protected; with block, it refuses everything. Zero trust filters each request " +
    "at the enforcement point by what it carries. AWS Security Hub control WAF.10 (AWS WAF web ACLs should have at " +
    "least one rule or rule group).",
  remediation:
    "Add rule blocks to the aws_wafv2_web_acl: the AWS managed rule groups (managed_rule_group_statement " +
    "AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesAmazonIpReputationList) and a " +
    "rate_based_statement per client IP, each with override_action or action and its own visibility_config.",
  references: {
    nist800207: ["Tenet 4", "Tenet 5"],
    nist80053: ["SC-7", "SI-3", "SI-4"],
    checkov: ["CKV_AWS_175"],
    securityHub: ["WAF.10"],
  },
  resourceTypes: ["aws_wafv2_web_acl"],
  check(r) {
    if (r.literalBlockCount("rule") > 0) return pass();
    const rules = wafRules(r);
    if (rules === undefined) return unknown("rule_json is computed by an expression until apply");
    if (rules.dynamic) return unknown("the rules come from a dynamic block or are computed until apply; there may be none");
    if (rules.rules.length > 0) return pass();
    return fail(`web ACL "${r.str("name") ?? r.name}" has no rule block and no rule_json: its default action decides every request`);
  },
});
