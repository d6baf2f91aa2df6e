import { SegmentedNetwork } from "../../constructs/network";
import { ServicePlatform, checkDeclaration } from "../../constructs/service";
import { tierOf } from "../../constructs/service/check";
import { SCALE_ACCOUNT as ACCOUNT, SCALE_REGION as REGION, callCount, layerSizes, scaleServices } from "../../bench/service-scale-platform";
import { newStack } from "../identity/harness";

const SIZES = [10, 50, 100, 200];

describe("the service-scale bench's platform", () => {
  it.each(SIZES)("declares %i services in three layers with three calls per service", (n) => {
    const services = scaleServices(n);
    expect(services).toHaveLength(n);
    expect(new Set(services.map((s) => s.name)).size).toBe(n);
    const { edge, mid, data } = layerSizes(n);
    expect(edge + mid + data).toBe(n);
    expect(edge).toBe(Math.round(n / 10));
    expect(data).toBe(Math.round((n * 3) / 10));
    expect(callCount(services)).toBe(3 * n);
    expect(checkDeclaration({ services })).toEqual([]);
  });

  it.each(SIZES)("calls the isolated tier only from the private tier, never a service twice or itself (%i services)", (n) => {
    const services = scaleServices(n);
    const tier = new Map(services.map((s) => [s.name, tierOf(s)]));
    for (const s of services) {
      const callees = (s.calls ?? []).map((c) => c.service);
      expect(callees).not.toContain(s.name);
      expect(new Set(callees).size).toBe(callees.length);
      if (tier.get(s.name) === "isolated") expect(callees).toEqual([]);
    }
    expect(services.some((s) => (s.external ?? []).length > 0)).toBe(true);
    expect(services.some((s) => (s.secrets ?? []).length === 2)).toBe(true);
  });

  it("is the same platform every time", () => {
    expect(scaleServices(50)).toEqual(scaleServices(50));
  });

  it("refuses a platform too small for its three layers", () => {
    expect(() => layerSizes(2)).toThrow("at least 3 services");
  });

  it("is a platform the construct accepts on a network like the bench app's", () => {
    const stack = newStack();
    const network = new SegmentedNetwork(stack, "network", {
      name: "scale",
      cidr: "10.20.0.0/16",
      region: REGION,
      accountId: ACCOUNT,
      availabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
      tiers: { public: { enabled: true } },
      natGateways: "perAz",
    });
    const platform = new ServicePlatform(stack, "services", { network, adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/platform-deployer`], services: scaleServices(50) });
    expect(platform.graph.edges.filter((e) => e.kind === "service")).toHaveLength(150);
    expect(platform.graph.edges.filter((e) => e.kind === "external").length).toBeGreaterThan(0);
  });
});
