import { Construct } from "constructs";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { GuarddutyOrganizationConfiguration } from "@cdktf/provider-aws/lib/guardduty-organization-configuration";
import { GuarddutyOrganizationConfigurationFeature } from "@cdktf/provider-aws/lib/guardduty-organization-configuration-feature";
import { GuarddutyPublishingDestination } from "@cdktf/provider-aws/lib/guardduty-publishing-destination";
import { Policy } from "../../policies/policy";
import { GUARDDUTY_PROTECTIONS, GuardDutyProtectionName, protectionItem } from "../../policies/shared/guardduty-protections";
import { EnvironmentOverrides, IEnvironment, resolveEnvironment, servicePrincipal } from "../core/environment";
import { ValidationError, errorSource } from "../core/errors";
import { resourceTags } from "../network/tags";
import { GUARDDUTY_PROTECTIONS_RULE_ID } from "../rule-ids";
import { AuditBucket } from "./audit-bucket";
import { OrganizationVariant, requireOrganization, requireReason } from "./organization";

/** How often GuardDuty publishes updates of findings it already reported. */
export type FindingPublishingFrequency = "FIFTEEN_MINUTES" | "ONE_HOUR" | "SIX_HOURS";

/** Key prefix of the exported findings in the audit bucket. */
export const GUARDDUTY_FINDINGS_PREFIX = "guardduty";

/** Properties of a {@link ThreatDetection}. */
export interface ThreatDetectionProps extends EnvironmentOverrides {
  /** Audit bucket the findings are exported to, encrypted with its customer-managed key. */
  readonly findingsBucket: AuditBucket;
  /**
   * Protections turned off, each with the reason; the reason is recorded as the suppression of ZT-DET-004 for that
   * protection on the detector.
   *
   * @default {} (every protection on: S3 data events, EKS audit logs, Runtime Monitoring of EKS, EC2 and Fargate ECS
   * with the agents GuardDuty manages, EBS malware protection, Lambda network logs)
   * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html
   */
  readonly disabledProtections?: Partial<Record<GuardDutyProtectionName, string>>;
  /**
   * Whether RDS login events are monitored (RDS Protection; no rule asks for it).
   *
   * @default true
   */
  readonly rdsLoginEvents?: boolean;
  /**
   * How often updates of active findings are published.
   *
   * @default "FIFTEEN_MINUTES"
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
  /**
   * The delegated administrator variant: the detector also enables every protection it has for all member accounts
   * of the organization (`auto_enable_organization_members = "ALL"`).
   *
   * @default - a single account
   * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
   */
  readonly organization?: OrganizationVariant;
  /**
   * Extra tags of the detector.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** A GuardDuty feature as the detector declares it: its name, whether it is on, and the agents of Runtime Monitoring. */
interface FeatureSetting {
  readonly name: string;
  readonly enabled: boolean;
  readonly agents: readonly { readonly name: string; readonly enabled: boolean }[];
}

const KIND = "ThreatDetection";
const FREQUENCIES: readonly FindingPublishingFrequency[] = ["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"];
const P = GUARDDUTY_PROTECTIONS;
/** The Runtime Monitoring protections, each one agent of the RUNTIME_MONITORING feature. */
const RUNTIME: readonly GuardDutyProtectionName[] = ["eksRuntime", "ec2Runtime", "fargateRuntime"];
/** The protections that are a feature of their own. */
const SINGLE: readonly GuardDutyProtectionName[] = ["s3DataEvents", "eksAuditLogs", "ebsMalware", "lambdaNetworkLogs"];

/**
 * Amazon GuardDuty for one account and region: a detector with every protection that applies to the library's
 * workloads, each an `aws_guardduty_detector_feature` (S3 data events, EKS audit logs, Runtime Monitoring with the
 * EKS add-on, EC2 and Fargate agents that GuardDuty manages, EBS malware protection, Lambda network logs, RDS login
 * events), and its findings exported to the audit bucket, encrypted with the bucket's customer-managed key (the
 * bucket and key admit `guardduty.amazonaws.com` only for this detector, through `AuditBucket.addDelivery`).
 * Declare it once per account and region.
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
 */
export class ThreatDetection extends Construct {
  /** The detector. */
  readonly detector: GuarddutyDetector;
  /** The feature resources, by feature name (`RUNTIME_MONITORING`, ...). */
  readonly features: Readonly<Record<string, GuarddutyDetectorFeature>>;
  /** The export of findings to the audit bucket. */
  readonly publishingDestination: GuarddutyPublishingDestination;
  /** Account, region and partition of the detector. */
  readonly env: IEnvironment;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    const source = errorSource(KIND, scope, id);
    const env = resolveEnvironment(scope, source, props);
    const disabled = props.disabledProtections ?? {};
    for (const [name, reason] of Object.entries(disabled)) {
      if (!(name in P)) {
        throw new ValidationError(source, "disabledProtections", `disabledProtections has "${name}"; use one of ${Object.keys(P).map((p) => `"${p}"`).join(", ")}.`);
      }
      requireReason(source, `disabledProtections.${name}`, reason);
    }
    const frequency = props.findingPublishingFrequency ?? "FIFTEEN_MINUTES";
    if (!FREQUENCIES.includes(frequency)) {
      throw new ValidationError(source, "findingPublishingFrequency", `findingPublishingFrequency "${frequency}" is not one GuardDuty accepts; use ${FREQUENCIES.map((f) => `"${f}"`).join(", ")}.`);
    }
    if (props.organization !== undefined) requireOrganization(source, "organization", props.organization);
    super(scope, id);
    this.env = env;

    this.detector = new GuarddutyDetector(this, "detector", {
      enable: true,
      findingPublishingFrequency: frequency,
      tags: resourceTags(props.tags ?? {}, `${id}-guardduty`),
    });
    const settings = featureSettings(disabled, props.rdsLoginEvents ?? true);
    const features: Record<string, GuarddutyDetectorFeature> = {};
    for (const f of settings) {
      features[f.name] = new GuarddutyDetectorFeature(this, `feature-${f.name.toLowerCase().replace(/_/g, "-")}`, {
        detectorId: this.detector.id,
        name: f.name,
        status: f.enabled ? "ENABLED" : "DISABLED",
        additionalConfiguration: f.agents.map((a) => ({ name: a.name, status: a.enabled ? "ENABLED" : "DISABLED" })),
      });
    }
    this.features = features;
    for (const [name, reason] of Object.entries(disabled)) {
      const protection = P[name as GuardDutyProtectionName];
      Policy.suppress(this.detector, GUARDDUTY_PROTECTIONS_RULE_ID, { reason: `ThreatDetection disabledProtections.${name}: ${reason}`, appliesTo: protectionItem(protection) });
    }
    if (props.organization !== undefined) this.enableForMembers(settings);

    const bucket = props.findingsBucket;
    const prefix = bucket.addDelivery({
      servicePrincipal: servicePrincipal(env, "guardduty"),
      prefix: GUARDDUTY_FINDINGS_PREFIX,
      sourceArns: [this.detector.arn],
      actions: ["s3:GetBucketLocation", "s3:PutObject"],
      requireOwnerFullControl: false,
      keyActions: ["kms:GenerateDataKey"],
      sid: "GuardDuty",
    });
    this.publishingDestination = new GuarddutyPublishingDestination(this, "findings-export", {
      detectorId: this.detector.id,
      destinationType: "S3",
      destinationArn: `${bucket.bucketArn}/${prefix}`,
      kmsKeyArn: bucket.key.arn,
      dependsOn: [bucket.policy, bucket.key],
    });
  }

  /** The delegated administrator's settings for member accounts: every member, every feature as this detector has it. */
  private enableForMembers(settings: readonly FeatureSetting[]): void {
    new GuarddutyOrganizationConfiguration(this, "organization", { detectorId: this.detector.id, autoEnableOrganizationMembers: "ALL" });
    for (const f of settings) {
      new GuarddutyOrganizationConfigurationFeature(this, `organization-${f.name.toLowerCase().replace(/_/g, "-")}`, {
        detectorId: this.detector.id,
        name: f.name,
        autoEnable: f.enabled ? "ALL" : "NONE",
        additionalConfiguration: f.agents.map((a) => ({ name: a.name, autoEnable: a.enabled ? "ALL" : "NONE" })),
      });
    }
  }
}

/** The detector's features: one per single protection, RDS login events, and Runtime Monitoring with its agents. */
function featureSettings(disabled: Partial<Record<GuardDutyProtectionName, string>>, rds: boolean): FeatureSetting[] {
  const on = (name: GuardDutyProtectionName) => disabled[name] === undefined;
  const out: FeatureSetting[] = SINGLE.map((name) => ({ name: P[name].features[0], enabled: on(name), agents: [] }));
  out.push({ name: "RDS_LOGIN_EVENTS", enabled: rds, agents: [] });
  const agents = RUNTIME.map((name) => ({ name: (P[name] as { agent: string }).agent, enabled: on(name) }));
  out.push({ name: "RUNTIME_MONITORING", enabled: agents.some((a) => a.enabled), agents });
  return out;
}
