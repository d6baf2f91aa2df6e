import { evaluate } from "../engine/evaluate";
import { InputError } from "../engine/input";
import { Report, Severity, SEVERITIES } from "../engine/types";
import type { Pack } from "../packs";
import { withLocations } from "../engine/locations";
import { Verdict, verdictBasis, verdictOf } from "../engine/verdict";
import { isSeverity, summaryLine } from "../reporters/summary";
import { formatReport, REPORT_FORMATS, ReportFormat } from "../reporters/index";
import { toolVersion } from "../reporters/version";
import { rulesDetail, rulesJson, rulesMarkdown, rulesText } from "./rules-doc";
import { matchRules, selectRules, UsageError } from "../engine/select";
import { splitIds } from "./select";
import { OptionSpec, parseArgs, Parsed, single } from "./args";
import { loadCommandInputs } from "./inputs";
import { writeFileAtomic } from "./output-file";

export { writeFileAtomic } from "./output-file";

/** Where the CLI writes. Defaults to the process streams. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  /** Whether stdout is a terminal (colors are used only then, and only without NO_COLOR). */
  readonly isTTY?: boolean;
  /** Environment consulted for NO_COLOR. Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const DEFAULT_PACK = "zero-trust";

export const HELP = `ztb: zero-trust policy checks for CDK for Terraform and Terraform plans

Usage:
  ztb check <path...> [options]   check synthesized stacks or plans
  ztb rules [ID...] [options]      list the rules, or describe the given ones in full
  ztb graph <path...> [options]   draw the flows the configuration allows
  ztb --help | --version

Inputs (auto-detected): a cdktf.out folder (every stack in manifest.json), a folder
with cdk.tf.json or *.tf.json files, a Terraform JSON file, \`terraform show -json\` plan output,
or Kubernetes YAML (a .yaml/.yml file, or a folder of them without Terraform files).

check options:
  -f, --format text|json|sarif|junit|markdown
                                       report format (default text)
  -o, --output FILE                    write the report to FILE instead of stdout (- for
                                       stdout); a link is followed, a device written in place,
                                       and a file the check reads is never overwritten
      --fail-on critical|high|medium|low
                                       exit 1 when an unsuppressed finding is at or above
                                       this severity (default low)
      --fail-on-unknown                also exit 1 for unsuppressed results that cannot be
                                       decided before apply, at or above that severity
      --allow-empty                    let inputs without a managed resource pass (exit 0);
                                       without it they are an input error (exit 2), as is a
                                       plan that only deletes or forgets resources
      --pack NAME                      rule pack (default ${DEFAULT_PACK})
      --only IDS                       run only these rules (comma separated, * wildcards)
      --skip IDS                       do not run these rules
      --suppressions FILE              suppressions for plans and plain Terraform JSON:
                                       {"suppressions":[{"address","id","reason","expires"}]}
                                       or a cdk.tf.json carrying them
      --no-color                       no ANSI colors in text output

rules options:
  -f, --format text|json|markdown      (default text)
  -o, --output FILE
      --pack NAME

graph options (the allowed flows, rebuilt from the same inputs without the declaration;
exit 0 once drawn):
  -f, --format mermaid|dot|json        Mermaid flowchart (default), Graphviz DOT, or JSON
  -o, --output FILE                    as for check: never an input, never half-written
      --allow-empty                    draw inputs without a managed resource (exit 0)

Exit codes: 0 no blocking finding, 1 blocking findings, 2 usage or input error.
`;

const CHECK_OPTIONS: Record<string, OptionSpec> = {
  format: { value: true },
  output: { value: true },
  "fail-on": { value: true },
  "fail-on-unknown": { value: false },
  "allow-empty": { value: false },
  pack: { value: true },
  only: { value: true, repeat: true },
  skip: { value: true, repeat: true },
  suppressions: { value: true },
  "no-color": { value: false },
};

const RULES_OPTIONS: Record<string, OptionSpec> = {
  format: { value: true },
  output: { value: true },
  pack: { value: true },
};

/**
 * The pack `--pack` names. Packs (every rule's code) load only for the commands that run rules: `ztb graph` and
 * `--version` start without them.
 */
async function packOption(p: Parsed): Promise<Pack> {
  const name = single(p, "pack") ?? DEFAULT_PACK;
  const { packByName } = await import("../packs");
  try {
    return packByName(name);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

interface CheckRun {
  readonly report: Report;
  readonly verdict: Verdict;
}

async function check(args: readonly string[], io: CliIo, color: boolean): Promise<number> {
  const p = parseArgs(args, CHECK_OPTIONS, "check");
  const format = single(p, "format") ?? "text";
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" for ztb check; use one of ${REPORT_FORMATS.join(", ")}`);
  }
  const failOn = single(p, "fail-on") ?? "low";
  if (!isSeverity(failOn)) throw new UsageError(`unknown severity "${failOn}" for --fail-on; use one of ${SEVERITIES.join(", ")}`);
  const pack = await packOption(p);
  const rules = selectRules(pack.rules, {
    only: p.options.has("only") ? splitIds(p.options.get("only") ?? []) : undefined,
    skip: p.options.has("skip") ? splitIds(p.options.get("skip") ?? []) : undefined,
  });
  if (p.positional.length === 0) throw new UsageError("check needs at least one path (a cdktf.out folder, cdk.tf.json, *.tf.json or plan JSON)");
  const { model, filesRead } = loadCommandInputs(p.positional, { suppressionsFile: single(p, "suppressions"), allowEmpty: p.options.has("allow-empty") });
  const run = runCheck(model, pack, rules, failOn, p.options.has("fail-on-unknown"));
  const output = single(p, "output");
  const toStdout = output === undefined || output === "-";
  const useColor = color && !p.options.has("no-color") && toStdout;
  // The formats people and code scanning read point each finding at its resource's line (a second read and scan of
  // each file with findings); JSON and JUnit, read by tools, skip that cost.
  const report = format === "text" || format === "sarif" || format === "markdown" ? withLocations(run.report) : run.report;
  const rendered = formatReport(report, format as ReportFormat, { color: useColor, verdict: run.verdict });
  if (!toStdout) {
    writeFileAtomic(output, rendered, filesRead);
    const basis = verdictBasis(run.verdict);
    io.stdout.write(`${run.verdict.word}: ${summaryLine(run.report)}${basis !== undefined ? ` (${basis})` : ""}\nreport written to ${output}\n`);
  } else {
    io.stdout.write(rendered);
  }
  return run.verdict.passed ? EXIT_OK : EXIT_FINDINGS;
}

function runCheck(model: Parameters<typeof evaluate>[0], pack: Pack, rules: Parameters<typeof evaluate>[1], failOn: Severity, failOnUnknown: boolean): CheckRun {
  const report = evaluate(model, rules, { pack: pack.name, packVersion: pack.version });
  return { report, verdict: verdictOf(report, { failOn, failOnUnknown }) };
}

async function rulesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, RULES_OPTIONS, "rules");
  const format = single(p, "format") ?? "text";
  const pack = await packOption(p);
  // A finding id from a report (`ZT-NET-001[Ingress::0.0.0.0/0:22]`) names its rule.
  const ids = splitIds(p.positional).map((id) => id.replace(/\[.*\]$/, ""));
  const chosen = ids.length > 0 ? matchRules(pack.rules, ids, "ztb rules") : undefined;
  const rules = chosen === undefined ? pack.rules : pack.rules.filter((r) => chosen.has(r.id));
  const catalog = { pack: pack.name, version: pack.version, description: pack.description, rules };
  let out: string;
  if (format === "text") out = chosen === undefined ? rulesText(catalog) : rulesDetail(catalog);
  else if (format === "json") out = rulesJson(catalog);
  else if (format === "markdown" || format === "md") out = rulesMarkdown(catalog);
  else throw new UsageError(`unknown format "${format}" for ztb rules; use one of text, json, markdown`);
  const output = single(p, "output");
  if (output !== undefined && output !== "-") {
    writeFileAtomic(output, out);
    io.stdout.write(`${rules.length} rules written to ${output}\n`);
  } else io.stdout.write(out);
  return EXIT_OK;
}

/**
 * Runs the `ztb` command line. Returns the exit code: 0 when no unsuppressed finding reaches `--fail-on`,
 * 1 when one does, 2 for a usage or input error (reported as one `ztb: ...` line on stderr).
 */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  if (io === undefined) ignoreClosedPipe();
  const streams: CliIo = io ?? { stdout: process.stdout, stderr: process.stderr, isTTY: process.stdout.isTTY === true };
  const env = streams.env ?? process.env;
  const color = streams.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError("no command given; use ztb check <path...>, ztb graph <path...> or ztb rules (see ztb --help)");
    if (command === "--help" || command === "-h" || command === "help") {
      streams.stdout.write(HELP);
      return EXIT_OK;
    }
    if (command === "--version" || command === "-V" || command === "version") {
      streams.stdout.write(`${toolVersion()}\n`);
      return EXIT_OK;
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      streams.stdout.write(HELP);
      return EXIT_OK;
    }
    if (command === "check") return await check(rest, streams, color);
    if (command === "rules") return await rulesCommand(rest, streams);
    if (command === "graph") return (await import("./graph")).graphCommand(rest, streams);
    throw new UsageError(`unknown command "${command}"; use check, rules or graph (see ztb --help)`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      streams.stderr.write(`ztb: ${oneLine(e.message)}\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    streams.stderr.write(`ztb: internal error: ${oneLine(err?.message ?? String(e))}\n`);
    return EXIT_USAGE;
  }
}

let pipeGuard = false;

/** `ztb check ... | head` closes stdout early: stop quietly instead of crashing with EPIPE. */
function ignoreClosedPipe(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
