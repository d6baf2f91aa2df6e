import { DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { HardenedHost } from "../../constructs/compute";
import { Port } from "../../constructs/core";
import { FIRST_SPARE_LISTENER_PORT, GatewayWebAcl, PRIVATE_INTEGRATION_SSL_POLICY, PrivateIntegration, PrivateIntegrationProps } from "../../constructs/gateway";
import { ServiceIdentity } from "../../constructs/identity";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { ztLb005 } from "../../policies/rules/loadbalancing";
import { GATEWAY_TAG } from "../../policies/shared/service-graph";
import { AMI } from "../compute/fixtures";
import { expectInvalid } from "../core/validation-error";
import { ofType, only, packVerdict } from "../identity/harness";
import { stackPlanModel, synthModel } from "../support/rules";
import { planCreatingExactly, plannedAfter } from "../support/terraform";
import { BACKEND_CERT, GatewayFixture, KEY_ADMIN, SERVICE_PORT, gatewayStack } from "./fixtures";

type Json = Record<string, unknown>;

/** A private integration in the fixture, both services on the service port, with `overrides`. */
function integration(overrides: Partial<PrivateIntegrationProps> = {}, fixture: GatewayFixture = gatewayStack()) {
  const { stack, network, orders, catalog } = fixture;
  const pi = new PrivateIntegration(stack, "private", {
    gatewayName: "edge",
    network,
    certificateArn: BACKEND_CERT,
    targets: [
      { target: orders, port: SERVICE_PORT },
      { target: catalog, port: SERVICE_PORT },
    ],
    link: "rest",
    ...overrides,
  });
  return { ...fixture, pi };
}

/** A token as the synthesized JSON writes it, e.g. `${aws_lb.x.arn}`. */
function resolved(stack: GatewayFixture["stack"], value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** `${aws_subnet.<name>.id}` of the network's private subnets. */
function privateSubnets(stack: GatewayFixture["stack"]): string[] {
  return Object.keys(ofType(stack, "aws_subnet")).filter((n) => n.startsWith("network_private-subnet")).map((n) => `\${aws_subnet.${n}.id}`);
}

/** Resources of `type` whose names start with `prefix`, by name. */
function named(stack: GatewayFixture["stack"], type: string, prefix: string): Record<string, Json> {
  return Object.fromEntries(Object.entries(ofType(stack, type)).filter(([name]) => name.startsWith(prefix)));
}

/** `${aws_security_group.<name>.id}` of the one group whose name starts with `prefix`. */
function groupRef(stack: GatewayFixture["stack"], prefix: string): string {
  const names = Object.keys(named(stack, "aws_security_group", prefix));
  expect(names).toHaveLength(1);
  return `\${aws_security_group.${names[0]}.id}`;
}

/** Rules of `type` written on the group whose name starts with `prefix`, as `peer port-port`. */
function rulesOn(stack: GatewayFixture["stack"], type: string, prefix: string): string[] {
  const group = groupRef(stack, prefix);
  return Object.values(ofType(stack, type))
    .filter((r) => r.security_group_id === group)
    .map((r) => `${String(r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.prefix_list_id)} ${String(r.from_port)}-${String(r.to_port)}`)
    .sort();
}

describe("PrivateIntegration defaults", () => {
  test("an internal network load balancer in the private tier, behind one security group tagged with the gateway", () => {
    const { stack, pi } = integration();
    const lb = only(stack, "aws_lb", "private");
    const subnets = privateSubnets(stack);
    expect(subnets).toHaveLength(2);
    expect(lb).toMatchObject({
      load_balancer_type: "network",
      internal: true,
      subnets,
      security_groups: [groupRef(stack, "private_firewall")],
      enable_cross_zone_load_balancing: true,
      enable_deletion_protection: true,
      enforce_security_group_inbound_rules_on_private_link_traffic: "off",
    });
    expect(lb.access_logs).toBeUndefined();
    expect((lb.tags as Json)[GATEWAY_TAG]).toBe("edge");
    expect((only(stack, "aws_security_group", "private_firewall").tags as Json)[GATEWAY_TAG]).toBe("edge");
    expect(resolved(stack, pi.securityGroupId)).toBe(groupRef(stack, "private_firewall"));
    expect(resolved(stack, pi.loadBalancerArn)).toMatch(/^\$\{aws_lb\.private_load-balancer_\w+\.arn\}$/);
    expect(resolved(stack, pi.dnsName)).toMatch(/^\$\{aws_lb\.private_load-balancer_\w+\.dns_name\}$/);
    expect(pi.linkSecurityGroupId).toBeUndefined();
  });

  test("one TLS listener per service port with the TLS 1.2+ policy and the certificate; a taken port moves to the spare range", () => {
    const { stack, pi, orders, catalog } = integration();
    const listeners = Object.values(named(stack, "aws_lb_listener", "private"));
    expect(listeners).toHaveLength(2);
    for (const listener of listeners) {
      expect(listener).toMatchObject({ protocol: "TLS", ssl_policy: PRIVATE_INTEGRATION_SSL_POLICY, certificate_arn: BACKEND_CERT });
    }
    expect(PRIVATE_INTEGRATION_SSL_POLICY).toMatch(/^ELBSecurityPolicy-TLS13-1-2-/);
    expect(pi.listenerFor(orders, SERVICE_PORT).port).toBe(8443);
    expect(pi.listenerFor(catalog, Port.tcp(8443)).port).toBe(FIRST_SPARE_LISTENER_PORT);
    expect(listeners.map((l) => Number(l.port)).sort((a, b) => a - b)).toEqual([8443, FIRST_SPARE_LISTENER_PORT]);
    const orderListener = only(stack, "aws_lb_listener", "private_orders-8443");
    expect(resolved(stack, pi.listenerFor(orders, SERVICE_PORT).listenerArn)).toMatch(/^\$\{aws_lb_listener\.private_orders-8443-listener_\w+\.arn\}$/);
    expect(orderListener.default_action).toEqual([{ type: "forward", target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\.private_orders-8443-target-group_\w+\.arn\}$/) }]);
  });

  test("one TLS target group per service port, client IP preservation off, TCP health checks; the host groups are attached", () => {
    const { stack } = integration();
    const groups = named(stack, "aws_lb_target_group", "private");
    expect(Object.keys(groups)).toHaveLength(2);
    for (const group of Object.values(groups)) {
      expect(group).toMatchObject({
        target_type: "instance",
        protocol: "TLS",
        port: 8443,
        preserve_client_ip: "false",
        health_check: { enabled: true, protocol: "TCP", port: "traffic-port" },
      });
    }
    const attachments = Object.values(ofType(stack, "aws_autoscaling_attachment")).map((a) => `${String(a.autoscaling_group_name)} ${String(a.lb_target_group_arn)}`);
    expect(attachments.sort()).toEqual([
      expect.stringMatching(/^\$\{aws_autoscaling_group\.catalog_group_\w+\.name\} \$\{aws_lb_target_group\.private_catalog-8443-target-group_\w+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_autoscaling_group\.orders_group_\w+\.name\} \$\{aws_lb_target_group\.private_orders-8443-target-group_\w+\.arn\}$/),
    ]);
  });

  test("rest link: a REST VPC link to the load balancer, whose group admits nothing and reaches each service on its port only", () => {
    const { stack, pi } = integration();
    const link = only(stack, "aws_api_gateway_vpc_link");
    expect(link.target_arns).toEqual([expect.stringMatching(/^\$\{aws_lb\.private_load-balancer_\w+\.arn\}$/)]);
    expect(link.name).toBe("edge");
    expect(resolved(stack, pi.vpcLinkId)).toMatch(/^\$\{aws_api_gateway_vpc_link\.private_vpc-link_\w+\.id\}$/);
    expect(ofType(stack, "aws_apigatewayv2_vpc_link")).toEqual({});

    const nlb = groupRef(stack, "private_firewall");
    expect(rulesOn(stack, "aws_vpc_security_group_ingress_rule", "private_firewall")).toEqual([]);
    expect(rulesOn(stack, "aws_vpc_security_group_egress_rule", "private_firewall")).toEqual(
      [`${groupRef(stack, "catalog_firewall")} 8443-8443`, `${groupRef(stack, "orders_firewall")} 8443-8443`].sort(),
    );
    for (const service of ["orders", "catalog"]) {
      expect(rulesOn(stack, "aws_vpc_security_group_ingress_rule", `${service}_firewall`)).toEqual([`${nlb} 8443-8443`]);
    }
  });

  test("http link: an HTTP VPC link in the private tier whose own group reaches only the listeners, which admit only it", () => {
    const { stack, pi } = integration({ link: "http" });
    const lb = only(stack, "aws_lb", "private");
    expect(lb.enforce_security_group_inbound_rules_on_private_link_traffic).toBe("on");
    const link = only(stack, "aws_apigatewayv2_vpc_link");
    const linkGroup = groupRef(stack, "private_vpc-link-firewall");
    expect(link).toMatchObject({ name: "edge", security_group_ids: [linkGroup], subnet_ids: privateSubnets(stack) });
    expect(resolved(stack, pi.vpcLinkId)).toMatch(/^\$\{aws_apigatewayv2_vpc_link\.private_vpc-link_\w+\.id\}$/);
    expect(ofType(stack, "aws_api_gateway_vpc_link")).toEqual({});

    const nlb = groupRef(stack, "private_firewall");
    expect(rulesOn(stack, "aws_vpc_security_group_ingress_rule", "private_firewall")).toEqual([`${linkGroup} 10000-10000`, `${linkGroup} 8443-8443`]);
    expect(rulesOn(stack, "aws_vpc_security_group_egress_rule", "private_vpc-link-firewall")).toEqual([`${nlb} 10000-10000`, `${nlb} 8443-8443`]);
    expect(rulesOn(stack, "aws_vpc_security_group_ingress_rule", "private_vpc-link-firewall")).toEqual([]);
    expect(resolved(stack, pi.linkSecurityGroupId)).toBe(linkGroup);
  });

  test("without accessLogs the load balancer's missing access logs are a recorded suppression of ZT-LB-005 with its reason", () => {
    const { stack } = integration();
    const model = synthModel(stack);
    const lb = model.resources.find((r) => r.type === "aws_lb")!;
    expect(lb.suppressions).toEqual([{ id: ztLb005.id, reason: expect.stringContaining('PrivateIntegration "private" of gateway edge has no accessLogs bucket') }]);
    expect(model.resources.filter((r) => r !== lb && r.suppressions.length > 0).map((r) => r.address)).toEqual([]);
  });

  test("accessLogs writes the access logs to the bucket and records no suppression", () => {
    const { stack } = integration({ accessLogs: { bucket: "edge-lb-logs" } });
    expect(only(stack, "aws_lb", "private").access_logs).toEqual({ bucket: "edge-lb-logs", prefix: "edge", enabled: true });
    expect(synthModel(stack).resources.filter((r) => r.suppressions.length > 0).map((r) => r.address)).toEqual([]);
    const withPrefix = integration({ accessLogs: { bucket: "edge-lb-logs", prefix: "gateways/edge" } });
    expect(only(withPrefix.stack, "aws_lb", "private").access_logs).toMatchObject({ prefix: "gateways/edge" });
  });

  test("an instance-mode host is registered with a target group attachment on the service port", () => {
    const fixture = gatewayStack();
    const identity = new ServiceIdentity(fixture.stack, "billing-identity", { serviceName: "billing", trust: { kind: "ec2" } });
    const billing = new HardenedHost(fixture.stack, "billing", { identity, network: fixture.network, amiId: AMI, mode: "instance", keyAdminRoleArns: [KEY_ADMIN] });
    new PrivateIntegration(fixture.stack, "private", {
      gatewayName: "edge",
      network: fixture.network,
      certificateArn: BACKEND_CERT,
      targets: [{ target: billing, port: Port.tcp(9443) }],
      link: "rest",
    });
    expect(only(fixture.stack, "aws_lb_target_group_attachment")).toMatchObject({ port: 9443, target_id: expect.stringMatching(/^\$\{aws_instance\.billing_instance_\w+\.id\}$/) });
    expect(only(fixture.stack, "aws_lb_listener", "private").port).toBe(9443);
  });
});

describe("PrivateIntegration validation", () => {
  test("no targets", () => {
    expectInvalid(() => integration({ targets: [] }), "targets", "targets is empty");
  });

  test("a target outside the private tier", () => {
    const fixture = gatewayStack();
    const identity = new ServiceIdentity(fixture.stack, "ledger-identity", { serviceName: "ledger", trust: { kind: "ec2" } });
    const ledger = new HardenedHost(fixture.stack, "ledger", { identity, network: fixture.network, amiId: AMI, subnetTier: "isolated", keyAdminRoleArns: [KEY_ADMIN] });
    expectInvalid(() => integration({ targets: [{ target: ledger, port: SERVICE_PORT }] }, fixture), "targets[0].target", 'service "ledger" runs in the isolated tier');
  });

  test("a port that is not one TCP port", () => {
    const fixture = gatewayStack();
    expectInvalid(() => integration({ targets: [{ target: fixture.orders, port: Port.udp(8443) }] }, fixture), "targets[0].port", "must be one TCP port");
    expectInvalid(() => integration({ targets: [{ target: fixture.orders, port: Port.tcpRange(8000, 8100) }] }, gatewayStack()), "targets[0].port", "must be one TCP port");
  });

  test("the same service and port twice", () => {
    const fixture = gatewayStack();
    const targets = [
      { target: fixture.orders, port: SERVICE_PORT },
      { target: fixture.orders, port: Port.tcp(8443) },
    ];
    expectInvalid(() => integration({ targets }, fixture), "targets[1]", 'repeats service "orders" on TCP 8443 (targets[0])');
  });

  test("a certificate that is not an ACM certificate ARN, a gateway name that is not a DNS label, an unknown link", () => {
    expectInvalid(() => integration({ certificateArn: "arn:aws:iam::123456789012:server-certificate/edge" }), "certificateArn", "is not an acm ARN");
    expectInvalid(() => integration({ gatewayName: "Edge_Gateway" }), "gatewayName", "must be a DNS label");
    expectInvalid(() => integration({ link: "grpc" as "rest" }), "link", 'link "grpc" is not one');
    expectInvalid(() => integration({ accessLogs: { bucket: "arn:aws:s3:::logs" } }), "accessLogs.bucket", "is not an S3 bucket name");
  });

  test("listenerFor a service port the integration does not forward", () => {
    const { pi, orders } = integration();
    expectInvalid(() => pi.listenerFor(orders, Port.tcp(9443)), "targets", 'service "orders" on TCP 9443 is not a target');
  });
});

describe("PrivateIntegration and GatewayWebAcl under the pack", () => {
  test("both links and a web ACL leave no unsuppressed finding; the only suppressions are the recorded access-log decisions", () => {
    const fixture = gatewayStack();
    integration({}, fixture);
    new PrivateIntegration(fixture.stack, "private-http", {
      gatewayName: "edge-http",
      network: fixture.network,
      certificateArn: BACKEND_CERT,
      targets: [{ target: fixture.orders, port: SERVICE_PORT }],
      link: "http",
    });
    new GatewayWebAcl(fixture.stack, "waf", { name: "edge", keyAdminRoleArns: [KEY_ADMIN] });
    const verdict = packVerdict(fixture.stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed.sort()).toEqual([
      expect.stringMatching(/^ZT-LB-005 aws_lb\.private-http_load-balancer_\w+$/),
      expect.stringMatching(/^ZT-LB-005 aws_lb\.private_load-balancer_\w+$/),
    ]);
  });
});

/** A REST API stage for the web ACL to protect: scaffolding of the plan test, not under test. */
function restStage(stack: GatewayFixture["stack"]): ApiGatewayStage {
  const api = new ApiGatewayRestApi(stack, "scaffold-api", { name: "scaffold", endpointConfiguration: { types: ["REGIONAL"] } });
  const deployment = new ApiGatewayDeployment(stack, "scaffold-deployment", { restApiId: api.id });
  return new ApiGatewayStage(stack, "scaffold-stage", { restApiId: api.id, deploymentId: deployment.id, stageName: "prod" });
}

describe("PrivateIntegration and GatewayWebAcl under terraform plan", () => {
  test("rest and http integrations, a REGIONAL web ACL on a stage and a CLOUDFRONT one in us-east-1 plan clean", async () => {
    const fixture = gatewayStack("gateway-plan");
    const { stack } = fixture;
    integration({}, fixture);
    new PrivateIntegration(stack, "private-http", {
      gatewayName: "edge-http",
      network: fixture.network,
      certificateArn: BACKEND_CERT,
      targets: [{ target: fixture.catalog, port: SERVICE_PORT }],
      link: "http",
      accessLogs: { bucket: "edge-lb-logs" },
    });
    const regional = new GatewayWebAcl(stack, "waf", { name: "edge", rateLimit: 2000, keyAdminRoleArns: [KEY_ADMIN] });
    regional.associate("stage", restStage(stack).arn);
    const usEast1 = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us-east-1" });
    new GatewayWebAcl(stack, "cdn-waf", { name: "edge-cdn", scope: "CLOUDFRONT", provider: usEast1 });

    const { plan } = await planCreatingExactly(stack);

    const after = (type: string, prefix: string) => plannedAfter<Json>(plan, type, prefix);
    expect(after("aws_lb", "private_").map((lb) => [lb.internal, lb.load_balancer_type, lb.enforce_security_group_inbound_rules_on_private_link_traffic])).toEqual([[true, "network", "off"]]);
    expect(after("aws_lb_listener", "private").map((l) => [l.protocol, l.ssl_policy]).sort()).toEqual([
      ["TLS", PRIVATE_INTEGRATION_SSL_POLICY],
      ["TLS", PRIVATE_INTEGRATION_SSL_POLICY],
      ["TLS", PRIVATE_INTEGRATION_SSL_POLICY],
    ]);
    const rate = (after("aws_wafv2_web_acl", "waf_")[0].rule as Json[]).find((r) => r.name === "RateLimitPerClientIp")!;
    expect(JSON.stringify(rate.statement)).toContain('"limit":2000');
    const configured = (plan as unknown as { configuration: { root_module: { resources: { address: string; provider_config_key: string }[] } } }).configuration.root_module.resources;
    const cdn = configured.filter((r) => /^aws_[a-z0-9_]+\.cdn-waf_/.test(r.address));
    expect(cdn.length).toBe(5);
    expect([...new Set(cdn.map((r) => r.provider_config_key))]).toEqual(["aws.us-east-1"]);

    // The pack on the plan: the scaffolding REST API is not under test, everything else must be clean.
    const report = evaluate(stackPlanModel(plan as unknown as Json, stack), zeroTrustPack.rules);
    const unsuppressed = report.findings.filter((f) => !f.suppressed && !/^aws_api_gateway_(rest_api|deployment|stage)\.scaffold/.test(f.address));
    expect(unsuppressed.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed).map((f) => `${f.ruleId} ${f.address}`)).toEqual([expect.stringMatching(/^ZT-LB-005 aws_lb\.private_load-balancer_\w+$/)]);
  });
});
