import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ztb } from "./helpers";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-hints-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("a binary plan file says how to turn it into JSON", async () => {
  const file = path.join(tmp, "tfplan");
  // `terraform plan -out` writes a zip archive: local file header, then the entries.
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00]), Buffer.alloc(64, 7)]));
  const r = await ztb(["check", file]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(`ztb: ${file}: this is a binary plan file; run \`terraform show -json ${file} > plan.json\` and check plan.json\n`);
});

test("paths outside the current folder are printed as given, not as ../../ chains", async () => {
  const file = path.join(tmp, "broken.tf.json");
  fs.writeFileSync(file, "{ not json");
  const r = await ztb(["check", file]);
  expect(r.code).toBe(2);
  expect(r.stderr.startsWith(`ztb: ${file}: malformed JSON`)).toBe(true);
});
