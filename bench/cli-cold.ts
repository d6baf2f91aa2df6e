/**
 * What a user waits for: `ztb check` as one cold process, against a cold process that only reads and parses the same
 * file.
 *
 *   node -r ts-node/register/transpile-only bench/cli-cold.ts [--resources 10000] [--runs 9]
 *
 * Uses the configuration `npm run bench` writes to bench/out/ (generated first when it is missing) and the built CLI
 * (bin/ztb.js over lib/, built first when it is missing). Each run starts a fresh `node` for each of:
 *
 * - **start**: `node -e 0`, the cost of starting Node.js at all;
 * - **parse**: `node -e` reading the file and calling `JSON.parse` on it;
 * - **check**: `node bin/ztb.js check FILE --format json --output /dev/null` (the whole check, report written).
 *
 * The three alternate, run after run, so load on the machine falls on all of them. The target (a check within 3x a
 * parse) is judged on the whole processes' medians; the figures without Node.js's start are printed beside it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Wall-clock milliseconds of one process; throws when it exits with a code not in `codes`. */
export function timed(args: readonly string[], codes: readonly number[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status === null || !codes.includes(r.status)) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return ms;
}

/** The median of `xs`. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main(): void {
  const resources = arg("resources", 10000);
  const runs = arg("runs", 9);
  if (!(runs >= 1)) throw new Error("--runs must be 1 or more");
  const file = path.join(ROOT, "bench", "out", `bench-${resources}.tf.json`);
  if (!fs.existsSync(file)) {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "bench/check-speed.ts", "--resources", String(resources), "--warmup", "0", "--runs", "1"], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("could not generate the bench configuration");
  }
  if (!fs.existsSync(path.join(ROOT, "lib", "policies", "cli", "main.js"))) {
    const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("could not build lib/");
  }
  const parseOnly = `JSON.parse(require("fs").readFileSync(${JSON.stringify(file)}, "utf8"))`;
  const start: number[] = [];
  const parse: number[] = [];
  const check: number[] = [];
  // One untimed round first: the operating system's file cache then holds the input and Node.js for every timed run.
  timed(["-e", parseOnly], [0]);
  timed(["bin/ztb.js", "check", file, "--format", "json", "--output", "/dev/null"], [0, 1]);
  for (let i = 0; i < runs; i++) {
    start.push(timed(["-e", "0"], [0]));
    parse.push(timed(["-e", parseOnly], [0]));
    check.push(timed(["bin/ztb.js", "check", file, "--format", "json", "--output", "/dev/null"], [0, 1]));
  }
  const s = median(start);
  const p = median(parse);
  const c = median(check);
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`machine:   ${cpu}, ${os.cpus().length} cores, node ${process.version}`);
  console.log(`input:     ${path.relative(ROOT, file)} (${resources} resources, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB)`);
  console.log(`runs:      ${runs} of each, cold processes, medians (min–max):`);
  const spread = (xs: readonly number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log(`start:     ${s.toFixed(0)} ms (${spread(start)})   node -e 0`);
  console.log(`parse:     ${p.toFixed(0)} ms (${spread(parse)})   read + JSON.parse`);
  console.log(`check:     ${c.toFixed(0)} ms (${spread(check)})   ztb check --format json --output /dev/null`);
  console.log(`target:    whole check process <= 3x whole parse process: ${c <= 3 * p ? "met" : "not met"} (${(c / p).toFixed(2)}x)`);
  console.log(`beside it: without Node.js's start, check ${(c - s).toFixed(0)} ms vs parse ${(p - s).toFixed(0)} ms: ${((c - s) / (p - s)).toFixed(2)}x`);
}

// Run as a script; bench/service-scale.ts imports the helpers above.
if (require.main === module) main();
