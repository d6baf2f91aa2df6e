import { Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { Metrics, metricsOf, wafRules } from "./_waf";

export const ztGw019 = defineRule({
  id: "ZT-GW-019",
  title: "WAFv2 web ACL, rule group or rule sends no CloudWatch metrics",
  severity: "low",
  domain: "gateway",
  rationale:
    "CloudWatch metrics count the requests each rule allows, blocks and counts. Without them a surge of blocked " +
    "injection attempts or a rate rule that starts firing goes unseen, and alarms cannot be set on the web ACL. Zero " +
    "trust collects telemetry on every access decision to detect attacks and to tune policy. AWS Security Hub control " +
    "WAF.12 (AWS WAF rules should have CloudWatch metrics enabled).",
  remediation:
    "Set visibility_config cloudwatch_metrics_enabled = true (and a metric_name) on the aws_wafv2_web_acl or " +
    "aws_wafv2_rule_group itself and on each of its rule blocks (VisibilityConfig.CloudWatchMetricsEnabled in rule_json).",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-6", "CA-7", "SI-4"],
    securityHub: ["WAF.12"],
  },
  resourceTypes: ["aws_wafv2_web_acl", "aws_wafv2_rule_group"],
  check(r) {
    const kind = r.type === "aws_wafv2_web_acl" ? "WebAcl" : "RuleGroup";
    const out: Outcome[] = [judge(metricsOf(r.blocks("visibility_config")[0]), `the ${label(r)} itself`, kind)];
    const rules = wafRules(r);
    if (rules === undefined) out.push(unknown("rule_json is computed by an expression until apply", "Rule::*"));
    else for (const rule of rules.rules) out.push(judge(rule.metrics, `rule "${rule.name}" of the ${label(r)}`, `Rule::${rule.name}`));
    return out;
  },
});

function label(r: Resource): string {
  return `${r.type === "aws_wafv2_web_acl" ? "web ACL" : "rule group"} "${r.str("name") ?? r.name}"`;
}

function judge(metrics: Metrics, what: string, item: string): Outcome {
  if (metrics === "unknown") return unknown(`visibility_config cloudwatch_metrics_enabled of ${what} is computed until apply`, item);
  return metrics ? pass(item) : fail(`${what} has visibility_config cloudwatch_metrics_enabled = false`, item);
}
