import { App } from "cdktf";
import { PolicyGate, checkSynthOutput } from "../policies/gate";
import { platformConfig } from "./config";
import { PlatformStack } from "./platform-stack";

const app = new App();
const platform = new PlatformStack(app, "zt-platform", platformConfig);
// Unsuppressed findings fail the synth; the report below shows suppressed ones with their reasons.
PolicyGate.apply(platform);
app.synth();

const check = checkSynthOutput(app.outdir, { print: "report" });
if (!check.passed) process.exitCode = 1;
