import { Model, Resource } from "../../engine/model";
import { View } from "../../engine/view";

/** Whether a GuardDuty protection is on: enabled, disabled (or not declared), or unknown until apply. */
export type ProtectionState = "enabled" | "disabled" | "unknown";

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

/** Features the detector's legacy `datasources` block sets, by the path of its `enable` flag. */
const DATASOURCE_FEATURES: ReadonlyArray<readonly [string, string]> = [
  ["S3_DATA_EVENTS", "datasources.s3_logs.enable"],
  ["EKS_AUDIT_LOGS", "datasources.kubernetes.audit_logs.enable"],
  ["EBS_MALWARE_PROTECTION", "datasources.malware_protection.scan_ec2_instance_with_findings.ebs_volumes.enable"],
];

/** The aws_guardduty_detector_feature resources that configure `detector`. */
export function featuresOf(detector: Resource, model: Model): Resource[] {
  return model.referrers(detector, "aws_guardduty_detector_feature", "detector_id");
}

/** Whether `detector` has protection `p`: through its feature resources, or (for the older features) its `datasources` block. */
export function protectionState(detector: Resource, features: readonly Resource[], p: Protection): ProtectionState {
  let best: ProtectionState = "disabled";
  for (const feature of features) {
    const name = feature.get("name");
    if (name.kind === "unknown") best = worse(best, "unknown");
    if (name.kind !== "known" || !p.features.includes(String(name.value))) continue;
    const state = and(statusOf(feature, "status"), p.agent === undefined ? "enabled" : agentState(feature, p.agent));
    if (state === "enabled") return state;
    best = worse(best, state);
  }
  if (p.agent === undefined) {
    for (const [feature, path] of DATASOURCE_FEATURES) {
      if (!p.features.includes(feature) || !detector.configured(path)) continue;
      const v = detector.configuredValue(path);
      if (v.kind === "unknown") best = worse(best, "unknown");
      else if (detector.bool(path) === true) return "enabled";
    }
  }
  return best;
}

function agentState(feature: Resource, agent: string): ProtectionState {
  if (feature.blocksUnknown("additional_configuration")) return "unknown";
  let best: ProtectionState = "disabled";
  for (const block of feature.blocks("additional_configuration")) {
    const name = block.get("name");
    if (name.kind === "unknown") best = worse(best, "unknown");
    if (name.kind !== "known" || name.value !== agent) continue;
    const state = statusOf(block, "status");
    if (state === "enabled") return state;
    best = worse(best, state);
  }
  return best;
}

function statusOf(view: View, path: string): ProtectionState {
  const v = view.get(path);
  if (v.kind === "unknown") return "unknown";
  return v.kind === "known" && typeof v.value === "string" && v.value.toUpperCase() === "ENABLED" ? "enabled" : "disabled";
}

function and(a: ProtectionState, b: ProtectionState): ProtectionState {
  if (a === "disabled" || b === "disabled") return "disabled";
  return a === "unknown" || b === "unknown" ? "unknown" : "enabled";
}

function worse(a: ProtectionState, b: ProtectionState): ProtectionState {
  return a === "unknown" || b === "unknown" ? "unknown" : "disabled";
}
