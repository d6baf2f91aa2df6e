import { ValidationError } from "../../constructs/core";
import { BASE_PROPS, buildNetwork, entries, named, onlyRef, resolveIn, resources, synthNetwork } from "./fixtures";
import { expectInvalid } from "../core/validation-error";

const ZONES = BASE_PROPS.availabilityZones;

describe("SegmentedNetwork defaults", () => {
  const { json, network } = synthNetwork();

  it("creates a VPC with DNS support and hostnames", () => {
    const [vpc] = resources(json, "aws_vpc");
    expect(resources(json, "aws_vpc")).toHaveLength(1);
    expect(vpc).toMatchObject({ cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  it("has private and isolated tiers but no public tier, IGW, NAT or EIP", () => {
    expect(network.tiers).toEqual(["private", "isolated"]);
    expect(network.hasTier("public")).toBe(false);
    expect(resources(json, "aws_internet_gateway")).toHaveLength(0);
    expect(resources(json, "aws_nat_gateway")).toHaveLength(0);
    expect(resources(json, "aws_eip")).toHaveLength(0);
    expect(network.natMode).toBe("none");
    expect(network.hasNat).toBe(false);
  });

  it("creates one subnet per tier and zone, none assigning public IPs", () => {
    const subnets = resources(json, "aws_subnet");
    expect(subnets).toHaveLength(6);
    for (const subnet of subnets) {
      expect(subnet.map_public_ip_on_launch).toBe(false);
    }
    expect(subnets.map((subnet) => [subnet.tags["zt:tier"], subnet.availability_zone]).sort()).toEqual(
      ["isolated", "private"].flatMap((tier) => ZONES.map((zone) => [tier, zone])),
    );
  });

  it("has no routes at all: nothing leaves the VPC", () => {
    expect(resources(json, "aws_route")).toHaveLength(0);
    for (const table of resources(json, "aws_route_table")) {
      expect(table.route).toBeUndefined();
    }
  });

  it("gives every subnet its own route table of the same tier and zone", () => {
    const associations = resources(json, "aws_route_table_association");
    expect(associations).toHaveLength(6);
    for (const tier of ["private", "isolated"]) {
      for (const zone of ZONES) {
        const subnet = named(json, "aws_subnet", `net-${tier}-${zone}`);
        const table = named(json, "aws_route_table", `net-${tier}-${zone}`);
        expect(table.body.tags["zt:tier"]).toBe(tier);
        expect(associations).toContainEqual({ subnet_id: subnet.ref("id"), route_table_id: table.ref("id") });
      }
    }
  });

  it("adopts the default NACL without rules and without listing subnets", () => {
    const [acl] = resources(json, "aws_default_network_acl");
    expect(acl.default_network_acl_id).toBe(onlyRef(json, "aws_vpc", "default_network_acl_id"));
    expect(acl.ingress).toBeUndefined();
    expect(acl.egress).toBeUndefined();
    expect(acl.subnet_ids).toBeUndefined();
    expect(acl.lifecycle).toEqual({ ignore_changes: ["subnet_ids"] });
  });

  it("adopts the default security group with explicitly empty rules", () => {
    const [group] = resources(json, "aws_default_security_group");
    expect(group.vpc_id).toBe(onlyRef(json, "aws_vpc", "id"));
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([]);
  });

  it("adopts the default route table with an explicitly empty route list", () => {
    const [table] = resources(json, "aws_default_route_table");
    expect(table.default_route_table_id).toBe(onlyRef(json, "aws_vpc", "default_route_table_id"));
    expect(table.route).toEqual([]);
  });

  it("tags every taggable resource with Name and managed-by", () => {
    let tagged = 0;
    for (const [type, group] of Object.entries(json.resource as Record<string, Record<string, { tags?: Record<string, string> }>>)) {
      for (const [id, body] of Object.entries(group)) {
        if (["aws_route_table_association", "aws_network_acl_association", "aws_network_acl_rule", "aws_route", "aws_kms_alias", "aws_iam_role_policy"].includes(type)) {
          expect(body.tags).toBeUndefined();
          continue;
        }
        expect({ id, tags: body.tags }).toMatchObject({ id, tags: { Name: expect.any(String), "managed-by": "zero-trust-blueprint" } });
        tagged += 1;
      }
    }
    expect(tagged).toBeGreaterThan(30);
  });

  it("tags subnets, route tables and NACLs with their tier", () => {
    for (const type of ["aws_subnet", "aws_route_table", "aws_network_acl"]) {
      for (const body of resources(json, type)) {
        expect(body.tags.Name).toContain(`-${body.tags["zt:tier"]}`);
      }
    }
    expect(resources(json, "aws_network_acl").map((acl) => acl.tags["zt:tier"]).sort()).toEqual(["isolated", "private"]);
  });
});

describe("SegmentedNetwork with a public tier", () => {
  it("routes the public tier to an internet gateway and keeps private without a default route when NAT is off", () => {
    const { json } = synthNetwork({ tiers: { public: { enabled: true } } });
    const igw = onlyRef(json, "aws_internet_gateway", "id");
    const routes = resources(json, "aws_route");
    expect(routes).toHaveLength(3);
    for (const zone of ZONES) {
      expect(routes).toContainEqual({
        route_table_id: named(json, "aws_route_table", `net-public-${zone}`).ref("id"),
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: igw,
      });
    }
    expect(resources(json, "aws_nat_gateway")).toHaveLength(0);
  });

  it("sends every private zone through the single NAT gateway in the first zone", () => {
    const { json, network } = synthNetwork({ tiers: { public: { enabled: true } }, natGateways: "single" });
    const [nat] = entries(json, "aws_nat_gateway");
    expect(entries(json, "aws_nat_gateway")).toHaveLength(1);
    expect(nat[1].subnet_id).toBe(named(json, "aws_subnet", "net-public-eu-west-1a").ref("id"));
    expect(nat[1].allocation_id).toBe(onlyRef(json, "aws_eip", "id"));
    expect(nat[1].connectivity_type).toBe("public");
    expect(resources(json, "aws_eip")[0].domain).toBe("vpc");
    for (const zone of ZONES) {
      expect(resources(json, "aws_route")).toContainEqual({
        route_table_id: named(json, "aws_route_table", `net-private-${zone}`).ref("id"),
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: `\${aws_nat_gateway.${nat[0]}.id}`,
      });
    }
    expect(network.hasNat).toBe(true);
    expect(network.natGatewayIds).toHaveLength(1);
  });

  it("gives each private zone its own zone's NAT gateway with perAz", () => {
    const { json } = synthNetwork({ tiers: { public: { enabled: true } }, natGateways: "perAz" });
    expect(resources(json, "aws_nat_gateway")).toHaveLength(3);
    expect(resources(json, "aws_eip")).toHaveLength(3);
    for (const zone of ZONES) {
      const nat = named(json, "aws_nat_gateway", `net-nat-${zone}`);
      expect(nat.body.subnet_id).toBe(named(json, "aws_subnet", `net-public-${zone}`).ref("id"));
      expect(nat.body.allocation_id).toBe(named(json, "aws_eip", `net-nat-${zone}`).ref("id"));
      expect(resources(json, "aws_route")).toContainEqual({
        route_table_id: named(json, "aws_route_table", `net-private-${zone}`).ref("id"),
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: nat.ref("id"),
      });
    }
  });

  it("never routes the isolated tier anywhere, even with NAT", () => {
    const { json } = synthNetwork({ tiers: { public: { enabled: true } }, natGateways: "perAz" });
    const isolatedTables = ZONES.map((zone) => named(json, "aws_route_table", `net-isolated-${zone}`));
    const routedTables = resources(json, "aws_route").map((route) => route.route_table_id);
    for (const table of isolatedTables) {
      expect(table.body.route).toBeUndefined();
      expect(routedTables).not.toContain(table.ref("id"));
    }
  });

  it("keeps map_public_ip_on_launch false on public subnets too", () => {
    const { json } = synthNetwork({ tiers: { public: { enabled: true } } });
    const publicSubnets = resources(json, "aws_subnet").filter((subnet) => subnet.tags["zt:tier"] === "public");
    expect(publicSubnets).toHaveLength(3);
    expect(publicSubnets.every((subnet) => subnet.map_public_ip_on_launch === false)).toBe(true);
  });
});

describe("SegmentedNetwork options", () => {
  it("drops the isolated tier when it is turned off", () => {
    const { json, network } = synthNetwork({ tiers: { isolated: { enabled: false } } });
    expect(network.tiers).toEqual(["private"]);
    expect(resources(json, "aws_subnet").every((subnet) => subnet.tags["zt:tier"] === "private")).toBe(true);
    expect(network.dataPorts).toEqual([]);
  });

  it("merges user tags into every tagged resource without letting them replace the construct's tags", () => {
    const { json } = synthNetwork({ tags: { team: "platform", "cost-center": "42" } });
    for (const type of ["aws_vpc", "aws_subnet", "aws_kms_key", "aws_vpc_endpoint", "aws_flow_log", "aws_security_group"]) {
      for (const body of resources(json, type)) {
        expect(body.tags).toMatchObject({ team: "platform", "cost-center": "42", "managed-by": "zero-trust-blueprint" });
      }
    }
  });

  it("uses explicit subnet CIDRs in zone order", () => {
    const { network } = synthNetwork({
      tiers: { private: { cidrs: ["10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24"] }, isolated: { subnetPrefix: 26 } },
    });
    expect(network.tierCidrs("private")).toEqual(["10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24"]);
    expect(network.tierCidrs("isolated")).toEqual(["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26"]);
  });
});

describe("SegmentedNetwork accessors", () => {
  const { json, network, stack } = synthNetwork({ tiers: { public: { enabled: true } }, natGateways: "single" });

  it("exposes identity and placement", () => {
    expect(resolveIn(stack, network.vpcId)).toBe(onlyRef(json, "aws_vpc", "id"));
    expect(network.vpcCidr).toBe("10.0.0.0/16");
    expect(network.region).toBe("eu-west-1");
    expect(network.accountId).toBe("111122223333");
    expect(network.partition).toBe("aws");
    expect(network.availabilityZones).toEqual(ZONES);
    expect(network.tiers).toEqual(["public", "private", "isolated"]);
  });

  it("returns subnets, ids, CIDRs and route tables per tier in zone order", () => {
    expect(network.tierCidrs("private")).toEqual(["10.0.64.0/20", "10.0.80.0/20", "10.0.96.0/20"]);
    expect(resolveIn(stack, network.subnetIds("isolated"))).toEqual(ZONES.map((zone) => named(json, "aws_subnet", `net-isolated-${zone}`).ref("id")));
    expect(resolveIn(stack, network.subnetIds("private"))).toEqual(ZONES.map((zone) => named(json, "aws_subnet", `net-private-${zone}`).ref("id")));
    expect(resolveIn(stack, network.routeTableIds("public"))).toEqual(ZONES.map((zone) => named(json, "aws_route_table", `net-public-${zone}`).ref("id")));
    expect(network.routeTableIds("isolated")).toHaveLength(3);
    expect(resolveIn(stack, network.networkAclId("isolated"))).toBe(named(json, "aws_network_acl", "net-isolated").ref("id"));
    expect(resolveIn(stack, network.networkAclId("isolated"))).not.toBe(resolveIn(stack, network.networkAclId("private")));
  });

  it("synthesizes the subnets with the CIDRs the accessors report", () => {
    for (const tier of ["public", "private", "isolated"] as const) {
      const cidrs = network.tierCidrs(tier);
      ZONES.forEach((zone, index) => {
        expect(named(json, "aws_subnet", `net-${tier}-${zone}`).body.cidr_block).toBe(cidrs[index]);
      });
    }
  });

  it("exposes NAT, endpoints and flow log resources", () => {
    expect(network.natMode).toBe("single");
    expect(resolveIn(stack, network.internetGatewayId)).toBe(onlyRef(json, "aws_internet_gateway", "id"));
    expect(resolveIn(stack, network.endpointSecurityGroupId)).toBe(onlyRef(json, "aws_security_group", "id"));
    expect(network.interfaceEndpointServices).toEqual(["sts", "kms", "secretsmanager", "logs", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr"]);
    expect(network.interfaceEndpoint("ecr.api")).toBeDefined();
    expect(network.interfaceEndpoint("sqs")).toBeUndefined();
    expect(network.gatewayEndpoint("s3")).not.toBe(network.gatewayEndpoint("dynamodb"));
    expect(resolveIn(stack, network.flowLogGroupName)).toBe(onlyRef(json, "aws_cloudwatch_log_group", "name"));
    expect(resources(json, "aws_cloudwatch_log_group")[0].name).toBe("/zt/net/vpc-flow-logs");
    expect(resolveIn(stack, network.flowLogKeyArn)).toBe(onlyRef(json, "aws_kms_key", "arn"));
  });

  it("throws a helpful error for a tier the network does not have", () => {
    const withoutPublic = buildNetwork();
    expect(() => withoutPublic.subnetIds("public")).toThrow(ValidationError);
    expectInvalid(() => withoutPublic.subnetIds("public"), "tiers", 'SegmentedNetwork "net": has no public tier; enable it in tiers.public or check hasTier("public") first.');
  });
});
