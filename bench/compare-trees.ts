/**
 * Compares the check of two source trees of this project in one process, on the same input:
 *
 *   node -r ts-node/register/transpile-only bench/compare-trees.ts <treeA> <treeB> [--runs 40] [--file F]
 *
 * A tree is a folder holding `policies/` (e.g. a `git worktree` of another commit, with `node_modules` linked in).
 * Load on a shared machine moves the result of one `npm run bench` by ±20 %, more than most changes are worth; here
 * both trees run in alternation (A B, then B A) in the same process, so they meet the same load, the same heap and the
 * same warm-up, and the medians of many runs can be compared. Generate the input first with `npm run bench`.
 */
import * as fs from "fs";
import * as path from "path";

interface Tree {
  readonly root: string;
  check(file: string): [load: number, evaluate: number, report: number];
  readonly times: { load: number[]; evaluate: number[]; report: number[]; total: number[] };
}

/** The module at `file` of the tree at `root`, whose path is known only at run time (hence `require`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each tree's modules have that tree's own types
function loadModule(root: string, file: string): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an `import` cannot name a path chosen at run time
  return require(path.join(root, file));
}

function loadTree(root: string): Tree {
  const abs = path.resolve(root);
  if (!fs.existsSync(path.join(abs, "policies"))) throw new Error(`${root}: no policies/ folder; pass the root of a tree of this project`);
  // Each tree's modules are loaded from its own files, so the two trees share nothing but the process.
  const { evaluate } = loadModule(abs, "policies/engine/evaluate");
  const { loadInputs } = loadModule(abs, "policies/engine/input");
  const { zeroTrustPack } = loadModule(abs, "policies/packs");
  const { formatReport } = loadModule(abs, "policies/reporters");
  return {
    root,
    times: { load: [], evaluate: [], report: [], total: [] },
    check(file) {
      const t0 = performance.now();
      const model = loadInputs([file]);
      const t1 = performance.now();
      const report = evaluate(model, zeroTrustPack.rules, { pack: zeroTrustPack.name, packVersion: zeroTrustPack.version });
      const t2 = performance.now();
      formatReport(report, "json");
      const t3 = performance.now();
      return [t1 - t0, t2 - t1, t3 - t2];
    },
  };
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main(): void {
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !(i > 0 && all[i - 1].startsWith("--")));
  if (positional.length !== 2) {
    console.error("usage: compare-trees.ts <treeA> <treeB> [--runs 40] [--file bench/out/bench-10000.tf.json]");
    process.exit(2);
  }
  const runs = Number(option("runs") ?? 40);
  const file = option("file") ?? path.join(__dirname, "out", "bench-10000.tf.json");
  if (!fs.existsSync(file)) {
    console.error(`${file}: no such file; run \`npm run bench\` first to generate it`);
    process.exit(2);
  }
  const trees = positional.map(loadTree);
  const parse: number[] = [];
  const warmup = 3;
  for (let i = 0; i < warmup + runs; i++) {
    for (const tree of i % 2 === 0 ? trees : [...trees].reverse()) {
      const p0 = performance.now();
      JSON.parse(fs.readFileSync(file, "utf8"));
      const p = performance.now() - p0;
      const [load, evaluate, report] = tree.check(file);
      if (i < warmup) continue;
      parse.push(p);
      tree.times.load.push(load);
      tree.times.evaluate.push(evaluate);
      tree.times.report.push(report);
      tree.times.total.push(load + evaluate + report);
    }
  }
  const p = median(parse);
  console.log(`input:  ${path.relative(process.cwd(), file)}; ${runs} runs per tree after ${warmup} warm-up runs, medians in ms`);
  console.log(`parse:  ${p.toFixed(1)} (read + JSON.parse)`);
  for (const t of trees) {
    const m = (xs: number[]) => median(xs).toFixed(1);
    console.log(
      `${t.root}: check ${m(t.times.total)} = load ${m(t.times.load)} + evaluate ${m(t.times.evaluate)} + report ${m(t.times.report)}; ${(median(t.times.total) / p).toFixed(2)}x parse`,
    );
  }
}

main();
