import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StackEnvironment } from "../constructs/core";
import { SegmentedNetwork } from "../constructs/network";
import { PlatformConfig } from "./config";
import { PlatformService, addServices } from "./services";

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

/** The example platform: an AWS provider, the stack's environment, and a three-tier SegmentedNetwork with NAT. */
export class PlatformStack extends TerraformStack {
  /** The platform network. */
  public readonly network: SegmentedNetwork;
  /** The platform's services by name (empty when the config has none). */
  public readonly services: Map<string, PlatformService>;

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
    this.services = config.services ? addServices(this, this.network, config.services) : new Map();
  }
}
