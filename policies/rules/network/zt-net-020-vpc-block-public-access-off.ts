import { defineRule, fail, pass, unknown } from "../../engine/outcome";

/** Modes of VPC Block Public Access that block internet gateway traffic. */
const BLOCKING_MODES: readonly string[] = ["block-bidirectional", "block-ingress"];

export const ztNet020 = defineRule({
  id: "ZT-NET-020",
  title: "VPC Block Public Access does not block internet gateway traffic",
  severity: "medium",
  domain: "network",
  rationale:
    "VPC Block Public Access is the regional guard against internet exposure: in block-bidirectional or block-ingress mode, no VPC of the account in the region is reachable through an internet gateway unless it is excluded by name, whatever its route tables, security groups and ACLs say. A configuration that manages the setting and leaves it \"off\" gives that guard up, so one route to an internet gateway and one open security group expose a workload. Zero trust keeps a deny-by-default boundary at every level it can. Narrower than AWS Security Hub control EC2.172, which also fails an account that never set the mode: the configuration can only be judged when it declares aws_vpc_block_public_access_options.",
  remediation:
    "Set internet_gateway_block_mode = \"block-bidirectional\" (or \"block-ingress\" where workloads need outbound access through NAT) on aws_vpc_block_public_access_options, and exclude the VPCs or subnets that must face the internet with aws_vpc_block_public_access_exclusion.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
    securityHub: ["EC2.172"],
  },
  resourceTypes: ["aws_vpc_block_public_access_options"],
  check(resource) {
    const mode = resource.getConfigured("internet_gateway_block_mode");
    if (mode.kind === "unknown") return unknown("internet_gateway_block_mode is unknown until apply", "Mode");
    const value = mode.kind === "known" ? String(mode.value) : "off";
    if (BLOCKING_MODES.includes(value)) return pass("Mode");
    return fail(`internet_gateway_block_mode = "${value}" leaves internet gateway traffic unblocked in this region`, "Mode");
  },
});
