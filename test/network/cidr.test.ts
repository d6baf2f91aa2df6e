import {
  allocateBlocks,
  cidrContains,
  cidrsOverlap,
  formatCidr,
  nextPowerOfTwo,
  parseCidr,
  splitBlock,
  summarizeCidrs,
} from "../../constructs/network/cidr";

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.cidr;
}

describe("parseCidr", () => {
  it("parses a block into network address and prefix", () => {
    expect(parseCidr("10.20.0.0/16")).toEqual({ ok: true, cidr: { network: 10 * 2 ** 24 + 20 * 2 ** 16, prefix: 16 } });
    expect(formatCidr(cidr("255.255.255.240/28"))).toBe("255.255.255.240/28");
    expect(formatCidr(cidr("0.0.0.0/0"))).toBe("0.0.0.0/0");
  });

  it.each([
    ["10.0.0/16", "is not an IPv4 CIDR block in the form a.b.c.d/n"],
    ["10.0.0.0", "is not an IPv4 CIDR block in the form a.b.c.d/n"],
    [" 10.0.0.0/16", "is not an IPv4 CIDR block in the form a.b.c.d/n"],
    ["10.0.256.0/24", "has an octet above 255"],
    ["10.01.0.0/16", "has an octet with a leading zero"],
    ["10.0.0.0/33", "has a prefix length above 32"],
    ["10.0.0.1/16", "has host bits set; the block containing it is 10.0.0.0/16"],
  ])("rejects %s", (text, reason) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason });
  });
});

describe("overlap and containment", () => {
  it("detects overlapping and disjoint blocks", () => {
    expect(cidrsOverlap(cidr("10.0.0.0/16"), cidr("10.0.255.0/24"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.0.0/24"), cidr("10.0.1.0/24"))).toBe(false);
    expect(cidrsOverlap(cidr("10.0.1.0/24"), cidr("10.0.0.0/23"))).toBe(true);
  });

  it("detects containment in one direction only", () => {
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.0.4.0/22"))).toBe(true);
    expect(cidrContains(cidr("10.0.4.0/22"), cidr("10.0.0.0/16"))).toBe(false);
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.1.0.0/24"))).toBe(false);
  });
});

describe("allocateBlocks", () => {
  it("places largest blocks first and returns them in request order", () => {
    const placed = allocateBlocks(cidr("10.0.0.0/24"), [26, 25, 26])!;
    expect(placed.map(formatCidr)).toEqual(["10.0.0.128/26", "10.0.0.0/25", "10.0.0.192/26"]);
  });

  it("fills the parent exactly when sizes add up to it", () => {
    const placed = allocateBlocks(cidr("10.0.0.0/16"), [18, 20, 17, 20, 19])!;
    const blocks = placed.map(formatCidr);
    expect(blocks).toEqual(["10.0.128.0/18", "10.0.224.0/20", "10.0.0.0/17", "10.0.240.0/20", "10.0.192.0/19"]);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        expect(cidrsOverlap(placed[i], placed[j])).toBe(false);
      }
    }
  });

  it("skips reserved blocks", () => {
    const placed = allocateBlocks(cidr("10.0.0.0/24"), [26], [cidr("10.0.0.0/26"), cidr("10.0.0.64/27")])!;
    expect(placed.map(formatCidr)).toEqual(["10.0.0.128/26"]);
  });

  it("returns undefined when a request does not fit", () => {
    expect(allocateBlocks(cidr("10.0.0.0/24"), [25, 25, 28])).toBeUndefined();
    expect(allocateBlocks(cidr("10.0.0.0/24"), [23])).toBeUndefined();
  });

  it("gives the same answer every time", () => {
    const a = allocateBlocks(cidr("10.0.0.0/20"), [24, 22, 26, 24]);
    const b = allocateBlocks(cidr("10.0.0.0/20"), [24, 22, 26, 24]);
    expect(a).toEqual(b);
  });
});

describe("summarizeCidrs", () => {
  it("merges aligned neighbours and drops contained blocks", () => {
    const blocks = ["10.0.96.0/20", "10.0.64.0/20", "10.0.80.0/20", "10.0.64.0/24"].map(cidr);
    expect(summarizeCidrs(blocks).map(formatCidr)).toEqual(["10.0.64.0/19", "10.0.96.0/20"]);
  });

  it("merges over several passes", () => {
    const blocks = ["10.0.0.0/20", "10.0.16.0/21", "10.0.24.0/21"].map(cidr);
    expect(summarizeCidrs(blocks).map(formatCidr)).toEqual(["10.0.0.0/19"]);
  });

  it("does not merge neighbours that are not aligned to the larger block", () => {
    const blocks = ["10.0.16.0/20", "10.0.32.0/20"].map(cidr);
    expect(summarizeCidrs(blocks).map(formatCidr)).toEqual(["10.0.16.0/20", "10.0.32.0/20"]);
  });
});

describe("helpers", () => {
  it("splits a block into consecutive smaller blocks", () => {
    expect(splitBlock(cidr("10.0.0.0/22"), 24, 3).map(formatCidr)).toEqual(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]);
  });

  it("rounds up to powers of two", () => {
    expect([1, 2, 3, 4, 5, 6].map(nextPowerOfTwo)).toEqual([1, 2, 4, 4, 8, 8]);
  });
});
