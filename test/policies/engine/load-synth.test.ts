import { InputError } from "../../../policies/engine/input";
import { isTerraformConfig, loadConfig, suppressionsFromMeta } from "../../../policies/engine/load-synth";
import { samplePlan, sampleConfig } from "./fixtures";

describe("isTerraformConfig", () => {
  test("recognizes configurations, not plans or other JSON", () => {
    expect(isTerraformConfig(sampleConfig())).toBe(true);
    expect(isTerraformConfig({ resource: {} })).toBe(true);
    expect(isTerraformConfig(samplePlan())).toBe(false);
    expect(isTerraformConfig({ format_version: "1.0", values: {} })).toBe(false);
    expect(isTerraformConfig({ stacks: {} })).toBe(false);
    expect(isTerraformConfig([])).toBe(false);
    expect(isTerraformConfig(null)).toBe(false);
    expect(isTerraformConfig("x")).toBe(false);
  });
});

describe("loadConfig", () => {
  const resources = loadConfig(sampleConfig(), "web", "cdktf.out/stacks/web/cdk.tf.json");
  const byAddress = new Map(resources.map((r) => [r.address, r]));

  test("loads resources and data sources with addresses", () => {
    expect([...byAddress.keys()].sort()).toEqual([
      "aws_flow_log.fl",
      "aws_iam_policy.p",
      "aws_vpc.main",
      "aws_vpc.other",
      "data.aws_iam_policy_document.admin",
    ]);
    const data = byAddress.get("data.aws_iam_policy_document.admin");
    expect(data).toMatchObject({ mode: "data", type: "aws_iam_policy_document", name: "admin", stack: "web", source: "synth" });
  });
  test("keeps construct path and file, strips the metadata block from values", () => {
    const vpc = byAddress.get("aws_vpc.main");
    expect(vpc?.path).toBe("web/main");
    expect(vpc?.file).toBe("cdktf.out/stacks/web/cdk.tf.json");
    expect(vpc?.has("//")).toBe(false);
    expect(vpc?.str("cidr_block")).toBe("10.0.0.0/16");
  });
  test("reads suppressions from the metadata block, ignoring malformed entries", () => {
    expect(byAddress.get("aws_iam_policy.p")?.suppressions).toEqual([
      { id: "ZT-IAM-001", reason: "break-glass admin policy", expires: "2099-01-01", appliesTo: undefined },
    ]);
    expect(byAddress.get("aws_vpc.main")?.suppressions).toEqual([]);
  });
  test("leaves the configuration unchanged unless asked to release the metadata blocks once read", () => {
    const json = sampleConfig();
    const before = JSON.stringify(json);
    loadConfig(json, "web");
    expect(JSON.stringify(json)).toBe(before);

    const released = loadConfig(json, "web", undefined, { releaseMetadata: true });
    const policy = released.find((r) => r.address === "aws_iam_policy.p");
    expect(policy?.suppressions.map((s) => s.id)).toEqual(["ZT-IAM-001"]);
    expect(released.find((r) => r.address === "aws_vpc.main")?.path).toBe("web/main");
    const bodies = json.resource as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(bodies.aws_vpc.main)).toContain("//");
    expect(bodies.aws_vpc.main["//"]).toBeUndefined();
    expect(bodies.aws_vpc.main.cidr_block).toBe("10.0.0.0/16");
  });
  test("accepts list-shaped groups (Terraform JSON allows arrays)", () => {
    const rs = loadConfig({ resource: [{ aws_vpc: [{ a: { cidr_block: "x" } }, { b: {} }] }] }, "s");
    expect(rs.map((r) => r.address)).toEqual(["aws_vpc.a", "aws_vpc.b"]);
  });
  test("null and empty-array bodies declare nothing, as in HCL's JSON syntax", () => {
    expect(loadConfig({ resource: { aws_vpc: { a: null, c: [] } } }, "s")).toEqual([]);
  });
  test("a body that is not an object is an InputError naming the file and the resource, never a dropped resource", () => {
    expect(() => loadConfig({ resource: { aws_vpc: { a: null, b: "x", c: [] } } }, "s", "main.tf.json")).toThrow(
      new InputError("main.tf.json: the body of aws_vpc.b must be an object, not a string"),
    );
    expect(() => loadConfig({ resource: { aws_vpc: 5 } }, "s", "main.tf.json")).toThrow(/main\.tf\.json: resource\.aws_vpc must be an object \(or an array of objects\), not a number/);
    expect(() => loadConfig({ data: "x" }, "s")).toThrow(/^data must be an object/);
  });
  test("a body written as an array of one object is that body", () => {
    const rs = loadConfig({ resource: { aws_security_group: { open: [{ name: "open" }] } } }, "s");
    expect(rs.map((r) => [r.address, r.str("name")])).toEqual([["aws_security_group.open", "open"]]);
  });
  test("a resource declared twice is an InputError: two bodies for a name, or the name in two resource objects", () => {
    expect(() => loadConfig({ resource: { aws_vpc: { a: [{}, {}] } } }, "s", "f.tf.json")).toThrow(
      new InputError("f.tf.json: aws_vpc.a is declared more than once; Terraform rejects a duplicate resource"),
    );
    expect(() => loadConfig({ resource: [{ aws_vpc: { a: {} } }, { aws_vpc: { a: {} } }] }, "s")).toThrow(/aws_vpc\.a is declared more than once/);
    expect(() => loadConfig({ data: { aws_vpc: [{ a: {} }, { a: {} }] } }, "s")).toThrow(/data\.aws_vpc\.a is declared more than once/);
    // The same name as a resource and as a data source is two objects.
    expect(loadConfig({ resource: { aws_vpc: { a: {} } }, data: { aws_vpc: { a: {} } } }, "s")).toHaveLength(2);
  });
  test("suppressionsFromMeta tolerates junk", () => {
    expect(suppressionsFromMeta(undefined)).toEqual([]);
    expect(suppressionsFromMeta({ ztb: { suppressions: "no" } })).toEqual([]);
    expect(suppressionsFromMeta({ ztb: { suppressions: [{ id: "ZT-NET-001" }] } })).toEqual([
      { id: "ZT-NET-001", reason: "", expires: undefined, appliesTo: undefined },
    ]);
  });
});
