/**
 * The GuardDuty protections the library turns on and the pack asks for, shared by the ThreatDetection construct and
 * rule ZT-DET-004 so both name them the same way.
 */

/**
 * A protection a detector needs: a feature (`EKS_AUDIT_LOGS`), or a feature with one of its additional
 * configurations (`RUNTIME_MONITORING` with `EKS_ADDON_MANAGEMENT`, the agent GuardDuty deploys and updates itself).
 */
export interface Protection {
  /** Feature names that provide it; the first is the one to enable. */
  readonly features: readonly string[];
  /** Additional configuration of the feature that must be enabled too. */
  readonly agent?: string;
}

/**
 * The protections ZT-DET-004 asks for, by the name constructs give them: S3 data events, EKS audit logs, Runtime
 * Monitoring of EKS (through the add-on GuardDuty manages; EKS_RUNTIME_MONITORING is the feature's older name), of EC2
 * and of Fargate ECS tasks (each through its managed agent), EBS malware protection and Lambda network activity.
 */
export const GUARDDUTY_PROTECTIONS = {
  s3DataEvents: { features: ["S3_DATA_EVENTS"] },
  eksAuditLogs: { features: ["EKS_AUDIT_LOGS"] },
  eksRuntime: { features: ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"], agent: "EKS_ADDON_MANAGEMENT" },
  ec2Runtime: { features: ["RUNTIME_MONITORING"], agent: "EC2_AGENT_MANAGEMENT" },
  fargateRuntime: { features: ["RUNTIME_MONITORING"], agent: "ECS_FARGATE_AGENT_MANAGEMENT" },
  ebsMalware: { features: ["EBS_MALWARE_PROTECTION"] },
  lambdaNetworkLogs: { features: ["LAMBDA_NETWORK_LOGS"] },
} as const satisfies Record<string, Protection>;

/** Name of a protection of {@link GUARDDUTY_PROTECTIONS}. */
export type GuardDutyProtectionName = keyof typeof GUARDDUTY_PROTECTIONS;

/** The item naming a protection in findings, e.g. `Protection::RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT`. */
export function protectionItem(p: Protection): string {
  return `Protection::${p.features[0]}${p.agent ? `/${p.agent}` : ""}`;
}
