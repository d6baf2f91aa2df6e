import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { findPluginDir, findTerraformBinary, requiredProviders } from "./toolchain";

/** Name of the override file written next to the stack's cdk.tf.json. */
export const OVERRIDE_FILE = "zz_test_override.tf.json";

/** Subset of `terraform show -json` output the tests use. */
export interface TerraformPlan {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: ResourceChange[];
  readonly planned_values?: { readonly root_module?: PlannedModule };
  readonly [key: string]: unknown;
}

/** One entry of a plan's `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly change: { readonly actions: string[]; readonly after?: Record<string, unknown> | null; readonly [key: string]: unknown };
}

/** A module in a plan's `planned_values`. */
export interface PlannedModule {
  readonly address?: string;
  readonly resources?: { readonly address: string; readonly mode: string; readonly type: string; readonly values?: Record<string, unknown> }[];
  readonly child_modules?: PlannedModule[];
}

/** A diagnostic Terraform printed. */
export interface TerraformDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail: string;
}

/** The distinct actions of a plan's resource changes, e.g. `["create"]` for a plan that only creates. */
export function plannedActions(plan: TerraformPlan): string[] {
  return [...new Set((plan.resource_changes ?? []).map((c) => c.change.actions.join(",")))];
}

/** The planned values (`change.after`) of the resource changes of `type` whose names start with `prefix`. */
export function plannedAfter<T = Record<string, unknown>>(plan: TerraformPlan, type: string, prefix = ""): T[] {
  return (plan.resource_changes ?? []).filter((c) => c.type === type && c.name.startsWith(prefix)).map((c) => c.change.after as T);
}

/** Outcome of {@link planDirectory} or {@link planStack}. */
export interface PlanResult {
  /** The plan as `terraform show -json` prints it; undefined when init or plan failed. */
  readonly plan?: TerraformPlan;
  /** Working directory Terraform ran in; removed after success unless `keepDir` was set. */
  readonly dir: string;
  /** Standard output of every command, in order. */
  readonly stdout: string;
  /** Standard error of every command, in order. */
  readonly stderr: string;
  /** Error diagnostics; empty when the plan succeeded. */
  readonly errors: TerraformDiagnostic[];
  /** Warning diagnostics of every command. */
  readonly warnings: TerraformDiagnostic[];
}

/** Options of {@link planDirectory} and {@link planStack}. */
export interface PlanOptions {
  /** Keep the working directory even after success. Default false. */
  readonly keepDir?: boolean;
  /** Limit for each Terraform command, in milliseconds. Default 10 minutes. */
  readonly timeoutMs?: number;
  /** Environment to read ZTB_* settings and PATH from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface StackJson {
  terraform?: { required_providers?: Record<string, { source?: string; version?: string }>; [key: string]: unknown };
  provider?: Record<string, Record<string, unknown>[] | Record<string, unknown>>;
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
}

/**
 * Provider settings for planning without AWS: mock credentials, no calls to STS or the metadata
 * service, and no account allow/deny lists (with no account id requested they would always fail).
 */
const MOCK_PROVIDER_SETTINGS = {
  access_key: "mock",
  secret_key: "mock",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: "true",
  skip_region_validation: true,
  allowed_account_ids: null,
  forbidden_account_ids: null,
};

/** Content of the override file: mock AWS credentials for every aws provider block, and a local backend in `dir`. */
export function overrideFor(stackJson: StackJson, dir: string): Record<string, unknown> {
  const override: Record<string, unknown> = {
    terraform: { backend: { local: { path: path.join(dir, "terraform.tfstate") } } },
  };
  const aws = stackJson.provider?.aws;
  if (aws) {
    const blocks = Array.isArray(aws) ? aws : [aws];
    override.provider = {
      aws: blocks.map((block) => (typeof block.alias === "string" ? { alias: block.alias, ...MOCK_PROVIDER_SETTINGS } : { ...MOCK_PROVIDER_SETTINGS })),
    };
  }
  return override;
}

/** Environment for Terraform: no TF_* or AWS_* settings of the caller, mock credentials, isolated CLI config. */
export function terraformEnv(base: Readonly<Record<string, string | undefined>>, dir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !key.startsWith("TF_") && !key.startsWith("AWS_")) {
      env[key] = value;
    }
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: path.join(dir, "terraform.rc"),
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    AWS_ACCESS_KEY_ID: "mock",
    AWS_SECRET_ACCESS_KEY: "mock",
    AWS_CONFIG_FILE: path.join(dir, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "no-aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/**
 * Diagnostics in Terraform's `-no-color` output: each starts at a line `Error: ...` or
 * `Warning: ...` (box-drawing margins are ignored) and runs to the next one.
 */
export function parseDiagnostics(output: string): TerraformDiagnostic[] {
  const diagnostics: { severity: "error" | "warning"; summary: string; lines: string[] }[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(/^[│╷╵]\s?/, "");
    const start = /^(Error|Warning): (.*)$/.exec(line);
    if (start) {
      diagnostics.push({ severity: start[1] === "Error" ? "error" : "warning", summary: start[2].trim(), lines: [] });
    } else if (diagnostics.length > 0 && !/^[╷╵]/.test(raw)) {
      diagnostics[diagnostics.length - 1].lines.push(line);
    }
  }
  return diagnostics.map(({ severity, summary, lines }) => ({ severity, summary, detail: lines.join("\n").trim() }));
}

interface CommandOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(binary: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<CommandOutput> {
  return new Promise((resolve) => {
    execFile(binary, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      const extra = error && typeof error.code !== "number" ? `\nError: ${binary} ${args[0]} did not finish: ${error.message}\n` : "";
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + extra });
    });
  });
}

/**
 * Copies a synthesized stack directory (the one holding cdk.tf.json) to a fresh temporary
 * directory, adds the override file, and runs `terraform init` against the local provider mirror,
 * `terraform plan` without refresh, and `terraform show -json`. Failures are returned as
 * `errors`, not thrown; a missing Terraform or provider throws.
 */
export async function planDirectory(stackDir: string, options: PlanOptions = {}): Promise<PlanResult> {
  const env = options.env ?? process.env;
  const stackJson = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
  const terraform = findTerraformBinary(env);
  const pluginDir = findPluginDir(requiredProviders(stackJson), { env });
  const timeoutMs = options.timeoutMs ?? 10 * 60 * 1000;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-plan-"));
  fs.cpSync(stackDir, dir, { recursive: true, filter: (source) => !source.split(path.sep).includes(".terraform") });
  fs.writeFileSync(path.join(dir, OVERRIDE_FILE), JSON.stringify(overrideFor(stackJson, dir), null, 2));
  fs.writeFileSync(path.join(dir, "terraform.rc"), "disable_checkpoint = true\n");
  const childEnv = terraformEnv(env, dir);

  const outputs: CommandOutput[] = [];
  const steps: string[][] = [
    ["init", "-input=false", "-no-color", `-plugin-dir=${pluginDir}`],
    ["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=tfplan"],
    ["show", "-json", "-no-color", "tfplan"],
  ];
  for (const args of steps) {
    const output = await run(terraform, args, dir, childEnv, timeoutMs);
    outputs.push(output);
    if (output.code !== 0) {
      break;
    }
  }
  const stdout = outputs.map((output) => output.stdout).join("");
  const stderr = outputs.map((output) => output.stderr).join("");
  const failed = outputs.some((output) => output.code !== 0);
  const errors = parseDiagnostics(stderr).filter((diagnostic) => diagnostic.severity === "error");
  const warnings = parseDiagnostics(`${stdout}\n${stderr}`).filter((diagnostic) => diagnostic.severity === "warning");
  if (failed) {
    if (errors.length === 0) {
      errors.push({ severity: "error", summary: `terraform exited with code ${outputs[outputs.length - 1].code}`, detail: stderr.trim() });
    }
    console.warn(`terraform failed; its working directory is kept at ${dir}`);
    return { dir, stdout, stderr, errors, warnings };
  }
  const plan = JSON.parse(outputs[2].stdout) as TerraformPlan;
  if (!options.keepDir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { plan, dir, stdout, stderr, errors, warnings };
}

/** Synthesizes `stack` with `Testing.fullSynth` and plans it with {@link planDirectory}. */
export async function planStack(stack: TerraformStack, options: PlanOptions = {}): Promise<PlanResult> {
  const outdir = Testing.fullSynth(stack);
  try {
    return await planDirectory(path.join(outdir, "stacks", stack.node.id), options);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Throws unless the plan succeeded, with every diagnostic and the kept working directory in the message.
 */
export function expectPlanOk(result: PlanResult): asserts result is PlanResult & { plan: TerraformPlan } {
  if (!result.plan || result.errors.length > 0) {
    const diagnostics = result.errors.map((error) => `Error: ${error.summary}\n${error.detail}`).join("\n\n");
    throw new Error(`terraform plan failed (working directory ${result.dir}):\n${diagnostics || result.stderr}`);
  }
}

/** A stack's synthesized JSON and its successful plan. */
export interface CreatingPlan {
  /** The stack's synthesized JSON. */
  readonly json: StackJson;
  /** The plan. */
  readonly plan: TerraformPlan;
  /** The whole result of the plan run (warnings, working directory). */
  readonly result: PlanResult & { plan: TerraformPlan };
}

/**
 * Synthesizes and plans `stack`, and asserts that the plan succeeded and creates exactly the synthesized resources
 * (nothing else, no other action): the start of every construct's plan test.
 */
export async function planCreatingExactly(stack: TerraformStack, options: PlanOptions = {}): Promise<CreatingPlan> {
  const json = JSON.parse(Testing.synth(stack)) as StackJson;
  const result = await planStack(stack, options);
  expectPlanOk(result);
  expect(plannedAddresses(result.plan)).toEqual(synthesizedAddresses(json));
  expect(plannedActions(result.plan)).toEqual(["create"]);
  return { json, plan: result.plan, result };
}

/** Options of {@link plannedAddresses}. */
export interface AddressOptions {
  /** Keep `[0]` / `["key"]` instance keys. Default true. */
  readonly instanceKeys?: boolean;
}

function collectModule(module: PlannedModule | undefined, into: Set<string>): void {
  for (const resource of module?.resources ?? []) {
    into.add(resource.address);
  }
  for (const child of module?.child_modules ?? []) {
    collectModule(child, into);
  }
}

/** Sorted, distinct addresses in a plan's `resource_changes` and `planned_values`, nested modules included. */
export function plannedAddresses(plan: TerraformPlan, options: AddressOptions = {}): string[] {
  const addresses = new Set<string>((plan.resource_changes ?? []).map((change) => change.address));
  collectModule(plan.planned_values?.root_module, addresses);
  const list = options.instanceKeys === false ? [...addresses].map((address) => address.replace(/\[[^\]]*\]$/, "")) : [...addresses];
  return [...new Set(list)].sort();
}

/** Sorted addresses of a synthesized stack: `type.name` for resources and `data.type.name` for data sources. */
export function synthesizedAddresses(stackJson: StackJson): string[] {
  const addresses: string[] = [];
  for (const [type, resources] of Object.entries(stackJson.resource ?? {})) {
    addresses.push(...Object.keys(resources).map((name) => `${type}.${name}`));
  }
  for (const [type, sources] of Object.entries(stackJson.data ?? {})) {
    addresses.push(...Object.keys(sources).map((name) => `data.${type}.${name}`));
  }
  return addresses.sort();
}
