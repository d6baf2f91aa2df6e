import * as ruleIds from "../../constructs/rule-ids";
import { zeroTrustPack } from "../../policies/packs";

describe("rule ids the constructs suppress (constructs/rule-ids.ts)", () => {
  const ids = new Set(zeroTrustPack.rules.map((r) => r.id));

  it.each(Object.entries(ruleIds))("%s (%s) is a rule of the zero-trust pack", (_name, id) => {
    expect(ids.has(id)).toBe(true);
  });

  it("names each rule once", () => {
    const values = Object.values(ruleIds);
    expect(new Set(values).size).toBe(values.length);
  });
});
