import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";

test("apps of Testing.app() write to a temporary root of the test file, not to a folder of their own", () => {
  const first = Testing.app().outdir;
  const second = Testing.app().outdir;
  expect(path.basename(path.dirname(first))).toMatch(/^ztb-test-/);
  expect(path.dirname(second)).toBe(path.dirname(first));
  expect(second).not.toBe(first);
  expect(fs.existsSync(path.dirname(first))).toBe(true);
  expect(Testing.app({ outdir: "given" }).outdir).toBe("given");
});
