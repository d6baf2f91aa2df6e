import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expectPlanOk, planDirectory } from "../support/terraform";
import { REPO_ROOT } from "../support/tree";
import { codeBlockUnder, commandArguments, expectSuccess, installSteps, run, TEMPLATE_INSTALL_STEPS, writeTemplateProject } from "./project";

// The library as a user gets it: packed with `npm pack` (whose `prepare` script builds lib/) into a folder
// outside the repository, and installed with the README's install commands into a fresh project made as
// `cdktf init --template=typescript` makes it, with the newest releases of everything that installs.

const README = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const INSTALL_DOC = fs.readFileSync(path.join(REPO_ROOT, "docs", "install.md"), "utf8");
const NPM = "npm";
const NPX = "npx";
/** npm flags that keep the install quick and quiet; the cache of earlier runs is reused. */
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

let root: string;
let project: string;

/** Packs the library into `dir` and returns the tarball's path. */
async function pack(dir: string): Promise<string> {
  const output = expectSuccess("npm pack", await run(NPM, ["pack", "--json", "--pack-destination", dir, ...NPM_FLAGS], REPO_ROOT));
  const [{ filename }] = JSON.parse(output.stdout.slice(output.stdout.indexOf("["))) as { filename: string }[];
  return path.join(dir, filename);
}

/** Where `module` resolves from `from` inside the consumer project. */
async function resolvedFrom(from: string, module: string): Promise<string> {
  const script = `process.stdout.write(require.resolve(${JSON.stringify(module)}, { paths: [${JSON.stringify(from)}] }))`;
  return expectSuccess(`resolving ${module}`, await run(process.execPath, ["-e", script], project)).stdout;
}

/** Runs `npm <args>` in the consumer project with the quick-install flags. */
async function npm(args: readonly string[]): Promise<void> {
  expectSuccess(`npm ${args.join(" ")}`, await run(NPM, [...args, ...NPM_FLAGS], project));
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-consumer-"));
  project = path.join(root, "payments");
  fs.mkdirSync(project);
  const tarball = await pack(root);
  writeTemplateProject(project, "payments", codeBlockUnder(README, "## Using the constructs in your own stack", "ts"));
  for (const step of TEMPLATE_INSTALL_STEPS) await npm(step);
  fs.writeFileSync(path.join(project, "setup.js"), codeBlockUnder(INSTALL_DOC, "## Policy checks in jest", "js"));
  fs.mkdirSync(path.join(project, "__tests__"));
  fs.writeFileSync(path.join(project, "__tests__", "policies-test.ts"), codeBlockUnder(INSTALL_DOC, "## Policy checks in jest", "ts"));
  for (const step of installSteps(codeBlockUnder(README, "## Install", "sh"), tarball)) await npm(step);
});

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("the packed library in a fresh cdktf project", () => {
  it("is installed with the same commands in the README and the install guide", () => {
    expect(codeBlockUnder(INSTALL_DOC, "## Installation", "sh")).toBe(codeBlockUnder(README, "## Install", "sh"));
  });

  it("ships lib/, bin/, docs/, LICENSE, CHANGELOG.md and README.md", () => {
    const installed = path.join(project, "node_modules", "zero-trust-blueprint");
    for (const file of ["lib/index.js", "lib/index.d.ts", "bin/ztb.js", "docs/policies.md", "docs/install.md", "LICENSE", "CHANGELOG.md", "README.md"]) {
      expect({ file, shipped: fs.existsSync(path.join(installed, file)) }).toEqual({ file, shipped: true });
    }
    expect(fs.existsSync(path.join(installed, "test"))).toBe(false);
  });

  it("shares one copy of cdktf and constructs with the application", async () => {
    const library = path.join(project, "node_modules", "zero-trust-blueprint");
    for (const peer of ["constructs", "cdktf", "@cdktf/provider-aws/lib/provider"]) {
      expect({ peer, library: await resolvedFrom(library, peer) }).toEqual({ peer, library: await resolvedFrom(project, peer) });
    }
  });

  it("leaves out the optional Kubernetes provider bindings", () => {
    expect(fs.existsSync(path.join(project, "node_modules", "@cdktf", "provider-kubernetes"))).toBe(false);
  });

  it("compiles the README example and a jest test using the policy matchers with the template's strict tsconfig", async () => {
    expectSuccess("tsc", await run(NPX, ["--no-install", "tsc", "-p", "tsconfig.json"], project));
  });

  it("runs the install guide's jest test with the matchers registered in the template's setup.js", async () => {
    const setup = fs.readFileSync(path.join(project, "setup.js"), "utf8");
    expect(setup).toContain('require("zero-trust-blueprint/lib/policies/jest").setupPolicyMatchers();');
    expectSuccess("jest", await run(NPX, ["--no-install", "jest", "--ci", "__tests__/policies-test.ts"], project));
  });

  it("synthesizes the README example through the policy gate and plans it against the offline AWS provider", async () => {
    // Emitted whatever the type check says, which the test above judges; this one judges the run.
    await run(NPX, ["--no-install", "tsc", "-p", "tsconfig.json", "--noEmitOnError", "false"], project);
    expectSuccess("node main.js", await run(process.execPath, ["main.js"], project));
    const result = await planDirectory(path.join(project, "cdktf.out", "stacks", "payments"));
    expectPlanOk(result);
    expect(result.plan.resource_changes?.length).toBeGreaterThan(0);
    fs.writeFileSync(path.join(project, "plan.json"), JSON.stringify(result.plan));
  });

  it("passes the plan check of the install guide's CI recipe with the installed ztb command", async () => {
    const args = commandArguments(codeBlockUnder(INSTALL_DOC, "## Gating plans in CI", "sh"), "npx ztb check");
    expectSuccess("ztb check", await run(NPX, ["--no-install", "ztb", "check", ...args], project));
    const sarif = JSON.parse(fs.readFileSync(path.join(project, "ztb.sarif"), "utf8")) as { version: string; runs: unknown[] };
    expect({ version: sarif.version, runs: sarif.runs.length }).toEqual({ version: "2.1.0", runs: 1 });
  });
});
