import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../../policies/engine/input";
import { checkPolicies } from "../../../policies/gate";
import { keyTokens, MAX_NESTING, parseJson, terraformJson } from "../../../policies/engine/terraform-json";

function read(text: string): unknown {
  return terraformJson(text, "main.tf.json", parseJson(text, "main.tf.json"));
}

function error(text: string): string {
  try {
    read(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("no error");
}

describe("keyTokens", () => {
  test("counts every key once, whatever the strings around it hold", () => {
    expect(keyTokens('{"a":1,"b" : {"c":"x"}}')).toBe(3);
    // Quotes and colons inside strings are escaped, or not after a closing quote.
    expect(keyTokens('{"p":"{\\"Version\\":\\"2012\\"}","q\\\\":"a:b"}')).toBe(2);
    expect(keyTokens('["a", "b"]')).toBe(0);
  });
  test("never counts fewer keys than the text holds: a string that starts with a colon adds one", () => {
    expect(keyTokens('{"a":[":x"]}')).toBe(2);
    expect(keyTokens('{"a" :[":x"]}')).toBe(2);
  });
  test("on generated JSON with quotes, backslashes and colons in keys and strings: every key counted, none missed", () => {
    const parts = ['"', "\\", ":", '":', '\\":', "a", " ", "{", "}"];
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const text = (): string => Array.from({ length: random(5) }, () => parts[random(parts.length)]).join("");
    const value = (depth: number): unknown => {
      const kind = random(depth > 3 ? 2 : 4);
      if (kind === 0) return text();
      if (kind === 1) return random(100);
      if (kind === 2) return Array.from({ length: random(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: random(4) }, () => [text(), value(depth + 1)]));
    };
    const keys = (v: unknown): number =>
      Array.isArray(v) ? v.reduce((n: number, e) => n + keys(e), 0) : v !== null && typeof v === "object" ? Object.values(v).reduce((n: number, e) => n + 1 + keys(e), 0) : 0;
    for (let i = 0; i < 2000; i++) {
      const v = value(0);
      for (const written of [JSON.stringify(v), JSON.stringify(v, null, 1)]) {
        expect(keyTokens(written)).toBeGreaterThanOrEqual(keys(v));
        if (!/(?<=(?:^|[[{,:])\s*)"\s*:|\\\\\\":/.test(written)) expect(keyTokens(written)).toBe(keys(v));
      }
    }
  });
});

describe("parseJson", () => {
  test("parses as JSON.parse does and counts the keys", () => {
    expect(parseJson('{"a":{"b":[{"c":1}]}}', "f")).toEqual({ value: { a: { b: [{ c: 1 }] } }, keys: 3 });
  });
  test("malformed or too deeply nested text is an InputError naming the file", () => {
    expect(() => parseJson('{"a":', "f.json")).toThrow(/^f\.json: malformed JSON: /);
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(() => parseJson(deep, "f.json")).toThrow(new InputError(`f.json: nested more than ${MAX_NESTING} levels deep; no Terraform input nests that deep`));
    expect(() => parseJson("[".repeat(MAX_NESTING) + "]".repeat(MAX_NESTING), "f.json")).not.toThrow();
    expect(() => parseJson(`${'{"a":'.repeat(MAX_NESTING)}1${"}".repeat(MAX_NESTING)}`, "f.json")).not.toThrow();
    expect(() => parseJson(`${'{"a":'.repeat(MAX_NESTING + 1)}1${"}".repeat(MAX_NESTING + 1)}`, "f.json")).toThrow(/nested more than/);
  });
});

describe("terraformJson: repeated keys as Terraform reads them", () => {
  test("text without repeated keys is the parsed value itself", () => {
    const text = '{"resource":{"aws_vpc":{"a":{"cidr_block":"10.0.0.0/16"}}}}';
    const parsed = parseJson(text, "f");
    expect(terraformJson(text, "f", parsed)).toBe(parsed.value);
  });
  test("text read again without a repeated key (a string that starts with a colon) is what JSON.parse gives", () => {
    const text = '{"a":":x","2":[1.5e3,-0,-12,0.25E-2,true,false,null,"\\u00e9\\\\\\"\\n"],"1":{"__proto__":{"k":[]}},"b" : { } }';
    const parsed = parseJson(text, "f");
    expect(keyTokens(text)).toBeGreaterThan(parsed.keys);
    const read = terraformJson(text, "f", parsed);
    expect(read).not.toBe(parsed.value);
    expect(read).toEqual(JSON.parse(text));
    expect(Object.keys(read as object)).toEqual(Object.keys(JSON.parse(text)));
    const fixture = fs.readFileSync(path.join(__dirname, "..", "cli", "fixtures", "web", "cdk.tf.json"), "utf8").replace(/^\{/, '{"//x":":",');
    expect(terraformJson(fixture, "f", parseJson(fixture, "f"))).toEqual(JSON.parse(fixture));
  });
  test("two top-level resource objects, and a type key twice, keep every resource", () => {
    expect(read('{"resource":{"aws_vpc":{"a":{}}},"resource":{"aws_s3_bucket":{"b":{}}}}')).toEqual({
      resource: [{ aws_vpc: { a: {} } }, { aws_s3_bucket: { b: {} } }],
    });
    expect(read('{"resource":{"aws_vpc":{"a":{}},"aws_vpc":{"b":{}}}}')).toEqual({ resource: { aws_vpc: [{ a: {} }, { b: {} }] } });
  });
  test("a repeated block key in a resource body is every block, like an array of them", () => {
    const text = '{"resource":{"aws_security_group":{"sg":{"ingress":{"from_port":22},"ingress":[{"from_port":80},{"from_port":443}]}}}}';
    expect(read(text)).toEqual({ resource: { aws_security_group: { sg: { ingress: [{ from_port: 22 }, { from_port: 80 }, { from_port: 443 }] } } } });
  });
  test("repeated keys are found at any depth, and __proto__ stays an ordinary key", () => {
    expect(read('{"terraform":{"x":1},"terraform":{"y":2},"resource":{"a_b":{"c":{"__proto__":{"k":1}}}}}')).toEqual({
      terraform: [{ x: 1 }, { y: 2 }],
      resource: { a_b: { c: JSON.parse('{"__proto__":{"k":1}}') } },
    });
  });
  test("where Terraform rejects a repetition, an InputError names the file, the key path and why", () => {
    expect(error('{"resource":{"aws_vpc":{"a":{},"a":{}}}}')).toBe(
      "main.tf.json: resource aws_vpc.a is declared more than once (repeated key resource.aws_vpc.a); Terraform rejects a duplicate resource",
    );
    expect(error('{"data":{"aws_vpc":{"a":{},"a":{}}}}')).toMatch(/data source aws_vpc\.a is declared more than once/);
    expect(error('{"resource":{"aws_s3_bucket":{"b":{"bucket":"x","bucket":"y"}}}}')).toBe(
      "main.tf.json: the argument resource.aws_s3_bucket.b.bucket is given more than once (a repeated key whose values are not blocks); Terraform rejects a repeated argument",
    );
    expect(error('{"resource":{"aws_s3_bucket":{"b":{"tags":{"a":"1","a":"2"}}}}}')).toMatch(/the argument resource\.aws_s3_bucket\.b\.tags\.a is given more than once/);
    expect(error('{"locals":{"cidr":"10.0.0.0/8","cidr":"0.0.0.0/0"}}')).toMatch(/^main\.tf\.json: local value cidr is defined more than once \(repeated key locals\.cidr\)/);
    expect(error('{"resource":{"aws_vpc":{"a":{"//":{},"//":{}}}}}')).toMatch(/the "\/\/" metadata at resource\.aws_vpc\.a\.\/\/ is given more than once/);
  });
});

describe("checkPolicies on JSON text", () => {
  test("reads repeated keys as Terraform does", () => {
    const text = '{"resource":{"aws_vpc":{"a":{"cidr_block":"10.0.0.0/16"}}},"resource":{"aws_vpc":{"b":{"cidr_block":"10.1.0.0/16"}}}}';
    const check = checkPolicies(text, { only: ["ZT-NET-008"] });
    expect(check.report.findings.map((f) => f.address).sort()).toEqual(["aws_vpc.a", "aws_vpc.b"]);
    expect(() => checkPolicies('{"resource":{"aws_vpc":{"a":{},"a":{}}}}')).toThrow(/^policy check: the JSON text: resource aws_vpc\.a is declared more than once/);
  });
  test("text that is not JSON is refused with the parser's error as the cause", () => {
    let thrown: unknown;
    try {
      checkPolicies("{ not json");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/^policy check: the string is not JSON \(/);
    expect((thrown as Error).cause).toBeInstanceOf(SyntaxError);
  });
});
