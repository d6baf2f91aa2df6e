import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** AWS WAF writes logs only to a destination whose name starts with this prefix. */
const PREFIX = "aws-waf-logs-";

/** Where a destination of each type keeps its name, and how its ARN ends. */
const DESTINATIONS: Readonly<Record<string, { readonly attr: string; readonly arn: RegExp }>> = {
  aws_cloudwatch_log_group: { attr: "name", arn: /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)/ },
  aws_s3_bucket: { attr: "bucket", arn: /^arn:[^:]+:s3:::([^/]+)/ },
  aws_kinesis_firehose_delivery_stream: { attr: "name", arn: /^arn:[^:]+:firehose:[^:]*:[^:]*:deliverystream\/(.+)$/ },
};

export const ztGw020 = defineRule({
  id: "ZT-GW-020",
  title: "WAFv2 web ACL does not log the requests it inspects",
  severity: "medium",
  domain: "gateway",
  rationale:
    "Web ACL logs record each inspected request, the rule that matched and the action taken. Without them a blocked " +
    "attack, a false positive that locks out a client or a rate rule that fires leave only counters behind, and an " +
    "incident cannot be traced to its source. Zero trust keeps a record of every access decision. AWS Security Hub " +
    "control WAF.11 (AWS WAF web ACL logging should be enabled). AWS WAF delivers logs only to a CloudWatch log group, " +
    "S3 bucket or Firehose stream whose name starts with aws-waf-logs-; another name fails at apply and leaves the ACL unlogged.",
  remediation:
    "Add an aws_wafv2_web_acl_logging_configuration with resource_arn = the web ACL's arn and log_destination_configs " +
    "= the ARN of a destination named aws-waf-logs-... (for example a KMS-encrypted aws_cloudwatch_log_group " +
    "\"aws-waf-logs-<name>\"), with redacted_fields for the authorization and cookie headers.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-3", "AU-12"],
    checkov: ["CKV2_AWS_31"],
  },
  resourceTypes: ["aws_wafv2_web_acl"],
  check(r, model) {
    const configs = model.referrers(r, "aws_wafv2_web_acl_logging_configuration", "resource_arn");
    const name = `web ACL "${r.str("name") ?? r.name}"`;
    if (configs.length === 0) {
      const opaque = model
        .ofTypeIn("aws_wafv2_web_acl_logging_configuration", r)
        .filter((c) => c.get("resource_arn").kind === "unknown" && model.referenced(c, "resource_arn", undefined).length === 0);
      if (opaque.length > 0) return unknown(`no logging configuration names ${name}, but the resource_arn of ${opaque.map((c) => c.address).join(", ")} is computed until apply`);
      return fail(`${name} has no aws_wafv2_web_acl_logging_configuration`);
    }
    const outcomes = configs.map((c) => destinations(c, model));
    return outcomes.find((o) => o.status === "pass") ?? outcomes.find((o) => o.status === "unknown") ?? outcomes[0];
  },
});

/** A logging configuration passes when each of its destinations is named aws-waf-logs-... (AWS takes exactly one). */
function destinations(config: Resource, model: Model): Outcome {
  const names: { readonly name: string | undefined; readonly what: string }[] = [];
  for (const target of model.referenced(config, "log_destination_configs", Object.keys(DESTINATIONS))) {
    names.push({ name: nameOf(target), what: target.address });
  }
  const values = config.items("log_destination_configs") ?? [];
  for (const v of values) {
    if (v.kind !== "known" || typeof v.value !== "string") continue;
    const arn = v.value;
    const match = Object.values(DESTINATIONS).map((d) => d.arn.exec(arn)?.[1]).find((n) => n !== undefined);
    names.push({ name: match, what: arn });
  }
  if (names.length === 0) return unknown(`the log destination of ${config.address} is computed until apply`);
  const wrong = names.filter((n) => n.name !== undefined && !n.name.startsWith(PREFIX));
  if (wrong.length > 0) {
    return fail(`${config.address} logs to ${wrong.map((n) => `${n.what} ("${n.name}")`).join(", ")}: AWS WAF accepts only destinations named ${PREFIX}...`);
  }
  const computed = names.find((n) => n.name === undefined);
  if (computed) return unknown(`the name of log destination ${computed.what} is computed until apply; AWS WAF accepts only names starting with ${PREFIX}`);
  return pass();
}

/** The literal name of a destination resource, or its name_prefix when that already decides the prefix. */
function nameOf(target: Resource): string | undefined {
  const attr = DESTINATIONS[target.type]?.attr ?? "name";
  const name = target.str(attr);
  if (name !== undefined) return name;
  const prefix = target.str(`${attr}_prefix`);
  return prefix !== undefined && (prefix.startsWith(PREFIX) || !PREFIX.startsWith(prefix)) ? prefix : undefined;
}
