import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StackEnvironment } from "../constructs/core";
import { AccountSecurityBaseline } from "../constructs/audit";
import { HardenedCluster } from "../constructs/cluster";
import { DEFAULT_INTERFACE_ENDPOINTS, SegmentedNetwork } from "../constructs/network";
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

/**
 * The example platform's AWS stack: an AWS provider, the stack's environment, a three-tier SegmentedNetwork with NAT,
 * the account's detection and audit baseline, the EKS cluster, and the declared services (identities, secrets, image
 * repositories, host groups, Pod Identity associations, the gateway). The Kubernetes services' manifests and mesh settings are in the {@link KubernetesStack}, applied after it.
 */
export class PlatformStack extends TerraformStack {
  /** The platform network. */
  public readonly network: SegmentedNetwork;
  /** The platform's services: identities, secrets, hosts and the declared calls between them (undefined when the config has none). */
  public readonly platform?: ServicePlatform;
  /** The EKS cluster of the Kubernetes services (undefined when the config has none). */
  public readonly cluster?: HardenedCluster;
  /** The account's detection and audit baseline (undefined when the config has none). */
  public readonly securityBaseline?: AccountSecurityBaseline;

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
      // The cluster's nodes reach EC2, EKS and EKS Auth (Pod Identity) through endpoints: nothing of theirs reaches the internet.
      ...(config.cluster ? { interfaceEndpoints: [...DEFAULT_INTERFACE_ENDPOINTS, "ec2", "eks", "eks-auth"] } : {}),
    });
    if (config.securityBaseline) {
      this.securityBaseline = new AccountSecurityBaseline(this, "security-baseline", {
        alarms: {
          emails: config.securityBaseline.alarmEmails,
          // Any rejected flow into the data tier raises an alarm: nothing outside the declared graph should try.
          isolatedTierFlows: { flowLogGroupName: this.network.flowLogGroupName, isolatedCidrs: this.network.tierCidrs("isolated") },
        },
        quarantineNetworks: [this.network],
      });
    }
    if (config.cluster) {
      const { name, kubernetesVersion, admins, nodeGroups } = config.cluster;
      this.cluster = new HardenedCluster(this, "cluster", { name, kubernetesVersion, admins, nodeGroups, network: this.network, keyAdminRoleArns: config.services?.adminRoleArns });
    }
    if (config.services) {
      const { serviceHosts, ...services } = config.services;
      this.platform = new ServicePlatform(this, "services", {
        network: this.network,
        ...services,
        ...(this.cluster ? { kubernetes: { cluster: this.cluster, serviceHosts } } : {}),
      });
    }
  }
}
