import { Model, Resource } from "../../engine/model";
import { View } from "../../engine/view";
import { GUARDDUTY_PROTECTIONS, GuardDutyProtectionName, Protection, protectionItem } from "../../shared/guardduty-protections";

export { GUARDDUTY_PROTECTIONS, protectionItem };
export type { GuardDutyProtectionName, Protection };

/** Whether a GuardDuty protection is on: enabled, disabled (or not declared), or unknown until apply. */
export type ProtectionState = "enabled" | "disabled" | "unknown";

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
