import { View } from "../../../policies/engine/view";

describe("View on synthesized values", () => {
  const v = new View(
    {
      name: "web",
      port: "443",
      on: "true",
      off: false,
      kms: "${aws_kms_key.k.arn}",
      policy: "arn:aws:s3:::b/$${aws:username}/*",
      nothing: null,
      list: ["a", "${aws_subnet.s.id}"],
      metadata_options: { http_tokens: "required" },
      ingress: [
        { from_port: 22, cidr_blocks: ["0.0.0.0/0"] },
        { from_port: 443, cidr_blocks: ["${var.cidr}"] },
      ],
      dynamic: { egress: { for_each: "${var.rules}", iterator: "each", content: { from_port: "${each.value.port}" } } },
      block_token: "${var.blocks}",
    },
    undefined,
    undefined,
  );

  test("known, unknown and absent", () => {
    expect(v.get("name")).toEqual({ kind: "known", value: "web" });
    expect(v.get("kms")).toMatchObject({ kind: "unknown", refs: [{ address: "aws_kms_key.k", attr: "arn" }] });
    expect(v.get("missing")).toEqual({ kind: "absent" });
    expect(v.get("nothing")).toEqual({ kind: "absent" });
  });
  test("escaped sequences are known literal text", () => {
    expect(v.get("policy")).toEqual({ kind: "known", value: "arn:aws:s3:::b/${aws:username}/*" });
  });
  test("typed accessors", () => {
    expect(v.num("port")).toBe(443);
    expect(v.bool("on")).toBe(true);
    expect(v.bool("off")).toBe(false);
    expect(v.str("port")).toBe("443");
    expect(v.str("kms")).toBeUndefined();
    expect(v.list("name")).toEqual(["web"]);
    expect(v.list("list")).toEqual(["a", "${aws_subnet.s.id}"]);
    expect(v.has("kms")).toBe(true);
    expect(v.has("missing")).toBe(false);
  });
  test("single blocks and block lists", () => {
    expect(v.str("metadata_options.http_tokens")).toBe("required");
    expect(v.str("metadata_options.0.http_tokens")).toBe("required");
    expect(v.num("ingress.from_port")).toBe(22);
    expect(v.num("ingress.1.from_port")).toBe(443);
    expect(v.blocks("ingress").map((b) => b.num("from_port"))).toEqual([22, 443]);
    expect(v.blocks("metadata_options")).toHaveLength(1);
    expect(v.blocks("missing")).toEqual([]);
  });
  test("a path through an expression is unknown", () => {
    expect(v.get("block_token.x")).toMatchObject({ kind: "unknown", refs: [{ address: "var.blocks" }] });
    expect(v.blocksUnknown("block_token")).toBe(true);
    expect(v.blocksUnknown("ingress")).toBe(false);
  });
  test("cdktf dynamic blocks are unknown, and their content is visible", () => {
    expect(v.blocksUnknown("egress")).toBe(true);
    expect(v.get("egress.from_port")).toMatchObject({ kind: "unknown", refs: [{ address: "var.rules" }] });
    const blocks = v.blocks("egress");
    expect(blocks).toHaveLength(1);
    expect(blocks[0].get("from_port").kind).toBe("unknown");
    expect(v.literalBlockCount("egress")).toBe(0);
    expect(v.literalBlockCount("ingress")).toBe(2);
    expect(v.literalBlockCount("metadata_options")).toBe(1);
    expect(v.literalBlockCount("block_token")).toBe(0);
    expect(v.literalBlockCount("missing")).toBe(0);
  });
  test("refs and refsTo", () => {
    expect(v.refs().map((r) => r.address)).toEqual(
      expect.arrayContaining(["aws_kms_key.k", "aws_subnet.s", "var.cidr", "var.rules", "var.blocks"]),
    );
    expect(v.refsTo("", "aws_kms_key").map((r) => r.address)).toEqual(["aws_kms_key.k"]);
    expect(v.refs("ingress").map((r) => r.address)).toEqual(["var.cidr"]);
    expect(v.rawAt("kms")).toBe("${aws_kms_key.k.arn}");
    expect(v.rawAt("missing")).toBeUndefined();
  });
});

describe("View on plan values", () => {
  const v = new View(
    {
      name: "web",
      policy: '{"Resource":"arn:aws:s3:::b/${aws:username}/*"}',
      metadata_options: [{ http_tokens: "required", http_endpoint: null }],
      ingress: [{ from_port: 22 }, { from_port: 443 }],
      kms_key_id: null,
    },
    { kms_key_id: true, metadata_options: [{ http_endpoint: true }], ingress: [{}, {}], tags: true },
    {
      kms_key_id: { references: ["aws_kms_key.k.arn", "aws_kms_key.k"] },
      metadata_options: [{ http_tokens: { constant_value: "required" } }],
    },
    true,
  );

  test("plan strings are literal text", () => {
    expect(v.get("policy")).toEqual({ kind: "known", value: '{"Resource":"arn:aws:s3:::b/${aws:username}/*"}' });
    expect(v.refs("policy")).toEqual([]);
  });
  test("after_unknown marks unknown values with configuration references", () => {
    expect(v.get("kms_key_id")).toMatchObject({ kind: "unknown", refs: [{ address: "aws_kms_key.k", attr: "arn" }, { address: "aws_kms_key.k" }] });
    expect(v.get("metadata_options.http_endpoint").kind).toBe("unknown");
    expect(v.get("tags.x").kind).toBe("unknown");
    expect(v.blocksUnknown("tags")).toBe(true);
  });
  test("one-element block lists read like objects", () => {
    expect(v.str("metadata_options.http_tokens")).toBe("required");
    expect(v.blocks("ingress").map((b) => b.num("from_port"))).toEqual([22, 443]);
    expect(v.blocks("metadata_options")[0].get("http_endpoint").kind).toBe("unknown");
  });
  test("refs come from the configuration expressions", () => {
    expect(v.refsTo("kms_key_id", "aws_kms_key").map((r) => r.address)).toEqual(["aws_kms_key.k", "aws_kms_key.k"]);
  });
});

describe("View.items", () => {
  test("gives each element of a list as get would", () => {
    const v = new View({ list: ["a", "${aws_subnet.s.id}", null, "$${literal}"], one: "x", token: "${var.xs}" }, undefined, undefined);
    const items = v.items("list");
    expect(items).toEqual([v.get("list.0"), v.get("list.1"), v.get("list.2"), v.get("list.3")]);
    expect(items?.map((i) => i.kind)).toEqual(["known", "unknown", "absent", "known"]);
    expect(items?.[3]).toEqual({ kind: "known", value: "${literal}" });
    expect(v.items("one")).toBeUndefined();
    expect(v.items("token")).toBeUndefined();
    expect(v.items("missing")).toBeUndefined();
  });
  test("reads element-wise unknown markers and expressions of a plan", () => {
    const v = new View(
      { cidrs: ["10.0.0.0/8", null] },
      { cidrs: [false, true] },
      { cidrs: { references: ["aws_vpc.v.cidr_block", "aws_vpc.v"] } },
      true,
    );
    expect(v.items("cidrs")).toEqual([v.get("cidrs.0"), v.get("cidrs.1")]);
    expect(v.items("cidrs")?.map((i) => i.kind)).toEqual(["known", "unknown"]);
  });
});

describe("View.configured and getConfigured", () => {
  test("synthesized values: whatever is present is configured, expressions and dynamic blocks included", () => {
    const v = new View(
      { name: "web", kms: "${aws_kms_key.k.arn}", nothing: null, dynamic: { egress: { for_each: "${var.rules}", content: { from_port: 22 } } } },
      undefined,
      undefined,
    );
    expect(v.configured("name")).toBe(true);
    expect(v.configured("kms")).toBe(true);
    expect(v.configured("egress")).toBe(true);
    expect(v.configured("nothing")).toBe(false);
    expect(v.configured("missing")).toBe(false);
    expect(v.getConfigured("kms")).toEqual(v.get("kms"));
    expect(v.getConfigured("egress").kind).toBe("unknown");
    expect(v.getConfigured("missing")).toEqual({ kind: "absent" });
  });

  const plan = new View(
    {
      name: "web",
      metadata_options: [{ http_tokens: "required", http_endpoint: null }],
      kms_key_id: null,
      policy: null,
      tags: null,
    },
    { kms_key_id: true, policy: true, metadata_options: [{ http_endpoint: true }], root_block_device: true, tags: true },
    {
      kms_key_id: { references: ["aws_kms_key.k.arn", "aws_kms_key.k"] },
      metadata_options: [{ http_tokens: { constant_value: "required" } }],
      tags: { references: ["var.tags"] },
    },
    true,
  );

  test("a plan value unknown only because the provider computes it is not configured, and reads as absent", () => {
    expect(plan.get("policy").kind).toBe("unknown");
    expect(plan.configured("policy")).toBe(false);
    expect(plan.getConfigured("policy")).toEqual({ kind: "absent" });
    expect(plan.configured("root_block_device")).toBe(false);
    expect(plan.getConfigured("root_block_device.encrypted")).toEqual({ kind: "absent" });
  });
  test("a plan value unknown because the configuration sets it from an expression stays unknown", () => {
    expect(plan.configured("kms_key_id")).toBe(true);
    expect(plan.getConfigured("kms_key_id")).toEqual(plan.get("kms_key_id"));
    // An expression for an enclosing attribute covers its parts.
    expect(plan.configured("tags.Name")).toBe(true);
    expect(plan.getConfigured("tags.Name").kind).toBe("unknown");
  });
  test("nested blocks of a plan judge their own attributes by the block's expressions", () => {
    const options = plan.blocks("metadata_options")[0];
    expect(options.configured("http_tokens")).toBe(true);
    expect(options.get("http_endpoint").kind).toBe("unknown");
    expect(options.configured("http_endpoint")).toBe(false);
    expect(options.getConfigured("http_endpoint")).toEqual({ kind: "absent" });
    expect(plan.configured("metadata_options.http_tokens")).toBe(true);
    expect(plan.getConfigured("metadata_options.http_endpoint")).toEqual({ kind: "absent" });
  });
  test("known plan values keep their value; configured tells whether the configuration sets them", () => {
    expect(plan.getConfigured("name")).toEqual({ kind: "known", value: "web" });
    expect(plan.configured("name")).toBe(false);
    expect(plan.configured("missing")).toBe(false);
  });
  test("a plan without configuration expressions cannot tell: unknown values stay unknown", () => {
    const bare = new View({ policy: null }, { policy: true }, undefined, true);
    expect(bare.configured("policy")).toBe(true);
    expect(bare.getConfigured("policy").kind).toBe("unknown");
    expect(bare.configuredValue("policy").kind).toBe("unknown");
  });
  test("configuredValue reads a provider default as absent, known or unknown, and keeps what the configuration sets", () => {
    expect(plan.configuredValue("name")).toEqual({ kind: "absent" });
    expect(plan.configuredValue("policy")).toEqual({ kind: "absent" });
    expect(plan.configuredValue("metadata_options.http_tokens")).toEqual({ kind: "known", value: "required" });
    expect(plan.configuredValue("kms_key_id").kind).toBe("unknown");
    const synth = new View({ name: "web", kms: "${aws_kms_key.k.arn}" }, undefined, undefined);
    expect(synth.configuredValue("name")).toEqual({ kind: "known", value: "web" });
    expect(synth.configuredValue("kms").kind).toBe("unknown");
    expect(synth.configuredValue("missing")).toEqual({ kind: "absent" });
  });
});
