import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { View } from "../../engine/view";

export const ztCmp008 = defineRule({
  id: "ZT-CMP-008",
  title: "Auto Scaling group launches the $Latest launch template version",
  severity: "low",
  domain: "compute",
  rationale:
    "With version \"$Latest\" any principal allowed to create a launch template version changes what every future instance boots — AMI, user data, role, metadata settings — without touching the group or passing review. Pinning the version makes host changes explicit, reviewed deployments.",
  remediation:
    "Set launch_template.version to a concrete version, e.g. aws_launch_template.x.latest_version, so a new version rolls out through a Terraform change (use instance_refresh to roll it); \"$Default\" or an unset version (which means $Default) is accepted.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CM-2", "CM-3", "CM-5"],
  },
  resourceTypes: ["aws_autoscaling_group"],
  check(resource) {
    const specs: { view: View; item: string }[] = [];
    if (resource.getConfigured("launch_template").kind !== "absent") specs.push(...resource.blocks("launch_template").map((view) => ({ view, item: "LaunchTemplate" })));
    const mixed = "mixed_instances_policy.launch_template.launch_template_specification";
    if (resource.getConfigured(mixed).kind !== "absent") specs.push(...resource.blocks(mixed).map((view) => ({ view, item: "MixedInstancesPolicy" })));
    if (specs.length === 0) return na("the group does not use a launch template");
    return specs.map(({ view, item }): Outcome => {
      const v = view.getConfigured("version");
      if (v.kind === "unknown") {
        return v.refs.some((r) => r.type === "aws_launch_template") ? pass() : unknown("the launch template version is unknown until apply", item);
      }
      if (v.kind === "known" && String(v.value).trim() === "$Latest") return fail(`${item} uses version "$Latest"`, item);
      return pass();
    });
  },
});
