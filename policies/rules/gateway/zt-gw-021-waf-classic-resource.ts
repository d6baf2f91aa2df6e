import { defineRule, fail } from "../../engine/outcome";

/** Resources of AWS WAF Classic (global and regional) that the AWS provider 5.100.0 declares. */
const WAF_CLASSIC_KINDS = [
  "byte_match_set",
  "geo_match_set",
  "ipset",
  "rate_based_rule",
  "regex_match_set",
  "regex_pattern_set",
  "rule",
  "rule_group",
  "size_constraint_set",
  "sql_injection_match_set",
  "web_acl",
  "xss_match_set",
];

/** Every `aws_waf_*` and `aws_wafregional_*` resource type. */
export const WAF_CLASSIC_TYPES: readonly string[] = [
  ...WAF_CLASSIC_KINDS.map((k) => `aws_waf_${k}`),
  ...WAF_CLASSIC_KINDS.map((k) => `aws_wafregional_${k}`),
  "aws_wafregional_web_acl_association",
];

export const ztGw021 = defineRule({
  id: "ZT-GW-021",
  title: "AWS WAF Classic resource declared (global or regional)",
  severity: "medium",
  domain: "gateway",
  rationale:
    "AWS WAF Classic is at the end of its life (AWS announced the end of support for September 30, 2025): it receives " +
    "no new managed rules or features, has no managed rule groups for current attacks, no rate rules per header or " +
    "label, and its web ACLs stop being serviced. A resource it protects keeps an enforcement point that no longer " +
    "learns. Zero trust keeps the policy enforcement point current with the threats it filters. Deliberately stricter " +
    "than AWS Security Hub controls WAF.1 (Classic global web ACL logging) and WAF.2, WAF.3, WAF.4, WAF.6, WAF.7 and " +
    "WAF.8 (Classic rules without conditions, rule groups without rules and web ACLs without rules or rule groups, " +
    "regional and global): every Classic resource fails, so a configuration that passes holds nothing for those " +
    "controls to find.",
  remediation:
    "Migrate to AWS WAF (WAFv2): an aws_wafv2_web_acl with the AWS managed rule groups and a rate rule, " +
    "aws_wafv2_ip_set and aws_wafv2_regex_pattern_set for the match sets, and aws_wafv2_web_acl_association (or the " +
    "distribution's web_acl_id) in place of aws_wafregional_web_acl_association; then remove the aws_waf_* and " +
    "aws_wafregional_* resources.",
  references: {
    nist800207: ["Tenet 4", "Tenet 5"],
    nist80053: ["SC-7", "SI-3", "SI-4", "SA-22"],
    securityHub: ["WAF.1", "WAF.2", "WAF.3", "WAF.4", "WAF.6", "WAF.7", "WAF.8"],
  },
  resourceTypes: WAF_CLASSIC_TYPES,
  check(r) {
    const scope = r.type.startsWith("aws_wafregional_") ? "regional" : "global";
    return fail(`${r.type} is an AWS WAF Classic (${scope}) resource`);
  },
});
