import { Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { HOST_TYPES, templateOf } from "./_host";

export const ztCmp006 = defineRule({
  id: "ZT-CMP-006",
  title: "Host has no detailed monitoring",
  severity: "low",
  domain: "compute",
  rationale:
    "Zero trust continuously measures the posture of every asset. Basic monitoring samples EC2 metrics every five minutes, too coarse to spot the CPU or network bursts of cryptomining, scanning or exfiltration in time; detailed monitoring publishes them every minute.",
  remediation:
    "Set monitoring = true on the aws_instance, or monitoring { enabled = true } on the aws_launch_template (the ZT Blueprint HardenedHost enables it); leave enable_monitoring at its default (true) on an aws_launch_configuration.",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["SI-4", "AU-12", "CA-7"],
    checkov: ["CKV_AWS_126"],
    cdkNag: ["AwsSolutions-EC28", "NIST.800.53.R5-EC2InstanceDetailedMonitoringEnabled"],
  },
  resourceTypes: HOST_TYPES,
  check(resource, model) {
    if (resource.type === "aws_launch_template") return templateVerdict(resource, "the template");
    if (resource.type === "aws_launch_configuration") return configurationVerdict(resource);
    // An instance that does not set monitoring takes it from its launch template; absent everywhere = false.
    const own = resource.getConfigured("monitoring");
    if (own.kind === "unknown") return unknown("monitoring is unknown until apply", "Monitoring");
    if (own.kind === "known") return resource.bool("monitoring") === true ? pass() : fail("monitoring = false", "Monitoring");
    const lt = templateOf(resource, model);
    if (lt) return templateVerdict(lt, `its launch template ${lt.address}`);
    return fail("monitoring is not set (defaults to basic five-minute monitoring)", "Monitoring");
  },
});

/** A launch configuration's enable_monitoring defaults to true (detailed monitoring). */
function configurationVerdict(lc: Resource): Outcome {
  const v = lc.getConfigured("enable_monitoring");
  if (v.kind === "unknown") return unknown("enable_monitoring is unknown until apply", "Monitoring");
  if (v.kind === "known" && lc.bool("enable_monitoring") === false) return fail("enable_monitoring = false", "Monitoring");
  return pass();
}

function templateVerdict(lt: Resource, name: string): Outcome {
  const v = lt.getConfigured("monitoring.enabled");
  if (v.kind === "unknown") return unknown(`monitoring.enabled of ${name} is unknown until apply`, "Monitoring");
  if (v.kind === "known" && lt.bool("monitoring.enabled") === true) return pass();
  return fail(`${name} does not enable detailed monitoring (monitoring { enabled = true })`, "Monitoring");
}
