import { Testing } from "cdktf";
import { HardenedHost } from "../../constructs/compute";
import { Peer, Port, ValidationError } from "../../constructs/core";
import { ACCOUNT, REGION, ofType, only } from "../identity/harness";
import { AMI, host, hostStack } from "./fixtures";
import { ServiceIdentity } from "../../constructs/identity";

const SG = /^\$\{aws_security_group\.api_firewall_group_[A-F0-9]+\.id\}$/;
const ENDPOINT_SG = /^\$\{aws_security_group\.network_endpoints_security-group_[A-F0-9]+\.id\}$/;

function rulesOf(stack: Parameters<typeof ofType>[0], type: string, prefix = "api_") {
  return Object.entries(ofType(stack, type))
    .filter(([n]) => n.startsWith(prefix))
    .map(([, r]) => r);
}

describe("HardenedHost security group", () => {
  test("the group has no inline rules and no ingress resources by default", () => {
    const { stack } = host();
    const sg = only(stack, "aws_security_group", "api_");
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(sg).toMatchObject({ name: "orders-api-hosts", revoke_rules_on_delete: true });
    expect(rulesOf(stack, "aws_vpc_security_group_ingress_rule")).toEqual([]);
    expect(ofType(stack, "aws_security_group_rule")).toEqual({});
  });

  test("default egress: 443 to the endpoint security group and the S3 prefix list, nothing else", () => {
    const { stack } = host();
    const byDescription = (a: Record<string, unknown>, b: Record<string, unknown>) => String(b.description).localeCompare(String(a.description));
    expect(rulesOf(stack, "aws_vpc_security_group_egress_rule").sort(byDescription)).toEqual([
      {
        security_group_id: expect.stringMatching(SG),
        referenced_security_group_id: expect.stringMatching(ENDPOINT_SG),
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        description: "HTTPS to the VPC interface endpoints",
        tags: { "zt:service": "orders" },
      },
      {
        security_group_id: expect.stringMatching(SG),
        prefix_list_id: expect.stringMatching(/^\$\{aws_vpc_endpoint\.network_endpoints_gateway-s3_[A-F0-9]+\.prefix_list_id\}$/),
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        description: "HTTPS to S3 through the gateway endpoint",
        tags: { "zt:service": "orders" },
      },
    ]);
  });

  test("the endpoint security group admits the host group on 443", () => {
    const { stack } = host();
    const admitted = Object.values(ofType(stack, "aws_vpc_security_group_ingress_rule")).filter((r) => SG.test(String(r.referenced_security_group_id)));
    expect(admitted).toEqual([
      expect.objectContaining({ security_group_id: expect.stringMatching(ENDPOINT_SG), from_port: 443, to_port: 443, ip_protocol: "tcp" }),
    ]);
  });

  test("no 0.0.0.0/0 anywhere in the host group's rules by default", () => {
    const { stack } = host();
    for (const type of ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      expect(JSON.stringify(rulesOf(stack, type))).not.toContain("0.0.0.0/0");
    }
  });

  test("s3GatewayEgress false drops the prefix list rule", () => {
    const { stack } = host({ s3GatewayEgress: false });
    expect(rulesOf(stack, "aws_vpc_security_group_egress_rule").map((r) => r.description)).toEqual(["HTTPS to the VPC interface endpoints"]);
  });

  test("a network without interface endpoints gets no endpoint rule", () => {
    const { stack } = host({}, { interfaceEndpoints: [] });
    expect(rulesOf(stack, "aws_vpc_security_group_egress_rule").map((r) => r.description)).toEqual(["HTTPS to S3 through the gateway endpoint"]);
  });

  test("ingress and egress props become one rule each, naming peers", () => {
    const { stack } = host({
      ingress: [{ fromSecurityGroupId: "sg-0123456789abcdef0", port: 8443, description: "checkout calls the api" }],
      egress: [
        { toSecurityGroupId: "sg-0fedcba9876543210", port: 5432, description: "orders database" },
        { toCidr: "10.30.0.0/16", port: 443, description: "partner network over VPN" },
        { toPrefixListId: "pl-0123456789abcdef0", port: 443, protocol: "tcp", description: "DynamoDB" },
        { toSecurityGroupId: "sg-0fedcba9876543210", port: 53, protocol: "udp", description: "resolver" },
      ],
    });
    expect(rulesOf(stack, "aws_vpc_security_group_ingress_rule")).toEqual([
      {
        security_group_id: expect.stringMatching(SG),
        referenced_security_group_id: "sg-0123456789abcdef0",
        ip_protocol: "tcp",
        from_port: 8443,
        to_port: 8443,
        description: "checkout calls the api",
        tags: { "zt:service": "orders" },
      },
    ]);
    const defaults = ["HTTPS to the VPC interface endpoints", "HTTPS to S3 through the gateway endpoint"];
    const egress = rulesOf(stack, "aws_vpc_security_group_egress_rule").filter((r) => !defaults.includes(String(r.description)));
    const shape = (r: Record<string, unknown>) => [r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.prefix_list_id, r.ip_protocol, r.from_port, r.to_port].join(" ");
    expect(egress.map(shape).sort()).toEqual(
      ["sg-0fedcba9876543210 tcp 5432 5432", "10.30.0.0/16 tcp 443 443", "pl-0123456789abcdef0 tcp 443 443", "sg-0fedcba9876543210 udp 53 53"].sort(),
    );
  });

  /** Orders hosts "api" and payments hosts "pay" serving on 8443. */
  function twoServices() {
    const { stack, network, identity } = hostStack();
    const payments = new ServiceIdentity(stack, "payments", { serviceName: "payments", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" } });
    const ordersHosts = new HardenedHost(stack, "api", { identity, network, amiId: AMI, defaultPort: Port.tcp(8443) });
    const paymentsHosts = new HardenedHost(stack, "pay", { identity: payments, network, amiId: AMI, defaultPort: Port.tcp(8443) });
    return { stack, network, ordersHosts, paymentsHosts };
  }

  test("connections.allowTo: orders hosts reach payments hosts on its default port, and payments admits only orders' group", () => {
    const { stack, ordersHosts, paymentsHosts } = twoServices();
    ordersHosts.connections.allowTo(paymentsHosts, undefined, "orders calls payments");
    const egress = rulesOf(stack, "aws_vpc_security_group_egress_rule").filter((r) => r.from_port === 8443);
    expect(egress).toEqual([
      expect.objectContaining({ security_group_id: expect.stringMatching(SG), referenced_security_group_id: expect.stringMatching(/^\$\{aws_security_group\.pay_firewall_group_/), to_port: 8443 }),
    ]);
    expect(rulesOf(stack, "aws_vpc_security_group_ingress_rule", "pay_")).toEqual([
      expect.objectContaining({ security_group_id: expect.stringMatching(/^\$\{aws_security_group\.pay_firewall_group_/), referenced_security_group_id: expect.stringMatching(SG), from_port: 8443, to_port: 8443, ip_protocol: "tcp" }),
    ]);
    expect(rulesOf(stack, "aws_vpc_security_group_ingress_rule", "api_")).toEqual([]);
  });

  test("the deprecated connectTo writes what connections.allowTo writes", () => {
    const viaConnections = twoServices();
    viaConnections.ordersHosts.connections.allowTo(viaConnections.paymentsHosts, Port.tcp(8443), "orders calls payments");
    const viaConnectTo = twoServices();
    viaConnectTo.ordersHosts.connectTo(viaConnectTo.paymentsHosts, 8443, "orders calls payments");
    expect(Testing.synth(viaConnectTo.stack)).toBe(Testing.synth(viaConnections.stack));
  });

  test("rule names derive from peer and port: reordering calls changes no byte of the synthesized JSON", () => {
    const build = (reversed: boolean) => {
      const { stack, ordersHosts, paymentsHosts } = twoServices();
      const calls = [
        () => ordersHosts.connections.allowTo(paymentsHosts, undefined, "orders calls payments"),
        () => paymentsHosts.connections.allowTo(ordersHosts, Port.tcp(9443), "payments calls back"),
        () => ordersHosts.allowFrom("sg-0123456789abcdef0", 8443, "checkout calls the api"),
        () => ordersHosts.connections.allowFrom(Peer.securityGroupId("sg-0fedcba9876543210"), undefined, "billing calls the api"),
      ];
      for (const call of reversed ? calls.reverse() : calls) call();
      return Testing.synth(stack);
    };
    expect(build(true)).toBe(build(false));
  });

  test("repeating a call adds no second rule (AWS rejects duplicates)", () => {
    const once = twoServices();
    once.ordersHosts.connections.allowTo(once.paymentsHosts, undefined, "orders calls payments");
    once.ordersHosts.allowFrom("sg-0123456789abcdef0", 8443, "checkout calls the api");
    const twice = twoServices();
    for (let i = 0; i < 2; i++) {
      twice.ordersHosts.connections.allowTo(twice.paymentsHosts, undefined, "orders calls payments");
      twice.ordersHosts.allowFrom("sg-0123456789abcdef0", 8443, "checkout calls the api");
    }
    twice.paymentsHosts.connections.allowDefaultPortFrom(twice.ordersHosts);
    expect(Testing.synth(twice.stack)).toBe(Testing.synth(once.stack));
  });

  test("the endpoint security group is connectable: connecting hosts to it repeats the default rules, adding nothing", () => {
    const { stack, network, ordersHosts } = twoServices();
    const before = Testing.synth(stack);
    ordersHosts.connections.allowTo(network.endpoints);
    network.endpoints.connections.allowDefaultPortFrom(ordersHosts);
    expect(Testing.synth(stack)).toBe(before);
  });

  test("a network without interface endpoints has nothing to connect to", () => {
    const { network } = host({}, { interfaceEndpoints: [] });
    let error: unknown;
    try {
      void network.endpoints.connections;
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isValidationError(error) && [error.prop, error.message]).toEqual([
      "interfaceEndpoints",
      'SegmentedNetwork "network": has no interface endpoints to connect to; list at least one service in interfaceEndpoints.',
    ]);
  });

  test("connecting hosts to themselves is a ValidationError naming the host group", () => {
    const { hosts } = host({ defaultPort: Port.tcp(8443) });
    expect(() => hosts.connections.allowTo(hosts)).toThrow(ValidationError);
    expect(() => hosts.connections.allowFrom(hosts)).toThrow('HardenedHost "api": allowFrom connects HardenedHost "api" to itself; name another peer.');
  });

  test("allowInternetEgress adds exactly HTTPS to 0.0.0.0/0 in a private tier with NAT", () => {
    const { stack } = host({ allowInternetEgress: true }, { tiers: { public: { enabled: true } }, natGateways: "single" });
    const open = rulesOf(stack, "aws_vpc_security_group_egress_rule").filter((r) => r.cidr_ipv4 === "0.0.0.0/0");
    expect(open).toEqual([expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443 })]);
  });
});

describe("HardenedHost rule validation", () => {
  const k = 'HardenedHost "api"';
  test.each<[string, () => unknown, string]>([
    ["ingress from a CIDR", () => host({ ingress: [{ fromSecurityGroupId: "10.0.0.0/8", port: 22, description: "ssh" }] }), `${k}: ingress fromSecurityGroupId "10.0.0.0/8" is not a security group id; pass another group's id (sg-...), never a CIDR.`],
    ["port 0", () => host({ ingress: [{ fromSecurityGroupId: "sg-0123456789abcdef0", port: 0, description: "x" }] }), `${k}: ingress port 0 must be a whole number from 1 to 65535.`],
    ["all protocols", () => host({ egress: [{ toSecurityGroupId: "sg-0123456789abcdef0", port: 1, protocol: "-1" as never, description: "all" }] }), `${k}: egress protocol "-1" is not allowed; use "tcp" or "udp" (rules name one port of one protocol).`],
    ["empty description", () => host({ ingress: [{ fromSecurityGroupId: "sg-0123456789abcdef0", port: 443, description: "" }] }), `${k}: ingress description "" must be 1 to 255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; say why the traffic is needed.`],
    ["two destinations", () => host({ egress: [{ toSecurityGroupId: "sg-0123456789abcdef0", toCidr: "10.0.0.0/8", port: 443, description: "x" }] }), `${k}: egress "x" must name exactly one of toSecurityGroupId, toCidr and toPrefixListId (got toSecurityGroupId and toCidr).`],
    ["no destination", () => host({ egress: [{ port: 443, description: "x" }] }), `${k}: egress "x" must name exactly one of toSecurityGroupId, toCidr and toPrefixListId (got none).`],
    ["the internet as a CIDR", () => host({ egress: [{ toCidr: "0.0.0.0/0", port: 443, description: "x" }] }), `${k}: egress toCidr "0.0.0.0/0" opens the whole internet; set allowInternetEgress (private tier with NAT only) or name the destination.`],
    ["a bad CIDR", () => host({ egress: [{ toCidr: "10.0.0.1/16", port: 443, description: "x" }] }), `${k}: egress toCidr "10.0.0.1/16" has host bits set; the block containing it is 10.0.0.0/16; pass an IPv4 block such as "10.30.0.0/16".`],
    ["a bad prefix list", () => host({ egress: [{ toPrefixListId: "s3", port: 443, description: "x" }] }), `${k}: egress toPrefixListId "s3" is not a prefix list id; pass its id (pl-...).`],
    ["a bad egress group", () => host({ egress: [{ toSecurityGroupId: "db", port: 5432, description: "x" }] }), `${k}: egress toSecurityGroupId "db" is not a security group id; pass the group's id (sg-...).`],
  ])("%s", (_label, build, message) => {
    expect(build).toThrow(message);
  });

  test("rule errors are ValidationErrors naming the prop and the host group's path", () => {
    const errorOf = (build: () => unknown) => {
      try {
        build();
      } catch (error) {
        return ValidationError.isValidationError(error) ? [error.kind, error.path, error.prop] : error;
      }
      return "nothing thrown";
    };
    expect(errorOf(() => host({ ingress: [{ fromSecurityGroupId: "sg-0123456789abcdef0", port: 0, description: "x" }] }))).toEqual(["HardenedHost", "test/api", "port"]);
    expect(errorOf(() => host({ egress: [{ toCidr: "0.0.0.0/0", port: 443, description: "x" }] }))).toEqual(["HardenedHost", "test/api", "toCidr"]);
    expect(errorOf(() => host({ egress: [{ toPrefixListId: "s3", port: 443, description: "x" }] }))).toEqual(["HardenedHost", "test/api", "toPrefixListId"]);
    expect(errorOf(() => host().hosts.connections.allowTo(Peer.ipv4("0.0.0.0/0"), Port.HTTPS, "x"))).toEqual(["HardenedHost", "test/api", "other"]);
    expect(errorOf(() => host({ allowInternetEgress: true }))).toEqual(["HardenedHost", "test/api", "allowInternetEgress"]);
  });

  test("allowFrom and allowTo validate like the props", () => {
    const { hosts } = host();
    expect(() => hosts.allowFrom("sg-0123456789abcdef0", 70000, "x")).toThrow('HardenedHost "api": ingress port 70000 must be a whole number from 1 to 65535.');
    expect(() => hosts.allowTo({ toCidr: "::/0" }, 443, "x")).toThrow(/HardenedHost "api": egress toCidr "::\/0" is not an IPv4 CIDR block/);
  });
});
