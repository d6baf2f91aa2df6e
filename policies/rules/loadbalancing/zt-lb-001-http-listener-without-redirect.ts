import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";
import { internetFacing, lbOf, LISTENER_TYPES, listenerProtocol } from "./_lb";

export const ztLb001 = defineRule({
  id: "ZT-LB-001",
  title: "Load balancer serves plain HTTP instead of redirecting to HTTPS",
  severity: "high",
  domain: "loadbalancing",
  rationale:
    "An HTTP listener that forwards or authenticates requests sends session cookies, tokens and data in clear " +
    "text across every network between client and load balancer. Zero trust secures all communication regardless " +
    "of network location: port 80 should only ever answer with a redirect to HTTPS. On an internet-facing load " +
    "balancer any other default action fails, a fixed response included: listener rules attached to the listener " +
    "elsewhere (another stack, the console) can forward plaintext traffic behind it. Deliberately stricter than " +
    "CKV_AWS_2 and CKV2_AWS_20: listener rules are judged too, and a fixed response on an internet-facing load balancer fails.",
  remediation:
    "Make the default action of every HTTP listener type = \"redirect\" with redirect { protocol = \"HTTPS\", " +
    "port = \"443\", status_code = \"HTTP_301\" }, serve the application from an HTTPS listener, and do not attach " +
    "forwarding listener rules to the HTTP listener.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)"],
    checkov: ["CKV_AWS_2", "CKV2_AWS_20"],
    cdkNag: ["HIPAA.Security-ALBHttpToHttpsRedirection"],
    securityHub: ["ELB.1"],
  },
  resourceTypes: LISTENER_TYPES,
  check(r, model) {
    const protocol = listenerProtocol(r, model);
    if (protocol === undefined) return unknown("listener protocol cannot be determined before apply");
    if (protocol !== "HTTP") return na(`${protocol} listener`);
    const outcomes: Outcome[] = [];
    if (r.blocksUnknown("default_action")) outcomes.push(unknown("default_action is computed at apply time", "DefaultAction"));
    else outcomes.push(judge(r.blocks("default_action"), "DefaultAction", facesInternet(r, model)));
    const rules = listenerRules(r, model);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule.blocksUnknown("action")) outcomes.push(unknown(`${rule.address} actions are computed at apply time`, `Rule::${rule.address}`));
      else outcomes.push(judge(rule.blocks("action"), `Rule::${rule.address}`));
    }
    return outcomes;
  },
});

function listenerRules(listener: Resource, model: Model): Resource[] {
  return ["aws_lb_listener_rule", "aws_alb_listener_rule"].flatMap((t) => model.referrers(listener, t, "listener_arn"));
}

/** True when the listener's load balancer is in the configuration and internet-facing. */
function facesInternet(listener: Resource, model: Model): boolean {
  const lb = lbOf(listener, model);
  return lb !== undefined && internetFacing(lb) === true;
}

/**
 * Passes when the actions redirect to HTTPS or, unless `redirectOnly` (the default action of a listener on an
 * internet-facing load balancer), only answer with a fixed response; anything else serves traffic over HTTP.
 */
function judge(actions: View[], item: string, redirectOnly = false): Outcome {
  if (actions.length === 0) return unknown("no action is configured", item);
  const types = actions.map((a) => a.str("type"));
  if (types.includes(undefined)) return unknown("an action type is computed at apply time", item);
  const redirect = actions.find((a) => a.str("type") === "redirect");
  if (redirect) {
    const proto = redirect.get("redirect.protocol");
    if (proto.kind === "unknown") return unknown("redirect protocol is computed at apply time", item);
    if (redirect.str("redirect.protocol")?.toUpperCase() === "HTTPS") return pass(item);
    return fail(`HTTP listener redirects with protocol ${redirect.str("redirect.protocol") ?? "#{protocol} (unchanged: HTTP)"}`, item);
  }
  if (types.every((t) => t === "fixed-response")) {
    if (!redirectOnly) return pass(item);
    return fail("HTTP listener of an internet-facing load balancer answers with a fixed response instead of a redirect to HTTPS: listener rules attached elsewhere can still forward plaintext traffic", item);
  }
  return fail(`HTTP listener ${item === "DefaultAction" ? "default action" : "rule"} ${types.join(" + ")} serves requests over plain HTTP`, item);
}
