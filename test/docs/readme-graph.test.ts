import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { graphText } from "../../policies/cli/graph";
import { platformConfig } from "../../stacks/config";
import { KubernetesStack } from "../../stacks/kubernetes-stack";
import { PlatformStack } from "../../stacks/platform-stack";
import { tempFolder } from "../support/temp-folder";

const README = path.join(__dirname, "..", "..", "README.md");
const START = /<!-- ztb-graph:start[^>]*-->\n/;
const END = "<!-- ztb-graph:end -->";

/** The README's picture: the Mermaid block between the markers. */
function readmePicture(text: string): { before: string; picture: string; after: string } {
  const start = START.exec(text);
  const end = text.indexOf(END);
  if (!start || end < 0) throw new Error("README.md has no ztb-graph markers");
  const from = start.index + start[0].length;
  return { before: text.slice(0, from), picture: text.slice(from, end), after: text.slice(end) };
}

describe("README service graph", () => {
  const out = tempFolder("ztb-readme-graph-", "file");

  it("is the Mermaid picture `ztb graph` draws for the example platform (UPDATE_README=1 npx jest test/docs/readme-graph.test.ts rewrites it)", () => {
    const app = new App({ outdir: out.path });
    const platform = new PlatformStack(app, "zt-platform", platformConfig);
    new KubernetesStack(app, "zt-platform-kubernetes", platform.platform!, { kubeconfigContext: platformConfig.cluster!.kubeconfigContext });
    app.synth();
    const drawn = "```mermaid\n" + graphText([out.path], "mermaid") + "```\n";
    const text = fs.readFileSync(README, "utf8");
    const parts = readmePicture(text);
    if (process.env.UPDATE_README === "1" && parts.picture !== drawn) {
      fs.writeFileSync(README, parts.before + drawn + parts.after);
      return;
    }
    expect(parts.picture).toBe(drawn);
  });
});
