import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { nodeTemplate } from "./_node-template";

/** Where the rule reads how managed nodes get their addresses. */
const MANAGED_NODES_DOC = "https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html";

const SUBNET_TYPES: readonly string[] = ["aws_subnet", "aws_default_subnet"];

export const ztEks012 = defineRule({
  id: "ZT-EKS-012",
  title: "EKS managed node group's nodes get public IP addresses from their subnets",
  severity: "high",
  domain: "eks",
  rationale:
    "A managed node group launches its nodes into the subnets it names, and a node gets a public IPv4 address when " +
    "its subnet maps one on launch (EKS requires MapPublicIpOnLaunch for node groups in public subnets: " +
    `${MANAGED_NODES_DOC}). A node with a public address is reachable from the internet on every port its security ` +
    "groups open (the kubelet, NodePort services, pods with hostPort) and reaches the internet without the NAT and " +
    "egress controls of the private tier; zero-trust nodes keep private addresses and are reached through load " +
    "balancers. A launch template that sets associate_public_ip_address on its network interface decides instead: " +
    "true is reported on the template by ZT-CMP-003, false keeps the nodes private.",
  remediation:
    "Name only private subnets (map_public_ip_on_launch = false) in aws_eks_node_group.subnet_ids (the ZT Blueprint " +
    "HardenedCluster places nodes in the private tier), and publish services through load balancers.",
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "AC-4"],
  },
  resourceTypes: ["aws_eks_node_group"],
  check(group, model) {
    const byTemplate = templateDecides(group, model);
    if (byTemplate !== undefined) return byTemplate;
    return subnetsVerdict(group, model);
  },
});

/** The verdict of a launch template whose network interfaces set associate_public_ip_address; undefined when none does. */
function templateDecides(group: Resource, model: Model): Outcome | undefined {
  const source = nodeTemplate(group, model);
  if (source.kind !== "template") return undefined;
  const interfaces = source.template.getConfigured("network_interfaces").kind === "absent" ? [] : source.template.blocks("network_interfaces");
  let decided: Outcome | undefined;
  for (let i = 0; i < interfaces.length; i++) {
    const v = interfaces[i].getConfigured("associate_public_ip_address");
    if (v.kind === "absent") continue;
    if (v.kind === "unknown") return unknown(`associate_public_ip_address of ${source.template.address} is unknown until apply`, "PublicIp");
    if (interfaces[i].bool("associate_public_ip_address") === true) return na(`reported on ${source.template.address} by ZT-CMP-003`);
    decided = pass("PublicIp");
  }
  return decided;
}

/**
 * Whether a subnet of the node group maps public addresses: `map_public_ip_on_launch` of an `aws_subnet` (false when
 * left out) or an `aws_default_subnet` (a default subnet maps them unless told not to). Subnets outside the
 * configuration are not judged; subnet ids from a variable are unknown.
 */
function subnetsVerdict(group: Resource, model: Model): Outcome {
  const subnets = model.referenced(group, "subnet_ids", SUBNET_TYPES);
  if (subnets.length === 0) {
    const ids = group.get("subnet_ids");
    return ids.kind === "unknown" ? unknown("subnet_ids is computed at apply time", "PublicIp") : pass("PublicIp");
  }
  const mapping: string[] = [];
  for (let i = 0; i < subnets.length; i++) {
    const subnet = subnets[i];
    const v = subnet.getConfigured("map_public_ip_on_launch");
    if (v.kind === "unknown") return unknown(`map_public_ip_on_launch of ${subnet.address} is unknown until apply`, "PublicIp");
    const maps = v.kind === "absent" ? subnet.type === "aws_default_subnet" : subnet.bool("map_public_ip_on_launch") === true;
    if (maps) mapping.push(subnet.address);
  }
  if (mapping.length === 0) return pass("PublicIp");
  return fail(`nodes launched in ${mapping.join(", ")} get public IP addresses (the subnet maps them on launch)`, "PublicIp");
}
