import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixture, ztb } from "./helpers";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-output-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of a fixture in the temporary folder, so that a test may try to overwrite it. */
function copy(...parts: string[]): string {
  const file = path.join(tmp, parts[parts.length - 1]);
  fs.copyFileSync(fixture(...parts), file);
  return file;
}

describe("ztb check --output does not destroy what it does not own", () => {
  test("/dev/null stays a character device", async () => {
    for (const argv of [["check", fixture("clean"), "-o", "/dev/null"], ["rules", "-o", "/dev/null"]]) {
      const r = await ztb(argv);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      expect(fs.lstatSync("/dev/null").isCharacterDevice()).toBe(true);
    }
  });
  test("/dev/full is a clear exit 2 (ENOSPC) and leaves no file anywhere", async () => {
    const before = fs.readdirSync("/dev").sort();
    const cwd = fs.readdirSync(process.cwd()).sort();
    const r = await ztb(["check", fixture("clean"), "-o", "/dev/full"]);
    expect(r).toMatchObject({ code: 2, stdout: "", stderr: "ztb: cannot write /dev/full: no space left on the device\n" });
    expect(fs.lstatSync("/dev/full").isCharacterDevice()).toBe(true);
    expect(fs.readdirSync("/dev").sort()).toEqual(before);
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(cwd);
  });
  test("a symbolic link stays a link, and its target gets the report (atomically, next to the target)", async () => {
    fs.mkdirSync(path.join(tmp, "real"));
    const target = path.join(tmp, "real", "report.json");
    fs.writeFileSync(target, "previous", { mode: 0o640 });
    fs.chmodSync(target, 0o640);
    const link = path.join(tmp, "link.json");
    fs.symlinkSync(path.join("real", "report.json"), link);
    const chain = path.join(tmp, "chain.json");
    fs.symlinkSync(link, chain);
    const r = await ztb(["check", fixture("clean"), "-f", "json", "-o", chain]);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(chain).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(target, "utf8")).summary.resources).toBe(1);
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.join(tmp, "real"))).toEqual(["report.json"]);
  });
  test("a dangling link creates its target", async () => {
    const link = path.join(tmp, "link.json");
    fs.symlinkSync("made.json", link);
    expect((await ztb(["check", fixture("clean"), "-o", link])).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(tmp, "made.json"), "utf8")).toMatch(/PASSED/);
  });
  describe("an input of the check is refused (exit 2) and left unchanged", () => {
    const refused = async (argv: string[], input: string) => {
      const before = fs.readFileSync(input, "utf8");
      const r = await ztb(argv);
      expect(r).toMatchObject({ code: 2, stdout: "" });
      expect(r.stderr).toMatch(/^ztb: refusing to write the report to .+: it is .+, an input of this check\n$/);
      expect(fs.readFileSync(input, "utf8")).toBe(before);
    };
    test("the checked file itself, by another name, through a link or a hard link", async () => {
      const input = copy("clean", "cdk.tf.json");
      await refused(["check", input, "-o", input], input);
      await refused(["check", input, "-o", path.join(tmp, ".", "..", path.basename(tmp), "cdk.tf.json")], input);
      fs.symlinkSync(input, path.join(tmp, "alias.json"));
      await refused(["check", input, "-o", path.join(tmp, "alias.json")], input);
      fs.linkSync(input, path.join(tmp, "hard.json"));
      await refused(["check", input, "-o", path.join(tmp, "hard.json")], input);
    });
    test("a file read from an input folder, the manifest of a cdktf.out, the suppressions file", async () => {
      const input = copy("clean", "cdk.tf.json");
      await refused(["check", tmp, "-o", input], input);
      const out = path.join(tmp, "out");
      fs.cpSync(fixture("cdktf.out"), out, { recursive: true });
      await refused(["check", out, "-o", path.join(out, "manifest.json")], path.join(out, "manifest.json"));
      await refused(["check", out, "-o", path.join(out, "stacks", "web", "cdk.tf.json")], path.join(out, "stacks", "web", "cdk.tf.json"));
      const suppressions = copy("suppressions.json");
      await refused(["check", fixture("plan.json"), "--suppressions", suppressions, "-o", suppressions], suppressions);
    });
  });
  test("-o - writes the report to standard output", async () => {
    const r = await ztb(["check", fixture("clean"), "-f", "json", "-o", "-"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.resources).toBe(1);
    expect(fs.existsSync("-")).toBe(false);
    const rules = await ztb(["rules", "--output=-", "-f", "json"]);
    expect(JSON.parse(rules.stdout).rules.length).toBeGreaterThan(100);
    expect(fs.existsSync("-")).toBe(false);
  });
});
