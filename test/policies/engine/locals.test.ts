import { Fn, TerraformLocal, TerraformStack, TerraformVariable, Testing, Token, propertyAccess } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { InputError } from "../../../policies/engine/input";
import { constantLocals, MAX_LOCAL_DEPTH, withLocals } from "../../../policies/engine/locals";
import { MAX_NESTING } from "../../../policies/engine/terraform-json";
import { ztIam001 } from "../../../policies/rules/identity/zt-iam-001-full-admin-policy";
import { ztNet001 } from "../../../policies/rules/network/zt-net-001-sg-admin-ports-open";
import { configModel, resultsOf, synthModel } from "../../support/rules";

describe("constantLocals", () => {
  it("keeps locals whose values are constants, also when built from other constant locals", () => {
    const locals = constantLocals({
      office: "203.0.113.0/24",
      ports: [22, 443],
      tags: { team: "payments", env: "${local.env}" },
      env: "prod",
      label: "${local.env}-${local.office}",
      vpc: "${aws_vpc.main.id}",
      from_vpc: "${local.vpc}",
      escaped: "$${local.env}",
    });
    expect(Object.fromEntries(locals)).toEqual({
      office: "203.0.113.0/24",
      ports: [22, 443],
      tags: { team: "payments", env: "prod" },
      env: "prod",
      label: "prod-203.0.113.0/24",
      escaped: "$${local.env}",
    });
  });

  it("reads a list of locals blocks and ignores what is not a block", () => {
    expect(Object.fromEntries(constantLocals([{ a: 1 }, null, { b: "${local.a}" }]))).toEqual({ a: 1, b: 1 });
    expect(constantLocals("nonsense").size).toBe(0);
  });

  it("settles long chains of locals in one pass each; a cycle, and what uses it, stays unknown", () => {
    const chain: Record<string, string> = { l199: "10.0.0.0/8" };
    for (let i = 0; i < 199; i++) chain[`l${i}`] = `\${local.l${i + 1}}`;
    const locals = constantLocals({ ...chain, a: "${local.b}", b: "${local.a}", c: "${local.a}-x" });
    expect(locals.get("l0")).toBe("10.0.0.0/8");
    expect(["a", "b", "c"].filter((n) => locals.has(n))).toEqual([]);
  });

  it("a chain deeper than MAX_LOCAL_DEPTH is an InputError, not a stack overflow or a hang", () => {
    const chain: Record<string, string> = { l19999: "x" };
    for (let i = 0; i < 19_999; i++) chain[`l${i}`] = `\${local.l${i + 1}}`;
    expect(() => constantLocals(chain, "main.tf.json: ")).toThrow(new InputError(`main.tf.json: locals build on each other more than ${MAX_LOCAL_DEPTH} deep (local.l19743 among them); no configuration needs that`));
  });

  it("a local that nests deeper than MAX_NESTING once other locals are put in is an InputError", () => {
    const wrap = (v: unknown) => {
      for (let i = 0; i < 200; i++) v = [v];
      return v;
    };
    const locals: Record<string, unknown> = { l3: "x" };
    for (let i = 0; i < 3; i++) locals[`l${i}`] = wrap(`\${local.l${i + 1}}`);
    expect(() => constantLocals(locals, "f.tf.json: ")).toThrow(new InputError(`f.tf.json: local.l1 nests more than ${MAX_NESTING} levels deep once the locals it uses are put in`));
    delete locals.l0;
    delete locals.l1;
    expect(constantLocals(locals).get("l2")).toEqual(wrap("x"));
  });

  it("a local defined in two locals blocks is an InputError, as in Terraform", () => {
    expect(() => constantLocals([{ cidr: "10.0.0.0/8" }, { cidr: "0.0.0.0/0" }], "f.tf.json: ")).toThrow(
      new InputError("f.tf.json: local value cidr is defined more than once; Terraform rejects a duplicate local value"),
    );
  });
});

describe("withLocals", () => {
  const locals = constantLocals({ cidr: "0.0.0.0/0", ports: [22], n: 3, obj: { a: 1 } });

  it("puts in whole values and parts of strings, and copies only what changes", () => {
    const body = { "//": { metadata: { path: "x" } }, cidr_blocks: ["${local.cidr}"], ports: "${local.ports}", name: "sg-${local.n}", vpc_id: "${aws_vpc.v.id}", kept: { x: 1 } };
    const out = withLocals(body, locals) as Record<string, unknown>;
    expect(out).toEqual({ ...body, cidr_blocks: ["0.0.0.0/0"], ports: [22], name: "sg-3" });
    expect(out.kept).toBe(body.kept);
    expect(out["//"]).toBe(body["//"]);
    expect(body.cidr_blocks).toEqual(["${local.cidr}"]);
    const untouched = { name: "x", list: [1, 2] };
    expect(withLocals(untouched, locals)).toBe(untouched);
  });

  it("encodes a constant local given to jsonencode, as Terraform does", () => {
    expect(withLocals("${jsonencode(local.obj)}", locals)).toBe('{"a":1}');
    expect(withLocals("${jsonencode(local.missing)}", locals)).toBe("${jsonencode(local.missing)}");
  });

  it("reads attributes and elements of a local, as Terraform and cdktf's propertyAccess write them", () => {
    const nested = constantLocals({ net: { cidrs: ["10.0.0.0/8", "0.0.0.0/0"], "cost-center": "42", 'say "hi"': "x" }, list: [{ port: 22 }] });
    expect(withLocals("${local.net.cidrs}", nested)).toEqual(["10.0.0.0/8", "0.0.0.0/0"]);
    expect(withLocals("${local.net.cidrs[1]}", nested)).toBe("0.0.0.0/0");
    expect(withLocals("${local.net.cidrs.1}", nested)).toBe("0.0.0.0/0");
    expect(withLocals('${local.net["cost-center"]}', nested)).toBe("42");
    expect(withLocals('${local.net["say \\"hi\\""]}', nested)).toBe("x");
    expect(withLocals("${local.list[0].port}", nested)).toBe(22);
    // Terraform converts a string index of a list to a number.
    expect(withLocals('${local.list["0"].port}', nested)).toBe(22);
    expect(withLocals("port-${local.list.0.port}", nested)).toBe("port-22");
    expect(withLocals("${jsonencode(local.list[0])}", nested)).toBe('{"port":22}');
    // A local built from attributes of other constant locals is constant too.
    expect(Object.fromEntries(constantLocals({ a: { b: ["x"] }, c: "${local.a.b[0]}-y" })).c).toBe("x-y");
  });

  it("leaves steps that lead nowhere, splats, computed indexes, unknown locals, escapes and non-scalar parts as references", () => {
    const nested = constantLocals({ obj: { a: 1 }, list: [1, 2] });
    for (const s of [
      "${local.obj.b}",
      "${local.obj.a.c}",
      "${local.list[2]}",
      "${local.list.x}",
      "${local.list[*]}",
      "${local.list[var.i]}",
      "${local.missing}",
      "${local.missing.a}",
      "${jsonencode(local.obj.b)}",
    ])
      expect(withLocals(s, nested)).toBe(s);
    expect(withLocals("$${local.cidr}", locals)).toBe("$${local.cidr}");
    expect(withLocals("x-${local.obj}", locals)).toBe("x-${local.obj}");
    expect(withLocals("x-${local.obj.a}", locals)).toBe("x-1");
  });
});

describe("locals in a checked configuration", () => {
  it("a CIDR from a constant local is judged as that CIDR; one from a variable stays undecided", () => {
    const stack = new TerraformStack(Testing.app(), "locals");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const world = new TerraformLocal(stack, "world", "0.0.0.0/0");
    const allowed = new TerraformVariable(stack, "allowed", { type: "string" });
    const ssh = (id: string, cidr: string) =>
      new SecurityGroup(stack, id, { name: id, ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr] }] });
    ssh("from_local", world.asString);
    ssh("from_variable", allowed.stringValue);
    const statuses = resultsOf(ztNet001, synthModel(stack)).map((r) => `${r.address}:${r.status}`);
    expect(statuses).toEqual(["aws_security_group.from_local:fail", "aws_security_group.from_variable:unknown"]);
  });

  it("a CIDR read from an attribute of a constant local is judged as that CIDR", () => {
    const stack = new TerraformStack(Testing.app(), "local-attributes");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const net = new TerraformLocal(stack, "net", { admin: { cidr: "0.0.0.0/0" }, "ssh-from": ["0.0.0.0/0"], office: ["203.0.113.0/24"] });
    const ssh = (id: string, cidr: string) =>
      new SecurityGroup(stack, id, { name: id, ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr] }] });
    ssh("by_property", Token.asString(propertyAccess(net.expression, ["admin", "cidr"])));
    ssh("by_lookup", Token.asString(Fn.lookupNested(net.expression, ["ssh-from", 0])));
    ssh("by_index", Token.asString(propertyAccess(net.expression, ["office", 0])));
    const synthesized = Testing.synth(stack);
    expect(synthesized).toContain("${local.net.admin.cidr}");
    expect(synthesized).toContain('${local.net[\\"ssh-from\\"].0}');
    expect(synthesized).toContain("${local.net.office.0}");
    const statuses = resultsOf(ztNet001, synthModel(stack)).map((r) => `${r.address}:${r.status}`);
    expect(statuses.sort()).toEqual(["aws_security_group.by_index:pass", "aws_security_group.by_lookup:fail", "aws_security_group.by_property:fail"]);
  });

  it("a policy kept in a local and encoded with jsonencode is judged as a document", () => {
    const admin = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    const model = configModel({ locals: { admin }, resource: { aws_iam_policy: { p: { policy: "${jsonencode(local.admin)}" } } } });
    expect(resultsOf(ztIam001, model).map((r) => `${r.status}:${r.item}`)).toEqual(["fail:Action::*"]);
  });

  it("a configuration without locals is read as it is", () => {
    const body = { ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["${local.world}"] }] };
    const model = configModel({ resource: { aws_security_group: { g: body } } });
    expect(model.resources[0].raw).toBe(body);
  });
});
