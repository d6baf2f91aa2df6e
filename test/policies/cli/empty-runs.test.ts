import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { selectRules } from "../../../policies/engine/select";
import { InputError } from "../../../policies/engine/input";
import { checkSynthOutput, PolicyGate } from "../../../policies/gate";
import { zeroTrustPack } from "../../../policies/packs";
import { fixture, ztb } from "./helpers";
import { tempFolder } from "../../support/temp-folder";

const temp = tempFolder("ztb-empty-");
const write = temp.write;

const change = (address: string, actions: string[]) => {
  const [type, name] = address.split(".");
  return { address, mode: "managed", type, name, change: { actions, before: {}, after: actions.includes("delete") ? null : {}, after_unknown: {} } };
};

describe("a run that checks nothing does not pass", () => {
  const empty: [string, () => string][] = [
    ["a configuration without resources", () => write("main.tf.json", { resource: {}, terraform: {} })],
    ["a configuration whose resources are all null or empty arrays", () => write("main.tf.json", { resource: { aws_vpc: { a: null, b: [] } } })],
    ["a plan that only deletes", () => write("plan.json", { format_version: "1.2", resource_changes: [change("aws_s3_bucket.b", ["delete"])] })],
    [
      "a plan that only deletes, with the data sources it read",
      () =>
        write("plan.json", {
          format_version: "1.2",
          resource_changes: [change("aws_s3_bucket.b", ["delete"])],
          prior_state: { values: { root_module: { resources: [{ address: "data.aws_caller_identity.c", mode: "data", type: "aws_caller_identity", name: "c", values: {} }] } } },
        }),
    ],
    ["a plan that only takes resources out of management", () => write("plan.json", { format_version: "1.2", resource_changes: [change("aws_s3_bucket.b", ["forget"])] })],
    ["a configuration with data sources only", () => write("main.tf.json", { data: { aws_iam_policy_document: { d: { statement: [{ actions: ["*"], resources: ["*"] }] } } } })],
    ["a plan without changes", () => write("plan.json", { format_version: "1.2", planned_values: { root_module: {} }, resource_changes: [] })],
  ];
  test.each(empty)("%s: exit 2 with one line, and --allow-empty lets it pass", async (_name, file) => {
    const input = file();
    const r = await ztb(["check", input]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(/^ztb: nothing to check: .*(main\.tf|plan)\.json holds no resource \(.*\); pass --allow-empty to let an empty input pass\n$/);
    const allowed = await ztb(["check", input, "--allow-empty", "-f", "json"]);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).summary).toMatchObject({ failed: 0 });
  });
  test("several inputs are empty only when all are", async () => {
    const none = write("none.tf.json", { resource: {} });
    expect((await ztb(["check", none, fixture("clean", "cdk.tf.json")])).code).toBe(0);
    const r = await ztb(["check", none, write("other.tf.json", { data: {} })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing to check: each of .*none\.tf\.json, .*other\.tf\.json holds no resource/);
  });
  test("no report is written for an empty run", async () => {
    const out = path.join(temp.path, "report.json");
    expect((await ztb(["check", write("main.tf.json", { resource: {} }), "-o", out])).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
  test.each([
    [["--only", ","], /no rule to run: --only names no rule id; a check that runs no rule checks nothing/],
    [["--only", " "], /no rule to run: --only names no rule id/],
    [["--skip", "*"], /no rule to run: --only and --skip leave none of the \d+ rules/],
    [["--only", "ZT-NET-001", "--skip", "ZT-NET-*"], /no rule to run: --only and --skip leave none/],
  ])("a rule selection that matches no rule (%j) is a usage error", async (args, message) => {
    const r = await ztb(["check", fixture("web"), ...args, "--allow-empty"]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(message);
    expect(() => selectRules(zeroTrustPack.rules, { only: [] })).toThrow(/no rule to run/);
  });
  test("--help documents --allow-empty", async () => {
    expect((await ztb(["--help"])).stdout).toMatch(/--allow-empty +let inputs without a managed resource pass/);
  });
});

describe("the synth gate and checkSynthOutput treat an empty stack as an error too", () => {
  const emptyStack = (app: App) => {
    const stack = new TerraformStack(app, "empty");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    return stack;
  };
  test("PolicyGate: synth fails on a stack without resources, unless allowEmpty", () => {
    const app = new App({ outdir: temp.path });
    PolicyGate.apply(emptyStack(app));
    expect(() => app.synth()).toThrow(/policy gate: nothing to check: stack empty holds no resource/);
    const lenient = new App({ outdir: fs.mkdtempSync(path.join(temp.path, "b")) });
    PolicyGate.apply(emptyStack(lenient), { allowEmpty: true });
    expect(() => lenient.synth()).not.toThrow();
  });
  test("PolicyGate: a rule selection that matches no rule fails at once", () => {
    expect(() => PolicyGate.apply(emptyStack(new App({ outdir: temp.path })), { skip: ["*"] })).toThrow(/no rule to run/);
  });
  test("checkSynthOutput: an InputError for a cdktf.out without resources, unless allowEmpty", () => {
    const app = new App({ outdir: temp.path });
    emptyStack(app);
    app.synth();
    expect(() => checkSynthOutput(temp.path, { print: "none" })).toThrow(InputError);
    expect(() => checkSynthOutput(temp.path, { print: "none" })).toThrow(/nothing to check: .* holds no resource .*; set allowEmpty to let it pass$/);
    expect(checkSynthOutput(temp.path, { print: "none", allowEmpty: true }).passed).toBe(true);
  });
});
