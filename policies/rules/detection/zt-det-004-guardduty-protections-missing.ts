import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Model, Resource } from "../../engine/model";
import { Outcome } from "../../engine/types";
import { GUARDDUTY_PROTECTIONS, Protection, featuresOf, protectionItem, protectionState } from "./_guardduty";

const P = GUARDDUTY_PROTECTIONS;

/** The protections each kind of compute (and a bucket) needs, with the resource types that make it present. */
const NEEDS: ReadonlyArray<{ readonly what: string; readonly types: readonly string[]; readonly fargateOnly?: boolean; readonly protections: readonly Protection[] }> = [
  { what: "EKS", types: ["aws_eks_cluster", "aws_eks_node_group"], protections: [P.eksAuditLogs, P.eksRuntime] },
  { what: "EC2", types: ["aws_instance", "aws_launch_template", "aws_launch_configuration", "aws_autoscaling_group"], protections: [P.ec2Runtime, P.ebsMalware] },
  { what: "ECS on Fargate", types: ["aws_ecs_service"], fargateOnly: true, protections: [P.fargateRuntime] },
  { what: "Lambda", types: ["aws_lambda_function"], protections: [P.lambdaNetworkLogs] },
  { what: "S3", types: ["aws_s3_bucket"], protections: [P.s3DataEvents] },
];

export const ztDet004 = defineRule({
  id: "ZT-DET-004",
  title: "GuardDuty lacks the protections for the compute and buckets the configuration holds",
  severity: "medium",
  domain: "detection",
  rationale:
    "A detector sees the account's API calls and network flows, but not what happens inside a workload: Kubernetes API " +
    "abuse needs EKS audit log monitoring, a reverse shell or a miner inside a container or host needs Runtime " +
    "Monitoring with its agent, malware on a volume needs EBS malware protection, a function calling out needs " +
    "Lambda network monitoring, and data read from a bucket with stolen credentials shows only in S3 data events. " +
    "Each is a separate feature, off until enabled. The rule judges each detector of a configuration against the " +
    "compute and buckets the same configuration holds: EKS clusters and node groups need EKS_AUDIT_LOGS " +
    "and RUNTIME_MONITORING with EKS_ADDON_MANAGEMENT; instances, launch templates and Auto Scaling groups need " +
    "RUNTIME_MONITORING with EC2_AGENT_MANAGEMENT and EBS_MALWARE_PROTECTION; Fargate ECS services need " +
    "RUNTIME_MONITORING with ECS_FARGATE_AGENT_MANAGEMENT; Lambda functions need LAMBDA_NETWORK_LOGS; S3 buckets need " +
    "S3_DATA_EVENTS. A protection turned off on purpose is recorded as a suppression of its item " +
    "(`Protection::<feature>[/<agent>]`).",
  remediation:
    "Add an aws_guardduty_detector_feature per missing protection (status = \"ENABLED\", with the agent's " +
    "additional_configuration for RUNTIME_MONITORING), as ThreatDetection does by default.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["SI-4", "SI-3", "IR-4"],
    securityHub: ["GuardDuty.5"],
  },
  resourceTypes: ["aws_guardduty_detector"],
  check(detector, model) {
    if (detector.bool("enable") === false) return na("the detector is disabled (ZT-DET-001)");
    const needed = neededProtections(detector, model);
    if (needed.length === 0) return na("this configuration runs no compute and holds no bucket");
    const features = featuresOf(detector, model);
    const out: Outcome[] = [];
    for (const { what, compute, protection } of needed) {
      const item = protectionItem(protection);
      const state = protectionState(detector, features, protection);
      const name = protection.agent ? `${protection.features[0]} with ${protection.agent}` : protection.features[0];
      if (state === "enabled") out.push(pass(item));
      else if (state === "unknown") out.push(unknown(`whether ${name} is enabled is not known until apply`, item));
      else out.push(fail(`${what} (${compute.address}) is unwatched: ${name} is not enabled on this detector`, item));
    }
    return out;
  },
});

/** The protections the compute and buckets of the detector's stack need, each with the first resource that needs it. */
function neededProtections(near: Resource, model: Model): { what: string; compute: Resource; protection: Protection }[] {
  const out: { what: string; compute: Resource; protection: Protection }[] = [];
  for (const need of NEEDS) {
    const compute = need.types.flatMap((type) => model.ofTypeIn(type, near)).find((r) => !need.fargateOnly || onFargate(r));
    if (compute === undefined) continue;
    for (const protection of need.protections) {
      if (!out.some((o) => protectionItem(o.protection) === protectionItem(protection))) out.push({ what: need.what, compute, protection });
    }
  }
  return out;
}

/** True when an ECS service runs on Fargate: its launch type, or a FARGATE capacity provider. */
function onFargate(service: Resource): boolean {
  if (service.str("launch_type") === "FARGATE") return true;
  return service.blocks("capacity_provider_strategy").some((s) => (s.str("capacity_provider") ?? "").startsWith("FARGATE"));
}
