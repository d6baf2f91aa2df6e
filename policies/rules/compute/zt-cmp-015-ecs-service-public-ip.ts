import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztCmp015 = defineRule({
  id: "ZT-CMP-015",
  title: "ECS service gives its tasks public IP addresses",
  severity: "high",
  domain: "compute",
  rationale:
    "A task with a public IP address is reachable from the internet as far as its security group allows, and " +
    "reaches out without passing the VPC's egress controls. Zero trust keeps workloads in private subnets and " +
    "puts an authenticated entry point (a load balancer or API gateway) in front of them.",
  remediation:
    "Set network_configuration.assign_public_ip = false (the default), run the tasks in private subnets, and reach " +
    "AWS services through VPC endpoints.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "AC-4"],
    securityHub: ["ECS.2"],
  },
  resourceTypes: ["aws_ecs_service"],
  check(r) {
    const v = r.configuredValue("network_configuration.assign_public_ip");
    if (v.kind === "unknown") return unknown("network_configuration.assign_public_ip is computed at apply time", "PublicIP");
    if (v.kind === "known" && r.bool("network_configuration.assign_public_ip") === true) return fail("network_configuration.assign_public_ip = true", "PublicIP");
    return pass();
  },
});
