import { TerraformIterator, TerraformLocal, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { forListValue } from "../../../policies/engine/for-lists";
import { readForList, UNREADABLE } from "../../../policies/engine/json-text";
import { constantLocals, localSubstitution } from "../../../policies/engine/locals";
import { ztNet001 } from "../../../policies/rules/network/zt-net-001-sg-admin-ports-open";
import { configModel, resultsOf, synthModel } from "../../support/rules";

describe("readForList", () => {
  it("reads the shape cdktf writes for an iterator, and Terraform's other spellings", () => {
    expect(readForList('${[ for key, val in toset([{"port" = 22}]): {"from_port" = val.port, "cidr_blocks" = [val.cidr]}]}')).toEqual({
      keyName: "key",
      valueName: "val",
      collection: { literal: [{ port: 22 }] },
      set: true,
      body: { from_port: "${val.port}", cidr_blocks: ["${val.cidr}"] },
    });
    expect(readForList('${[for v in ["a", "b"] : "x-${v}"]}')).toEqual({ keyName: undefined, valueName: "v", collection: { literal: ["a", "b"] }, set: false, body: "x-${v}" });
    expect(readForList('${[ for k, v in tolist(local.rules["ssh"]): v]}')).toMatchObject({ collection: { local: 'local.rules["ssh"]' }, set: false, body: "${v}" });
    expect(readForList('${[ for k, v in {"a" = 1}: k]}')).toMatchObject({ collection: { literal: { a: 1 } }, body: "${k}" });
  });

  it("does not read if clauses, other collections, text around the expression or broken literals", () => {
    for (const text of [
      "${[ for v in [1, 2]: v if v > 1]}",
      '${[ for v in [1]: {"a" = v} if v > 0]}',
      "${[ for v in var.list: v]}",
      "${[ for v in aws_subnet.s[*].id: v]}",
      "${[ for v in toset(var.list): v]}",
      "x${[ for v in [1]: v]}",
      "${[ for v in [1]: v]} ",
      "${{ for k, v in {a = 1}: k => v}}",
      '${[ for v in ["a]: v]}',
      "${[ for v in [1]: ]}",
    ])
      expect({ text, read: readForList(text) }).toEqual({ text, read: UNREADABLE });
  });
});

describe("forListValue", () => {
  it("puts each element and its key in the template: lists by index, maps by key, sets by element", () => {
    const body = '{"port" = val.port, "name" = key, "label" = "rule-${key}"}';
    expect(forListValue(`\${[ for key, val in [{"port" = 22}, {"port" = 443}]: ${body}]}`)).toEqual([
      { port: 22, name: 0, label: "rule-0" },
      { port: 443, name: 1, label: "rule-1" },
    ]);
    expect(forListValue(`\${[ for key, val in {"web" = {"port" = 443}, "admin" = {"port" = 22}}: ${body}]}`)).toEqual([
      { port: 22, name: "admin", label: "rule-admin" },
      { port: 443, name: "web", label: "rule-web" },
    ]);
    expect(forListValue('${[ for key, val in toset(["b", "a", "b"]): {"k" = key, "v" = val}]}')).toEqual([
      { k: "a", v: "a" },
      { k: "b", v: "b" },
    ]);
  });

  it("keeps what the template computes otherwise as expressions, and leaves unknown collections alone", () => {
    expect(forListValue('${[ for v in [{"c" = "10.0.0.0/8"}]: {"cidr" = v.c, "sg" = aws_security_group.x.id, "up" = upper(v.c)}]}')).toEqual([
      { cidr: "10.0.0.0/8", sg: "${aws_security_group.x.id}", up: "${upper(v.c)}" },
    ]);
    // A list of computed values still has a known length; a set of them does not.
    expect(forListValue("${[ for v in [aws_subnet.a.id, aws_subnet.b.id]: {\"subnet\" = v}]}")).toEqual([{ subnet: "${aws_subnet.a.id}" }, { subnet: "${aws_subnet.b.id}" }]);
    expect(forListValue("${[ for v in toset([aws_subnet.a.id]): v]}")).toBeUndefined();
    expect(forListValue("${[ for v in local.rules: v]}")).toBeUndefined();
    expect(forListValue('${[ for v in "abc": v]}')).toBeUndefined();
    expect(forListValue("${aws_vpc.main.id}")).toBeUndefined();
  });

  it("reads a collection and template values from constant locals", () => {
    const locals = localSubstitution(constantLocals({ rules: [{ port: 22 }], cidr: "0.0.0.0/0", vpc: "${aws_vpc.v.id}" }));
    expect(forListValue('${[ for v in toset(local.rules): {"port" = v.port, "cidr" = local.cidr}]}', locals)).toEqual([{ port: 22, cidr: "0.0.0.0/0" }]);
    expect(forListValue("${[ for v in local.vpc: v]}", locals)).toBeUndefined();
  });
});

describe("for expressions in a checked configuration", () => {
  it("security group rules built with an iterator over a written-out list, map or constant local are judged; over a variable they stay undecided", () => {
    const stack = new TerraformStack(Testing.app(), "iterators");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const ingress = (it: TerraformIterator, cidr: string | undefined) =>
      it.dynamic({ protocol: "tcp", from_port: it.getNumber("port"), to_port: it.getNumber("port"), cidr_blocks: [cidr ?? it.getString("cidr")] });
    const sources = TerraformIterator.fromList(["10.0.0.0/8", "0.0.0.0/0"]);
    new SecurityGroup(stack, "from_list", { name: "from-list", ingress: sources.dynamic({ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: [sources.value] }) });
    const map = TerraformIterator.fromMap({ web: { port: 443 }, admin: { port: 3389 } });
    new SecurityGroup(stack, "from_map", { name: "from-map", ingress: ingress(map, "0.0.0.0/0") });
    const rules = new TerraformLocal(stack, "rules", [{ port: 443, cidr: "0.0.0.0/0" }]);
    new SecurityGroup(stack, "from_local", { name: "from-local", ingress: ingress(TerraformIterator.fromList(rules.expression), undefined) });
    const variable = new TerraformVariable(stack, "rules_var", { type: "list(any)" });
    new SecurityGroup(stack, "from_variable", { name: "from-variable", ingress: ingress(TerraformIterator.fromList(variable.listValue), "0.0.0.0/0") });
    expect(Testing.synth(stack)).toContain("${[ for key, val in toset(");
    const results = resultsOf(ztNet001, synthModel(stack)).map((r) => `${r.address}:${r.status}${r.item ? `[${r.item}]` : ""}`);
    expect(results.sort()).toEqual([
      "aws_security_group.from_list:fail[Ingress::0.0.0.0/0:22]",
      "aws_security_group.from_local:pass",
      "aws_security_group.from_map:fail[Ingress::0.0.0.0/0:3389]",
      "aws_security_group.from_variable:unknown",
    ]);
  });

  it("views read the list in place of the expression; plan values are literal text", () => {
    const text = '${[ for v in [{"port" = 22}]: {"from_port" = v.port}]}';
    const synthesized = configModel({ resource: { aws_security_group: { g: { ingress: text } } } }).resources[0];
    expect(synthesized.get("ingress")).toEqual({ kind: "known", value: [{ from_port: 22 }] });
    expect(synthesized.num("ingress.0.from_port")).toBe(22);
    expect(synthesized.blocks("ingress").map((b) => b.num("from_port"))).toEqual([22]);
    expect(synthesized.blocksUnknown("ingress")).toBe(false);
  });
});
