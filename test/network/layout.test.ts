import { cidrsOverlap, parseCidr } from "../../constructs/network/cidr";
import { TierAddressing, layoutSubnets } from "../../constructs/network/layout";

const vpc = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.cidr;
};
const threeTiers: TierAddressing[] = [{ tier: "public" }, { tier: "private" }, { tier: "isolated" }];

function allBlocks(subnets: Record<string, string[] | undefined>) {
  return Object.values(subnets).flatMap((list) => (list ?? []).map((text) => vpc(text)));
}

describe("layoutSubnets", () => {
  it("gives each tier an aligned group of equal blocks by default", () => {
    const result = layoutSubnets(vpc("10.20.0.0/16"), 3, threeTiers);
    expect(result).toEqual({
      ok: true,
      subnets: {
        public: ["10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20"],
        private: ["10.20.64.0/20", "10.20.80.0/20", "10.20.96.0/20"],
        isolated: ["10.20.128.0/20", "10.20.144.0/20", "10.20.160.0/20"],
      },
    });
  });

  it("uses larger subnets when fewer tiers and zones share the VPC", () => {
    const result = layoutSubnets(vpc("10.0.0.0/16"), 2, [{ tier: "private" }, { tier: "isolated" }]);
    expect(result).toEqual({
      ok: true,
      subnets: { private: ["10.0.0.0/18", "10.0.64.0/18"], isolated: ["10.0.128.0/18", "10.0.192.0/18"] },
    });
  });

  it("is deterministic and never overlaps, for every zone count and VPC size", () => {
    let checked = 0;
    for (const text of ["10.0.0.0/16", "172.16.0.0/20", "192.168.1.0/24"]) {
      for (let zones = 2; zones <= 6; zones++) {
        const first = layoutSubnets(vpc(text), zones, threeTiers);
        expect(layoutSubnets(vpc(text), zones, threeTiers)).toEqual(first);
        if (!first.ok) {
          continue;
        }
        checked += 1;
        const blocks = allBlocks(first.subnets);
        expect(blocks).toHaveLength(zones * 3);
        for (let i = 0; i < blocks.length; i++) {
          expect(blocks[i].prefix).toBeLessThanOrEqual(28);
          for (let j = i + 1; j < blocks.length; j++) {
            expect(cidrsOverlap(blocks[i], blocks[j])).toBe(false);
          }
        }
      }
    }
    expect(checked).toBe(14);
  });

  it("packs subnets without spare room when grouped layout cannot fit", () => {
    const result = layoutSubnets(vpc("10.0.0.0/24"), 5, threeTiers);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.subnets.public).toEqual(["10.0.0.0/28", "10.0.0.16/28", "10.0.0.32/28", "10.0.0.48/28", "10.0.0.64/28"]);
      expect(result.subnets.isolated).toEqual(["10.0.0.160/28", "10.0.0.176/28", "10.0.0.192/28", "10.0.0.208/28", "10.0.0.224/28"]);
    }
  });

  it("honours a pinned subnetPrefix and sizes the other tiers around it", () => {
    const result = layoutSubnets(vpc("10.0.0.0/16"), 3, [{ tier: "public", subnetPrefix: 24 }, { tier: "private" }, { tier: "isolated" }]);
    expect(result).toEqual({
      ok: true,
      subnets: {
        public: ["10.0.128.0/24", "10.0.129.0/24", "10.0.130.0/24"],
        private: ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"],
        isolated: ["10.0.64.0/20", "10.0.80.0/20", "10.0.96.0/20"],
      },
    });
  });

  it("keeps explicit cidrs and allocates around them", () => {
    const result = layoutSubnets(vpc("10.0.0.0/16"), 2, [
      { tier: "private", cidrs: ["10.0.0.0/24", "10.0.1.0/24"] },
      { tier: "isolated", subnetPrefix: 24 },
    ]);
    expect(result).toEqual({
      ok: true,
      subnets: { private: ["10.0.0.0/24", "10.0.1.0/24"], isolated: ["10.0.2.0/24", "10.0.3.0/24"] },
    });
  });

  it("reports subnets that do not fit", () => {
    const result = layoutSubnets(vpc("10.0.0.0/24"), 3, [{ tier: "private", subnetPrefix: 25 }, { tier: "isolated" }]);
    expect(result).toEqual({
      ok: false,
      prop: "cidr",
      problem: "the subnets do not fit in 10.0.0.0/24: at least 3 x /25 (private), 3 x /28 (isolated) are needed and 256 addresses are free",
      fix: "use a larger VPC cidr, longer subnetPrefix values, fewer tiers or fewer availability zones",
    });
  });
});
