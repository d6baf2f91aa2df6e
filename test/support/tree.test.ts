import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { leftBehind, leftBehindMessage, topLevelEntries } from "./tree";

describe("entries a test run leaves in the repository", () => {
  it("are the top-level names that were not there before, whatever they hold, except the build output", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-tree-"));
    try {
      fs.writeFileSync(path.join(root, "package.json"), "{}");
      const before = topLevelEntries(root);
      fs.mkdirSync(path.join(root, "given", "stacks"), { recursive: true });
      fs.writeFileSync(path.join(root, "report.sarif"), "");
      fs.mkdirSync(path.join(root, "lib"));
      expect(leftBehind(before, topLevelEntries(root))).toEqual(["given", "report.sarif"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("are named with their full path, and nothing is reported when there are none", () => {
    expect(leftBehindMessage(["given"], "/repo")).toMatch(/left this entry in the repository.*\n {2}\/repo\/given$/);
    expect(leftBehindMessage([], "/repo")).toBeUndefined();
  });
});
