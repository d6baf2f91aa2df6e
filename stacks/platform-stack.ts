import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StackEnvironment } from "../constructs/core";
import { SegmentedNetwork } from "../constructs/network";
import { PlatformConfig } from "./config";
import { ServicePlatform } from "../constructs/service";

/** Options of a {@link PlatformStack}. */
export interface PlatformStackOptions {
  /**
   * Whether to configure a local state backend at `terraform.<stack id>.tfstate`.
   * Turn it off to add another backend to the stack.
   *
   * @default true
   */
  readonly localBackend?: boolean;
}

/** The example platform: an AWS provider, the stack's environment, a three-tier SegmentedNetwork with NAT, and the declared services. */
export class PlatformStack extends TerraformStack {
  /** The platform network. */
  public readonly network: SegmentedNetwork;
  /** The platform's services: identities, secrets, hosts and the declared calls between them (undefined when the config has none). */
  public readonly platform?: ServicePlatform;

  constructor(scope: Construct, id: string, config: PlatformConfig, options: PlatformStackOptions = {}) {
    super(scope, id);
    if (options.localBackend ?? true) {
      new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    }
    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...(config.defaultTags ?? {}), "managed-by": "zero-trust-blueprint" } }],
    });
    StackEnvironment.set(this, { accountId: config.accountId, region: config.region });
    this.network = new SegmentedNetwork(this, "network", {
      name: config.name,
      cidr: config.cidr,
      availabilityZones: config.availabilityZones,
      tiers: { public: { enabled: true } },
      natGateways: config.natGateways,
    });
    if (config.services) {
      this.platform = new ServicePlatform(this, "services", { network: this.network, ...config.services });
    }
  }
}
