import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { Policy } from "../../policies/policy";
import { EnvironmentOverrides, IEnvironment, resolveEnvironment } from "../core/environment";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import {
  NO_ACCESS_ANALYZER_RULE_ID,
  NO_CLOUDTRAIL_RULE_ID,
  NO_CONFIG_RECORDING_RULE_ID,
  NO_GUARDDUTY_RULE_ID,
  NO_SECURITY_HUB_RULE_ID,
} from "../rule-ids";
import { AccessAnalyzer, AccessAnalyzerProps } from "./access-analyzer";
import { AuditBucket, AuditBucketProps } from "./audit-bucket";
import { ConfigRecorder, ConfigRecorderProps } from "./config-recorder";
import { ThreatDetection, ThreatDetectionProps } from "./detection";
import { OptOut, OrganizationVariant, isOptOut, requireOrganization, requireReason } from "./organization";
import { FindingsHub, FindingsHubProps } from "./security-hub";
import { AuditTrail, AuditTrailProps } from "./trail";
import { SecurityAlarms, SecurityAlarmsProps } from "./alarms";
import { Quarantine } from "./quarantine";
import { INetwork } from "../network/network";

/** Props of a part without the environment props: the baseline passes its own account, region and partition to each part. */
type Scoped<T> = Omit<T, keyof EnvironmentOverrides>;

/** Properties of an {@link AccountSecurityBaseline}. */
export interface AccountSecurityBaselineProps extends EnvironmentOverrides {
  /**
   * The audit bucket every delivering part writes to.
   *
   * @default {} (a generated `zt-audit-` name, two years of retention)
   */
  readonly bucket?: Scoped<AuditBucketProps>;
  /**
   * The CloudTrail trail (to the audit bucket and a CloudWatch log group), or an opt-out whose reason is recorded as
   * the suppression of ZT-DET-006 on the stack.
   *
   * @default {} (a multi-region trail named "zt-audit")
   */
  readonly trail?: Omit<Scoped<AuditTrailProps>, "bucket" | "bucketName" | "organization"> | OptOut;
  /**
   * The CIS monitoring alarms on the trail's log group (to an encrypted SNS topic); they exist with the trail, so a
   * trail turned off takes them along and giving them props then is refused.
   *
   * @default {} (every alarm, no email subscription)
   */
  readonly alarms?: Omit<SecurityAlarmsProps, "trail">;
  /**
   * GuardDuty with every protection, findings exported to the audit bucket, or an opt-out whose reason is recorded as
   * the suppression of ZT-DET-001 on the stack.
   *
   * @default {}
   */
  readonly threatDetection?: Omit<Scoped<ThreatDetectionProps>, "findingsBucket" | "organization"> | OptOut;
  /**
   * Security Hub with the AWS Foundational Security Best Practices standard, or an opt-out whose reason is recorded as
   * the suppression of ZT-DET-002 on the stack.
   *
   * @default {}
   */
  readonly securityHub?: Omit<Scoped<FindingsHubProps>, "organization"> | OptOut;
  /**
   * AWS Config recording every resource to the audit bucket, or an opt-out whose reason is recorded as the
   * suppression of ZT-DET-003 on the stack.
   *
   * @default {}
   */
  readonly config?: Omit<Scoped<ConfigRecorderProps>, "bucket"> | OptOut;
  /**
   * IAM Access Analyzer, or an opt-out whose reason is recorded as the suppression of ZT-DET-005 on the stack.
   *
   * @default {}
   */
  readonly accessAnalyzer?: Omit<Scoped<AccessAnalyzerProps>, "organization"> | OptOut;
  /**
   * The organization variant, for the management or delegated administrator account: an organization trail,
   * GuardDuty and Security Hub enabled for every member account, and an analyzer whose zone of trust is the
   * organization.
   *
   * @default - a single account
   */
  readonly organization?: OrganizationVariant;
  /**
   * Networks that get a {@link Quarantine} (a security group without rules and a deny-all policy) for responders.
   *
   * @default []
   */
  readonly quarantineNetworks?: INetwork[];
  /**
   * Extra tags of every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

const KIND = "AccountSecurityBaseline";

/** The parts that can be turned off, with the rule each opt-out suppresses. */
const OPT_OUT_RULES = {
  trail: [NO_CLOUDTRAIL_RULE_ID],
  threatDetection: [NO_GUARDDUTY_RULE_ID],
  securityHub: [NO_SECURITY_HUB_RULE_ID],
  config: [NO_CONFIG_RECORDING_RULE_ID],
  accessAnalyzer: [NO_ACCESS_ANALYZER_RULE_ID],
} as const;

type Part = keyof typeof OPT_OUT_RULES;

/**
 * The detection and audit baseline of one account and region, every part on by default: an {@link AuditBucket}, an
 * {@link AuditTrail} of every region delivered to it and to CloudWatch Logs, the CIS monitoring {@link SecurityAlarms}
 * on the trail's log group, {@link ThreatDetection} (GuardDuty with
 * every protection, findings exported to the bucket), a {@link FindingsHub} (Security Hub with the FSBP standard), a
 * {@link ConfigRecorder} (AWS Config recording every resource to the bucket), an {@link AccessAnalyzer}, and a
 * {@link Quarantine} for each network named in `quarantineNetworks`.
 *
 * A part is turned off only with `{ disabled: true, reason }`; the reason is recorded as the suppression of the
 * ZT-DET rule that then fires, on the whole stack (that rule's finding sits on the stack's first compute resource),
 * so every report shows it. The organization variant (`organization`) makes each part cover every member account.
 * Declare it once per account and region, beside AccountComputeBaseline.
 */
export class AccountSecurityBaseline extends Construct {
  /** The audit bucket. */
  readonly bucket: AuditBucket;
  /** The trail; undefined when turned off. */
  readonly trail?: AuditTrail;
  /** The CIS monitoring alarms; undefined when the trail is turned off. */
  readonly alarms?: SecurityAlarms;
  /** The quarantine of each network of `quarantineNetworks`, in order. */
  readonly quarantines: readonly Quarantine[];
  /** GuardDuty; undefined when turned off. */
  readonly threatDetection?: ThreatDetection;
  /** Security Hub; undefined when turned off. */
  readonly securityHub?: FindingsHub;
  /** AWS Config; undefined when turned off. */
  readonly config?: ConfigRecorder;
  /** IAM Access Analyzer; undefined when turned off. */
  readonly accessAnalyzer?: AccessAnalyzer;
  /** Account, region and partition of the baseline. */
  readonly env: IEnvironment;

  constructor(scope: Construct, id: string, props: AccountSecurityBaselineProps = {}) {
    const source = errorSource(KIND, scope, id);
    const env = resolveEnvironment(scope, source, props);
    if (props.organization !== undefined) requireOrganization(source, "organization", props.organization);
    for (const part of Object.keys(OPT_OUT_RULES) as Part[]) checkPart(source, part, props[part]);
    if (isOptOut(props.trail) && props.alarms !== undefined) {
      throw new ValidationError(source, "alarms", "alarms read the trail's log group, and the trail is turned off; leave alarms out or keep the trail.");
    }
    super(scope, id);
    this.env = env;
    const tags = props.tags ?? {};
    const organization = props.organization;
    const where: EnvironmentOverrides = { accountId: env.accountId, region: env.region, partition: env.partition };

    this.bucket = new AuditBucket(this, "bucket", { ...props.bucket, ...where, tags: { ...tags, ...props.bucket?.tags } });
    const { trail, threatDetection, securityHub, config, accessAnalyzer } = props;
    if (!isOptOut(trail)) {
      this.trail = new AuditTrail(this, "trail", { ...trail, ...where, bucket: this.bucket, organization, tags: { ...tags, ...trail?.tags } });
      this.alarms = new SecurityAlarms(this, "alarms", { ...props.alarms, trail: this.trail, tags: { ...tags, ...props.alarms?.tags } });
    }
    if (!isOptOut(threatDetection)) {
      this.threatDetection = new ThreatDetection(this, "threat-detection", { ...threatDetection, ...where, findingsBucket: this.bucket, organization, tags: { ...tags, ...threatDetection?.tags } });
    }
    if (!isOptOut(securityHub)) this.securityHub = new FindingsHub(this, "security-hub", { ...securityHub, ...where, organization });
    if (!isOptOut(config)) this.config = new ConfigRecorder(this, "config", { ...config, ...where, bucket: this.bucket });
    if (!isOptOut(accessAnalyzer)) this.accessAnalyzer = new AccessAnalyzer(this, "access-analyzer", { ...accessAnalyzer, ...where, organization, tags: { ...tags, ...accessAnalyzer?.tags } });

    this.quarantines = (props.quarantineNetworks ?? []).map((network, i) => new Quarantine(this, `quarantine-${i}`, { ...where, network, name: `${id}-${i}`, tags }));

    const stack = TerraformStack.of(this);
    for (const part of Object.keys(OPT_OUT_RULES) as Part[]) {
      const value = props[part];
      if (!isOptOut(value)) continue;
      for (const ruleId of OPT_OUT_RULES[part]) Policy.suppress(stack, ruleId, { reason: `${KIND} "${id}" ${part} disabled: ${value.reason.trim()}` });
    }
  }
}

/** Throws unless a part is left out, given props, or turned off with a reason. */
function checkPart(source: ErrorSource, part: Part, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "object" || value === null) {
    throw new ValidationError(source, part, `${part} must be the part's props or { disabled: true, reason }.`);
  }
  if ("disabled" in value) {
    if ((value as { disabled: unknown }).disabled !== true) {
      throw new ValidationError(source, `${part}.disabled`, `${part}.disabled must be true to turn the part off (with a reason); leave it out to keep the part.`);
    }
    requireReason(source, part, (value as { reason?: unknown }).reason);
  }
}
