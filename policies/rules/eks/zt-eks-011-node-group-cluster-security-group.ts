import { Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Val } from "../../engine/types";
import { View } from "../../engine/view";
import { nodeTemplate } from "./_node-template";

/** Where the rule reads which security groups EKS puts on the nodes. */
const NODE_GROUPS_DOC = "https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html#launch-template-security-groups";
const CLUSTER_GROUP_DOC = "https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html";

/** Resource types whose id names a security group. */
const SECURITY_GROUP_TYPES: readonly string[] = ["aws_security_group"];

type Named = { readonly names: true } | { readonly names: false; readonly unknown?: string };

export const ztEks011 = defineRule({
  id: "ZT-EKS-011",
  title: "EKS managed node group's nodes get the cluster security group",
  severity: "medium",
  domain: "eks",
  rationale:
    "EKS puts the cluster security group on the nodes of a managed node group unless the node group's launch " +
    "template names security groups of its own, either as instance security groups or on its network interface " +
    `(${NODE_GROUPS_DOC}). The cluster security group admits all traffic between its members, the control plane's ` +
    "network interfaces and every node of every managed node group of the cluster, and allows all egress to " +
    `0.0.0.0/0 and ::/0 (${CLUSTER_GROUP_DOC}). Nodes, and the pods on them (which use the nodes' security groups ` +
    "unless security groups for pods are set up), then reach each other and the internet on every port, whatever " +
    "the services declare. Zero trust " +
    "gives the nodes a group of their own whose rules name each path.",
  remediation:
    "Launch the node group from an aws_launch_template whose vpc_security_group_ids (or network_interfaces " +
    "security_groups) names a node security group with only the rules the nodes need: the control plane on 443 and " +
    "10250, DNS, and the declared paths (the ZT Blueprint HardenedCluster does this through connections).",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["AC-4", "SC-7", "SC-7(5)"],
  },
  resourceTypes: ["aws_eks_node_group"],
  check(group, model) {
    const source = nodeTemplate(group, model);
    if (source.kind === "unknown") return unknown(source.why, "SecurityGroups");
    if (source.kind === "generated") {
      return fail("no launch_template: EKS puts the cluster security group, which admits all traffic between its members and allows all egress, on the nodes", "SecurityGroups");
    }
    const template = source.template;
    const named = securityGroupsOf(template);
    if (named.names) return pass("SecurityGroups");
    if (named.unknown !== undefined) return unknown(named.unknown, "SecurityGroups");
    return fail(
      `launch template ${template.address} names no security group (vpc_security_group_ids, network_interfaces.security_groups), so EKS puts the cluster security group, which admits all traffic between its members and allows all egress, on the nodes`,
      "SecurityGroups",
    );
  },
});

/** Whether a launch template names security groups for its instances, or on its network interfaces. */
function securityGroupsOf(template: Resource): Named {
  let undecided: string | undefined;
  for (const path of ["vpc_security_group_ids", "security_group_names"]) {
    const v = namesGroups(template, path, template.address);
    if (v.names) return v;
    undecided ??= v.unknown;
  }
  if (template.blocksUnknown("network_interfaces") && template.configured("network_interfaces")) {
    undecided ??= `network_interfaces of ${template.address} is computed at apply time`;
  }
  const interfaces = template.blocks("network_interfaces");
  for (let i = 0; i < interfaces.length; i++) {
    const v = namesGroups(interfaces[i], "security_groups", `network interface ${i} of ${template.address}`);
    if (v.names) return v;
    undecided ??= v.unknown;
  }
  return undecided === undefined ? { names: false } : { names: false, unknown: undecided };
}

/**
 * Whether `view` names at least one security group at `path`: a known non-empty list, or a value known at apply that
 * references a security group of the configuration (its id is unknown, the group is not). A value from a variable or
 * an expression over other values may be an empty list: unknown.
 */
function namesGroups(view: View, path: string, where: string): Named {
  const v: Val = view.getConfigured(path);
  if (v.kind === "absent") return { names: false };
  if (v.kind === "known") {
    const list = Array.isArray(v.value) ? v.value : [v.value];
    return list.some((x) => x !== null && x !== "") ? { names: true } : { names: false };
  }
  if (v.refs.some((ref) => (ref.kind === "resource" || ref.kind === "data") && ref.type !== undefined && SECURITY_GROUP_TYPES.includes(ref.type))) return { names: true };
  return { names: false, unknown: `${path} of ${where} is computed at apply time` };
}
