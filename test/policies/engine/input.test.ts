import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError, loadInputs, loadInputsDetailed, loadSuppressionsFile } from "../../../policies/engine/input";
import { samplePlan } from "./fixtures";

const CLI_FIXTURES = path.join(__dirname, "..", "cli", "fixtures");

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-input-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
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
