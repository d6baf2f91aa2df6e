import * as fs from "fs";
import * as path from "path";

let cached: string | undefined;

/** Version of the zero-trust-blueprint package this code belongs to. */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  cached = "0.0.0";
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    try {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "zero-trust-blueprint" && typeof pkg.version === "string") {
        cached = pkg.version;
        break;
      }
    } catch {
      // No package.json at this level.
    }
    if (path.dirname(dir) === dir) break;
  }
  return cached;
}
