import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../support/tree";

/** Where `cdktf init --template=typescript` takes its files from, in the installed cdktf-cli. */
export const CDKTF_TEMPLATE = path.join(REPO_ROOT, "node_modules", "cdktf-cli", "bundle", "templates", "typescript");

/** Output of a finished command. */
export interface CommandOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a command run on behalf of a library user: none of the `npm_*` variables of the npm
 * process that runs this test suite, so that a nested npm reads only the consumer project's settings, and
 * none of the `CDKTF_*` settings of the test setup, so that the app writes to its own `cdktf.out`.
 */
export function userEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const inherited = (key: string) => !key.toLowerCase().startsWith("npm_") && key !== "INIT_CWD" && !key.startsWith("CDKTF_");
  return Object.fromEntries(Object.entries(base).filter(([key]) => inherited(key)));
}

/** Runs a command to its end; a non-zero exit is returned in `code`, not thrown. */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 10 * 60 * 1000): Promise<CommandOutput> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: userEnv(), maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && typeof error.code !== "number" ? `\n${error.message}` : "") });
    });
  });
}

/** Throws with the command's output unless it exited with 0. */
export function expectSuccess(what: string, output: CommandOutput): CommandOutput {
  if (output.code !== 0) {
    throw new Error(`${what} exited with code ${output.code}\n--- stdout\n${output.stdout}\n--- stderr\n${output.stderr}`);
  }
  return output;
}

/**
 * The body of the first fenced code block in `language` that follows the heading `heading` in a
 * markdown text (before the next heading of the same or a higher level).
 *
 * @throws when there is no such heading or block
 */
export function codeBlockUnder(markdown: string, heading: string, language: string): string {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const fence = "```";
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    const depth = /^(#+)\s/.exec(line)?.[1].length;
    if (depth !== undefined && depth <= level) break;
    if (line.trim() === `${fence}${language}`) {
      const indent = line.indexOf(fence);
      const end = lines.findIndex((candidate, j) => j > i && candidate.trim() === fence);
      if (end < 0) throw new Error(`unterminated code block under "${heading}"`);
      return lines.slice(i + 1, end).map((body) => body.slice(indent)).join("\n") + "\n";
    }
  }
  throw new Error(`no ${language} code block under "${heading}"`);
}

/**
 * Words of the first line of a shell code block that starts with `command` (for example `npx ztb check`),
 * after those words; a trailing `# comment` is dropped.
 *
 * @throws when no line starts with `command`
 */
export function commandArguments(shellBlock: string, command: string): string[] {
  const prefix = command.trim().split(/\s+/);
  for (const line of shellBlock.split("\n")) {
    const words = line.replace(/#.*$/, "").trim().split(/\s+/);
    if (prefix.every((word, i) => words[i] === word)) return words.slice(prefix.length);
  }
  throw new Error(`no \`${command} ...\` line`);
}

/**
 * Arguments of every `npm install` line of a shell code block, in order, with the package name
 * `zero-trust-blueprint` replaced by `tarball`.
 *
 * @throws when no line installs `zero-trust-blueprint`
 */
export function installSteps(shellBlock: string, tarball: string): string[][] {
  const steps = shellBlock
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim().split(/\s+/))
    .filter((words) => words[0] === "npm" && words[1] === "install")
    .map((words) => words.slice(1).map((word) => (word === "zero-trust-blueprint" ? tarball : word)));
  if (!steps.some((step) => step.includes(tarball))) throw new Error("no `npm install zero-trust-blueprint ...` line");
  return steps;
}

/**
 * The installs `cdktf init --template=typescript` runs after writing the template (its `.hooks.sscaff.js`):
 * cdktf of the CLI's version with constructs 10, then the newest TypeScript, jest and ts-node.
 */
export const TEMPLATE_INSTALL_STEPS: readonly (readonly string[])[] = [
  ["install", "cdktf@0.21.0", "constructs@10"],
  ["install", "-D", "@types/node", "typescript", "jest", "@types/jest", "ts-jest", "ts-node"],
];

/**
 * Writes a project into `dir` as `cdktf init --template=typescript` writes it, from the cdktf-cli template:
 * package.json, tsconfig.json, cdktf.json, jest.config.js and setup.js; then `main.ts` in place of the
 * template's.
 */
export function writeTemplateProject(dir: string, name: string, mainTs: string): void {
  const template = (file: string) => fs.readFileSync(path.join(CDKTF_TEMPLATE, file), "utf8");
  fs.writeFileSync(path.join(dir, "package.json"), template("package.json").replace("{{ $base }}", name));
  const cdktfJson = template("cdktf.json")
    .replace("{{projectId}}", "00000000-0000-0000-0000-000000000000")
    .replace("{{sendCrashReports}}", "false")
    .replace("{{futureFlags}}", "");
  fs.writeFileSync(path.join(dir, "cdktf.json"), cdktfJson);
  for (const file of ["tsconfig.json", "jest.config.js", "setup.js"]) {
    fs.writeFileSync(path.join(dir, file), template(file));
  }
  fs.writeFileSync(path.join(dir, "main.ts"), mainTs);
}
