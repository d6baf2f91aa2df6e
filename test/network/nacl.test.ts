import { SegmentedNetworkProps } from "../../constructs/network";
import { portRangesWithout } from "../../constructs/network/nacl-rules";
import { StackJson, entries, named, resources, synthNetwork } from "./fixtures";

type Rule = [number, string, string, number, number];

/** NACL rules of a tier as `[rule number, protocol, cidr, from, to]`, sorted by rule number. */
function tierRules(json: StackJson, tier: string, direction: "ingress" | "egress"): Rule[] {
  const [aclId] = entries(json, "aws_network_acl").find(([, body]) => body.tags["zt:tier"] === tier) ?? [];
  if (!aclId) {
    throw new Error(`no NACL for tier ${tier}`);
  }
  return resources(json, "aws_network_acl_rule")
    .filter((rule) => rule.network_acl_id === `\${aws_network_acl.${aclId}.id}` && rule.egress === (direction === "egress"))
    .map((rule): Rule => [rule.rule_number, rule.protocol, rule.cidr_block, rule.from_port, rule.to_port])
    .sort((a, b) => a[0] - b[0]);
}

function synth(overrides: Partial<SegmentedNetworkProps> = {}) {
  return synthNetwork(overrides).json;
}

const admits = (rule: Rule, port: number) => rule[1] === "-1" || (rule[3] <= port && port <= rule[4]);

describe("tier NACLs", () => {
  const full = synth({ tiers: { public: { enabled: true } }, natGateways: "perAz", allowHttpIngress: true });

  it("creates one NACL per tier and associates it with exactly that tier's subnets", () => {
    const associations = resources(full, "aws_network_acl_association");
    expect(resources(full, "aws_network_acl")).toHaveLength(3);
    expect(associations).toHaveLength(9);
    for (const tier of ["public", "private", "isolated"]) {
      const acl = named(full, "aws_network_acl", `net-${tier}`);
      for (const zone of ["eu-west-1a", "eu-west-1b", "eu-west-1c"]) {
        expect(associations).toContainEqual({ network_acl_id: acl.ref("id"), subnet_id: named(full, "aws_subnet", `net-${tier}-${zone}`).ref("id") });
      }
    }
  });

  it("uses numbered rules, unique per NACL and direction, that allow except one VPC-wide deny per isolated direction", () => {
    const rules = resources(full, "aws_network_acl_rule");
    expect(rules.length).toBeGreaterThan(20);
    const isolatedAcl = named(full, "aws_network_acl", "net-isolated").ref("id");
    expect(rules.filter((rule) => rule.rule_action !== "allow").sort((a, b) => Number(a.egress) - Number(b.egress))).toEqual([
      { network_acl_id: isolatedAcl, egress: false, rule_number: 300, rule_action: "deny", protocol: "-1", cidr_block: "10.0.0.0/16", from_port: 0, to_port: 0 },
      { network_acl_id: isolatedAcl, egress: true, rule_number: 300, rule_action: "deny", protocol: "-1", cidr_block: "10.0.0.0/16", from_port: 0, to_port: 0 },
    ]);
    const keys = rules.map((rule) => `${rule.network_acl_id}/${rule.egress}/${rule.rule_number}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rules.every((rule) => rule.rule_number >= 1 && rule.rule_number <= 32766)).toBe(true);
  });

  it("never admits the internet to a remote administration port, in any tier", () => {
    const adminPorts = [22, 23, 3389, 5900, 5985, 5986];
    for (const tier of ["public", "private", "isolated"]) {
      const fromInternet = tierRules(full, tier, "ingress").filter((rule) => rule[2] === "0.0.0.0/0");
      expect(fromInternet.length).toBeGreaterThan(0);
      for (const rule of fromInternet) {
        const open = adminPorts.filter((port) => admits(rule, port));
        expect({ tier, rule, open }).toEqual({ tier, rule, open: [] });
      }
    }
  });

  it("admits the internet to private and isolated tiers only on ephemeral return ports", () => {
    for (const tier of ["private", "isolated"]) {
      const fromInternet = tierRules(full, tier, "ingress").filter((rule) => rule[2] === "0.0.0.0/0");
      expect(fromInternet.map((rule) => [rule[1], rule[3], rule[4]])).toEqual([
        ["6", 1024, 3388],
        ["6", 3390, 5899],
        ["6", 5901, 5984],
        ["6", 5987, 65535],
      ]);
    }
  });

  it("admits nothing from the internet to private and isolated tiers without NAT and gateway endpoint rules", () => {
    const json = synth({ gatewayEndpointNaclRules: false });
    for (const tier of ["private", "isolated"]) {
      expect(tierRules(json, tier, "ingress").filter((rule) => rule[2] === "0.0.0.0/0")).toEqual([]);
      expect(tierRules(json, tier, "egress").filter((rule) => rule[2] === "0.0.0.0/0")).toEqual([]);
    }
  });

  it("admits internet return traffic to the private tier when NAT is on, even without gateway endpoint rules", () => {
    const json = synth({ tiers: { public: { enabled: true } }, natGateways: "single", gatewayEndpointNaclRules: false });
    expect(tierRules(json, "private", "ingress").filter((rule) => rule[2] === "0.0.0.0/0")).toEqual([
      [500, "6", "0.0.0.0/0", 1024, 3388],
      [501, "6", "0.0.0.0/0", 3390, 5899],
      [502, "6", "0.0.0.0/0", 5901, 5984],
      [503, "6", "0.0.0.0/0", 5987, 65535],
    ]);
    expect(tierRules(json, "private", "egress").filter((rule) => rule[2] === "0.0.0.0/0")).toEqual([[400, "6", "0.0.0.0/0", 443, 443]]);
    expect(tierRules(json, "isolated", "ingress").filter((rule) => rule[2] === "0.0.0.0/0")).toEqual([]);
  });

  it("opens the public tier to HTTPS, HTTP only on request, the VPC, and return traffic", () => {
    expect(tierRules(full, "public", "ingress")).toEqual([
      [100, "6", "0.0.0.0/0", 443, 443],
      [101, "6", "0.0.0.0/0", 80, 80],
      [200, "-1", "10.0.0.0/16", 0, 0],
      [300, "6", "0.0.0.0/0", 1024, 3388],
      [301, "6", "0.0.0.0/0", 3390, 5899],
      [302, "6", "0.0.0.0/0", 5901, 5984],
      [303, "6", "0.0.0.0/0", 5987, 65535],
    ]);
    const withoutHttp = synth({ tiers: { public: { enabled: true } } });
    expect(tierRules(withoutHttp, "public", "ingress").filter((rule) => admits(rule, 80) && rule[2] === "0.0.0.0/0")).toEqual([]);
  });

  it("lets the public tier answer clients and forward NAT traffic on the internet egress ports only", () => {
    expect(tierRules(full, "public", "egress")).toEqual([
      [100, "-1", "10.0.0.0/16", 0, 0],
      [200, "6", "0.0.0.0/0", 1024, 65535],
      [300, "6", "0.0.0.0/0", 443, 443],
    ]);
  });

  it("admits the public tier and the private tier itself into the private tier", () => {
    expect(tierRules(full, "private", "ingress")).toEqual([
      [100, "-1", "10.0.64.0/19", 0, 0],
      [101, "-1", "10.0.96.0/20", 0, 0],
      [200, "-1", "10.0.0.0/19", 0, 0],
      [201, "-1", "10.0.32.0/20", 0, 0],
      [300, "6", "10.0.128.0/19", 443, 443],
      [301, "6", "10.0.160.0/20", 443, 443],
      [400, "6", "10.0.0.0/16", 1024, 65535],
      [500, "6", "0.0.0.0/0", 1024, 3388],
      [501, "6", "0.0.0.0/0", 3390, 5899],
      [502, "6", "0.0.0.0/0", 5901, 5984],
      [503, "6", "0.0.0.0/0", 5987, 65535],
    ]);
  });

  it("lets the private tier reach the isolated tier only on data ports", () => {
    const json = synth({ dataPorts: [5432] });
    expect(tierRules(json, "private", "egress")).toEqual([
      [100, "-1", "10.0.0.0/18", 0, 0],
      [101, "-1", "10.0.64.0/19", 0, 0],
      [200, "6", "10.0.0.0/16", 1024, 65535],
      [300, "6", "10.0.128.0/18", 5432, 5432],
      [301, "6", "10.0.192.0/19", 5432, 5432],
      [400, "6", "0.0.0.0/0", 443, 443],
    ]);
  });

  it("admits only the private tier into the isolated tier, on data ports and endpoint responses", () => {
    const json = synth();
    expect(tierRules(json, "isolated", "ingress")).toEqual([
      [100, "6", "10.0.0.0/18", 5432, 5432],
      [101, "6", "10.0.0.0/18", 3306, 3306],
      [102, "6", "10.0.0.0/18", 6379, 6379],
      [103, "6", "10.0.0.0/18", 443, 443],
      [104, "6", "10.0.64.0/19", 5432, 5432],
      [105, "6", "10.0.64.0/19", 3306, 3306],
      [106, "6", "10.0.64.0/19", 6379, 6379],
      [107, "6", "10.0.64.0/19", 443, 443],
      [200, "6", "10.0.0.0/18", 1024, 65535],
      [201, "6", "10.0.64.0/19", 1024, 65535],
      [300, "-1", "10.0.0.0/16", 0, 0],
      [400, "6", "0.0.0.0/0", 1024, 3388],
      [401, "6", "0.0.0.0/0", 3390, 5899],
      [402, "6", "0.0.0.0/0", 5901, 5984],
      [403, "6", "0.0.0.0/0", 5987, 65535],
    ]);
  });

  it("lets the isolated tier answer the private tier and reach endpoints, nothing else", () => {
    const json = synth();
    expect(tierRules(json, "isolated", "egress")).toEqual([
      [100, "6", "10.0.0.0/18", 1024, 65535],
      [101, "6", "10.0.64.0/19", 1024, 65535],
      [200, "6", "10.0.0.0/18", 443, 443],
      [201, "6", "10.0.64.0/19", 443, 443],
      [300, "-1", "10.0.0.0/16", 0, 0],
      [400, "6", "0.0.0.0/0", 443, 443],
    ]);
  });

  it("drops the interface endpoint rules when there are no interface endpoints", () => {
    const json = synth({ interfaceEndpoints: [], gatewayEndpointNaclRules: false });
    expect(tierRules(json, "isolated", "ingress").map((rule) => rule[0])).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
    expect(tierRules(json, "isolated", "egress").map((rule) => [rule[3], rule[4]])).toEqual([
      [1024, 65535],
      [1024, 65535],
    ]);
  });
});

describe("portRangesWithout", () => {
  it("cuts holes out of a range and ignores ports outside it", () => {
    expect(portRangesWithout([1024, 65535], [22, 5986, 3389, 5985, 5900])).toEqual([
      [1024, 3388],
      [3390, 5899],
      [5901, 5984],
      [5987, 65535],
    ]);
  });

  it("handles holes at the edges of the range", () => {
    expect(portRangesWithout([1024, 2000], [1024, 2000])).toEqual([[1025, 1999]]);
    expect(portRangesWithout([80, 80], [80])).toEqual([]);
  });
});
