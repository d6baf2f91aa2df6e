import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";

test("apps of Testing.app() write to a temporary root of the test file, not to a folder of their own", () => {
  const first = Testing.app().outdir;
  const second = Testing.app().outdir;
  expect(path.basename(path.dirname(first))).toMatch(/^ztb-test-/);
  expect(path.dirname(second)).toBe(path.dirname(first));
  expect(second).not.toBe(first);
  expect(fs.existsSync(path.dirname(first))).toBe(true);
  const given = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-given-"));
  try {
    expect(Testing.app({ outdir: given }).outdir).toBe(given);
  } finally {
    fs.rmSync(given, { recursive: true, force: true });
  }
});

test("apps made with new App() and no outdir write to the temporary root of the test file, not to cdktf.out of the repository", () => {
  const outdir = new App().outdir;
  expect(path.basename(path.dirname(outdir))).toMatch(/^ztb-test-/);
  expect(path.dirname(outdir)).toBe(path.dirname(Testing.app().outdir));
});
