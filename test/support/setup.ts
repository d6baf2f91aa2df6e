import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing, TestingAppConfig } from "cdktf";
import { setupPolicyMatchers } from "../../policies/jest";

setupPolicyMatchers();

// cdktf's Testing.app() makes an output folder under the system temporary folder for every app and never removes
// it. Apps made without an `outdir` get one under a temporary root of this test file, removed when its tests are done.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-test-"));
const testingApp = Testing.app.bind(Testing);
let apps = 0;
Testing.app = (options: TestingAppConfig = {}): App => testingApp({ ...options, outdir: options.outdir ?? path.join(root, `app-${++apps}`) });
// `new App()` without an `outdir` writes to CDKTF_OUTDIR, else to `cdktf.out` of the working directory (the repository).
const outdirVariable = process.env.CDKTF_OUTDIR;
process.env.CDKTF_OUTDIR = path.join(root, "cdktf.out");

afterAll(() => {
  Testing.app = testingApp;
  if (outdirVariable === undefined) delete process.env.CDKTF_OUTDIR;
  else process.env.CDKTF_OUTDIR = outdirVariable;
  fs.rmSync(root, { recursive: true, force: true });
});
