import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { evaluate } from "../../../policies/engine/evaluate";
import { zeroTrustPack } from "../../../policies/packs";
import { planModel } from "../../support/rules";
import { overrideFor, terraformEnv } from "../../support/terraform";
import { findPluginDir, findTerraformBinary, requiredProviders } from "../../support/toolchain";

const run = promisify(execFile);

const ADMIN = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const READ = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] });
const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

/**
 * A configuration that stops managing two objects (`removed` blocks with `destroy = false`) and replaces two
 * policies, one each way, with the state that makes Terraform plan exactly that.
 */
const CONFIG = {
  terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
  provider: { aws: [{ region: "eu-west-1" }] },
  resource: {
    aws_iam_policy: {
      kept: { name: "kept", policy: READ },
      swapped: { name: "swapped-v2", policy: ADMIN },
      early: { name: "early-v2", policy: ADMIN, lifecycle: { create_before_destroy: true } },
    },
  },
  removed: [
    { from: "aws_iam_policy.legacy", lifecycle: { destroy: false } },
    { from: "aws_instance.legacy", lifecycle: { destroy: false } },
  ],
};

function policyInState(name: string, policy: string) {
  const arn = `arn:aws:iam::111122223333:policy/${name}`;
  return { arn, attachment_count: 0, description: "", id: arn, name, name_prefix: "", path: "/", policy, policy_id: "ANPAEXAMPLE", tags: {}, tags_all: {} };
}

function stateResource(type: string, name: string, attributes: Record<string, unknown>, schemaVersion = 0) {
  return { mode: "managed", type, name, provider: PROVIDER, instances: [{ schema_version: schemaVersion, attributes }] };
}

const STATE = {
  version: 4,
  terraform_version: "1.11.4",
  serial: 1,
  lineage: "0f6c3f1e-5a4b-4c3d-9e2f-0a1b2c3d4e5f",
  outputs: {},
  resources: [
    stateResource("aws_iam_policy", "legacy", policyInState("legacy", ADMIN)),
    stateResource("aws_iam_policy", "swapped", policyInState("swapped", ADMIN)),
    stateResource("aws_iam_policy", "early", policyInState("early", ADMIN)),
    stateResource(
      "aws_instance",
      "legacy",
      {
        id: "i-0123456789abcdef0",
        ami: "ami-0abcdef1234567890",
        instance_type: "t3.micro",
        associate_public_ip_address: true,
        metadata_options: [{ http_endpoint: "enabled", http_tokens: "optional", http_put_response_hop_limit: 2, http_protocol_ipv6: "disabled", instance_metadata_tags: "disabled" }],
        tags: {},
        tags_all: {},
      },
      1,
    ),
  ],
};

/** `terraform plan` of CONFIG over STATE (local state, no refresh, mock credentials), as `terraform show -json` prints it. */
async function planOverState(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-forget-"));
  try {
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(CONFIG));
    fs.writeFileSync(path.join(dir, "terraform.tfstate"), JSON.stringify(STATE));
    // Mock credentials only: the state stays in the default local backend (terraform.tfstate in the folder).
    const { provider } = overrideFor(CONFIG, dir);
    fs.writeFileSync(path.join(dir, "zz_test_override.tf.json"), JSON.stringify({ provider }));
    fs.writeFileSync(path.join(dir, "terraform.rc"), "disable_checkpoint = true\n");
    const terraform = findTerraformBinary();
    const env = terraformEnv(process.env, dir);
    const options = { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 };
    await run(terraform, ["init", "-input=false", "-no-color", `-plugin-dir=${findPluginDir(requiredProviders(CONFIG))}`], options);
    await run(terraform, ["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=tfplan"], options);
    const { stdout } = await run(terraform, ["show", "-json", "-no-color", "tfplan"], options);
    return JSON.parse(stdout) as Record<string, unknown>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("a real plan with forget actions and replacements", () => {
  let plan: Record<string, unknown>;
  beforeAll(async () => {
    plan = await planOverState();
  });

  test("Terraform plans what the test means: forget, replace both ways, create", () => {
    const actions = Object.fromEntries((plan.resource_changes as { address: string; change: { actions: string[] } }[]).map((c) => [c.address, c.change.actions.join(",")]));
    expect(actions).toEqual({
      "aws_iam_policy.early": "create,delete",
      "aws_iam_policy.kept": "create",
      "aws_iam_policy.legacy": "forget",
      "aws_iam_policy.swapped": "delete,create",
      "aws_instance.legacy": "forget",
    });
  });

  test("forgotten resources are not judged, although planned_values still lists them", () => {
    const planned = ((plan.planned_values as { root_module: { resources: { address: string }[] } }).root_module.resources ?? []).map((r) => r.address);
    expect(planned).toEqual(expect.arrayContaining(["aws_iam_policy.legacy", "aws_instance.legacy"]));
    const model = planModel(plan);
    expect(model.resources.map((r) => r.address).sort()).toEqual(["aws_iam_policy.early", "aws_iam_policy.kept", "aws_iam_policy.swapped"]);
  });

  test("replacements are judged by the objects they create; nothing else is a finding", () => {
    const report = evaluate(planModel(plan), zeroTrustPack.rules);
    const admin = report.findings.filter((f) => f.ruleId === "ZT-IAM-001").map((f) => f.address);
    expect(admin).toEqual(["aws_iam_policy.early", "aws_iam_policy.swapped"]);
    expect(report.findings.filter((f) => f.address.includes("legacy"))).toEqual([]);
  });
});
