import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { ztLb008 } from "../../../policies/rules/loadbalancing/zt-lb-008-classic-listener-without-tls";
import { ztLb009 } from "../../../policies/rules/loadbalancing/zt-lb-009-classic-access-logs-disabled";
import { ztLb010 } from "../../../policies/rules/loadbalancing/zt-lb-010-classic-connection-draining-off";
import { ztLb011 } from "../../../policies/rules/loadbalancing/zt-lb-011-classic-cross-zone-off";
import { ztLb012 } from "../../../policies/rules/loadbalancing/zt-lb-012-classic-desync-mitigation-monitor";
import { ztLb013 } from "../../../policies/rules/loadbalancing/zt-lb-013-classic-single-zone";
import { ztLb014 } from "../../../policies/rules/loadbalancing/zt-lb-014-single-zone";
import { ztLb015 } from "../../../policies/rules/loadbalancing/zt-lb-015-plaintext-to-targets";
import { ztLb016 } from "../../../policies/rules/loadbalancing/zt-lb-016-classic-weak-ssl-policy";
import { ztLb017 } from "../../../policies/rules/loadbalancing/zt-lb-017-classic-certificate-not-from-acm";
import { configModel, describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { fsbpLoadbalancingFixture } from "./fsbp-fixture";

const E = (name: string) => `aws_elb.${name}`;
const TG = (name: string) => `aws_lb_target_group.${name}`;
const WEAK = E("classic_weak");
const HARDENED = E("classic_hardened");
const LEGACY = E("classic_legacy_policy");

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [ztLb008, { fail: [WEAK], pass: [HARDENED, LEGACY] }],
  [ztLb009, { fail: [WEAK, LEGACY], pass: [HARDENED] }],
  [ztLb010, { fail: [WEAK], pass: [HARDENED, LEGACY] }],
  [ztLb011, { fail: [WEAK], pass: [HARDENED, LEGACY] }],
  [ztLb012, { fail: [WEAK], pass: [HARDENED, LEGACY] }],
  [ztLb013, { fail: [WEAK], pass: [HARDENED, LEGACY] }],
  [ztLb014, { fail: ["aws_lb.single_zone"], pass: ["aws_lb.two_zone_nlb", "aws_lb.subnet_refs"] }],
  [ztLb015, { fail: [WEAK, TG("plain_http"), TG("rule_http"), TG("plain_tcp")], pass: [HARDENED, LEGACY, TG("tls_https"), TG("tls_tls")] }],
  [ztLb016, { fail: [WEAK, LEGACY], pass: [HARDENED] }],
  [ztLb017, { fail: [LEGACY], pass: [WEAK, HARDENED] }],
];

const itemsOf = (rule: Rule, model: Model, address: string) =>
  resultsOf(rule, model)
    .filter((r) => r.address === address)
    .map((r) => `${r.status}:${r.item}`)
    .sort(); // a plan lists the listener set in the provider's order

describe("FSBP load balancing rules", () => {
  describeFixtureModes("on the fixture", fsbpLoadbalancingFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("name the listener or the TLS listener each verdict is about", () => {
      expect(itemsOf(ztLb008, model(), WEAK)).toEqual(["fail:Listener::80", "pass:Listener::443"]);
      expect(itemsOf(ztLb015, model(), WEAK)).toEqual(["fail:Listener::443"]);
      expect(itemsOf(ztLb016, model(), LEGACY)).toEqual(["fail:Listener::443", "fail:Listener::8443"]);
      expect(itemsOf(ztLb015, model(), TG("rule_http"))).toEqual(["fail:Listener::aws_lb_listener.single_https"]);
      expect(itemsOf(ztLb017, model(), LEGACY)).toEqual(["fail:Listener::8443", "pass:Listener::443"]);
      const custom = resultsOf(ztLb016, model()).find((r) => r.item === "Listener::8443");
      expect(custom?.message).toContain("custom SSL negotiation policy");
    });
  });
});

const cfg = (resource: Record<string, unknown>) => configModel({ resource });
const statuses = (rule: Rule, model: Model) => resultsOf(rule, model).map((r) => `${r.address}:${r.status}`);
const LISTENER = { lb_port: 443, lb_protocol: "https", instance_port: 8443, instance_protocol: "https", ssl_certificate_id: "arn" };

describe("FSBP load balancing rules on tricky shapes", () => {
  it("read listeners from a dynamic block, zones from a variable or a counted subnet, and an undeclared policy name as unknown", () => {
    const model = cfg({
      aws_elb: {
        dynamic_listeners: { name: "d", availability_zones: "${var.zones}", dynamic: { listener: { for_each: "${var.l}", content: LISTENER } } },
        literal_policy: { name: "lit", subnets: ["${aws_subnet.a.id}", "${aws_subnet.a.id}"], listener: [LISTENER] },
        named_policy: { name: "named", subnets: ["s-1", "s-2"], listener: [LISTENER] },
      },
      aws_load_balancer_listener_policy: {
        lit: { load_balancer_name: "${aws_elb.literal_policy.name}", load_balancer_port: 443, policy_names: ["my-org-tls"] },
        named: { load_balancer_name: "named", load_balancer_port: 443, policy_names: ["ELBSecurityPolicy-TLS-1-2-2017-01"] },
      },
    });
    expect(statuses(ztLb008, model)).toEqual(["aws_elb.dynamic_listeners:unknown", "aws_elb.literal_policy:pass", "aws_elb.named_policy:pass"]);
    expect(statuses(ztLb013, model)).toEqual(["aws_elb.dynamic_listeners:unknown", "aws_elb.literal_policy:fail", "aws_elb.named_policy:pass"]);
    expect(statuses(ztLb016, model)).toEqual(["aws_elb.dynamic_listeners:unknown", "aws_elb.literal_policy:unknown", "aws_elb.named_policy:pass"]);
  });

  it("ZT-LB-017: reads the certificate from an ACM or IAM resource of the configuration; a variable is unknown", () => {
    const listener = (cert: string) => ({ name: "x", availability_zones: ["a", "b"], listener: [{ ...LISTENER, ssl_certificate_id: cert }] });
    const model = cfg({
      aws_elb: {
        acm: listener("${aws_acm_certificate.site.arn}"),
        iam: listener("${aws_iam_server_certificate.legacy.arn}"),
        variable: listener("${var.certificate}"),
      },
    });
    expect(statuses(ztLb017, model)).toEqual(["aws_elb.acm:pass", "aws_elb.iam:fail", "aws_elb.variable:unknown"]);
  });

  it("ZT-LB-014: a load balancer without subnets fails; subnets from a data source are unknown", () => {
    const model = cfg({
      aws_lb: {
        none: { name: "none" },
        from_data: { name: "d", subnets: "${data.aws_subnets.private.ids}" },
      },
    });
    expect(statuses(ztLb014, model)).toEqual(["aws_lb.none:fail", "aws_lb.from_data:unknown"]);
  });

  it("ZT-LB-015: a listener whose protocol is computed leaves its plaintext target group unknown; Lambda target groups do not apply", () => {
    const model = cfg({
      aws_lb_target_group: {
        http: { name: "h", port: 80, protocol: "HTTP", vpc_id: "v" },
        lambda: { name: "l", target_type: "lambda" },
      },
      aws_lb_listener: {
        computed: { load_balancer_arn: "${var.lb}", protocol: "${var.protocol}", default_action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.http.arn}" }] },
        to_lambda: { load_balancer_arn: "x", protocol: "HTTPS", default_action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.lambda.arn}" }] },
      },
    });
    expect(statuses(ztLb015, model)).toEqual(["aws_lb_target_group.http:unknown"]);
  });
});
