import { detectionRules } from "../../policies/rules/detection";
import { supplyChainRules } from "../../policies/rules/supply-chain";
import * as fs from "fs";
import * as path from "path";
import { Rule } from "../../policies/engine/types";
import { zeroTrustPack } from "../../policies/packs";
import { computeRules } from "../../policies/rules/compute";
import { eksRules } from "../../policies/rules/eks";
import { gatewayRules } from "../../policies/rules/gateway";
import { graphRules } from "../../policies/rules/graph";
import { identityRules } from "../../policies/rules/identity";
import { kubernetesRules } from "../../policies/rules/kubernetes";
import { loadbalancingRules } from "../../policies/rules/loadbalancing";
import { loggingRules } from "../../policies/rules/logging";
import { meshRules } from "../../policies/rules/mesh";
import { metaRules } from "../../policies/rules/meta";
import { networkRules } from "../../policies/rules/network";
import { secretsRules } from "../../policies/rules/secrets";

const ROOT = path.join(__dirname, "..", "..");
const RULES = path.join(ROOT, "policies", "rules");
const TESTS = path.join(ROOT, "test", "policies");
/** Domains without an AWS plan: there is no Kubernetes provider to plan with, and meta rules read metadata. */
const SYNTH_ONLY = new Set(["kubernetes", "mesh", "meta"]);
/** A test file that plans with Terraform calls one of these. */
const PLANS = /\b(planStack|plannedModel|describeFixtureModes)\(/;
/** The rules each domain's index exports, by domain folder. */
const DOMAIN_INDEXES: Readonly<Record<string, readonly Rule[]>> = {
  compute: computeRules,
  eks: eksRules,
  gateway: gatewayRules,
  graph: graphRules,
  identity: identityRules,
  kubernetes: kubernetesRules,
  loadbalancing: loadbalancingRules,
  logging: loggingRules,
  mesh: meshRules,
  meta: metaRules,
  network: networkRules,
  secrets: secretsRules,
  detection: detectionRules,
  "supply-chain": supplyChainRules,
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** For each rule id, the domain folder and exported name of the file that defines it. */
function ruleSources(): Map<string, { domain: string; exportName: string; file: string }> {
  const out = new Map<string, { domain: string; exportName: string; file: string }>();
  for (const file of filesUnder(RULES).filter((f) => /zt-[a-z0-9]+-\d{3}-.+\.ts$/.test(path.basename(f)))) {
    const text = fs.readFileSync(file, "utf8");
    const id = /\bid:\s*"(ZT-[A-Z0-9]+-\d{3})"/.exec(text)?.[1];
    const exportName = /export const (\w+)\s*=\s*defineRule\(/.exec(text)?.[1];
    if (id && exportName) out.set(id, { domain: path.basename(path.dirname(file)), exportName, file });
  }
  return out;
}

describe("zero-trust pack", () => {
  const sources = ruleSources();
  const tests = filesUnder(TESTS).filter((f) => f.endsWith(".test.ts"));
  const testText = new Map(tests.map((f) => [f, fs.readFileSync(f, "utf8")]));

  it("has at least 50 rules with unique, well-formed ids, each defined in its own file", () => {
    const ids = zeroTrustPack.rules.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !sources.has(id))).toEqual([]);
    expect(ids.filter((id) => !/^ZT-[A-Z0-9]+-\d{3}$/.test(id))).toEqual([]);
  });

  it("documents every rule: title, rationale, remediation, NIST references and resource types", () => {
    const incomplete = zeroTrustPack.rules
      .filter(
        (r) =>
          r.title.length < 10 ||
          r.rationale.length <= 40 ||
          r.remediation.length <= 20 ||
          r.resourceTypes.length === 0 ||
          (r.domain !== "meta" && (!r.references.nist800207?.length || !r.references.nist80053?.length)),
      )
      .map((r) => r.id);
    expect(incomplete).toEqual([]);
  });

  it("keeps each rule in the folder of its domain", () => {
    const misplaced = zeroTrustPack.rules.filter((r) => sources.get(r.id)?.domain !== r.domain).map((r) => `${r.id} in ${sources.get(r.id)?.domain}`);
    expect(misplaced).toEqual([]);
  });

  it("has a rule index for every domain folder, and the indexes hold every rule of the pack once", () => {
    const folders = fs.readdirSync(RULES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(Object.keys(DOMAIN_INDEXES).sort()).toEqual(folders.sort());
    const indexed = Object.values(DOMAIN_INDEXES).flatMap((rules) => rules.map((r) => r.id));
    expect(indexed.sort()).toEqual(zeroTrustPack.rules.map((r) => r.id).sort());
  });

  it.each(Object.entries(DOMAIN_INDEXES).map(([domain, rules]) => ({ domain, rules })))(
    "lists every rule of policies/rules/$domain once, in id order numbered from 001, each with domain $domain",
    ({ domain, rules }) => {
      const ids = rules.map((r) => r.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(ids.length);
      const prefix = /^ZT-([A-Z0-9]+)-\d{3}$/.exec(ids[0])?.[1];
      expect(ids).toEqual(ids.map((_, i) => `ZT-${prefix}-${String(i + 1).padStart(3, "0")}`));
      const inFolder = [...sources].filter(([, src]) => src.domain === domain).map(([id]) => id);
      expect(ids).toEqual(inFolder.sort());
      expect(rules.filter((r) => r.domain !== domain).map((r) => `${r.id} has domain ${r.domain}`)).toEqual([]);
    },
  );

  it("uses every rule in a test of its domain, and every AWS rule in a test file that plans", () => {
    const missing: string[] = [];
    for (const rule of zeroTrustPack.rules) {
      const src = sources.get(rule.id)!;
      const use = new RegExp(`^(?!import).*\\b${src.exportName}\\b`, "m");
      const users = tests.filter((f) => path.basename(path.dirname(f)) === rule.domain && use.test(testText.get(f)!));
      if (users.length === 0) missing.push(`${rule.id}: ${src.exportName} is not used by a test in test/policies/${rule.domain}`);
      else if (!SYNTH_ONLY.has(rule.domain) && !users.some((f) => PLANS.test(testText.get(f)!))) {
        missing.push(`${rule.id}: not checked in a test file that runs terraform plan`);
      }
    }
    expect(missing).toEqual([]);
  });
});
