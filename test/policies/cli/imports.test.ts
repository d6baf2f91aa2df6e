import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..", "..");

/** Every module reachable from `entry` through static imports/requires: local files and package names. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pattern = /(?:^|[\s;])(?:import|export)\s(?:[^"';]*?\sfrom\s)?["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)/g;
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(pattern)) {
      const spec = m[1] ?? m[2];
      if (/^(import|export)\s+type\s/.test(m[0].trim())) continue;
      if (!spec.startsWith(".")) {
        packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

test("the CLI loads no cdktf, constructs or provider package (fast start)", () => {
  const { files, packages } = importGraph(path.join(ROOT, "policies", "cli", "main.ts"));
  expect(files.size).toBeGreaterThan(10);
  // yaml is required on first use only, when a check meets Kubernetes manifests in YAML (policies/engine/manifests.ts).
  expect([...packages].filter((p) => !["fs", "path", "crypto", "os", "zlib", "yaml"].includes(p))).toEqual([]);
  const relative = [...files].map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
  expect(relative).not.toContain("policies/policy.ts");
  expect(relative).not.toContain("policies/gate.ts");
});
