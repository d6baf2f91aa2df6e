import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { loadbalancingRules } from "../../../policies/rules/loadbalancing";
import { ztLb001 } from "../../../policies/rules/loadbalancing/zt-lb-001-http-listener-without-redirect";
import { isTls12Policy, ztLb002 } from "../../../policies/rules/loadbalancing/zt-lb-002-listener-tls-below-1-2";
import { ztLb003 } from "../../../policies/rules/loadbalancing/zt-lb-003-alb-keeps-invalid-headers";
import { ztLb004 } from "../../../policies/rules/loadbalancing/zt-lb-004-public-alb-without-waf";
import { ztLb005 } from "../../../policies/rules/loadbalancing/zt-lb-005-access-logs-disabled";
import { ztLb006 } from "../../../policies/rules/loadbalancing/zt-lb-006-deletion-protection-off";
import { ztLb007 } from "../../../policies/rules/loadbalancing/zt-lb-007-desync-mitigation-monitor";
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
import { configModel, describeFixtureModes, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { loadbalancingFixture } from "./fixture";

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [
    ztLb001,
    {
      fail: ["aws_lb_listener.http_forward", "aws_lb_listener.http_redirect_leaky", "aws_alb_listener.internal_http", "aws_lb_listener.http_fixed"],
      pass: ["aws_lb_listener.http_implicit", "aws_alb_listener.internal_fixed"],
    },
  ],
  [
    ztLb002,
    {
      fail: ["aws_lb_listener.https_default_policy", "aws_lb_listener.https_legacy", "aws_lb_listener.nlb_tls_default"],
      pass: ["aws_lb_listener.https_modern", "aws_lb_listener.nlb_tls"],
    },
  ],
  [ztLb003, { fail: ["aws_lb.public_alb", "aws_alb.internal_alb"], pass: ["aws_lb.hardened_alb"] }],
  [ztLb004, { fail: ["aws_lb.public_alb"], pass: ["aws_lb.hardened_alb"] }],
  [ztLb005, { fail: ["aws_lb.public_alb", "aws_lb.nlb", "aws_alb.internal_alb"], pass: ["aws_lb.hardened_alb"] }],
  [ztLb006, { fail: ["aws_lb.public_alb", "aws_lb.nlb", "aws_alb.internal_alb"], pass: ["aws_lb.hardened_alb"] }],
  [ztLb007, { fail: ["aws_lb.public_alb"], pass: ["aws_lb.hardened_alb", "aws_alb.internal_alb"] }],
  // No Classic Load Balancer here: test/policies/loadbalancing/fsbp-classic.test.ts judges them.
  [ztLb008, { fail: [], pass: [] }],
  [ztLb009, { fail: [], pass: [] }],
  [ztLb010, { fail: [], pass: [] }],
  [ztLb011, { fail: [], pass: [] }],
  [ztLb012, { fail: [], pass: [] }],
  [ztLb013, { fail: [], pass: [] }],
  [ztLb014, { fail: [], pass: ["aws_lb.public_alb", "aws_lb.hardened_alb", "aws_alb.internal_alb", "aws_lb.nlb"] }],
  [ztLb015, { fail: ["aws_lb_target_group.web", "aws_lb_target_group.tcp"], pass: [] }],
  [ztLb016, { fail: [], pass: [] }],
  [ztLb017, { fail: [], pass: [] }],
];

describe("loadbalancing rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, loadbalancingRules));

  describeFixtureModes("on the fixture", loadbalancingFixture, (model, mode) => {
    itExpectsRules(EXPECTED, model);

    if (mode === "synthesized") {
      it("reports a forwarding listener rule behind an HTTP redirect as its own item", () => {
        const leaky = resultsOf(ztLb001, model()).filter((r) => r.address === "aws_lb_listener.http_redirect_leaky");
        expect(leaky.map((r) => `${r.status}:${r.item}`)).toEqual(["pass:DefaultAction", "fail:Rule::aws_lb_listener_rule.leaky_health"]);
      });

      it("skips TCP listeners, internal ALBs and network load balancers where a rule does not apply", () => {
        const none = (rule: Rule, address: string) => expect(resultsOf(rule, model()).filter((r) => r.address === address)).toEqual([]);
        none(ztLb001, "aws_lb_listener.nlb_tcp");
        none(ztLb002, "aws_lb_listener.nlb_tcp");
        none(ztLb002, "aws_lb_listener.http_forward");
        none(ztLb003, "aws_lb.nlb");
        none(ztLb004, "aws_alb.internal_alb");
        none(ztLb004, "aws_lb.nlb");
        none(ztLb007, "aws_lb.nlb");
      });
    } else {
      it("reads an omitted protocol (computed in the plan) as HTTP on an ALB and an omitted ssl_policy as ELBSecurityPolicy-2016-08", () => {
        expect(resultsOf(ztLb001, model()).find((r) => r.address === "aws_lb_listener.http_implicit")?.status).toBe("pass");
        const ssl = resultsOf(ztLb002, model()).find((r) => r.address === "aws_lb_listener.https_default_policy");
        expect(ssl?.item).toBe("SslPolicy::ELBSecurityPolicy-2016-08");
      });
    }
  });
});

const cfg = (resource: Record<string, unknown>) => configModel({ resource });
const statuses = (rule: Rule, model: Model) => resultsOf(rule, model).map((r) => `${r.address}:${r.status}`);

describe("loadbalancing rules on tricky shapes", () => {
  it("ZT-LB-001: a redirect that keeps #{protocol} fails; unknown protocols and actions are unknown", () => {
    const model = cfg({
      aws_lb_listener: {
        same_proto: {
          load_balancer_arn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1",
          protocol: "HTTP",
          default_action: [{ type: "redirect", redirect: { port: "8080", status_code: "HTTP_302" } }],
        },
        auth_forward: {
          load_balancer_arn: "x",
          protocol: "http",
          default_action: [
            { type: "authenticate-oidc", order: 1, authenticate_oidc: { issuer: "i" } },
            { type: "forward", order: 2, target_group_arn: "t" },
          ],
        },
        no_protocol_unresolved: { load_balancer_arn: "${var.lb_arn}", default_action: [{ type: "forward", target_group_arn: "t" }] },
        var_protocol: { load_balancer_arn: "x", protocol: "${var.protocol}", default_action: [{ type: "forward", target_group_arn: "t" }] },
        var_redirect: {
          load_balancer_arn: "x",
          protocol: "HTTP",
          default_action: [{ type: "redirect", redirect: { protocol: "${var.proto}", status_code: "HTTP_301" } }],
        },
      },
    });
    expect(statuses(ztLb001, model)).toEqual([
      "aws_lb_listener.same_proto:fail",
      "aws_lb_listener.auth_forward:fail",
      "aws_lb_listener.no_protocol_unresolved:unknown",
      "aws_lb_listener.var_protocol:unknown",
      "aws_lb_listener.var_redirect:unknown",
    ]);
  });

  it("ZT-LB-002: uses an explicit allow list of TLS 1.2+ policies", () => {
    for (const p of [
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS-1-2-2017-01",
      "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
      "ELBSecurityPolicy-FS-1-2-Res-2020-10",
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    ]) {
      expect({ p, ok: isTls12Policy(p) }).toEqual({ p, ok: true });
    }
    for (const p of [
      "ELBSecurityPolicy-2016-08",
      "ELBSecurityPolicy-2015-05",
      "ELBSecurityPolicy-TLS-1-0-2015-04",
      "ELBSecurityPolicy-TLS-1-1-2017-01",
      "ELBSecurityPolicy-FS-2018-06",
      "ELBSecurityPolicy-FS-1-1-2019-08",
      "ELBSecurityPolicy-TLS13-1-0-2021-06",
      "ELBSecurityPolicy-TLS13-1-1-2021-06",
      "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
      "elbsecuritypolicy-tls13-1-2-2021-06",
    ]) {
      expect({ p, ok: isTls12Policy(p) }).toEqual({ p, ok: false });
    }
  });

  it("ZT-LB-002: an ssl_policy from a variable is unknown; a TLS policy on an unresolved listener is still judged", () => {
    const model = cfg({
      aws_lb_listener: {
        var_policy: { load_balancer_arn: "x", protocol: "HTTPS", ssl_policy: "${var.policy}", default_action: [{ type: "forward" }] },
        unresolved_tls10: { load_balancer_arn: "${var.lb}", ssl_policy: "ELBSecurityPolicy-TLS13-1-0-2021-06", default_action: [{ type: "forward" }] },
      },
    });
    expect(statuses(ztLb002, model)).toEqual(["aws_lb_listener.var_policy:unknown", "aws_lb_listener.unresolved_tls10:fail"]);
  });

  it("ZT-LB-003 / ZT-LB-007: gateway load balancers are skipped; an unknown type is unknown", () => {
    const model = cfg({
      aws_lb: {
        gwlb: { load_balancer_type: "gateway", subnets: ["s"] },
        var_type: { load_balancer_type: "${var.type}", subnets: ["s"] },
        defensive: { subnets: ["s"], drop_invalid_header_fields: true, desync_mitigation_mode: "defensive" },
      },
    });
    expect(statuses(ztLb003, model)).toEqual(["aws_lb.var_type:unknown", "aws_lb.defensive:pass"]);
    expect(statuses(ztLb007, model)).toEqual(["aws_lb.var_type:unknown", "aws_lb.defensive:pass"]);
  });

  it("ZT-LB-004: an internal flag from a variable is unknown unless a web ACL is associated", () => {
    const model = cfg({
      aws_lb: {
        var_internal: { internal: "${var.internal}", subnets: ["s"] },
        var_internal_waf: { internal: "${var.internal}", subnets: ["s"] },
      },
      aws_wafv2_web_acl_association: { a: { resource_arn: "${aws_lb.var_internal_waf.arn}", web_acl_arn: "w" } },
    });
    expect(statuses(ztLb004, model)).toEqual(["aws_lb.var_internal:unknown", "aws_lb.var_internal_waf:pass"]);
  });

  it("ZT-LB-005: a bucket without enabled = true logs nothing", () => {
    const model = cfg({
      aws_lb: {
        bucket_only: { subnets: ["s"], access_logs: { bucket: "logs" } },
        disabled: { subnets: ["s"], access_logs: { bucket: "logs", enabled: false } },
        ref_bucket: { subnets: ["s"], access_logs: { bucket: "${aws_s3_bucket.logs.id}", enabled: true } },
        gwlb: { load_balancer_type: "gateway", subnets: ["s"] },
      },
    });
    expect(statuses(ztLb005, model)).toEqual(["aws_lb.bucket_only:fail", "aws_lb.disabled:fail", "aws_lb.ref_bucket:pass"]);
  });

  it("ZT-LB-006: deletion protection from a variable is unknown", () => {
    const model = cfg({ aws_lb: { v: { subnets: ["s"], enable_deletion_protection: "${var.protect}" } } });
    expect(statuses(ztLb006, model)).toEqual(["aws_lb.v:unknown"]);
  });
});
