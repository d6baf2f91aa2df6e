import { Fn, TerraformLocal, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { readCall, UNREADABLE } from "../../../policies/engine/json-text";
import { constantLocals, withLocals } from "../../../policies/engine/locals";
import { ztNet001 } from "../../../policies/rules/network/zt-net-001-sg-admin-ports-open";
import { resultsOf, synthModel } from "../../support/rules";

describe("readCall", () => {
  it("reads a call with literal, reference and nested-call arguments", () => {
    expect(readCall('${concat(local.a, ["x", "y"], tolist(local.b))}')).toEqual({ name: "concat", args: ["${local.a}", ["x", "y"], "${tolist(local.b)}"] });
    expect(readCall("${lookup(local.m, \"k\", 3)}")).toEqual({ name: "lookup", args: ["${local.m}", "k", 3] });
    expect(readCall("${timestamp()}")).toEqual({ name: "timestamp", args: [] });
  });

  it("does not read other shapes", () => {
    for (const text of ["${concat(local.a)[0]}", "${concat(local.a) == 1}", "${local.a}", "x${lower(local.a)}", "${concat(local.a...)}", "${Concat(local.a)}"])
      expect({ text, read: readCall(text) }).toEqual({ text, read: UNREADABLE });
  });
});

describe("function calls over constant locals", () => {
  const locals = constantLocals({
    office: ["203.0.113.0/24"],
    more: ["198.51.100.0/24", "203.0.113.0/24"],
    tags: { team: "payments" },
    ports: { ssh: 22 },
    name: "Payments",
    vpc: "${aws_vpc.v.id}",
  });
  const value = (text: string) => withLocals(text, locals);

  it("computes the collection and string functions cdktf users call on locals", () => {
    expect(value('${concat(local.office, ["0.0.0.0/0"])}')).toEqual(["203.0.113.0/24", "0.0.0.0/0"]);
    expect(value("${toset(concat(local.more, local.office))}")).toEqual(["198.51.100.0/24", "203.0.113.0/24"]);
    expect(value("${distinct(concat(local.office, local.more))}")).toEqual(["203.0.113.0/24", "198.51.100.0/24"]);
    expect(value("${flatten([local.office, [local.more]])}")).toEqual(["203.0.113.0/24", "198.51.100.0/24", "203.0.113.0/24"]);
    expect(value('${compact(["", "a", local.name])}')).toEqual(["a", "Payments"]);
    expect(value('${merge(local.tags, {"env" = "prod"})}')).toEqual({ team: "payments", env: "prod" });
    expect(value('${lookup(local.ports, "ssh", 0)}')).toBe(22);
    expect(value('${lookup(local.ports, "rdp", 3389)}')).toBe(3389);
    expect(value("${element(local.more, 3)}")).toBe("203.0.113.0/24");
    expect(value('${join(",", local.more)}')).toBe("198.51.100.0/24,203.0.113.0/24");
    expect(value("${lower(local.name)}")).toBe("payments");
    expect(value('${coalesce("", local.name)}')).toBe("Payments");
    expect(value("${jsonencode(merge(local.tags, local.ports))}")).toBe('{"team":"payments","ssh":22}');
  });

  it("leaves calls alone when an argument is not known, the function is not read, or Terraform would fail", () => {
    for (const text of [
      "${concat(local.office, var.extra)}",
      "${concat(local.office, local.vpc)}",
      "${cidrsubnet(local.name, 8, 1)}",
      '${lookup(local.ports, "rdp")}',
      "${element(local.more, -1)}",
      "${concat(local.office, local.missing)}",
      "${lower(local.office)}",
    ])
      expect({ text, value: value(text) }).toEqual({ text, value: text });
  });

  it("a CIDR list built with Fn.concat over a constant local is judged; with a variable it stays undecided", () => {
    const stack = new TerraformStack(Testing.app(), "functions");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const office = new TerraformLocal(stack, "office", ["203.0.113.0/24"]);
    const extra = new TerraformVariable(stack, "extra", { type: "list(string)" });
    const ssh = (id: string, cidrs: string[]) => new SecurityGroup(stack, id, { name: id, ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: cidrs }] });
    ssh("office_and_world", Token.asList(Fn.concat([office.expression, ["0.0.0.0/0"]])));
    ssh("office_only", Token.asList(Fn.distinct(office.expression)));
    ssh("with_variable", Token.asList(Fn.concat([office.expression, extra.listValue])));
    expect(Testing.synth(stack)).toContain('${concat(local.office, [\\"0.0.0.0/0\\"])}');
    const statuses = resultsOf(ztNet001, synthModel(stack)).map((r) => `${r.address}:${r.status}`);
    expect(statuses.sort()).toEqual(["aws_security_group.office_and_world:fail", "aws_security_group.office_only:pass", "aws_security_group.with_variable:unknown"]);
  });
});
