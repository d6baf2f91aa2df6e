import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Alb } from "@cdktf/provider-aws/lib/alb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { AlbListener } from "@cdktf/provider-aws/lib/alb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";

const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];
const VPC = "vpc-0123456789abcdef0";
const CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const TO_HTTPS = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };

/** Load balancers and listeners: compliant and non-compliant ALBs, an internal ALB and an NLB. */
export function loadbalancingFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "loadbalancing");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const web = new LbTargetGroup(stack, "web", { name: "web", port: 8080, protocol: "HTTP", vpcId: VPC });
  const tcp = new LbTargetGroup(stack, "tcp", { name: "tcp", port: 8443, protocol: "TCP", vpcId: VPC });
  const forwardWeb = { type: "forward", targetGroupArn: web.arn };

  // Internet-facing ALB with every default left in place and desync mitigation in monitor mode.
  const publicAlb = new Lb(stack, "public_alb", {
    name: "public-alb",
    internal: false,
    loadBalancerType: "application",
    subnets: SUBNETS,
    desyncMitigationMode: "monitor",
  });
  new LbListener(stack, "http_forward", { loadBalancerArn: publicAlb.arn, port: 80, protocol: "HTTP", defaultAction: [forwardWeb] });
  const leaky = new LbListener(stack, "http_redirect_leaky", {
    loadBalancerArn: publicAlb.arn,
    port: 8080,
    protocol: "HTTP",
    defaultAction: [TO_HTTPS],
  });
  new LbListenerRule(stack, "leaky_health", {
    listenerArn: leaky.arn,
    priority: 10,
    action: [forwardWeb],
    condition: [{ pathPattern: { values: ["/health"] } }],
  });
  new LbListener(stack, "https_default_policy", {
    loadBalancerArn: publicAlb.arn,
    port: 443,
    protocol: "HTTPS",
    certificateArn: CERT,
    defaultAction: [forwardWeb],
  });

  // Hardened internet-facing ALB (internal omitted = internet-facing).
  const hardened = new Lb(stack, "hardened_alb", {
    name: "hardened-alb",
    subnets: SUBNETS,
    dropInvalidHeaderFields: true,
    enableDeletionProtection: true,
    desyncMitigationMode: "strictest",
    accessLogs: { bucket: "alb-access-logs-111122223333", prefix: "hardened", enabled: true },
  });
  new LbListener(stack, "http_implicit", { loadBalancerArn: hardened.arn, port: 80, defaultAction: [TO_HTTPS] });
  new LbListener(stack, "https_modern", {
    loadBalancerArn: hardened.arn,
    port: 443,
    protocol: "HTTPS",
    certificateArn: CERT,
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    defaultAction: [forwardWeb],
  });
  new LbListener(stack, "https_legacy", {
    loadBalancerArn: hardened.arn,
    port: 8443,
    protocol: "HTTPS",
    certificateArn: CERT,
    sslPolicy: "ELBSecurityPolicy-TLS-1-1-2017-01",
    defaultAction: [forwardWeb],
  });
  new LbListener(stack, "http_fixed", {
    loadBalancerArn: hardened.arn,
    port: 81,
    protocol: "HTTP",
    defaultAction: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "not found" } }],
  });
  const acl = new Wafv2WebAcl(stack, "acl", {
    name: "alb-acl",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "alb-acl", sampledRequestsEnabled: true },
  });
  new Wafv2WebAclAssociation(stack, "hardened_waf", { resourceArn: hardened.arn, webAclArn: acl.arn });

  // Internal ALB declared with the aws_alb alias; the header and logging defaults are left in place.
  const internal = new Alb(stack, "internal_alb", { name: "private-alb", internal: true, subnets: SUBNETS });
  new AlbListener(stack, "internal_http", { loadBalancerArn: internal.arn, port: 80, protocol: "HTTP", defaultAction: [forwardWeb] });
  new AlbListener(stack, "internal_fixed", {
    loadBalancerArn: internal.arn,
    port: 81,
    protocol: "HTTP",
    defaultAction: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }],
  });

  // Network load balancer with a TLS listener and a plain TCP listener.
  const nlb = new Lb(stack, "nlb", { name: "nlb", loadBalancerType: "network", subnets: SUBNETS });
  new LbListener(stack, "nlb_tls", {
    loadBalancerArn: nlb.arn,
    port: 443,
    protocol: "TLS",
    certificateArn: CERT,
    sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    defaultAction: [{ type: "forward", targetGroupArn: tcp.arn }],
  });
  new LbListener(stack, "nlb_tls_default", {
    loadBalancerArn: nlb.arn,
    port: 8443,
    protocol: "TLS",
    certificateArn: CERT,
    defaultAction: [{ type: "forward", targetGroupArn: tcp.arn }],
  });
  new LbListener(stack, "nlb_tcp", { loadBalancerArn: nlb.arn, port: 22, protocol: "TCP", defaultAction: [{ type: "forward", targetGroupArn: tcp.arn }] });

  return stack;
}
