import { Construct } from "constructs";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel";
import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";
import { EnvironmentOverrides, IEnvironment, formatArn, resolveEnvironment, servicePrincipal } from "../core/environment";
import { ValidationError, errorSource } from "../core/errors";
import { AuditBucket } from "./audit-bucket";

/** How often AWS Config delivers a configuration snapshot. */
export type SnapshotFrequency = "One_Hour" | "Three_Hours" | "Six_Hours" | "Twelve_Hours" | "TwentyFour_Hours";

/** Key prefix of the Config deliveries in the audit bucket. */
export const CONFIG_PREFIX = "config";

/** Properties of a {@link ConfigRecorder}. */
export interface ConfigRecorderProps extends EnvironmentOverrides {
  /** Audit bucket the configuration history and snapshots are delivered to, encrypted with its customer-managed key. */
  readonly bucket: AuditBucket;
  /**
   * Whether global resources (IAM users, roles, groups and policies) are recorded here. Record them in exactly one
   * region of the account, or every region records each change to them again.
   *
   * @default true
   * @see https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
   */
  readonly recordGlobalResources?: boolean;
  /**
   * Whether the AWS Config service-linked role (`AWSServiceRoleForConfig`) is created here. Set it to false when the
   * account already has it (AWS Config made it, or another region's baseline did): a second create fails.
   *
   * @default true
   */
  readonly createServiceLinkedRole?: boolean;
  /**
   * How often a configuration snapshot is delivered.
   *
   * @default "TwentyFour_Hours"
   */
  readonly snapshotFrequency?: SnapshotFrequency;
  /**
   * Name of the recorder and the delivery channel (one of each per account and region).
   *
   * @default "zt-recorder"
   */
  readonly name?: string;
}

const FREQUENCIES: readonly SnapshotFrequency[] = ["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"];

/** ARN of the AWS Config service-linked role of the environment's account. */
export function configServiceLinkedRoleArn(env: IEnvironment): string {
  return `${env.arnPrefix}:iam::${env.accountId}:role/aws-service-role/config.${env.dnsSuffix}/AWSServiceRoleForConfig`;
}

/**
 * AWS Config for one account and region: a recorder of every supported resource type (global ones where
 * `recordGlobalResources`), a delivery channel to the audit bucket encrypted with its customer-managed key, and the
 * recorder turned on. Config records through its service-linked role, whose AWS-defined policy
 * (AWSConfigServiceRolePolicy) reads only what Config records and nothing else; it is what Security Hub control
 * Config.1 asks for (a role with the AWS_ConfigRole managed policy fails it). The bucket and key admit
 * `config.amazonaws.com` only for this account's Config (`AuditBucket.addDelivery`). Declare it once per account and
 * region.
 * @see https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html
 */
export class ConfigRecorder extends Construct {
  /** The recorder. */
  readonly recorder: ConfigConfigurationRecorder;
  /** The delivery channel to the audit bucket. */
  readonly deliveryChannel: ConfigDeliveryChannel;
  /** The recorder's status, enabled. */
  readonly status: ConfigConfigurationRecorderStatus;
  /** The service-linked role, when made here. */
  readonly serviceLinkedRole?: IamServiceLinkedRole;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    const source = errorSource("ConfigRecorder", scope, id);
    const env = resolveEnvironment(scope, source, props);
    const frequency = props.snapshotFrequency ?? "TwentyFour_Hours";
    if (!FREQUENCIES.includes(frequency)) {
      throw new ValidationError(source, "snapshotFrequency", `snapshotFrequency "${frequency}" is not one AWS Config accepts; use ${FREQUENCIES.map((f) => `"${f}"`).join(", ")}.`);
    }
    const name = props.name ?? "zt-recorder";
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name)) {
      throw new ValidationError(source, "name", `name "${name}" must be 1 to 256 letters, digits, "_", "." or "-".`);
    }
    super(scope, id);
    if (props.createServiceLinkedRole ?? true) {
      this.serviceLinkedRole = new IamServiceLinkedRole(this, "service-linked-role", { awsServiceName: servicePrincipal(env, "config") });
    }
    this.recorder = new ConfigConfigurationRecorder(this, "recorder", {
      name,
      roleArn: configServiceLinkedRoleArn(env),
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.recordGlobalResources ?? true },
      dependsOn: this.serviceLinkedRole ? [this.serviceLinkedRole] : undefined,
    });
    const bucket = props.bucket;
    const prefix = bucket.addDelivery({
      servicePrincipal: servicePrincipal(env, "config"),
      prefix: CONFIG_PREFIX,
      sourceArns: [formatArn(env, { service: "config", resource: "*" })],
      actions: ["s3:GetBucketAcl", "s3:ListBucket", "s3:PutObject"],
      keyActions: ["kms:Decrypt", "kms:GenerateDataKey"],
      sid: "Config",
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, "delivery-channel", {
      name,
      s3BucketName: bucket.bucketName,
      s3KeyPrefix: prefix,
      s3KmsKeyArn: bucket.key.arn,
      snapshotDeliveryProperties: { deliveryFrequency: frequency },
      dependsOn: [this.recorder, bucket.policy],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, "status", { name: this.recorder.name, isEnabled: true, dependsOn: [this.deliveryChannel] });
  }
}
