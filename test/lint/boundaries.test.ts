import { lintAs, messagesOf } from "./lint";

const RULE = "@typescript-eslint/no-restricted-imports";

/** The boundary messages for a file `file` holding `text`. */
async function boundaryErrors(file: string, text: string): Promise<string[]> {
  return messagesOf(await lintAs(file, text), RULE);
}

describe("the boundary rule", () => {
  test.each([
    ["constructs/network/probe.ts", `import { coversInternet } from "../../policies/rules/network/_internet";`, /rule internals/],
    ["constructs/probe.ts", `import { coversInternet } from "../policies/rules/network/_internet";`, /rule internals/],
    ["constructs/core/probe.ts", `export { coversInternet } from "../../policies/rules/network/_internet";`, /rule internals/],
    ["constructs/core/probe.ts", `export * from "../../policies/rules/compute/_host";`, /rule internals/],
    ["constructs/core/probe.ts", `import internet = require("../../policies/rules/network/_internet");`, /rule internals/],
    ["constructs/core/probe.ts", `import { splitIds } from "../../policies/cli/select";`, /never import the CLI/],
    ["constructs/core/probe.ts", `import { ztNet014 } from "../../policies/rules/network/zt-net-014-sg-egress-internet-ports";`, /never import the rules/],
    ["constructs/core/probe.ts", `import { ztNet014 } from "../../policies/rules/network";`, /never import the rules/],
    ["constructs/probe.ts", `import { networkRules } from "../policies/rules";`, /never import the rules/],
    ["policies/engine/probe.ts", `import { networkRules } from "../rules/network";`, /never imports rules/],
    ["policies/engine/probe.ts", `import { zeroTrustPack } from "../packs";`, /never imports packs/],
    ["policies/engine/probe.ts", `import { splitIds } from "../cli/select";`, /never import the CLI/],
    ["policies/engine/probe.ts", `import { textReport } from "../reporters/text";`, /never import the reporters/],
    ["policies/engine/probe.ts", `import { checkPolicies } from "../gate";`, /never import the gate/],
    ["policies/engine/probe.ts", `import { toHaveFinding } from "../jest/matchers";`, /never imports the jest matchers/],
    ["policies/engine/probe.ts", `import { Connections } from "../../constructs/core";`, /never imports constructs/],
    ["policies/rules/network/probe.ts", `import { Port } from "../../../constructs/core";`, /never import constructs/],
    ["policies/rules/network/probe.ts", `import { runCli } from "../../cli/main";`, /never import the CLI/],
    ["policies/rules/network/probe.ts", `import { textReport } from "../../reporters";`, /never import the reporters/],
    ["policies/gate.ts", `import { selectRules } from "./cli/select";`, /never import the CLI/],
    ["policies/jest/probe.ts", `import { selectRules } from "../cli/select";`, /never import the CLI/],
    ["policies/reporters/probe.ts", `import { splitIds } from "../cli/select";`, /never import the CLI/],
    ["policies/reporters/probe.ts", `import { checkPolicies } from "../gate";`, /never import the gate/],
    ["policies/reporters/probe.ts", `import { zeroTrustPack } from "../packs";`, /never import rules or packs/],
    ["policies/rules/network/probe.ts", `import { checkPolicies } from "../../gate";`, /never import the gate/],
    ["policies/shared/probe.ts", `import { Rule } from "../engine/types";`, /imports nothing of the project/],
  ])("%s: %s is an error", async (file, text, message) => {
    const errors = await boundaryErrors(file, text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test.each([
    ["constructs/core/probe.ts", `import { MIN_REASON_LENGTH } from "../../policies/engine/suppressions";`],
    ["constructs/core/probe.ts", `import { Policy } from "../../policies/policy";`],
    ["constructs/network/probe.ts", `import { ADMIN_PORTS } from "../../policies/shared/ports";`],
    ["policies/rules/network/probe.ts", `import { ADMIN_PORTS } from "../../shared/ports";`],
    ["policies/reporters/probe.ts", `import { verdictOf } from "../engine/verdict";`],
    ["policies/engine/probe.ts", `import { verdictOf } from "./verdict";`],
    ["policies/engine/probe.ts", `import { IConstruct } from "constructs";`],
    ["policies/rules/network/probe.ts", `import { pass } from "../../engine/outcome";`],
    ["policies/rules/network/probe.ts", `import { hostOf } from "../compute/_host";`],
    ["policies/gate.ts", `import { selectRules } from "./engine/select";`],
    ["policies/cli/probe.ts", `import { textReport } from "../reporters/text";`],
    ["stacks/probe.ts", `import { PolicyGate } from "../policies/gate";`],
  ])("%s: %s is allowed", async (file, text) => {
    expect(await boundaryErrors(file, text)).toEqual([]);
  });
});
