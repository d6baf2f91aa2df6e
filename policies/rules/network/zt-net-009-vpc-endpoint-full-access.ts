import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { isPublicPrincipal, openValues, policyAt, Statement, worstCaseStatement } from "../../engine/policy-document";
import { Outcome } from "../../engine/types";
import { restrictedBy } from "../identity/_policies";

const POLICY_TYPES = ["Gateway", "Interface"];

/**
 * Conditions that narrow an endpoint statement to known callers or to resources of known owners. The network keys
 * (`aws:SourceVpce`, `aws:SourceVpc`, `aws:VpceAccount`) are left out: every request through the endpoint carries the
 * endpoint's own values, so they narrow nothing in its policy.
 */
const ENDPOINT_SCOPING_KEYS: readonly string[] = [
  "aws:PrincipalAccount",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalArn",
  "aws:userid",
  "aws:ResourceAccount",
  "aws:ResourceOrgID",
  "aws:ResourceOrgPaths",
];

export const ztNet009 = defineRule({
  id: "ZT-NET-009",
  title: "VPC endpoint has no policy or a full-access policy",
  severity: "medium",
  domain: "network",
  rationale:
    "Without a policy AWS attaches a full-access policy to a gateway or interface endpoint, so any principal in the VPC — including stolen credentials of another account — can use it to reach any resource of the service (and exfiltrate data to foreign S3 buckets). Zero trust scopes each access path to the identities and resources that need it.",
  remediation:
    "Set the endpoint's policy (or add an aws_vpc_endpoint_policy) with statements limited to the needed actions and resources, or condition Principal \"*\" on aws:PrincipalOrgID / aws:PrincipalAccount / aws:ResourceAccount with exact values (a wildcard such as `o-*` or an `...IfExists` test narrows nothing).",
  references: {
    nist800207: ["Tenet 3", "Tenet 4", "Tenet 6"],
    nist80053: ["AC-3", "AC-4", "AC-6", "SC-7"],
  },
  resourceTypes: ["aws_vpc_endpoint"],
  check(resource, model) {
    // vpc_endpoint_type defaults to Gateway; GatewayLoadBalancer, Resource and ServiceNetwork endpoints take no policy.
    const type = resource.getConfigured("vpc_endpoint_type").kind === "absent" ? "Gateway" : resource.str("vpc_endpoint_type");
    if (type !== undefined && !POLICY_TYPES.includes(type)) return na(`${type} endpoints do not support policies`);
    // An aws_vpc_endpoint_policy referencing the endpoint replaces the endpoint's own policy argument.
    const attached = model.referrers(resource, "aws_vpc_endpoint_policy", "vpc_endpoint_id");
    const sources = attached.length > 0 ? attached : [resource];
    const out = sources.flatMap((s) => judgePolicy(s, model, s === resource ? "the endpoint" : s.address));
    return out.length > 0 ? out : pass();
  },
});

function judgePolicy(holder: Resource, model: Model, name: string): Outcome[] {
  if (holder.getConfigured("policy").kind === "absent") {
    return [fail(`${name} sets no policy, so AWS applies the full-access default (Principal *, Action *)`, "Policy::default")];
  }
  const doc = policyAt(holder, "policy", model);
  if (doc.kind === "absent") return [fail(`${name} sets an empty policy, so AWS applies the full-access default`, "Policy::default")];
  if (doc.kind === "unknown") return [unknown(`${name} has a policy unknown until apply`)];
  if (doc.kind === "invalid") return [unknown(`${name} has an unreadable policy: ${doc.error}`)];
  return doc.statements.flatMap((s, i) => {
    const item = `Statement::${s.sid ?? i}`;
    if (fullAccess(s)) return [fail(`${name} allows every action to every principal without a condition`, item)];
    // A principal, action or condition value known only at apply may be a wildcard: judged at its worst, as the
    // identity rules do.
    const worst = worstCaseStatement(s);
    if (worst !== undefined && fullAccess(worst)) {
      return [unknown(`${name} takes ${openValues(s).join(", ")} at apply; if that is a wildcard, it allows every action to every principal`, item)];
    }
    return [];
  });
}

/**
 * An Allow to any principal (an endpoint statement without Principal applies to all) of every action, without a
 * condition that narrows it to known principals or resource owners: a condition with a catch-all value (`o-*`,
 * `arn:aws:iam::*:role/x`), a negated, `Null` or `...IfExists` test, or a key the endpoint always sets does not.
 */
function fullAccess(s: Statement): boolean {
  if (s.effect !== "Allow" || restrictedBy(s, ENDPOINT_SCOPING_KEYS)) return false;
  const everyone = s.principals === undefined || isPublicPrincipal(s.principals);
  const everything = (s.actions ?? []).some((a) => a === "*" || a === "*:*");
  return everyone && everything;
}
