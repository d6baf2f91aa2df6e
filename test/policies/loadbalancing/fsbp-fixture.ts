import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Elb } from "@cdktf/provider-aws/lib/elb";
import { LoadBalancerPolicy } from "@cdktf/provider-aws/lib/load-balancer-policy";
import { LoadBalancerListenerPolicy } from "@cdktf/provider-aws/lib/load-balancer-listener-policy";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

const VPC = "vpc-0123456789abcdef0";
const CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const IAM_CERT = "arn:aws:iam::111122223333:server-certificate/legacy";

/** Attaches an SSL negotiation policy that references the predefined security policy `reference` to `port` of `elb`. */
function sslPolicy(stack: TerraformStack, id: string, elb: Elb, port: number, attribute: { name: string; value: string }): void {
  const policy = new LoadBalancerPolicy(stack, `${id}_policy`, {
    loadBalancerName: elb.name,
    policyName: `${id}-tls`,
    policyTypeName: "SSLNegotiationPolicyType",
    policyAttribute: [attribute],
  });
  new LoadBalancerListenerPolicy(stack, `${id}_listener_policy`, { loadBalancerName: elb.name, loadBalancerPort: port, policyNames: [policy.policyName] });
}

/**
 * Classic Load Balancers with every weak setting and hardened twins, and Application and Network Load Balancers
 * in one or two Availability Zones whose TLS listeners forward to plaintext and to TLS target groups.
 */
export function fsbpLoadbalancingFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "fsbp-loadbalancing");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  // Classic: one zone, an HTTP listener, HTTPS decrypted to HTTP with the default security policy, no access logs,
  // no draining, no cross-zone balancing, desync monitor.
  new Elb(stack, "classic_weak", {
    name: "classic-weak",
    availabilityZones: ["eu-west-1a"],
    listener: [
      { lbPort: 80, lbProtocol: "http", instancePort: 8080, instanceProtocol: "http" },
      { lbPort: 443, lbProtocol: "https", instancePort: 8080, instanceProtocol: "http", sslCertificateId: CERT },
    ],
    crossZoneLoadBalancing: false,
    desyncMitigationMode: "monitor",
  });

  // Classic, hardened: two subnets, TLS end to end with the predefined TLS 1.2 policy, logs, draining.
  const hardened = new Elb(stack, "classic_hardened", {
    name: "classic-hardened",
    subnets: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    internal: true,
    listener: [{ lbPort: 443, lbProtocol: "HTTPS", instancePort: 8443, instanceProtocol: "HTTPS", sslCertificateId: CERT }],
    accessLogs: { bucket: "elb-access-logs-111122223333", interval: 5 },
    connectionDraining: true,
    desyncMitigationMode: "strictest",
  });
  sslPolicy(stack, "hardened", hardened, 443, { name: "Reference-Security-Policy", value: "ELBSecurityPolicy-TLS-1-2-2017-01" });

  // Classic: SSL listeners with a legacy predefined policy and a custom policy, one with a certificate uploaded to IAM;
  // access logs written but turned off.
  const legacy = new Elb(stack, "classic_legacy_policy", {
    name: "classic-legacy",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    listener: [
      { lbPort: 443, lbProtocol: "ssl", instancePort: 8443, instanceProtocol: "ssl", sslCertificateId: CERT },
      { lbPort: 8443, lbProtocol: "ssl", instancePort: 9443, instanceProtocol: "ssl", sslCertificateId: IAM_CERT },
    ],
    accessLogs: { bucket: "elb-access-logs-111122223333", enabled: false },
    connectionDraining: true,
  });
  sslPolicy(stack, "legacy", legacy, 443, { name: "Reference-Security-Policy", value: "ELBSecurityPolicy-2016-08" });
  sslPolicy(stack, "custom", legacy, 8443, { name: "Protocol-TLSv1.2", value: "true" });

  // Application load balancer in one zone, HTTPS to an HTTP group directly and through a rule, and to an HTTPS group.
  const single = new Lb(stack, "single_zone", { name: "single-zone", internal: true, subnets: ["subnet-0123456789abcdef0"] });
  const plainHttp = new LbTargetGroup(stack, "plain_http", { name: "plain-http", port: 8080, protocol: "HTTP", vpcId: VPC });
  const ruleHttp = new LbTargetGroup(stack, "rule_http", { name: "rule-http", port: 8081, protocol: "HTTP", vpcId: VPC });
  const tlsHttps = new LbTargetGroup(stack, "tls_https", { name: "tls-https", port: 8443, protocol: "HTTPS", vpcId: VPC });
  const https = new LbListener(stack, "single_https", {
    loadBalancerArn: single.arn,
    port: 443,
    protocol: "HTTPS",
    certificateArn: CERT,
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    defaultAction: [{ type: "forward", targetGroupArn: plainHttp.arn }],
  });
  new LbListenerRule(stack, "admin_rule", {
    listenerArn: https.arn,
    priority: 10,
    action: [{ type: "forward", targetGroupArn: ruleHttp.arn }],
    condition: [{ pathPattern: { values: ["/admin/*"] } }],
  });
  new LbListenerRule(stack, "api_rule", {
    listenerArn: https.arn,
    priority: 20,
    action: [{ type: "forward", targetGroupArn: tlsHttps.arn }],
    condition: [{ pathPattern: { values: ["/api/*"] } }],
  });

  // Network load balancer in two zones by subnet_mapping, TLS to a TCP group and to a TLS group.
  const nlb = new Lb(stack, "two_zone_nlb", {
    name: "two-zone-nlb",
    internal: true,
    loadBalancerType: "network",
    subnetMapping: [{ subnetId: "subnet-0123456789abcdef0" }, { subnetId: "subnet-0123456789abcdef1" }],
  });
  const plainTcp = new LbTargetGroup(stack, "plain_tcp", { name: "plain-tcp", port: 8443, protocol: "TCP", vpcId: VPC });
  const tls = new LbTargetGroup(stack, "tls_tls", { name: "tls-tls", port: 9443, protocol: "TLS", vpcId: VPC });
  for (const [id, port, group] of [["nlb_plain", 443, plainTcp], ["nlb_tls", 8443, tls]] as const) {
    new LbListener(stack, id, {
      loadBalancerArn: nlb.arn,
      port,
      protocol: "TLS",
      certificateArn: CERT,
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      defaultAction: [{ type: "forward", targetGroupArn: group.arn }],
    });
  }

  // Application load balancer whose subnets are resources of the configuration, known only after apply.
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
  const a = new Subnet(stack, "subnet_a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "eu-west-1a" });
  const b = new Subnet(stack, "subnet_b", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1b" });
  new Lb(stack, "subnet_refs", { name: "subnet-refs", internal: true, subnets: [a.id, b.id] });

  return stack;
}
