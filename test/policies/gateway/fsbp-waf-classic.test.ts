import { readdirSync } from "fs";
import { dirname, join } from "path";
import { WAF_CLASSIC_TYPES, ztGw021 } from "../../../policies/rules/gateway/zt-gw-021-waf-classic-resource";
import { describeFixtureModes, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { wafClassicFixture } from "./fsbp-waf-classic-fixture";

const CLASSIC = [
  "aws_waf_ipset.global_blocked",
  "aws_waf_rule.global_rule",
  "aws_waf_web_acl.global_acl",
  "aws_wafregional_ipset.regional_blocked",
  "aws_wafregional_rule.regional_rule",
  "aws_wafregional_web_acl.regional_acl",
  "aws_wafregional_web_acl_association.regional_stage",
];

/** Every Classic resource fails; the WAFv2 twin is not a target of the rule. */
const EXPECTED: RuleTable = [[ztGw021, { fail: CLASSIC, pass: [] }]];

describe("ZT-GW-021 (AWS WAF Classic)", () => {
  describeFixtureModes("on the fixture", wafClassicFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("leaves the WAFv2 twin alone and says which WAF Classic a resource belongs to", () => {
      const results = resultsOf(ztGw021, model());
      expect(results.filter((r) => r.resourceType.startsWith("aws_wafv2_"))).toEqual([]);
      expect(results.find((r) => r.address === "aws_waf_web_acl.global_acl")?.message).toBe("aws_waf_web_acl is an AWS WAF Classic (global) resource");
      expect(results.find((r) => r.address === "aws_wafregional_web_acl.regional_acl")?.message).toBe("aws_wafregional_web_acl is an AWS WAF Classic (regional) resource");
    });
  });

  it("targets every aws_waf_* and aws_wafregional_* resource type of the provider", () => {
    // One folder per resource type under lib/ of the provider package (e.g. lib/waf-web-acl for aws_waf_web_acl).
    const lib = join(dirname(require.resolve("@cdktf/provider-aws/package.json")), "lib");
    const classic = readdirSync(lib)
      .filter((name) => /^waf(regional)?-/.test(name))
      .map((name) => `aws_${name.replace(/-/g, "_")}`);
    expect(classic.sort()).toEqual([...WAF_CLASSIC_TYPES].sort());
  });
});
