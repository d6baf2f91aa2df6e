import * as fs from "fs";
import * as path from "path";
import { evaluate } from "../../../policies/engine/evaluate";
import { loadInputs } from "../../../policies/engine/input";
import { resourceLocations, withLocations } from "../../../policies/engine/locations";
import { zeroTrustPack } from "../../../policies/packs";
import { sarifReport, textReport } from "../../../policies/reporters";

const FIXTURES = path.join(__dirname, "..", "cli", "fixtures");

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not found`);
  return i + 1;
}

describe("resourceLocations", () => {
  test("finds each resource and data source of a pretty-printed configuration by its name key", () => {
    const text = JSON.stringify(
      {
        "//": { resource: { fake: { x: {} } } },
        data: { aws_iam_policy_document: { doc: { statement: [{ actions: ["s3:*"] }] } } },
        resource: {
          aws_vpc: { main: { cidr_block: "10.0.0.0/16", tags: { resource: "x" } } },
          aws_security_group: { web: { ingress: [{ from_port: 22 }] }, "with \"quote\"": {} },
        },
      },
      null,
      2,
    );
    const at = resourceLocations(text);
    expect(at.get("aws_vpc.main")).toEqual({ line: lineOf(text, '"main"'), column: 7 });
    expect(at.get("aws_security_group.web")?.line).toBe(lineOf(text, '"web"'));
    expect(at.get('aws_security_group.with "quote"')?.line).toBe(lineOf(text, "quote"));
    expect(at.get("data.aws_iam_policy_document.doc")?.line).toBe(lineOf(text, '"doc"'));
    // Keys that only look like levels (a comment block, a tag called "resource") are not resources.
    expect([...at.keys()].sort()).toEqual(['aws_security_group.web', 'aws_security_group.with "quote"', "aws_vpc.main", "data.aws_iam_policy_document.doc"]);
  });

  test("reads repeated blocks and array-wrapped levels", () => {
    const text = '{"resource": [{"aws_vpc": {"a": {}}},\n{"aws_vpc": [{"b": {}}]}],\n"resource": {"aws_vpc": {"c": [{}]}}}';
    const at = resourceLocations(text);
    expect(at.get("aws_vpc.a")).toEqual({ line: 1, column: 28 });
    expect(at.get("aws_vpc.b")?.line).toBe(2);
    expect(at.get("aws_vpc.c")?.line).toBe(3);
  });

  test("finds plan resources by the address of their resource_changes entry, with a column on one-line plans", () => {
    const plan = JSON.stringify({
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_vpc.main" }] } },
      resource_changes: [
        { address: "aws_vpc.main", change: { after: { address: "not-a-resource" } } },
        { address: "module.m.aws_instance.web[0]", change: {} },
      ],
    });
    const at = resourceLocations(plan);
    expect(at.get("aws_vpc.main")).toEqual({ line: 1, column: plan.indexOf('"address":"aws_vpc.main"', plan.indexOf("resource_changes")) + 1 });
    expect(at.get("module.m.aws_instance.web[0]")?.column).toBe(plan.indexOf('"address":"module.m.aws_instance.web[0]"') + 1);
    expect(at.has("not-a-resource")).toBe(false);
  });
});

describe("findings point at the resource's line", () => {
  const file = path.join(FIXTURES, "web", "cdk.tf.json");
  const text = fs.readFileSync(file, "utf8");
  const report = withLocations(evaluate(loadInputs([file]), zeroTrustPack.rules));

  test("every finding of the insecure fixture carries the line of its resource", () => {
    expect(report.findings.length).toBeGreaterThan(3);
    for (const f of report.findings) {
      const [type, name] = f.address.split(".");
      const lines = text.split("\n");
      const typeLine = lines.findIndex((l) => l.trim() === `"${type}": {`);
      const nameLine = lines.findIndex((l, i) => i > typeLine && l.trim() === `"${name}": {`);
      expect([f.findingId, f.address, f.line]).toEqual([f.findingId, f.address, nameLine + 1]);
    }
  });

  test("SARIF regions use those lines, and name the construct path", () => {
    const sarif = JSON.parse(sarifReport(report));
    const results = sarif.runs[0].results as { locations: { physicalLocation: { region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string; kind: string }[] }[] }[];
    expect(results.length).toBe(report.findings.length);
    for (const r of results) expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(results.some((r) => r.locations[0].logicalLocations.some((l) => l.kind === "module" && l.fullyQualifiedName.startsWith("web/")))).toBe(true);
  });

  test("the text report shows file:line and construct under each located finding", () => {
    const f = report.findings[0];
    expect(textReport(report)).toContain(`at ${f.file}:${f.line}:${f.column}`);
  });
});
