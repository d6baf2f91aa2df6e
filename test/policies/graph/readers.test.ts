import { intersectRanges, mergeRanges, portsText, rangesCover, subtractRanges } from "../../../policies/graph/readers/ranges";
import { shortServiceName } from "../../../policies/graph/readers/nodes";
import { lintAs, messagesOf } from "../../lint/lint";

describe("port ranges", () => {
  it("merge where they overlap or touch, and only there", () => {
    expect(mergeRanges([{ from: 81, to: 90 }, { from: 80, to: 80 }, { from: 443, to: 443 }, { from: 85, to: 100 }])).toEqual([
      { from: 80, to: 100 },
      { from: 443, to: 443 },
    ]);
  });

  it("intersect, subtract and cover", () => {
    expect(intersectRanges([{ from: 0, to: 65535 }], [{ from: 443, to: 443 }, { from: 8000, to: 8100 }])).toEqual([
      { from: 443, to: 443 },
      { from: 8000, to: 8100 },
    ]);
    expect(subtractRanges([{ from: 5000, to: 5500 }], [{ from: 5432, to: 5432 }])).toEqual([
      { from: 5000, to: 5431 },
      { from: 5433, to: 5500 },
    ]);
    expect(rangesCover([{ from: 1, to: 10 }], [{ from: 2, to: 3 }, { from: 10, to: 10 }])).toBe(true);
    expect(rangesCover([{ from: 1, to: 10 }], [{ from: 10, to: 11 }])).toBe(false);
  });

  it("read as text in messages", () => {
    expect(portsText("tcp", [{ from: 5432, to: 5432 }])).toBe("TCP 5432");
    expect(portsText("udp", [{ from: 53, to: 53 }, { from: 8000, to: 8100 }])).toBe("UDP 53, 8000-8100");
    expect(portsText("all", [{ from: 0, to: 65535 }])).toBe("all traffic");
  });
});

describe("gateway endpoint names", () => {
  it("are the service part of the endpoint's service name", () => {
    expect(shortServiceName("com.amazonaws.eu-west-1.s3")).toBe("s3");
    expect(shortServiceName("com.amazonaws.eu-west-1.ecr.api")).toBe("ecr.api");
    expect(shortServiceName("s3")).toBeUndefined();
  });
});

describe("the boundary of policies/graph", () => {
  const RULE = "@typescript-eslint/no-restricted-imports";
  test.each([
    ["policies/graph/probe.ts", `import { runCli } from "../cli/main";`, /never import the CLI/],
    ["policies/graph/readers/probe.ts", `import { checkPolicies } from "../../gate";`, /never import the gate/],
    ["policies/graph/probe.ts", `import { zeroTrustPack } from "../packs";`, /never import packs/],
    ["policies/graph/probe.ts", `import { Connections } from "../../constructs/core";`, /never import constructs/],
    ["policies/graph/readers/probe.ts", `import { ztNet001 } from "../../rules/network/zt-net-001-sg-admin-ports-open";`, /network rules' normalizers/],
    ["policies/graph/readers/probe.ts", `import { hostOf } from "../../rules/compute/_host";`, /network rules' normalizers/],
  ])("%s: %s is an error", async (file, text, message) => {
    const errors = messagesOf(await lintAs(file, text), RULE);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test.each([
    ["policies/graph/readers/probe.ts", `import { rulesOfGroup } from "../../rules/network/_security-group-rules";`],
    ["policies/graph/probe.ts", `import { Model } from "../engine/model";`],
    ["policies/graph/probe.ts", `import { edgeKey } from "../shared/service-graph";`],
    ["policies/rules/graph/probe.ts", `import { effectiveGraph } from "../../graph";`],
  ])("%s: %s is allowed", async (file, text) => {
    expect(messagesOf(await lintAs(file, text), RULE)).toEqual([]);
  });
});
