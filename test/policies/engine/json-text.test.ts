import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { jsonOfText, readJsonencode, UNREADABLE } from "../../../policies/engine/json-text";

/** What cdktf writes for `Fn.jsonencode(value)`, read back from a synthesized output. */
function rendered(build: (stack: TerraformStack) => unknown): string {
  const stack = new TerraformStack(Testing.app(), "s");
  new TerraformOutput(stack, "o", { value: build(stack) });
  const out = JSON.parse(Testing.synth(stack)) as { output: { o: { value: string } } };
  return out.output.o.value;
}

describe("readJsonencode", () => {
  it("reads back every literal value cdktf renders", () => {
    const value = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "A", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*", Condition: { NumericLessThan: { "s3:max-keys": 10 } } },
        { Effect: "Deny", NotAction: "iam:*", Resource: ["arn:aws:s3:::b/*"] },
      ],
      nested: { empty: {}, none: [], flag: true, off: false, nothing: null, n: -1.5, big: 1e21, text: "line one\nline two", unicode: "café ☕" },
    };
    const text = rendered(() => Fn.jsonencode(value));
    expect(text.startsWith("${jsonencode({")).toBe(true);
    expect(readJsonencode(text)).toEqual(value);
  });

  it("reads back 300 random values as cdktf renders them", () => {
    // A small seeded generator: the same values on every run.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    // cdktf escapes newlines and `${` in values, but not quotes, backslashes or `%{`, and nothing in keys: text
    // with those is not valid Terraform.
    const chars = ["a", "Z", "0", " ", "-", ":", "/", "*", "=", ",", "{", "}", "[", "]", "(", ")", "\n", "$", "é", "#", "'"];
    const keyChars = ["a", "Z", "0", " ", "-", ":", "/", "*", "=", ",", "é"];
    const text = () => Array.from({ length: Math.floor(next() * 8) }, () => pick(chars)).join("");
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? Math.floor(next() * 4) : Math.floor(next() * 6);
      if (kind === 0) return text();
      if (kind === 1) return Math.round((next() - 0.5) * 1e6) / 100;
      if (kind === 2) return pick([true, false]);
      if (kind === 3) return pick([null, 0, "", "null", "true", "1"]);
      // cdktf drops null list elements (`[1, , 2]`, which Terraform rejects): lists hold none here.
      if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1) ?? 0);
      const key = () => Array.from({ length: Math.floor(next() * 6) }, () => pick(keyChars)).join("");
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [`${key()}k`, value(depth + 1)]));
    };
    const values = Array.from({ length: 300 }, () => ({ root: value(0) }));
    const stack = new TerraformStack(Testing.app(), "s");
    values.forEach((v, i) => new TerraformOutput(stack, `o${i}`, { value: Fn.jsonencode(v) }));
    const outputs = (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> }).output;
    const escaped = (v: unknown): unknown =>
      typeof v === "string" ? v.replace(/\$\{/g, "$${") : Array.isArray(v) ? v.map(escaped) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escaped(x)])) : v;
    values.forEach((v, i) => expect([i, readJsonencode(outputs[`o${i}`].value)]).toEqual([i, escaped(v)]));
  });

  it("keeps references, function calls and interpolations as ${...} strings", () => {
    const text = rendered((stack) => {
      const arn = new TerraformVariable(stack, "arn", { type: "string" });
      const names = new TerraformVariable(stack, "names", { type: "list(string)" });
      return Fn.jsonencode({
        Statement: [
          {
            Action: "s3:GetObject",
            Resource: arn.stringValue,
            NotResource: `${arn.stringValue}/private/*`,
            Principal: { AWS: Fn.element(names.listValue, 0) },
            Condition: { StringEquals: { "aws:PrincipalTag/team": Fn.lower(Fn.join(",", names.listValue)) } },
          },
        ],
      });
    });
    expect(readJsonencode(text)).toEqual({
      Statement: [
        {
          Action: "s3:GetObject",
          Resource: "${var.arn}",
          NotResource: "${var.arn}/private/*",
          Principal: { AWS: "${element(var.names, 0)}" },
          Condition: { StringEquals: { "aws:PrincipalTag/team": '${lower(join(",", var.names))}' } },
        },
      ],
    });
  });

  it("keeps strings in their template form: a literal ${ stays escaped as $${", () => {
    const text = rendered(() => Fn.jsonencode({ Resource: "arn:aws:s3:::b/${aws:username}/*" }));
    expect(readJsonencode(text)).toEqual({ Resource: "arn:aws:s3:::b/$${aws:username}/*" });
  });

  it("reads HCL as people write it: bare keys, colons, newlines between elements, escapes", () => {
    expect(readJsonencode('${jsonencode({Statement = [{Effect: "Allow", Action = "*"}\n{Effect = "Deny"}], s = "a\\"b\\\\c\\u00e9"})}')).toEqual({
      Statement: [{ Effect: "Allow", Action: "*" }, { Effect: "Deny" }],
      s: 'a"b\\cé',
    });
    expect(readJsonencode('${jsonencode([1, "x",])}')).toEqual([1, "x"]);
    expect(readJsonencode('${jsonencode({a = var.on ? "x" : "y", b = { for k, v in var.m : k => v }})}')).toEqual({
      a: '${var.on ? "x" : "y"}',
      b: "${{ for k, v in var.m : k => v }}",
    });
  });

  it("cannot read other shapes, nor strings Terraform would reject", () => {
    const unreadable = [
      "${jsonencode(local.policy)}",
      '${jsonencode("text")}',
      '${jsonencode({"a" = 1})} and more',
      '${jsonencode({"a" = 1}) }x',
      '${merge({"a" = 1}, var.b)}',
      '${jsonencode({"title" = "say "hi""})}',
      '${jsonencode({"pattern" = "\\d+"})}',
      '${jsonencode({"a" = 1 "b" = 2})}',
      '${jsonencode({"a" = })}',
      '${jsonencode({"a" = "open)}',
      '${jsonencode({"a" = [1, 2)})}',
      '${jsonencode({"a" = [1, , 2]})}',
      '${jsonencode({"a" = "${var.x"})}',
      "${jsonencode({\n  for k, v in var.m : k => v\n})}",
    ];
    for (const text of unreadable) expect([text, readJsonencode(text)]).toEqual([text, UNREADABLE]);
    const deep = `\${jsonencode(${"[".repeat(100_000)}${"]".repeat(100_000)})}`;
    expect(readJsonencode(deep)).toBe(UNREADABLE);
  });
});

describe("jsonOfText", () => {
  it("parses JSON text with tokens, reads jsonencode literals, and leaves everything else", () => {
    expect(jsonOfText('{"Resource":"${aws_s3_bucket.b.arn}"}')).toEqual({ value: { Resource: "${aws_s3_bucket.b.arn}" } });
    expect(jsonOfText(' [1, 2]')).toEqual({ value: [1, 2] });
    expect(jsonOfText('${jsonencode({"Resource" = aws_s3_bucket.b.arn})}')).toEqual({ value: { Resource: "${aws_s3_bucket.b.arn}" } });
    expect(jsonOfText("${jsonencode({})}")).toEqual({ value: {} });
    expect(jsonOfText("${var.policy}")).toBeUndefined();
    expect(jsonOfText('${file("policy.json")}')).toBeUndefined();
    expect(jsonOfText('{"Statement": [')).toBeUndefined();
    expect(jsonOfText("openapi: 3.0.1")).toBeUndefined();
  });
});
