/**
 * What a platform team waits for as its platform grows: synthesizing a ServicePlatform of 10, 50, 100 and 200 services
 * (about three declared calls per service, see service-scale-platform.ts) as one cold process each, and `ztb check` and
 * `ztb graph` on the 100-service output against a cold process that only reads and parses it.
 *
 *   node -r ts-node/register/transpile-only bench/service-scale.ts [--runs 5] [--cli-runs 9] [--sizes 10,50,100,200]
 *
 * Builds `lib/` first when it is missing or older than a source file, and transpiles the bench app
 * (service-scale-app.ts) to bench/out/service-scale/app/. Each synth run is a fresh `node` running that app, which
 * builds the stack and calls `app.synth()` into bench/out/service-scale/<figure>-<N>/:
 *
 * - **built** (the target's figure): the transpiled app over the built library (`lib/index.js`), as an app that
 *   installed the package runs it;
 * - **built + gate**, at 100 services: the same with `PolicyGate.apply(stack)`, as the example app has;
 * - **ts-node**, at 100 services: `node -r ts-node/register/transpile-only` on the app over this tree's TypeScript
 *   sources, what `cdktf synth` runs with this project's cdktf.json;
 * - **ts-node, lib/**, at 100 services: the same app under ts-node over the built library, as an app that installed
 *   the package and keeps its `main.ts` under ts-node runs it.
 *
 * Wall-clock time is measured around the whole process; peak memory is the process's maximum resident set size, and
 * CPU time its user + system time, from `/usr/bin/time -v` when it is present, otherwise from
 * `process.resourceUsage()` printed by the app at exit. One untimed round first fills the operating system's file
 * cache; then `--runs` rounds go through every size in turn, and medians are reported. Time and memory are fitted
 * against N by least squares. The CLI figures use bench/cli-cold.ts's cold-process timing, alternating parse, check
 * and graph run after run.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { median, timed } from "./cli-cold";
import { callCount, layerSizes, scaleServices } from "./service-scale-platform";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "bench", "out", "service-scale");
const TIME = "/usr/bin/time";
/** The size the targets name. */
const TARGET_SIZE = 100;
/** 1 GB, the memory target, in MiB. */
const GB_IN_MIB = 1e9 / 2 ** 20;

/** How the app process is run. */
type Figure = "built" | "built + gate" | "ts-node" | "ts-node, lib/";
/** The figures printed beside the target's, at 100 services. */
const SIDE_FIGURES: readonly Figure[] = ["built + gate", "ts-node", "ts-node, lib/"];

/** What one synth process cost and wrote. */
interface SynthRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  readonly resources: number;
  readonly mib: number;
}

/** A least-squares line y = slope × N + intercept, with its coefficient of determination. */
interface Fit {
  readonly slope: number;
  readonly intercept: number;
  readonly r2: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Builds lib/ when it is missing or a source file is newer than it. */
function ensureLibrary(): void {
  const built = path.join(ROOT, "lib", "index.js");
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newer(p) : e.name.endsWith(".ts") && fs.statSync(p).mtimeMs > builtAt;
    });
  if (builtAt > 0 && !newer(path.join(ROOT, "constructs")) && !newer(path.join(ROOT, "policies")) && fs.statSync(path.join(ROOT, "index.ts")).mtimeMs <= builtAt) return;
  console.log("building lib/ (npm run build)");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (!fs.existsSync(built)) throw new Error(`could not build lib/ (npm run build exited with ${r.status})`);
}

/** Transpiles the bench app and its platform to JavaScript beside each other; returns the app's path. */
function transpileApp(): string {
  const dir = path.join(OUT, "app");
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ["service-scale-app", "service-scale-platform"]) {
    const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.writeFileSync(path.join(dir, `${name}.js`), outputText);
  }
  return path.join(dir, "service-scale-app.js");
}

/** The node arguments and environment of one synth of `n` services. */
function command(figure: Figure, n: number, outdir: string, app: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const common = ["--services", String(n), "--outdir", outdir];
  const library = { ...process.env, ZTB_BENCH_LIBRARY: path.join(ROOT, "lib", "index.js") };
  const tsNode = ["-r", "ts-node/register/transpile-only", path.join("bench", "service-scale-app.ts"), ...common];
  if (figure === "ts-node") {
    const env = { ...process.env };
    delete env.ZTB_BENCH_LIBRARY;
    return { args: tsNode, env };
  }
  if (figure === "ts-node, lib/") return { args: tsNode, env: library };
  return { args: [app, ...common, ...(figure === "built + gate" ? ["--gate"] : [])], env: library };
}

/** Runs one synth as a fresh process and measures it. */
function synth(figure: Figure, n: number, app: string): SynthRun {
  const outdir = path.join(OUT, `${figure.replace(/[^a-z]+/g, "-").replace(/-$/, "")}-${n}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  const { args, env } = command(figure, n, outdir, app);
  const withTime = fs.existsSync(TIME);
  const [file, argv] = withTime ? [TIME, ["-v", process.execPath, ...args]] : [process.execPath, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`synth of ${n} services (${figure}) exited with ${r.status ?? r.signal}: ${r.stderr}`);
  const usage = withTime ? fromTime(r.stderr) : fromApp(r.stdout);
  const { resources, mib } = outputOf(outdir);
  return { ms, ...usage, resources, mib };
}

/** Peak RSS and CPU time from the report of `/usr/bin/time -v`. */
function fromTime(report: string): { cpuMs: number; rssMiB: number } {
  const field = (label: string): number => {
    const m = new RegExp(`${label}: ([0-9.]+)`).exec(report);
    if (!m) throw new Error(`/usr/bin/time -v printed no "${label}": ${report}`);
    return Number(m[1]);
  };
  return { cpuMs: (field("User time \\(seconds\\)") + field("System time \\(seconds\\)")) * 1000, rssMiB: field("Maximum resident set size \\(kbytes\\)") / 1024 };
}

/** Peak RSS and CPU time from the line the app prints at exit. */
function fromApp(stdout: string): { cpuMs: number; rssMiB: number } {
  const line = stdout.trim().split("\n").pop() ?? "";
  const usage = JSON.parse(line) as { maxRssKiB: number; cpuMicros: number };
  return { cpuMs: usage.cpuMicros / 1000, rssMiB: usage.maxRssKiB / 1024 };
}

/** Resources and data sources in the synthesized stack, and the size of its cdk.tf.json. */
function outputOf(outdir: string): { resources: number; mib: number } {
  const file = stackFile(outdir);
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, object>; data?: Record<string, object> };
  const count = (blocks: Record<string, object> = {}) => Object.values(blocks).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  return { resources: count(json.resource) + count(json.data), mib: fs.statSync(file).size / 2 ** 20 };
}

function stackFile(outdir: string): string {
  return path.join(outdir, "stacks", "platform", "cdk.tf.json");
}

/** The least-squares line through `points` ([N, y]). */
function fit(points: readonly (readonly [number, number])[]): Fit {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssRes = points.reduce((s, [x, y]) => s + (y - (slope * x + intercept)) ** 2, 0);
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/**
 * Growth is at most linear when the cost per service from the second-largest size to the largest is at most 1.5× the
 * cost per service from the smallest size to the second-largest: a quadratic cost is 2.7× there over 10, 100 and 200
 * services, a linear one 1×, one that flattens as code warms up less.
 */
function isLinear(points: readonly (readonly [number, number])[]): boolean {
  const step = (a: readonly [number, number], b: readonly [number, number]) => (b[1] - a[1]) / (b[0] - a[0]);
  const [first, before, last] = [points[0], points[points.length - 2], points[points.length - 1]];
  return points.length < 3 || step(before, last) <= 1.5 * step(first, before);
}

function verdict(met: boolean): string {
  return met ? "met" : "NOT met";
}

/** Medians of each size's runs. */
function medians(runs: readonly SynthRun[]): SynthRun {
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssMiB: median(runs.map((r) => r.rssMiB)),
    resources: runs[0].resources,
    mib: runs[0].mib,
  };
}

function spread(xs: readonly number[]): string {
  return `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
}

/** Synthesizes every size `runs` times (and the 100-service side figures); returns the runs by figure and size. */
function measureSynth(sizes: readonly number[], runs: number, app: string): Map<string, SynthRun[]> {
  const all = new Map<string, SynthRun[]>();
  const record = (figure: Figure, n: number) => {
    const key = `${figure}/${n}`;
    const run = synth(figure, n, app);
    const earlier = all.get(key) ?? [];
    if (earlier.length > 0 && earlier[0].resources !== run.resources) throw new Error(`${key}: ${run.resources} resources, ${earlier[0].resources} before`);
    all.set(key, [...earlier, run]);
  };
  // Untimed: the file cache then holds Node.js, the library and the sources for every timed run.
  synth("built", sizes[0], app);
  synth("ts-node", sizes[0], app);
  for (let i = 0; i < runs; i++) {
    for (const n of sizes) record("built", n);
    if (sizes.includes(TARGET_SIZE)) SIDE_FIGURES.forEach((figure) => record(figure, TARGET_SIZE));
    process.stderr.write(`synth round ${i + 1} of ${runs} done\n`);
  }
  return all;
}

function printSynth(sizes: readonly number[], all: Map<string, SynthRun[]>): void {
  console.log("\nsynth, one cold process per run, medians (wall-clock range):");
  console.log("services  calls  resources  cdk.tf.json  wall ms (range)        CPU ms   peak RSS MiB  figure");
  const row = (figure: Figure, n: number) => {
    const runs = all.get(`${figure}/${n}`)!;
    const m = medians(runs);
    console.log(
      `${String(n).padStart(8)}  ${String(callCount(scaleServices(n))).padStart(5)}  ${String(m.resources).padStart(9)}  ${`${m.mib.toFixed(1)} MiB`.padStart(11)}  ` +
        `${`${m.ms.toFixed(0)} (${spread(runs.map((r) => r.ms))})`.padEnd(21)}  ${m.cpuMs.toFixed(0).padStart(6)}  ${m.rssMiB.toFixed(0).padStart(12)}  ${figure}`,
    );
  };
  for (const n of sizes) row("built", n);
  if (sizes.includes(TARGET_SIZE)) SIDE_FIGURES.forEach((figure) => row(figure, TARGET_SIZE));

  const points = (pick: (r: SynthRun) => number) => sizes.map((n) => [n, pick(medians(all.get(`built/${n}`)!))] as const);
  console.log("\ngrowth of the built figure, least squares over the sizes' medians:");
  const lines: [string, string, (r: SynthRun) => number][] = [
    ["wall time", "ms", (r) => r.ms],
    ["CPU time", "ms", (r) => r.cpuMs],
    ["peak RSS", "MiB", (r) => r.rssMiB],
  ];
  for (const [what, unit, pick] of lines) {
    const p = points(pick);
    const line = fit(p);
    const steps = p.slice(1).map(([n, y], i) => `${p[i][0]}→${n}: ${((y - p[i][1]) / (n - p[i][0])).toFixed(2)}`);
    const ratio = sizes.includes(200) && sizes.includes(100) ? ` ratio 200/100 ${(p[sizes.indexOf(200)][1] / p[sizes.indexOf(100)][1]).toFixed(2)};` : "";
    console.log(
      `${what.padEnd(9)}  ${line.slope.toFixed(2)} ${unit}/service + ${line.intercept.toFixed(0)} ${unit}, R² ${line.r2.toFixed(3)};${ratio} per service by step ${steps.join(", ")}: at most linear: ${verdict(isLinear(p))}`,
    );
  }

  if (!sizes.includes(TARGET_SIZE)) return;
  const target = medians(all.get(`built/${TARGET_SIZE}`)!);
  console.log("\ntargets, on the built figure (the whole cold process):");
  console.log(`100 services in under 5 s:  ${verdict(target.ms < 5000)} (${(target.ms / 1000).toFixed(2)} s wall; CPU ${(target.cpuMs / 1000).toFixed(2)} s)`);
  console.log(`100 services under 1 GB:    ${verdict(target.rssMiB < GB_IN_MIB)} (${target.rssMiB.toFixed(0)} MiB peak RSS)`);
  console.log(`linear growth:              time ${verdict(isLinear(points((r) => r.ms)))}, memory ${verdict(isLinear(points((r) => r.rssMiB)))}`);
}

/** Whether the built CLI has the `graph` command. */
function hasGraph(): boolean {
  const r = spawnSync(process.execPath, ["bin/ztb.js", "--help"], { cwd: ROOT, encoding: "utf8" });
  return /ztb graph/.test(r.stdout);
}

/** `ztb check` and `ztb graph` on `file` as cold processes, against a cold read + JSON.parse of it. */
function measureCli(file: string, runs: number): void {
  const graph = hasGraph();
  const parseOnly = ["-e", `JSON.parse(require("fs").readFileSync(${JSON.stringify(file)}, "utf8"))`];
  const check = ["bin/ztb.js", "check", file, "--format", "json", "--output", "/dev/null"];
  const draw = ["bin/ztb.js", "graph", file, "--format", "json", "--output", "/dev/null"];
  const times = { start: [] as number[], parse: [] as number[], check: [] as number[], graph: [] as number[] };
  timed(parseOnly, [0]);
  timed(check, [0, 1]);
  if (graph) timed(draw, [0]);
  for (let i = 0; i < runs; i++) {
    times.start.push(timed(["-e", "0"], [0]));
    times.parse.push(timed(parseOnly, [0]));
    times.check.push(timed(check, [0, 1]));
    if (graph) times.graph.push(timed(draw, [0]));
  }
  const s = median(times.start);
  const p = median(times.parse);
  console.log(`\nCLI on the ${TARGET_SIZE}-service output (${path.relative(ROOT, file)}), ${runs} runs of each, cold processes, medians (range):`);
  console.log(`start:  ${s.toFixed(0)} ms (${spread(times.start)})   node -e 0`);
  console.log(`parse:  ${p.toFixed(0)} ms (${spread(times.parse)})   read + JSON.parse`);
  const against = (name: string, xs: number[], command: string) => {
    const c = median(xs);
    console.log(`${`${name}:`.padEnd(7)} ${c.toFixed(0)} ms (${spread(xs)})   ${command}`);
    console.log(`        within 3x the parse process: ${verdict(c <= 3 * p)} (${(c / p).toFixed(2)}x); without Node.js's start ${(c - s).toFixed(0)} ms vs ${(p - s).toFixed(0)} ms: ${((c - s) / (p - s)).toFixed(2)}x`);
  };
  against("check", times.check, "ztb check --format json --output /dev/null");
  if (graph) against("graph", times.graph, "ztb graph --format json --output /dev/null");
  else console.log("graph:  not measured: the built CLI has no `ztb graph` command");
}

function main(): void {
  const runs = Number(option("runs", "5"));
  const cliRuns = Number(option("cli-runs", "9"));
  const sizes = option("sizes", "10,50,100,200").split(",").map(Number);
  if (!(runs >= 1) || !(cliRuns >= 1)) throw new Error("--runs and --cli-runs must be 1 or more");
  sizes.forEach(layerSizes);
  if (sizes.length < 2) throw new Error("--sizes needs at least two sizes to fit a line");
  const began = Date.now();
  ensureLibrary();
  const app = transpileApp();
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`machine:  ${cpu}, ${os.cpus().length} cores (nproc), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`memory:   peak RSS from ${fs.existsSync(TIME) ? `${TIME} -v` : "process.resourceUsage().maxRSS printed by the app"}`);
  console.log(`platform: ${sizes.map((n) => `${n} services (${Object.values(layerSizes(n)).join("/")} edge/mid/data, ${callCount(scaleServices(n))} calls)`).join("; ")}`);
  const all = measureSynth(sizes, runs, app);
  printSynth(sizes, all);
  if (sizes.includes(TARGET_SIZE)) measureCli(stackFile(path.join(OUT, `built-${TARGET_SIZE}`)), cliRuns);
  console.log(`\nload at the end ${os.loadavg()[0].toFixed(1)}; bench took ${((Date.now() - began) / 1000).toFixed(0)} s`);
}

main();
