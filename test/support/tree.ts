import * as fs from "fs";
import * as path from "path";

/** Root of the repository. */
export const REPO_ROOT = path.join(__dirname, "..", "..");

/** Output of the package's own build (`npm run build`, which `npm pack` runs in the consumer test). */
export const BUILD_OUTPUT = "lib";

/**
 * Names in the top folder of the repository, except the build output. A test that writes to a relative
 * path (a cdktf `App` without an `outdir`, an output file named without a folder) writes there, since jest
 * runs in the repository root.
 */
export function topLevelEntries(root: string = REPO_ROOT): string[] {
  return fs.readdirSync(root).filter((entry) => entry !== BUILD_OUTPUT).sort();
}

/** Entries of `after` that are not in `before`. */
export function leftBehind(before: readonly string[], after: readonly string[]): string[] {
  const known = new Set(before);
  return after.filter((entry) => !known.has(entry));
}

/** Message for entries a test run left in the repository, or undefined when there are none. */
export function leftBehindMessage(entries: readonly string[], root: string = REPO_ROOT): string | undefined {
  if (entries.length === 0) return undefined;
  const list = entries.map((entry) => `  ${path.join(root, entry)}`).join("\n");
  return `The test run left ${entries.length === 1 ? "this entry" : "these entries"} in the repository; write to a temporary folder instead:\n${list}`;
}
