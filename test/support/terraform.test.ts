import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  OVERRIDE_FILE,
  TerraformPlan,
  expectPlanOk,
  overrideFor,
  parseDiagnostics,
  planDirectory,
  plannedAddresses,
  synthesizedAddresses,
  terraformEnv,
} from "./terraform";

describe("parseDiagnostics", () => {
  it("splits plain -no-color output into diagnostics", () => {
    const output = [
      "",
      "Error: Unsupported argument",
      "",
      '  on cdk.tf.json line 12, in resource.aws_vpc.main:',
      '  12:         "colour": "blue"',
      "",
      'An argument named "colour" is not expected here.',
      "",
      "Warning: Deprecated attribute",
      "",
      "Use something else.",
    ].join("\n");
    expect(parseDiagnostics(output)).toEqual([
      {
        severity: "error",
        summary: "Unsupported argument",
        detail: '  on cdk.tf.json line 12, in resource.aws_vpc.main:\n  12:         "colour": "blue"\n\nAn argument named "colour" is not expected here.'.trim(),
      },
      { severity: "warning", summary: "Deprecated attribute", detail: "Use something else." },
    ]);
  });

  it("ignores box-drawing margins", () => {
    const output = ["╷", "│ Error: Invalid provider configuration", "│ ", "│ Provider needs a region.", "╵"].join("\n");
    expect(parseDiagnostics(output)).toEqual([{ severity: "error", summary: "Invalid provider configuration", detail: "Provider needs a region." }]);
  });

  it("returns nothing for output without diagnostics", () => {
    expect(parseDiagnostics("Plan: 3 to add, 0 to change, 0 to destroy.\n")).toEqual([]);
  });
});

describe("overrideFor", () => {
  it("mocks every aws provider block, keeping aliases, and moves state into the work directory", () => {
    const override = overrideFor({ provider: { aws: [{ region: "eu-west-1" }, { region: "us-east-1", alias: "use1" }] } }, "/tmp/work");
    const mock = {
      access_key: "mock",
      secret_key: "mock",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: "true",
      skip_region_validation: true,
      allowed_account_ids: null,
      forbidden_account_ids: null,
    };
    expect(override).toEqual({
      terraform: { backend: { local: { path: "/tmp/work/terraform.tfstate" } } },
      provider: { aws: [mock, { alias: "use1", ...mock }] },
    });
  });

  it("adds no provider block when the stack has no aws provider", () => {
    expect(overrideFor({}, "/tmp/work")).toEqual({ terraform: { backend: { local: { path: "/tmp/work/terraform.tfstate" } } } });
  });
});

describe("terraformEnv", () => {
  it("drops the caller's TF_* and AWS_* settings and isolates Terraform in the work directory", () => {
    const env = terraformEnv(
      { PATH: "/usr/bin", HOME: "/root", TF_CLI_CONFIG_FILE: "/root/.terraformrc", TF_PLUGIN_CACHE_DIR: "/cache", TF_DATA_DIR: "/data", AWS_PROFILE: "prod", AWS_SESSION_TOKEN: "secret" },
      "/tmp/work",
    );
    expect(env).toEqual({
      PATH: "/usr/bin",
      HOME: "/root",
      TF_CLI_CONFIG_FILE: "/tmp/work/terraform.rc",
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
      AWS_ACCESS_KEY_ID: "mock",
      AWS_SECRET_ACCESS_KEY: "mock",
      AWS_CONFIG_FILE: "/tmp/work/no-aws-config",
      AWS_SHARED_CREDENTIALS_FILE: "/tmp/work/no-aws-credentials",
      AWS_EC2_METADATA_DISABLED: "true",
    });
  });
});

describe("address helpers", () => {
  const plan: TerraformPlan = {
    format_version: "1.2",
    resource_changes: [
      { address: "aws_vpc.main", mode: "managed", type: "aws_vpc", name: "main", change: { actions: ["create"] } },
      { address: "aws_subnet.a[0]", mode: "managed", type: "aws_subnet", name: "a", change: { actions: ["create"] } },
      { address: "aws_subnet.a[1]", mode: "managed", type: "aws_subnet", name: "a", change: { actions: ["create"] } },
    ],
    planned_values: {
      root_module: {
        resources: [{ address: "aws_vpc.main", mode: "managed", type: "aws_vpc" }],
        child_modules: [
          {
            address: "module.db",
            resources: [{ address: "module.db.aws_db_instance.this", mode: "managed", type: "aws_db_instance" }],
            child_modules: [{ address: "module.db.module.sg", resources: [{ address: "module.db.module.sg.aws_security_group.this", mode: "managed", type: "aws_security_group" }] }],
          },
        ],
      },
    },
  };

  it("collects planned addresses from resource changes and nested modules", () => {
    expect(plannedAddresses(plan)).toEqual([
      "aws_subnet.a[0]",
      "aws_subnet.a[1]",
      "aws_vpc.main",
      "module.db.aws_db_instance.this",
      "module.db.module.sg.aws_security_group.this",
    ]);
  });

  it("can drop instance keys", () => {
    expect(plannedAddresses(plan, { instanceKeys: false })).toEqual([
      "aws_subnet.a",
      "aws_vpc.main",
      "module.db.aws_db_instance.this",
      "module.db.module.sg.aws_security_group.this",
    ]);
  });

  it("lists synthesized resources and data sources", () => {
    expect(
      synthesizedAddresses({
        resource: { aws_vpc: { main: {} }, aws_subnet: { b: {}, a: {} } },
        data: { aws_iam_policy_document: { trust: {} } },
      }),
    ).toEqual(["aws_subnet.a", "aws_subnet.b", "aws_vpc.main", "data.aws_iam_policy_document.trust"]);
  });
});

describe("planDirectory", () => {
  let source: string;

  beforeEach(() => {
    source = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-stack-"));
  });

  afterEach(() => {
    fs.rmSync(source, { recursive: true, force: true });
  });

  it("plans a stack directory in a scratch copy and removes the copy after success", async () => {
    const stackJson = { terraform: { backend: { local: { path: "terraform.x.tfstate" } } }, resource: { terraform_data: { marker: { input: "hello" } } } };
    fs.writeFileSync(path.join(source, "cdk.tf.json"), JSON.stringify(stackJson));
    const result = await planDirectory(source);
    expectPlanOk(result);
    expect(plannedAddresses(result.plan)).toEqual(synthesizedAddresses(stackJson));
    expect(result.errors).toEqual([]);
    expect(fs.existsSync(result.dir)).toBe(false);
    expect(fs.readdirSync(source)).toEqual(["cdk.tf.json"]);
  });

  it("returns Terraform's errors instead of throwing, and keeps the scratch directory", async () => {
    fs.writeFileSync(path.join(source, "cdk.tf.json"), JSON.stringify({ output: { broken: { value: "${var.missing}" } } }));
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const result = await planDirectory(source);
    try {
      expect(result.plan).toBeUndefined();
      expect(result.errors.map((error) => error.summary)).toEqual(["Reference to undeclared input variable"]);
      expect(result.errors[0].detail).toContain('"missing"');
      expect(fs.existsSync(path.join(result.dir, OVERRIDE_FILE))).toBe(true);
      expect(warn).toHaveBeenCalledWith(`terraform failed; its working directory is kept at ${result.dir}`);
      expect(() => expectPlanOk(result)).toThrow(`terraform plan failed (working directory ${result.dir}):\nError: Reference to undeclared input variable`);
    } finally {
      warn.mockRestore();
      fs.rmSync(result.dir, { recursive: true, force: true });
    }
  });
});
