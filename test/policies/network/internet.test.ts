import { IPV4, IPV6, isInternetCidr, parseCidr, reachesInternet } from "../../../policies/rules/network/_internet";

describe("internet reach", () => {
  const eights = Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`);

  test("0.0.0.0/0 and ::/0 reach it; so does either half of IPv4 alone, and two /1s together", () => {
    expect(isInternetCidr("0.0.0.0/0")).toBe(true);
    expect(isInternetCidr("::/0")).toBe(true);
    expect(isInternetCidr("0.0.0.0/1")).toBe(true);
    expect(isInternetCidr("128.0.0.0/1")).toBe(true);
    expect(reachesInternet(["0.0.0.0/1", "128.0.0.0/1"], IPV4)).toBe(true);
  });

  test("the 256 /8s together reach it, one public /8 alone does not, two do (2^25 public addresses)", () => {
    expect(reachesInternet(eights, IPV4)).toBe(true);
    expect(isInternetCidr("11.0.0.0/8")).toBe(false);
    expect(reachesInternet(["11.0.0.0/8", "12.0.0.0/8"], IPV4)).toBe(true);
    expect(reachesInternet(["11.0.0.0/8", "11.0.0.0/9"], IPV4)).toBe(false);
  });

  test("a public /4 or /7 reaches it; a /4 or /7 of reserved space does not", () => {
    expect(isInternetCidr("16.0.0.0/4")).toBe(true);
    expect(isInternetCidr("2.0.0.0/7")).toBe(true);
    expect(isInternetCidr("224.0.0.0/4")).toBe(false);
    expect(isInternetCidr("240.0.0.0/4")).toBe(false);
    // 10.0.0.0/7 is 10/8 (private) and 11/8: one /8 of public space.
    expect(isInternetCidr("10.0.0.0/7")).toBe(false);
  });

  test("private, shared, loopback and documentation ranges never reach it, however many", () => {
    const reserved = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "198.18.0.0/15", "203.0.113.0/24"];
    expect(reachesInternet(reserved, IPV4)).toBe(false);
  });

  test("IPv6: global unicast space counts, a provider /32 or link-local and unique-local space does not", () => {
    expect(isInternetCidr("2000::/3")).toBe(true);
    expect(isInternetCidr("2000::/10")).toBe(true);
    expect(isInternetCidr("2001:db8::/32")).toBe(false);
    expect(reachesInternet(["fc00::/7", "fe80::/10", "::/8"], IPV6)).toBe(false);
    expect(reachesInternet(["2000::/4", "3000::/4"], IPV6)).toBe(true);
    expect(reachesInternet(["2000::/11", "2020::/11"], IPV6)).toBe(true);
  });

  test("a mixed list is judged per family: IPv4 pieces do not add to IPv6 reach", () => {
    const mixed = ["0.0.0.0/1", "2001:db8::/32", "128.0.0.0/1"];
    expect(reachesInternet(mixed, IPV4)).toBe(true);
    expect(reachesInternet(mixed, IPV6)).toBe(false);
  });

  test("CIDRs are parsed as AWS reads them: host bits masked, embedded IPv4, bad text is no CIDR", () => {
    expect(parseCidr("10.1.2.3/8")?.span.start).toBe(10n << 24n);
    expect(parseCidr("::ffff:1.2.3.4/128")?.span.start).toBe(0xffff01020304n);
    expect(parseCidr("not-a-cidr")).toBeUndefined();
    expect(parseCidr("300.0.0.0/8")).toBeUndefined();
    expect(parseCidr("1.2.3.4/33")).toBeUndefined();
    expect(isInternetCidr("0.0.0.0")).toBe(false);
  });
});
