import * as fs from "fs";
import * as path from "path";
import { InputError, loadInputs, loadInputsDetailed, loadSuppressionsFile } from "../../../policies/engine/input";
import { samplePlan } from "./fixtures";
import { tempFolder } from "../../support/temp-folder";

/** The `fs` module itself, whose functions the engine calls (the namespace import above cannot be spied on). */
const nodeFs = jest.requireActual<typeof fs>("fs");

const CLI_FIXTURES = path.join(__dirname, "..", "cli", "fixtures");

const temp = tempFolder("ztb-input-");
const write = temp.write;

function chainOfLocals(n: number): Record<string, string> {
  const locals: Record<string, string> = { [`l${n - 1}`]: "x" };
  for (let i = 0; i < n - 1; i++) locals[`l${i}`] = `\${local.l${i + 1}}`;
  return locals;
}

describe("loadInputs", () => {
  test("cdktf.out: every stack of the manifest, named as in cdktf", () => {
    const { model, inputs } = loadInputsDetailed([path.join(CLI_FIXTURES, "cdktf.out")]);
    expect(inputs.map((i) => [i.stack, i.kind])).toEqual([
      ["web", "synth"],
      ["clean", "synth"],
    ]);
    expect(inputs[0].files).toEqual(["test/policies/cli/fixtures/cdktf.out/stacks/web/cdk.tf.json"]);
    expect(model.resources.filter((r) => r.stack === "clean").map((r) => r.address)).toEqual(["random_id.r"]);
  });
  test("a configuration with more resources than a call takes arguments loads whole", () => {
    const named: Record<string, object> = {};
    for (let i = 0; i < 200_000; i++) named[`r${i}`] = {};
    const model = loadInputs([write("huge.tf.json", { resource: { null_resource: named } })]);
    expect(model.resources).toHaveLength(200_000);
    expect(model.resources[199_999].address).toBe("null_resource.r199999");
  });
  test("a plan file is named after the file; suppressions come from a JSON file", () => {
    const plan = write("prod.plan.json", samplePlan());
    const sup = write("sup.json", { suppressions: [{ address: "aws_vpc.main", id: "ZT-NET-008", reason: "flow logs at the TGW", expires: "2999-01-01" }] });
    const model = loadInputs([plan], { suppressionsFile: sup, now: new Date("2020-01-01") });
    expect(model.now.toISOString()).toBe("2020-01-01T00:00:00.000Z");
    const vpc = model.resources.find((r) => r.address === "aws_vpc.main");
    expect(vpc?.stack).toBe("prod.plan");
    expect(vpc?.suppressions).toEqual([{ id: "ZT-NET-008", reason: "flow logs at the TGW", expires: "2999-01-01" }]);
  });
  test("suppressions can come from a cdk.tf.json, mapped by address (counted instances included)", () => {
    const plan = samplePlan();
    (plan.resource_changes as { address: string }[]).push({
      address: "aws_security_group.bastion[1]",
      mode: "managed",
      type: "aws_security_group",
      name: "bastion",
      change: { actions: ["create"], after: {}, after_unknown: {} },
    } as never);
    const model = loadInputs([write("plan.json", plan)], { suppressionsFile: path.join(CLI_FIXTURES, "web", "cdk.tf.json") });
    const sg = model.resources.find((r) => r.address === "aws_security_group.bastion[1]");
    expect(sg?.suppressions).toEqual([{ id: "ZT-NET-001", reason: "break-glass bastion, see runbook RB-12", expires: undefined, appliesTo: undefined }]);
  });
  test("a suppressions file also applies to plain Terraform JSON", () => {
    const cfg = write("main.tf.json", { resource: { aws_vpc: { v: {} } } });
    const sup = write("s.json", { suppressions: [{ address: "aws_vpc.v", id: "ZT-NET-008", reason: "flow logs at the TGW" }] });
    const [vpc] = loadInputs([cfg], { suppressionsFile: sup }).resources;
    expect(vpc.suppressions).toEqual([{ id: "ZT-NET-008", reason: "flow logs at the TGW" }]);
    expect(vpc.stack).toBe("main");
  });
  test("the same stack name twice is disambiguated", () => {
    const a = write("a/web/cdk.tf.json", { resource: { aws_vpc: { v: {} } } });
    const b = write("b/web/cdk.tf.json", { resource: { aws_vpc: { v: {} } } });
    const { inputs } = loadInputsDetailed([a, b]);
    expect(inputs[0].stack).toBe("web");
    expect(inputs[1].stack).not.toBe("web");
  });
  test("a BOM is tolerated", () => {
    const f = write("bom.tf.json", `\ufeff${JSON.stringify({ resource: { aws_vpc: { v: {} } } })}`);
    expect(loadInputs([f]).resources).toHaveLength(1);
  });

  test("Terraform JSON with repeated keys and array bodies loses no resource", () => {
    const text =
      '{"resource":{"aws_security_group":{"open":[{"name":"open","ingress":{"from_port":22},"ingress":{"from_port":3389}}]}},' +
      '"resource":{"aws_s3_bucket":{"b":{"bucket":"b"}},"aws_s3_bucket":{"c":{"bucket":"c"}}}}';
    const model = loadInputs([write("main.tf.json", text)]);
    expect(model.resources.map((r) => r.address)).toEqual(["aws_security_group.open", "aws_s3_bucket.b", "aws_s3_bucket.c"]);
    expect(model.resources[0].raw).toMatchObject({ ingress: [{ from_port: 22 }, { from_port: 3389 }] });
  });
  test("a suppressions cdk.tf.json is read the same way", () => {
    const text = '{"resource":{"aws_vpc":{"a":{}}},"resource":{"aws_vpc":{"b":{"//":{"ztb":{"suppressions":[{"id":"ZT-NET-008","reason":"flow logs at the TGW"}]}}}}}}';
    expect([...loadSuppressionsFile(write("cdk.tf.json", text)).keys()]).toEqual(["aws_vpc.b"]);
  });
  test("a folder that cannot be listed is an InputError, not a crash", () => {
    const dir = path.join(temp.path, "locked");
    fs.mkdirSync(dir);
    const spy = jest.spyOn(nodeFs, "readdirSync").mockImplementation(() => {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: "EACCES" });
    });
    try {
      expect(() => loadInputs([dir])).toThrow(new InputError(`${dir}: permission denied`));
    } finally {
      spy.mockRestore();
    }
  });
  describe("a manifest whose stack path leaves the cdktf.out folder is refused, and the file is never read", () => {
    const outside = () => write("secret/cdk.tf.json", '{"resource":{"aws_vpc":{"SECRET_CONTENT":{}}}}');
    const refuse = (rel: string, link?: string) => {
      const out = path.join(temp.path, "deep", "a", "cdktf.out");
      if (link !== undefined) {
        fs.mkdirSync(path.join(out, "stacks"), { recursive: true });
        fs.symlinkSync(link, path.join(out, "stacks", "x"));
      }
      write("deep/a/cdktf.out/manifest.json", { stacks: { x: { synthesizedStackPath: rel } } });
      const read = jest.spyOn(nodeFs, "readFileSync");
      try {
        expect(() => loadInputs([out])).toThrow(/manifest\.json: stack "x" has synthesizedStackPath ".*", which is not a file inside the cdktf\.out folder; refused$/);
        expect(read.mock.calls.map((c) => String(c[0]))).toEqual([path.join(out, "manifest.json")]);
      } finally {
        read.mockRestore();
      }
    };
    test("../ steps", () => {
      outside();
      refuse("../../../secret/cdk.tf.json");
      refuse("../../../../../../../../etc/passwd");
    });
    test("an absolute path", () => refuse(outside()));
    test("a symbolic link that points outside", () => refuse("stacks/x/cdk.tf.json", path.dirname(outside())));
    test("a symbolic link inside the folder is followed", () => {
      write("deep/a/cdktf.out/real/cdk.tf.json", { resource: { aws_vpc: { v: {} } } });
      const out = path.join(temp.path, "deep", "a", "cdktf.out");
      fs.mkdirSync(path.join(out, "stacks"));
      fs.symlinkSync(path.join(out, "real"), path.join(out, "stacks", "x"));
      write("deep/a/cdktf.out/manifest.json", { stacks: { x: { synthesizedStackPath: "stacks/x/cdk.tf.json" } } });
      expect(loadInputs([out]).resources.map((r) => r.address)).toEqual(["aws_vpc.v"]);
    });
  });
  const errors: [string, () => unknown, RegExp][] = [
    ["no inputs", () => loadInputs([]), /no input given/],
    ["missing path", () => loadInputs([path.join(CLI_FIXTURES, "nope")]), /nope: no such file or directory$/],
    ["malformed JSON", () => loadInputs([path.join(CLI_FIXTURES, "malformed.json")]), /malformed\.json: malformed JSON: /],
    ["neither", () => loadInputs([path.join(CLI_FIXTURES, "neither.json")]), /neither a Terraform JSON configuration nor/],
    ["empty cdktf.out", () => loadInputs([path.join(CLI_FIXTURES, "empty-out")]), /lists no stacks/],
    ["errored plan", () => loadInputs([path.join(CLI_FIXTURES, "errored-plan.json")]), /errored/],
    [
      "manifest pointing at a missing stack",
      () => loadInputs([path.dirname(write("out/manifest.json", { stacks: { x: { synthesizedStackPath: "stacks/x/cdk.tf.json" } } }))]),
      /stacks\/x\/cdk\.tf\.json: no such file \(listed for stack "x"/,
    ],
    ["suppressions file of the wrong shape", () => loadInputs([path.join(CLI_FIXTURES, "clean")], { suppressionsFile: write("s.json", [1]) }), /not a suppressions file/],
    ["a resource declared twice with repeated keys", () => loadInputs([write("d.tf.json", '{"resource":{"aws_vpc":{"a":{},"a":{}}}}')]), /d\.tf\.json: resource aws_vpc\.a is declared more than once/],
    ["a resource declared twice in an array body", () => loadInputs([write("d.tf.json", { resource: { aws_vpc: { a: [{}, {}] } } })]), /d\.tf\.json: aws_vpc\.a is declared more than once/],
    ["a repeated argument", () => loadInputs([write("d.tf.json", '{"resource":{"aws_vpc":{"a":{"cidr_block":"10.0.0.0/8","cidr_block":"0.0.0.0/0"}}}}')]), /argument resource\.aws_vpc\.a\.cidr_block is given more than once/],
    ["a suppressions cdk.tf.json with a duplicate resource", () => loadSuppressionsFile(write("cdk.tf.json", '{"resource":{"aws_vpc":{"a":{},"a":{}}}}')), /cdk\.tf\.json: resource aws_vpc\.a is declared more than once/],
    ["a manifest that is not an object", () => loadInputs([path.dirname(write("out/manifest.json", "[1]"))]), /out\/manifest\.json: not a cdktf\.out manifest/],
    ["a manifest whose stacks are a list", () => loadInputs([path.dirname(write("out/manifest.json", { stacks: [1] }))]), /not a cdktf\.out manifest/],
    ["a manifest entry that is null", () => loadInputs([path.dirname(write("out/manifest.json", { stacks: { a: null } }))]), /stack "a" has no synthesizedStackPath/],
    ["a path whose parent is a file", () => loadInputs([path.join(write("file", "x"), "cdk.tf.json")]), /file\/cdk\.tf\.json: not found \(a part of the path is a file, not a folder\)$/],
    ["a non-object resource", () => loadInputs([write("r.tf.json", { resource: 5 })]), /r\.tf\.json: resource must be an object/],
    ["deeply nested JSON", () => loadInputs([write("deep.tf.json", `{"resource":{"a_b":{"c":{"x":${"[".repeat(50_000)}${"]".repeat(50_000)}}}}}`)]), /deep\.tf\.json: nested more than 256 levels deep/],
    ["a chain of 20,000 locals", () => loadInputs([write("l.tf.json", { locals: chainOfLocals(20_000), resource: { aws_s3_bucket: { b: { bucket: "${local.l0}" } } } })]), /l\.tf\.json: locals build on each other more than 256 deep/],
    ["suppression with a non-string reason", () => loadSuppressionsFile(write("s.json", { suppressions: [{ address: "a.b", id: "X", reason: 5 }] })), /reason must be a string/],
  ];
  test.each(errors)("%s is an InputError with one line", (_name, fn, message) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });
});
