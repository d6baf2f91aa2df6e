import * as fs from "fs";
import * as path from "path";
import { ztb } from "./helpers";

test("docs/rules.md is in sync with the rules (run `npm run rules:docs` to regenerate)", async () => {
  const generated = (await ztb(["rules", "--format", "markdown"])).stdout;
  const file = path.join(__dirname, "..", "..", "..", "docs", "rules.md");
  const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (committed !== generated) {
    throw new Error("docs/rules.md is out of date with the rules: run `npm run build && npm run rules:docs` and commit the result.");
  }
});
