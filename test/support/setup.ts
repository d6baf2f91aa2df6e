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

afterAll(() => {
  Testing.app = testingApp;
  fs.rmSync(root, { recursive: true, force: true });
});
