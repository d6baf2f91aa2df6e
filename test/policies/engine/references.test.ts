import { isExpression, parseReference, referencesIn, referencesInString, unescapeTemplate } from "../../../policies/engine/references";

describe("parseReference", () => {
  test("resource attribute", () => {
    expect(parseReference("aws_kms_key.k.arn")).toEqual({ kind: "resource", type: "aws_kms_key", address: "aws_kms_key.k", attr: "arn", raw: "aws_kms_key.k.arn" });
  });
  test("resource without attribute", () => {
    expect(parseReference("aws_vpc.main")).toMatchObject({ kind: "resource", address: "aws_vpc.main", attr: undefined });
  });
  test("data source", () => {
    expect(parseReference("data.aws_iam_policy_document.p.json")).toMatchObject({
      kind: "data",
      type: "aws_iam_policy_document",
      address: "data.aws_iam_policy_document.p",
      attr: "json",
    });
  });
  test("indexes are dropped from the address", () => {
    expect(parseReference("aws_instance.web[0].id")).toMatchObject({ address: "aws_instance.web", attr: "id" });
    expect(parseReference('aws_instance.web["a"].id')).toMatchObject({ address: "aws_instance.web", attr: "id" });
  });
  test("module prefixes are kept", () => {
    expect(parseReference("module.net.aws_vpc.v.id")).toMatchObject({ kind: "resource", address: "module.net.aws_vpc.v", attr: "id" });
    expect(parseReference("module.net.vpc_id")).toMatchObject({ kind: "module", address: "module.net", attr: "vpc_id" });
  });
  test("variables, locals and iterators", () => {
    expect(parseReference("var.cidr")).toMatchObject({ kind: "var", address: "var.cidr" });
    expect(parseReference("local.tags.env")).toMatchObject({ kind: "local", address: "local.tags", attr: "env" });
    expect(parseReference("each.value")).toMatchObject({ kind: "other" });
    expect(parseReference("count.index")).toMatchObject({ kind: "other" });
  });
  test("long attribute paths stay whole; empty steps are dropped as in any traversal", () => {
    expect(parseReference("aws_eks_cluster.c.vpc_config.cluster_security_group_id")).toEqual({
      kind: "resource",
      type: "aws_eks_cluster",
      address: "aws_eks_cluster.c",
      attr: "vpc_config.cluster_security_group_id",
      raw: "aws_eks_cluster.c.vpc_config.cluster_security_group_id",
    });
    expect(parseReference("aws_vpc..main.id")).toMatchObject({ address: "aws_vpc.main", attr: "id" });
    expect(parseReference("aws_vpc.main.")).toMatchObject({ address: "aws_vpc.main", attr: undefined });
    expect(parseReference("aws_vpc.main.cidr_block..x")).toMatchObject({ address: "aws_vpc.main", attr: "cidr_block.x" });
  });
  test("non references", () => {
    expect(parseReference("foo")).toBeUndefined();
    expect(parseReference("Foo.bar")).toBeUndefined();
    expect(parseReference("data.x")).toBeUndefined();
  });
});

describe("isExpression", () => {
  test("interpolations and directives", () => {
    expect(isExpression("${aws_vpc.v.id}")).toBe(true);
    expect(isExpression("arn:${var.p}:x")).toBe(true);
    expect(isExpression("%{ if var.x }a%{ endif }")).toBe(true);
    expect(isExpression("plain")).toBe(false);
    expect(isExpression(42)).toBe(false);
    expect(isExpression(undefined)).toBe(false);
  });
  test("escaped sequences are literal text", () => {
    expect(isExpression("arn:aws:s3:::b/$${aws:username}/*")).toBe(false);
    expect(isExpression("%%{literal}")).toBe(false);
    expect(isExpression("$${aws:username} ${var.x}")).toBe(true);
  });
  test("unescapeTemplate", () => {
    expect(unescapeTemplate("a/$${aws:username}/%%{x}")).toBe("a/${aws:username}/%{x}");
    expect(unescapeTemplate("plain")).toBe("plain");
  });
});

describe("referencesInString", () => {
  test("several interpolations", () => {
    const refs = referencesInString("${aws_s3_bucket.b.arn}/${var.prefix}/*");
    expect(refs.map((r) => r.address)).toEqual(["aws_s3_bucket.b", "var.prefix"]);
  });
  test("function calls and nested expressions", () => {
    const refs = referencesInString('${lower(join("-", [aws_vpc.v.id, data.aws_region.r.name]))}');
    expect(refs.map((r) => r.address)).toEqual(["aws_vpc.v", "data.aws_region.r"]);
  });
  test("string literals are not references, but interpolations inside them are", () => {
    expect(referencesInString('${"aws_vpc.fake.id"}')).toEqual([]);
    expect(referencesInString('${"${aws_vpc.v.id}-x"}').map((r) => r.address)).toEqual(["aws_vpc.v"]);
  });
  test("conditionals and splats", () => {
    const refs = referencesInString("${var.on ? aws_kms_key.k[0].arn : aws_instance.web.*.id}");
    expect(refs.map((r) => r.address)).toEqual(["var.on", "aws_kms_key.k", "aws_instance.web"]);
  });
  test("escaped interpolation is skipped", () => {
    expect(referencesInString("$${aws_vpc.v.id}")).toEqual([]);
  });
  test("unterminated expression does not throw", () => {
    expect(referencesInString("${aws_vpc.v.id").map((r) => r.address)).toEqual(["aws_vpc.v"]);
  });
  test("referencesIn walks objects and lists", () => {
    const refs = referencesIn({ a: ["${aws_vpc.v.id}", 1, null], b: { c: "${aws_subnet.s.id}" }, d: "x" });
    expect(refs.map((r) => r.address)).toEqual(["aws_vpc.v", "aws_subnet.s"]);
  });
});
