/**
 * The app the service-scale bench runs as a fresh process: one stack holding the AWS provider, a SegmentedNetwork with
 * a public tier and NAT in three availability zones, and a ServicePlatform of `--services N` services (see
 * service-scale-platform.ts); `app.synth()` writes it to `--outdir DIR`. With `--gate` the stack also gets the policy
 * gate (`PolicyGate.apply(stack)`), as the example app has.
 *
 *   node -r ts-node/register/transpile-only bench/service-scale-app.ts --services 100 --outdir DIR [--gate]
 *
 * The library is the one at the path in `ZTB_BENCH_LIBRARY` (bench/service-scale.ts sets it to the built `lib/index.js`
 * and runs a transpiled copy of this file), otherwise this tree's TypeScript sources. At exit the process prints one
 * line of JSON: its peak resident set size and the CPU time it used, as Node.js reports them.
 */
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type * as Library from "../index";
import { SCALE_ACCOUNT as ACCOUNT, SCALE_REGION as REGION, scaleServices } from "./service-scale-platform";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the library's path (built or source) is chosen at run time
const ztb = require(process.env.ZTB_BENCH_LIBRARY ?? "../index") as typeof Library;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const services = Number(option("services"));
  const outdir = option("outdir");
  if (!Number.isInteger(services) || outdir === undefined) throw new Error("usage: service-scale-app --services N --outdir DIR [--gate]");
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "platform");
  new LocalBackend(stack, { path: "terraform.platform.tfstate" });
  new AwsProvider(stack, "aws", { region: REGION, allowedAccountIds: [ACCOUNT], defaultTags: [{ tags: { "managed-by": "zero-trust-blueprint" } }] });
  ztb.StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  const network = new ztb.SegmentedNetwork(stack, "network", {
    name: "scale",
    cidr: "10.20.0.0/16",
    availabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
    tiers: { public: { enabled: true } },
    natGateways: "perAz",
  });
  new ztb.ServicePlatform(stack, "services", {
    network,
    adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/platform-deployer`],
    services: scaleServices(services),
  });
  if (process.argv.includes("--gate")) ztb.PolicyGate.apply(stack);
  app.synth();
  const usage = process.resourceUsage();
  process.stdout.write(`${JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime })}\n`);
}

main();
