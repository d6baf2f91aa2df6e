import { Fn, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Connections, IConnectable, Peer, Port, ValidationError } from "../../constructs/core";
import { Policy } from "../../policies/policy";
import { newStack, ofType } from "../identity/harness";

/** A security group with its connections, as a construct library would wrap one. */
class Group extends Construct implements IConnectable {
  readonly connections: Connections;
  readonly group: SecurityGroup;

  constructor(scope: Construct, id: string, defaultPort?: Port) {
    super(scope, id);
    this.group = new SecurityGroup(this, "group", { name: id, vpcId: "vpc-0123456789abcdef0" });
    this.connections = new Connections({
      source: { kind: "Group", id, path: this.node.path },
      securityGroup: { scope: this, securityGroupId: this.group.id, tags: { owner: id } },
      defaultPort,
    });
  }
}

function groups() {
  const stack = newStack();
  return { stack, app: new Group(stack, "app", Port.tcp(8443)), db: new Group(stack, "db", Port.tcp(5432)), cache: new Group(stack, "cache") };
}

/** Rules of one type as `<construct id>: <body summary>`, by resource name. */
function rules(stack: TerraformStack, type: string): string[] {
  return Object.entries(ofType(stack, type)).map(([name, r]) => {
    const peer = r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.prefix_list_id;
    return `${name.replace(/_[A-F0-9]{8}$/, "")} ${r.security_group_id} <- ${peer} ${r.ip_protocol} ${r.from_port}-${r.to_port} "${r.description}"`;
  });
}

function thrown(build: () => unknown): ValidationError {
  try {
    build();
  } catch (error) {
    if (ValidationError.isValidationError(error)) return error;
    throw error;
  }
  throw new Error("nothing was thrown");
}

describe("Port", () => {
  test.each<[Port, string, string, string, number, number]>([
    [Port.tcp(443), "tcp-443", "TCP 443", "tcp", 443, 443],
    [Port.HTTPS, "tcp-443", "TCP 443", "tcp", 443, 443],
    [Port.udp(53), "udp-53", "UDP 53", "udp", 53, 53],
    [Port.tcpRange(8000, 8100), "tcp-8000-8100", "TCP 8000-8100", "tcp", 8000, 8100],
    [Port.udpRange(1000, 2000), "udp-1000-2000", "UDP 1000-2000", "udp", 1000, 2000],
    [Port.allTcp(), "tcp-all", "all TCP ports", "tcp", 0, 65535],
    [Port.allUdp(), "udp-all", "all UDP ports", "udp", 0, 65535],
    [Port.of("udp", 5353), "udp-5353", "UDP 5353", "udp", 5353, 5353],
  ])("%s has a stable id and description", (port, id, description, protocol, from, to) => {
    expect([port.id, port.description, String(port), port.protocol, port.fromPort, port.toPort]).toEqual([id, description, description, protocol, from, to]);
  });

  test.each<[string, () => Port, string]>([
    ["above 65535", () => Port.tcp(70000), 'Port "tcp(70000)": port 70000 must be a whole number from 1 to 65535.'],
    ["zero", () => Port.udp(0), 'Port "udp(0)": port 0 must be a whole number from 1 to 65535.'],
    ["a fraction", () => Port.tcp(80.5), 'Port "tcp(80.5)": port 80.5 must be a whole number from 1 to 65535.'],
    ["a reversed range", () => Port.tcpRange(9000, 8000), 'Port "tcpRange(9000, 8000)": range 9000-8000 ends before it starts; pass the lower port first.'],
    ["every protocol", () => Port.of("-1" as never, 1), 'Port "of(-1)": protocol "-1" is not allowed; use "tcp" or "udp" (a rule names one protocol).'],
  ])("%s is a ValidationError", (_label, build, message) => {
    const error = thrown(build);
    expect(error.message).toBe(message);
    expect(error.kind).toBe("Port");
  });
});

describe("Peer", () => {
  test.each<[string, () => unknown, string, string]>([
    ["a CIDR that is not one", () => Peer.ipv4("10.0.0.1/16"), "ipv4", 'Peer "ipv4": "10.0.0.1/16" has host bits set; the block containing it is 10.0.0.0/16; pass an IPv4 block such as "10.30.0.0/16".'],
    ["an IPv6 block", () => Peer.ipv4("::/0"), "ipv4", 'Peer "ipv4": "::/0" is not an IPv4 CIDR block in the form a.b.c.d/n; pass an IPv4 block such as "10.30.0.0/16".'],
    ["a CIDR as a group", () => Peer.securityGroupId("10.0.0.0/8"), "securityGroupId", `Peer "securityGroupId": security group id "10.0.0.0/8" is not one; pass a group's id (sg-...), never a CIDR.`],
    ["a name as a prefix list", () => Peer.prefixList("s3"), "prefixList", 'Peer "prefixList": prefix list id "s3" is not one; pass its id (pl-...).'],
  ])("%s is a ValidationError", (_label, build, prop, message) => {
    const error = thrown(build);
    expect([error.prop, error.message]).toEqual([prop, message]);
  });
});

describe("Connections between two security groups", () => {
  test("allowTo writes an egress rule here and an ingress rule there, named by direction, port and peer", () => {
    const { stack, app, db } = groups();
    const egress = app.connections.allowTo(db, Port.tcp(5432), "app reads the database");
    expect(egress).toBeDefined();
    expect(rules(stack, "aws_vpc_security_group_egress_rule")).toEqual([
      'app_egress-tcp-5432-to-db_group_8DAD0AC4 ${aws_security_group.app_group_50BAA3D6.id} <- ${aws_security_group.db_group_8DAD0AC4.id} tcp 5432-5432 "app reads the database"',
    ]);
    expect(rules(stack, "aws_vpc_security_group_ingress_rule")).toEqual([
      'db_ingress-tcp-5432-from-app_group_50BAA3D6 ${aws_security_group.db_group_8DAD0AC4.id} <- ${aws_security_group.app_group_50BAA3D6.id} tcp 5432-5432 "app reads the database"',
    ]);
    expect(Object.values(ofType(stack, "aws_vpc_security_group_ingress_rule"))[0].tags).toEqual({ owner: "db" });
  });

  test("allowFrom is allowTo seen from the other side", () => {
    const a = groups();
    a.app.connections.allowTo(a.db, Port.tcp(5432), "app reads the database");
    const b = groups();
    b.db.connections.allowFrom(b.app, Port.tcp(5432), "app reads the database");
    expect(Testing.synth(b.stack)).toBe(Testing.synth(a.stack));
  });

  test("without a port, allowTo uses the peer's default port and allowFrom this side's; descriptions default to port and peer", () => {
    const { stack, app, db, cache } = groups();
    app.connections.allowTo(db);
    db.connections.allowDefaultPortFrom(cache);
    app.connections.allowFrom(cache);
    expect(rules(stack, "aws_vpc_security_group_ingress_rule").sort()).toEqual([
      'app_ingress-tcp-8443-from-cache_group_D050DA10 ${aws_security_group.app_group_50BAA3D6.id} <- ${aws_security_group.cache_group_D050DA10.id} tcp 8443-8443 "TCP 8443 from security group cache_group_D050DA10"',
      'db_ingress-tcp-5432-from-app_group_50BAA3D6 ${aws_security_group.db_group_8DAD0AC4.id} <- ${aws_security_group.app_group_50BAA3D6.id} tcp 5432-5432 "TCP 5432 from security group app_group_50BAA3D6"',
      'db_ingress-tcp-5432-from-cache_group_D050DA10 ${aws_security_group.db_group_8DAD0AC4.id} <- ${aws_security_group.cache_group_D050DA10.id} tcp 5432-5432 "TCP 5432 from security group cache_group_D050DA10"',
    ]);
  });

  test("a missing default port is a ValidationError naming the construct", () => {
    const { app, cache } = groups();
    const toCache = thrown(() => app.connections.allowTo(cache));
    expect([toCache.prop, toCache.path, toCache.message]).toEqual([
      "port",
      "test/app",
      'Group "app": allowTo names no port and the peer has no default port; pass one, e.g. Port.tcp(443).',
    ]);
    expect(thrown(() => cache.connections.allowDefaultPortFrom(app)).message).toBe(
      'Group "cache": allowDefaultPortFrom needs a default port, and this side has none; call allowFrom with a port.',
    );
    expect(thrown(() => cache.connections.allowFrom(app)).prop).toBe("port");
  });

  test("connecting a construct to itself is a ValidationError", () => {
    const { app } = groups();
    const error = thrown(() => app.connections.allowTo(app, Port.tcp(8443)));
    expect([error.prop, error.message]).toEqual(["other", 'Group "app": allowTo connects Group "app" to itself; name another peer.']);
    expect(thrown(() => app.connections.allowFrom(app.connections)).prop).toBe("other");
  });

  test("a bad description is a ValidationError", () => {
    const { app, db } = groups();
    expect(thrown(() => app.connections.allowTo(db, Port.tcp(5432), "naïve")).prop).toBe("description");
  });
});

describe("rule ids derive from the peer and the port", () => {
  /** Two groups and three peers connected in the given order. */
  function build(order: readonly number[]): TerraformStack {
    const { stack, app, db, cache } = groups();
    const calls = [
      () => app.connections.allowTo(db, Port.tcp(5432), "app reads the database"),
      () => app.connections.allowTo(cache, Port.tcp(6379), "app uses the cache"),
      () => app.connections.allowTo(Peer.ipv4("10.30.0.0/16"), Port.HTTPS, "partner network"),
      () => db.connections.allowFrom(Peer.securityGroupId("sg-0123456789abcdef0"), Port.tcp(5432), "reporting reads the database"),
      () => app.connections.allowTo(Peer.prefixList("pl-0123456789abcdef0"), Port.HTTPS, "S3"),
      () => cache.connections.allowFrom(db, Port.udpRange(7000, 7001), "db notifies the cache"),
    ];
    for (const i of order) calls[i]();
    return stack;
  }

  test("reordering the calls yields byte-identical synthesized JSON", () => {
    const forward = Testing.synth(build([0, 1, 2, 3, 4, 5]));
    expect(Testing.synth(build([5, 4, 3, 2, 1, 0]))).toBe(forward);
    expect(Testing.synth(build([2, 0, 5, 1, 3, 4]))).toBe(forward);
  });

  test("repeating a call adds nothing and returns the first rule", () => {
    const once = Testing.synth(build([0, 1, 2, 3, 4, 5]));
    expect(Testing.synth(build([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 3, 0]))).toBe(once);

    const { app, db } = groups();
    const first = app.connections.allowTo(db, Port.tcp(5432), "app reads the database");
    expect(app.connections.allowTo(db, Port.tcp(5432))).toBe(first);
    expect(db.connections.allowFrom(app, Port.tcp(5432))).toBeDefined();
    expect(app.connections.allowTo(Peer.securityGroupId(db.group.id), Port.tcp(5432))).toBe(first);
  });

  test("literal peers are named by their value; attributes by the logical id of their resource", () => {
    const stack = build([0, 1, 2, 3, 4, 5]);
    const names = [...rules(stack, "aws_vpc_security_group_egress_rule"), ...rules(stack, "aws_vpc_security_group_ingress_rule")].map((r) => r.split(" ")[0]).sort();
    expect(names).toEqual([
      "app_egress-tcp-443-to-10-30-0-0-16",
      "app_egress-tcp-443-to-pl-0123456789abcdef0",
      "app_egress-tcp-5432-to-db_group_8DAD0AC4",
      "app_egress-tcp-6379-to-cache_group_D050DA10",
      "cache_ingress-tcp-6379-from-app_group_50BAA3D6",
      "cache_ingress-udp-7000-7001-from-db_group_8DAD0AC4",
      "db_egress-udp-7000-7001-to-cache_group_D050DA10",
      "db_ingress-tcp-5432-from-app_group_50BAA3D6",
      "db_ingress-tcp-5432-from-sg-0123456789abcdef0",
    ]);
  });
});

describe("peers known only after apply", () => {
  test("a variable is named by its name, and an expression that is not one attribute is refused", () => {
    const { stack, app } = groups();
    const imported = new TerraformVariable(stack, "shared_services_sg", { type: "string" });
    app.connections.allowTo(Peer.securityGroupId(imported.stringValue), Port.HTTPS, "shared services");
    app.connections.allowTo(Peer.securityGroupId(imported.stringValue), Port.HTTPS, "shared services");
    expect(rules(stack, "aws_vpc_security_group_egress_rule")).toEqual([
      'app_egress-tcp-443-to-var-shared_services_sg ${aws_security_group.app_group_50BAA3D6.id} <- ${var.shared_services_sg} tcp 443-443 "shared services"',
    ]);
    const error = thrown(() => app.connections.allowTo(Peer.securityGroupId(Fn.lower(imported.stringValue)), Port.HTTPS, "x"));
    expect([error.prop, error.message]).toEqual(["securityGroupId", expect.stringMatching(/^Peer "securityGroupId": securityGroupId must be a literal or one attribute of a resource/)]);
  });
});

describe("peers without a security group", () => {
  test("a CIDR or prefix list peer gets no rule of its own: allowTo writes egress only, allowFrom ingress only", () => {
    const { stack, app } = groups();
    app.connections.allowTo(Peer.ipv4("10.30.0.0/16"), Port.HTTPS, "partner network");
    app.connections.allowFrom(Peer.ipv4("10.40.0.0/16"), undefined, "partner callers");
    Peer.ipv4("10.50.0.0/16").connections.allowTo(app, undefined, "more partner callers");
    expect(rules(stack, "aws_vpc_security_group_egress_rule")).toEqual([
      'app_egress-tcp-443-to-10-30-0-0-16 ${aws_security_group.app_group_50BAA3D6.id} <- 10.30.0.0/16 tcp 443-443 "partner network"',
    ]);
    expect(rules(stack, "aws_vpc_security_group_ingress_rule")).toEqual([
      'app_ingress-tcp-8443-from-10-40-0-0-16 ${aws_security_group.app_group_50BAA3D6.id} <- 10.40.0.0/16 tcp 8443-8443 "partner callers"',
      'app_ingress-tcp-8443-from-10-50-0-0-16 ${aws_security_group.app_group_50BAA3D6.id} <- 10.50.0.0/16 tcp 8443-8443 "more partner callers"',
    ]);
  });

  test("two peers without groups have no rule to write", () => {
    expect(thrown(() => Peer.ipv4("10.30.0.0/16").connections.allowTo(Peer.prefixList("pl-0123456789abcdef0"), Port.HTTPS)).prop).toBe("other");
  });
});

describe("the internet", () => {
  test("0.0.0.0/0 is refused as a peer in either direction", () => {
    const { stack, app } = groups();
    const egress = thrown(() => app.connections.allowTo(Peer.ipv4("0.0.0.0/0"), Port.HTTPS, "anything"));
    expect([egress.prop, egress.path, egress.message]).toEqual([
      "other",
      "test/app",
      'Group "app": egress to 0.0.0.0/0 opens the whole internet; name the addresses (Peer.ipv4) or, for egress, call allowToInternet with a reason.',
    ]);
    expect(thrown(() => app.connections.allowFrom(Peer.ipv4("0.0.0.0/0"), Port.HTTPS)).message).toMatch(/^Group "app": ingress from 0\.0\.0\.0\/0 opens the whole internet/);
    expect(ofType(stack, "aws_vpc_security_group_egress_rule")).toEqual({});
    expect(ofType(stack, "aws_vpc_security_group_ingress_rule")).toEqual({});
  });

  test("allowToInternet opens egress to 0.0.0.0/0 and records a ZT-NET-014 suppression naming the opt-out", () => {
    const { stack, app } = groups();
    const rule = app.connections.allowToInternet(Port.HTTPS, { reason: "the payment provider publishes no address ranges" });
    expect(rules(stack, "aws_vpc_security_group_egress_rule")).toEqual([
      'app_egress-tcp-443-to-internet ${aws_security_group.app_group_50BAA3D6.id} <- 0.0.0.0/0 tcp 443-443 "TCP 443 to the internet"',
    ]);
    expect(Policy.suppressionsOf(rule)).toEqual([
      { id: "ZT-NET-014", reason: 'allowToInternet on Group "app": the payment provider publishes no address ranges' },
    ]);
    expect(app.connections.allowToInternet(Port.HTTPS, { reason: "the payment provider publishes no address ranges" })).toBe(rule);
  });

  test("allowToInternet needs a reason, and without one writes nothing", () => {
    const { stack, app } = groups();
    const error = thrown(() => app.connections.allowToInternet(Port.HTTPS, { reason: " " }));
    expect([error.prop, error.message]).toEqual(["reason", expect.stringMatching(/^Group "app": allowToInternet needs a reason of at least \d+ characters/)]);
    expect(ofType(stack, "aws_vpc_security_group_egress_rule")).toEqual({});
  });
});
