import { Construct } from "constructs";
import { EbsDefaultKmsKey } from "@cdktf/provider-aws/lib/ebs-default-kms-key";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { Ec2InstanceMetadataDefaults } from "@cdktf/provider-aws/lib/ec2-instance-metadata-defaults";
import { EnvironmentOverrides, resolveEnvironment } from "../core/environment";
import { ValidationError, errorSource } from "../core/errors";
import { requireArns } from "../core/validate";
import { ServiceKey } from "../secrets/service-key";

/** Properties of an {@link AccountComputeBaseline}. */
export interface AccountComputeBaselineProps extends EnvironmentOverrides {
  /**
   * Metadata hop limit for new instances: 1, or 2 when instances run containers on bridge networks.
   *
   * @default 1
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
   */
  readonly metadataHopLimit?: 1 | 2;
  /**
   * Roles that administer the default EBS key without using it.
   *
   * @default [] (the account root administers it)
   */
  readonly keyAdminRoleArns?: string[];
  /**
   * Tags of the key.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/**
 * Account-level compute defaults for one region, so instances launched outside these constructs start hardened:
 * IMDSv2 required (`aws_ec2_instance_metadata_defaults`, hop limit 1 or 2, no tags in metadata), EBS encryption by
 * default, and a customer-managed default EBS key (`alias/account/ebs-default`) that rotates, waits 30 days before
 * deletion and is used only through EC2: by the Auto Scaling service-linked role, and by principals of the account
 * when EC2 encrypts their volumes (`kms:ViaService`); nobody can decrypt with it directly. Declare it once per
 * account and region.
 */
export class AccountComputeBaseline extends Construct {
  /** The default EBS key. */
  readonly key: ServiceKey;
  /** The instance metadata defaults. */
  readonly metadataDefaults: Ec2InstanceMetadataDefaults;
  /** EBS encryption by default. */
  readonly encryptionByDefault: EbsEncryptionByDefault;
  /** The default EBS key setting. */
  readonly defaultKey: EbsDefaultKmsKey;

  constructor(scope: Construct, id: string, props: AccountComputeBaselineProps) {
    const source = errorSource("AccountComputeBaseline", scope, id);
    super(scope, id);
    const env = resolveEnvironment(scope, source, props);
    const partition = env.partition;
    requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns ?? [], partition, "iam", /^role\/.+/, `arn:${partition}:iam::123456789012:role/platform-admin`);
    const hopLimit = props.metadataHopLimit ?? 1;
    if (hopLimit !== 1 && hopLimit !== 2) {
      throw new ValidationError(source, "metadataHopLimit", `metadataHopLimit ${hopLimit} is not allowed; use 1, or 2 for hosts that run containers.`);
    }
    this.key = new ServiceKey(this, "ebs-key", {
      owner: "account",
      purpose: "ebs-default",
      accountId: env.accountId,
      region: env.region,
      partition,
      usedThrough: "ec2",
      adminRoleArns: props.keyAdminRoleArns,
      description: "Default key of EBS volumes in this account and region",
      tags: props.tags,
    });
    this.key.allowAutoScalingEbsUse();
    // The default key encrypts every new volume of the account and region, whoever creates it.
    this.key.allowAccountEbsUseThroughEc2();
    this.metadataDefaults = new Ec2InstanceMetadataDefaults(this, "metadata-defaults", {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: hopLimit,
      instanceMetadataTags: "disabled",
    });
    this.encryptionByDefault = new EbsEncryptionByDefault(this, "ebs-encryption", { enabled: true });
    this.defaultKey = new EbsDefaultKmsKey(this, "ebs-default-key", { keyArn: this.key.keyArn });
  }
}
