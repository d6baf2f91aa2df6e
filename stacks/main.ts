import { App } from "cdktf";
import { PolicyGate, checkSynthOutput } from "../policies/gate";
import { platformConfig } from "./config";
import { KubernetesStack } from "./kubernetes-stack";
import { PlatformStack } from "./platform-stack";

const app = new App();
const platform = new PlatformStack(app, "zt-platform", platformConfig);
// Unsuppressed findings fail the synth; the report below shows suppressed ones with their reasons.
PolicyGate.apply(platform);
if (platform.platform !== undefined && platformConfig.cluster !== undefined) {
  // Applied after zt-platform, once the cluster and Istio's CRDs exist.
  const kubernetes = new KubernetesStack(app, "zt-platform-kubernetes", platform.platform, { kubeconfigContext: platformConfig.cluster.kubeconfigContext });
  PolicyGate.apply(kubernetes);
}
app.synth();

const check = checkSynthOutput(app.outdir, { print: "report" });
if (!check.passed) process.exitCode = 1;
