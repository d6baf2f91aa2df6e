import * as path from "path";
import { ztb } from "./helpers";
import { tempFolder } from "../../support/temp-folder";

const temp = tempFolder("ztb-hostile-");
const write = temp.write;

const OPEN_SSH = '{"name":"open","ingress":[{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}]}';

describe("ztb check sees every resource Terraform plans", () => {
  test.each([
    ["a second top-level resource object", `{"resource":{"aws_security_group":{"open":${OPEN_SSH}}},"resource":{"aws_s3_bucket":{"b":{"bucket":"b"}}}}`],
    ["the same type key twice", `{"resource":{"aws_security_group":{"open":${OPEN_SSH}},"aws_security_group":{"closed":{"name":"closed"}}}}`],
    ["a resource body written as an array", `{"resource":{"aws_security_group":{"open":[${OPEN_SSH}]}}}`],
    ["a repeated ingress block", `{"resource":{"aws_security_group":{"open":{"name":"open","ingress":{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]},"ingress":{"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.0.0.0/8"]}}}}}`],
  ])("%s: the open security group is a finding", async (_name, text) => {
    const r = await ztb(["check", write("main.tf.json", text), "--only", "ZT-NET-001", "-f", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { address: string }) => f.address)).toEqual(["aws_security_group.open"]);
  });
});

describe("hostile input is a clear exit 2 with one line, never an internal error", () => {
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  const chain: Record<string, string> = { l19999: "x" };
  for (let i = 0; i < 19_999; i++) chain[`l${i}`] = `\${local.l${i + 1}}`;
  const cases: [string, () => string, RegExp][] = [
    ["a truncated file", () => write("t.tf.json", '{"resource":{"aws_s3'), /t\.tf\.json: malformed JSON/],
    ["an empty file", () => write("e.tf.json", ""), /e\.tf\.json: malformed JSON/],
    ["null", () => write("n.json", "null"), /neither a Terraform JSON configuration nor/],
    ["[]", () => write("a.json", "[]"), /neither a Terraform JSON configuration nor/],
    ["a number", () => write("n.json", "42"), /neither a Terraform JSON configuration nor/],
    ["deeply nested JSON", () => write("d.tf.json", `{"resource":{"a_b":{"c":{"x":${deep(100_000)}}}}}`), /d\.tf\.json: nested more than 256 levels deep/],
    ["a deeply nested plan", () => write("p.json", `{"format_version":"1.2","planned_values":${deep(100_000).replace("[]", "{}")}}`), /p\.json: nested more than 256 levels deep/],
    ["a chain of 20,000 locals", () => write("l.tf.json", { locals: chain, resource: { aws_s3_bucket: { b: { bucket: "${local.l0}" } } } }), /l\.tf\.json: locals build on each other more than 256 deep/],
    [
      "locals that nest deeper once put into each other",
      () => {
        const locals: Record<string, unknown> = { l2: "x" };
        for (let i = 0; i < 2; i++) locals[`l${i}`] = JSON.parse(`${"[".repeat(200)}"\${local.l${i + 1}}"${"]".repeat(200)}`);
        return write("n.tf.json", { locals, resource: { aws_s3_bucket: { b: { bucket: "${local.l0}" } } } });
      },
      /n\.tf\.json: local\.l0 nests more than 256 levels deep once the locals it uses are put in/,
    ],
    ["resource as a number", () => write("r.tf.json", { resource: 5 }), /r\.tf\.json: resource must be an object \(or an array of objects\), not a number/],
    ["a resource body that is a string", () => write("r.tf.json", { resource: { aws_vpc: { v: "x" } } }), /the body of aws_vpc\.v must be an object, not a string/],
    ["a resource declared twice", () => write("r.tf.json", '{"resource":{"aws_vpc":{"v":{},"v":{}}}}'), /resource aws_vpc\.v is declared more than once/],
    ["a manifest that is not an object", () => path.dirname(write("out/manifest.json", '"stacks"')), /manifest\.json: not a cdktf\.out manifest/],
    ["a manifest entry that is null", () => path.dirname(write("out/manifest.json", { stacks: { a: null } })), /stack "a" has no synthesizedStackPath/],
    ["a manifest path out of the folder", () => path.dirname(write("out/manifest.json", { stacks: { a: { synthesizedStackPath: "../../../../etc/passwd" } } })), /which is not a file inside the cdktf\.out folder; refused/],
    ["a path whose parent is a file", () => path.join(write("f", "x"), "cdk.tf.json"), /not found \(a part of the path is a file, not a folder\)/],
    ["an empty folder", () => path.dirname(write("empty/.keep", "")), /no manifest\.json \(cdktf\.out\), cdk\.tf\.json or \*\.tf\.json files/],
  ];
  test.each(cases)("%s", async (_name, input, message) => {
    const r = await ztb(["check", input()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^ztb: [^\n]+\n$/);
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).not.toContain("root:");
    expect(r.stderr).toMatch(message);
  });
});
