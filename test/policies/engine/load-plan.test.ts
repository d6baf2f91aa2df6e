import { PlanConfiguration, PlanShapeError, isPlan, loadPlan } from "../../../policies/engine/load-plan";
import { Model } from "../../../policies/engine/model";
import { policyAt } from "../../../policies/engine/policy-document";
import { ztIam001 } from "../../../policies/rules/identity/zt-iam-001-full-admin-policy";
import { addressesWith, resultsOf } from "../../support/rules";
import { HOSTILE_PLANS, change, deeplyNestedPlan } from "./hostile-plans";
import { sampleConfig, samplePlan } from "./fixtures";

describe("loadPlan", () => {
  test("isPlan", () => {
    expect(isPlan(samplePlan())).toBe(true);
    expect(isPlan(sampleConfig())).toBe(false);
    expect(isPlan({ format_version: "1.0", values: {} })).toBe(false);
    expect(isPlan(null)).toBe(false);
  });

  const resources = loadPlan(samplePlan(), "plan", "plan.json", (address) =>
    address === "module.app.aws_instance.web" ? [{ id: "ZT-CMP-001", reason: "legacy host until 2027" }] : [],
  );
  const byAddress = new Map(resources.map((r) => [r.address, r]));

  test("loads changes, planned values and data sources once each; skips deletions", () => {
    expect([...byAddress.keys()].sort()).toEqual([
      "aws_flow_log.fl",
      "aws_s3_bucket.logs",
      "aws_vpc.main",
      "data.aws_region.current",
      "module.app.aws_instance.web[0]",
    ]);
    expect(byAddress.get("data.aws_region.current")).toMatchObject({ mode: "data", source: "plan" });
  });
  test("unknown values carry the references of the configuration", () => {
    const fl = byAddress.get("aws_flow_log.fl");
    expect(fl?.get("vpc_id")).toMatchObject({ kind: "unknown", refs: [{ address: "aws_vpc.main", attr: "id" }, { address: "aws_vpc.main" }] });
    expect(fl?.str("traffic_type")).toBe("ALL");
  });
  test("module resources get the expressions of their module and their suppressions by address", () => {
    const web = byAddress.get("module.app.aws_instance.web[0]");
    expect(web?.modulePrefix).toBe("module.app.");
    expect(web?.baseAddress).toBe("module.app.aws_instance.web");
    expect(web?.get("subnet_id")).toMatchObject({ kind: "unknown", refs: [{ address: "aws_subnet.s" }, { address: "aws_subnet.s" }] });
    expect(web?.str("metadata_options.http_tokens")).toBe("required");
    expect(web?.suppressions).toEqual([{ id: "ZT-CMP-001", reason: "legacy host until 2027" }]);
    expect(byAddress.get("aws_vpc.main")?.suppressions).toEqual([]);
  });
  test("cross-resource references resolve in a plan model", () => {
    const model = new Model(resources);
    const vpc = byAddress.get("aws_vpc.main")!;
    expect(model.referrers(vpc, "aws_flow_log", "vpc_id").map((r) => r.address)).toEqual(["aws_flow_log.fl"]);
  });
  test("an errored plan is refused", () => {
    expect(() => loadPlan({ ...samplePlan(), errored: true }, "plan")).toThrow(/errored/);
  });
  test("tolerates a plan without changes or configuration", () => {
    expect(loadPlan({ format_version: "1.2", planned_values: {} }, "p")).toEqual([]);
  });
});

const ADMIN = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

describe("loadPlan: resources that leave management", () => {
  // As Terraform 1.11 writes a `removed` block with `destroy = false`: the forgotten resource has a `forget` change
  // and is still listed in planned_values with its old values.
  const open = { policy: JSON.stringify(ADMIN), name: "legacy" };
  const plan = {
    format_version: "1.2",
    planned_values: {
      root_module: {
        resources: [
          { address: "aws_iam_policy.legacy", mode: "managed", type: "aws_iam_policy", name: "legacy", values: open },
          { address: "aws_instance.old", mode: "managed", type: "aws_instance", name: "old", values: {} },
          { address: "aws_iam_policy.swap", mode: "managed", type: "aws_iam_policy", name: "swap", values: open },
        ],
      },
    },
    resource_changes: [
      change("aws_iam_policy.legacy", ["forget"], null),
      change("aws_instance.old", ["delete", "forget"], null),
      change("aws_iam_policy.replaced", ["delete", "create"], open),
      change("aws_iam_policy.early", ["create", "delete"], open),
      change("aws_iam_policy.swap", ["create", "forget"], open),
      // An older copy kept by create_before_destroy is deleted; the current object at the same address is judged.
      change("aws_iam_policy.kept", ["delete"], null, {}, { deposed: "00000001" }),
      change("aws_iam_policy.kept", ["create"], open),
    ],
  };
  const byAddress = new Map(loadPlan(plan, "p").map((r) => [r.address, r]));

  test("a forgotten resource is not judged, and does not come back through planned_values", () => {
    expect(byAddress.has("aws_iam_policy.legacy")).toBe(false);
    expect(byAddress.has("aws_instance.old")).toBe(false);
  });
  test("replacements are judged by the object they create", () => {
    expect([...byAddress.keys()].sort()).toEqual(["aws_iam_policy.early", "aws_iam_policy.kept", "aws_iam_policy.replaced", "aws_iam_policy.swap"]);
    for (const r of byAddress.values()) expect(r.str("policy")).toBe(JSON.stringify(ADMIN));
  });
});

describe("loadPlan with the configuration the plan was made from", () => {
  const stringified = JSON.stringify({ Version: "2012-10-17", Statement: [ADMIN.Statement[0], { Effect: "Allow", Action: "kms:Decrypt", Resource: "${aws_kms_key.k.arn}" }] });
  const encoded = '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = "*", "Resource" = "*"}, {"Effect" = "Allow", "Action" = "kms:Decrypt", "Resource" = aws_kms_key.k.arn}]})}';
  const config = {
    resource: {
      aws_iam_policy: {
        stringified: { name: "s", policy: stringified },
        encoded: { name: "e", policy: encoded },
        known: { name: "k", policy: stringified },
        counted: { count: 2, name: "c", policy: stringified },
        plain: { name: "p", policy: "${aws_s3_bucket.b.policy}" },
      },
    },
  };
  const unknownPolicy = { policy: true, arn: true };
  const plan = {
    format_version: "1.2",
    resource_changes: [
      change("aws_iam_policy.stringified", ["create"], { name: "s" }, unknownPolicy),
      change("aws_iam_policy.encoded", ["create"], { name: "e" }, unknownPolicy),
      change("aws_iam_policy.known", ["update"], { name: "k", policy: '{"Statement":[]}' }, { arn: true }),
      change("aws_iam_policy.counted[1]", ["create"], { name: "c" }, unknownPolicy),
      change("aws_iam_policy.plain", ["create"], { name: "p" }, unknownPolicy),
      { ...change("module.m.aws_iam_policy.stringified", ["create"], { name: "s" }, unknownPolicy), type: "aws_iam_policy", name: "stringified" },
    ],
  };
  const load = (configuration?: PlanConfiguration) => {
    const model = new Model(loadPlan(plan, "p", undefined, undefined, { configuration }));
    return { model, at: (address: string) => model.resources.find((r) => r.address === address)! };
  };

  test("without it, a policy that embeds a value known only after apply is unknown as a whole", () => {
    const { model, at } = load();
    expect(policyAt(at("aws_iam_policy.stringified"), "policy", model)).toMatchObject({ kind: "unknown", refs: [] });
    expect(addressesWith(ztIam001, model, "unknown")).toEqual(["aws_iam_policy.counted[1]", "aws_iam_policy.encoded", "aws_iam_policy.plain", "aws_iam_policy.stringified", "module.m.aws_iam_policy.stringified"]);
  });
  test("with it, the policy's structure is judged: JSON text with tokens and jsonencode alike", () => {
    const { model, at } = load(new PlanConfiguration(config));
    expect(policyAt(at("aws_iam_policy.encoded"), "policy", model)).toMatchObject({
      kind: "known",
      statements: [{ actions: ["*"], resources: ["*"] }, { actions: ["kms:Decrypt"], resources: ["${aws_kms_key.k.arn}"] }],
    });
    expect(addressesWith(ztIam001, model, "fail")).toEqual(["aws_iam_policy.counted[1]", "aws_iam_policy.encoded", "aws_iam_policy.stringified"]);
  });
  test("the value stays unknown to rules that read it as a value", () => {
    const { at } = load(new PlanConfiguration(config));
    expect(at("aws_iam_policy.stringified").get("policy").kind).toBe("unknown");
    expect(at("aws_iam_policy.stringified").known("policy")).toBeUndefined();
  });
  test("a value the plan knows is never replaced; other expressions and module resources stay unknown", () => {
    const { model } = load(new PlanConfiguration(config));
    expect(addressesWith(ztIam001, model, "pass")).toEqual(["aws_iam_policy.known"]);
    expect(addressesWith(ztIam001, model, "unknown")).toEqual(["aws_iam_policy.plain", "module.m.aws_iam_policy.stringified"]);
  });
  test("blocks of a set take the texts of the one configuration block that agrees with what the plan knows of them", () => {
    const read = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}/*" }] });
    const role = (inline: unknown[]) => ({ resource: { aws_iam_role: { r: { name: "r", inline_policy: inline } } } });
    const rolePlan = {
      format_version: "1.2",
      // The provider orders the set its own way: "read" first.
      resource_changes: [change("aws_iam_role.r", ["create"], { name: "r", inline_policy: [{ name: "read" }, { name: "admin" }] }, { inline_policy: [{ policy: true }, { policy: true }] })],
    };
    const judge = (config: Record<string, unknown>) => {
      const model = new Model(loadPlan(rolePlan, "p", undefined, undefined, { configuration: new PlanConfiguration(config) }));
      return resultsOf(ztIam001, model).map((r) => `${r.status} ${r.message}`);
    };
    expect(judge(role([{ name: "admin", policy: stringified }, { name: "read", policy: read }]))).toEqual(['fail inline_policy[admin]: statement #0 allows action "*" on every resource']);
    // Two blocks of one name: neither is taken.
    expect(judge(role([{ name: "admin", policy: stringified }, { name: "admin", policy: read }, { name: "read", policy: read }]))).toEqual([
      "unknown inline_policy[admin] is not known until apply",
    ]);
  });
  test("without it, the texts the plan records of a Terraform JSON configuration are read the same way", () => {
    const recorded = {
      ...plan,
      configuration: {
        root_module: {
          resources: [
            // Terraform JSON: the string as written, beside its references.
            { address: "aws_iam_policy.stringified", expressions: { policy: { constant_value: stringified, references: ["aws_kms_key.k.arn", "aws_kms_key.k"] } } },
            { address: "aws_iam_policy.encoded", expressions: { policy: { constant_value: encoded, references: ["aws_kms_key.k.arn", "aws_kms_key.k"] } } },
            // HCL: an expression that is not a constant records only its references.
            { address: "aws_iam_policy.plain", expressions: { policy: { references: ["aws_kms_key.k.arn", "aws_kms_key.k"] } } },
            // What the plan knows wins.
            { address: "aws_iam_policy.known", expressions: { policy: { constant_value: stringified, references: ["aws_kms_key.k.arn"] } } },
          ],
        },
      },
    };
    const model = new Model(loadPlan(recorded, "p"));
    expect(addressesWith(ztIam001, model, "fail")).toEqual(["aws_iam_policy.encoded", "aws_iam_policy.stringified"]);
    expect(addressesWith(ztIam001, model, "pass")).toEqual(["aws_iam_policy.known"]);
    expect(addressesWith(ztIam001, model, "unknown")).toContain("aws_iam_policy.plain");
  });
  test("the configuration is read once, only when a plan asks, and a suppressions list gives no bodies", () => {
    let reads = 0;
    const lazy = new PlanConfiguration(() => (reads++, config));
    expect(reads).toBe(0);
    load(lazy);
    expect(lazy.bodyOf("aws_iam_policy.encoded")).toMatchObject({ name: "e" });
    expect(reads).toBe(1);
    expect(new PlanConfiguration({ suppressions: [] }).bodyOf("aws_iam_policy.encoded")).toBeUndefined();
  });
});

describe("loadPlan: plans not shaped as terraform writes them", () => {
  test.each(HOSTILE_PLANS)("%s is a PlanShapeError", (_name, plan, message) => {
    expect(() => loadPlan(plan, "p")).toThrow(PlanShapeError);
    expect(() => loadPlan(plan, "p")).toThrow(message);
  });
  test("an errored plan is a PlanShapeError", () => {
    expect(() => loadPlan({ ...samplePlan(), errored: true }, "p")).toThrow(PlanShapeError);
  });

  test("modules nested 20,000 levels deep are read without overflowing the stack", () => {
    const plan = JSON.parse(deeplyNestedPlan(20000)) as Record<string, unknown>;
    const addresses = loadPlan(plan, "p").map((r) => r.address);
    expect(addresses).toHaveLength(20001);
    expect(addresses[0]).toBe("aws_vpc.v0");
    expect(addresses[20000]).toBe("aws_vpc.deepest");
  });
});
