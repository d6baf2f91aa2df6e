import * as fs from "fs";
import * as path from "path";
import { graphText } from "../../../policies/cli/graph";
import { HELP } from "../../../policies/cli/main";
import { FLOW_GRAPH_SCHEMA } from "../../../policies/graph/render";
import { tempFolder } from "../../support/temp-folder";
import { expectPlanOk, planDirectory } from "../../support/terraform";
import { fixture, ztb } from "./helpers";

/** Three tagged security groups (two services and the VPC endpoints), rules between them, the internet and a resolver. */
const STACK = fixture("graph");
const CONFIG = fixture("graph", "cdk.tf.json");

/** The Mermaid picture of the fixture: what `ztb graph` prints by default. */
const FIXTURE_MERMAID = [
  "flowchart LR",
  '  n0[/"10.0.0.2/32"/]',
  '  n1(["internet"])',
  '  n2["orders"]',
  '  n3["payments"]',
  '  n4{{"VPC endpoints"}}',
  '  n1 -->|"TCP 80, 443"| n2',
  '  n2 -->|"TCP 8443"| n3',
  '  n2 -->|"TCP 443"| n4',
  '  n3 -->|"UDP 53"| n0',
  '  n3 -->|"TCP 443"| n4',
  "",
].join("\n");

const tmp = tempFolder("ztb-graph-");

describe("ztb graph", () => {
  test("prints the effective flows of a stack folder as a Mermaid flowchart by default, exit 0", async () => {
    const r = await ztb(["graph", STACK]);
    expect(r).toEqual({ code: 0, stdout: FIXTURE_MERMAID, stderr: "" });
    expect((await ztb(["graph", CONFIG, "--format", "mermaid"])).stdout).toBe(FIXTURE_MERMAID);
  });
  test("prints DOT for Graphviz and JSON for tools", async () => {
    const dot = await ztb(["graph", STACK, "-f", "dot"]);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "ztb-flows" \{\n/);
    expect(dot.stdout).toContain('  "n2" -> "n3" [label="TCP 8443"];\n');
    expect(dot.stdout).toContain('  "n4" [label="VPC endpoints", shape="hexagon"];\n');
    const json = await ztb(["graph", STACK, "--format=json"]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.schema).toBe(FLOW_GRAPH_SCHEMA);
    expect(doc.graphs).toHaveLength(1);
    const edge = doc.graphs[0].edges.find((e: { from: string; to: string }) => e.from === "orders" && e.to === "payments");
    expect(edge).toEqual({
      from: "orders",
      to: "payments",
      protocol: "tcp",
      fromPort: 8443,
      toPort: 8443,
      layers: [
        { layer: "security-group-egress", addresses: ["aws_vpc_security_group_egress_rule.orders_to_payments"] },
        { layer: "security-group-ingress", addresses: ["aws_vpc_security_group_ingress_rule.payments_from_orders"] },
      ],
    });
  });
  test("graphText renders in-process what the command prints", async () => {
    expect(graphText([STACK])).toBe(FIXTURE_MERMAID);
    for (const format of ["dot", "json"] as const) expect(graphText([STACK], format)).toBe((await ztb(["graph", STACK, "-f", format])).stdout);
  });
  test("reads every stack of a cdktf.out folder; untagged groups are named by address", async () => {
    expect(await ztb(["graph", fixture("cdktf.out")])).toEqual({
      code: 0,
      stdout: [
        "flowchart LR",
        '  subgraph s0["clean"]',
        "    %% no flows",
        "  end",
        '  subgraph s1["web"]',
        '    n0(["internet"])',
        '    n1("aws_security_group.bastion")',
        '    n2("aws_security_group.ssh")',
        '    n0 -->|"TCP 22"| n1',
        '    n0 -->|"TCP 22"| n2',
        "  end",
        "",
      ].join("\n"),
      stderr: "",
    });
  });
  test("draws several inputs as one subgraph per stack", async () => {
    const copy = tmp.write("other/cdk.tf.json", fs.readFileSync(CONFIG, "utf8"));
    const r = await ztb(["graph", STACK, path.dirname(copy)]);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^ {2}subgraph s\d+\[".+"\]$/gm)).toHaveLength(2);
    expect(r.stdout.match(/-->\|"TCP 8443"\|/g)).toHaveLength(2);
    expect(r.stdout).toContain('    n7 -->|"TCP 8443"| n8\n');
  });
  test("--output writes the picture (atomically) and says what it wrote; -o - prints it", async () => {
    const out = path.join(tmp.path, "flows.mmd");
    const r = await ztb(["graph", STACK, "-o", out]);
    expect(r).toEqual({ code: 0, stdout: `graph of 5 nodes, 6 edges, 0 unknown written to ${out}\n`, stderr: "" });
    expect(fs.readFileSync(out, "utf8")).toBe(FIXTURE_MERMAID);
    expect(fs.readdirSync(tmp.path)).toEqual(["flows.mmd"]);
    expect(await ztb(["graph", STACK, "-o", "-"])).toEqual({ code: 0, stdout: FIXTURE_MERMAID, stderr: "" });
    expect(fs.existsSync("-")).toBe(false);
  });
  test("--output onto an input, or into a missing folder, is refused with exit 2 and writes nothing", async () => {
    const input = tmp.write("stack/cdk.tf.json", fs.readFileSync(CONFIG, "utf8"));
    const before = fs.readFileSync(input, "utf8");
    // The file given as input, and the file read from a folder given as input.
    for (const argv of [["graph", input, "-o", input], ["graph", path.dirname(input), "--output", input]]) {
      const r = await ztb(argv);
      expect(r).toEqual({ code: 2, stdout: "", stderr: `ztb: refusing to write the report to ${input}: it is ${input}, an input of this check\n` });
      expect(fs.readFileSync(input, "utf8")).toBe(before);
    }
    const missing = await ztb(["graph", STACK, "-o", path.join(tmp.path, "no", "flows.mmd")]);
    expect(missing).toEqual({ code: 2, stdout: "", stderr: `ztb: cannot write ${path.join(tmp.path, "no", "flows.mmd")}: the folder ${path.join(tmp.path, "no")} does not exist\n` });
    expect(fs.readdirSync(tmp.path)).toEqual(["stack"]);
  });
  test("bad input is exit 2 with one line on stderr and nothing on stdout", async () => {
    const cases: [string[], RegExp][] = [
      [["graph", fixture("malformed.json")], /^ztb: .*malformed\.json.*\n$/],
      [["graph", path.join(tmp.path, "missing.json")], /^ztb: .*missing\.json.*\n$/],
      [["graph", fixture("neither.json")], /^ztb: .*neither\.json.*\n$/],
      [["graph"], /^ztb: graph needs at least one path/],
      [["graph", STACK, "--format", "svg"], /^ztb: unknown format "svg" for ztb graph; use one of mermaid, dot, json\n$/],
      [["graph", STACK, "--fail-on", "high"], /^ztb: unknown option --fail-on for `ztb graph`; see ztb --help\n$/],
      [["graph", STACK, "-x"], /^ztb: unknown option -x for `ztb graph`; see ztb --help\n$/],
      [["graph", STACK, "-o"], /^ztb: option --output needs a value\n$/],
    ];
    for (const [argv, stderr] of cases) {
      const r = await ztb(argv);
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: "" });
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr.split("\n")).toHaveLength(2);
    }
  });
  test("an input without a managed resource is exit 2 as in check, unless --allow-empty", async () => {
    const empty = tmp.write("empty/cdk.tf.json", { terraform: {}, data: { aws_caller_identity: { me: {} } } });
    const r = await ztb(["graph", empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ztb: nothing to check: .*cdk\.tf\.json holds no resource .*; pass --allow-empty to let an empty input pass\n$/);
    expect(r.stdout).toBe("");
    const allowed = await ztb(["graph", empty, "--allow-empty"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^flowchart LR\n/);
    expect(graphText([empty], "json", { allowEmpty: true })).toMatch(/"schema": "ztb.flow-graph\/v1"/);
    expect(() => graphText([empty])).toThrow(/nothing to check/);
  });
  test("--help prints the usage, graph included", async () => {
    const r = await ztb(["graph", "--help"]);
    expect(r).toEqual({ code: 0, stdout: HELP, stderr: "" });
    expect(HELP).toContain("ztb graph <path...>");
    expect(HELP).toContain("-f, --format mermaid|dot|json");
  });
});

describe("ztb graph on a plan", () => {
  test("a real terraform plan of the stack draws the same flows as its cdk.tf.json", async () => {
    const result = await planDirectory(STACK);
    expectPlanOk(result);
    const plan = tmp.write("plan.json", result.plan);
    expect(await ztb(["graph", plan])).toEqual({ code: 0, stdout: FIXTURE_MERMAID, stderr: "" });
    expect((await ztb(["graph", plan, "-f", "dot"])).stdout).toBe((await ztb(["graph", STACK, "-f", "dot"])).stdout);
    const graphs = (text: string) => JSON.parse(text).graphs.map((g: object) => ({ ...g, stack: "" }));
    expect(graphs(graphText([plan], "json"))).toEqual(graphs(graphText([STACK], "json")));
  });
});
