import { Model, Resource } from "../../engine/model";
import { stringsAt } from "../../rules/network/_values";

/**
 * Where the hosts of a security group run: the subnets of the auto scaling groups and EKS managed node groups whose
 * launch template attaches it, of the instances, of the interface endpoints and of the load balancers that carry it.
 * The network ACL layer judges a flow between two groups by these subnets.
 */

/** The subnets a group's hosts run in, or why they are not known. */
export type GroupSubnets = { readonly subnets: readonly Resource[] } | { readonly unknown: string };

/** The subnets of the hosts of `group`, computed once per model and group. No host: an empty list. */
export function subnetsOfGroup(group: Resource, model: Model): GroupSubnets {
  return model.memoFor("graph:subnets-of-group", group, collectSubnets);
}

function collectSubnets(group: Resource, model: Model): GroupSubnets {
  const placed: { host: Resource; path: string }[] = [];
  for (const template of model.referrers(group, "aws_launch_template")) {
    for (const asg of model.referrers(template, "aws_autoscaling_group")) placed.push({ host: asg, path: "vpc_zone_identifier" });
    for (const instance of model.referrers(template, "aws_instance")) placed.push({ host: instance, path: "subnet_id" });
    for (const nodes of model.referrers(template, "aws_eks_node_group")) placed.push({ host: nodes, path: "subnet_ids" });
  }
  for (const instance of model.referrers(group, "aws_instance")) placed.push({ host: instance, path: "subnet_id" });
  for (const endpoint of model.referrers(group, "aws_vpc_endpoint")) placed.push({ host: endpoint, path: "subnet_ids" });
  for (const lb of model.referrers(group, "aws_lb", "security_groups")) placed.push({ host: lb, path: "subnets" }, { host: lb, path: "subnet_mapping" });
  const subnets: Resource[] = [];
  for (const { host, path } of placed) {
    const found = subnetsAt(host, path, model);
    if (typeof found === "string") return { unknown: found };
    for (const s of found) if (!subnets.includes(s)) subnets.push(s);
  }
  return { subnets };
}

/**
 * The subnets of the configuration that `host` names at `path`, or why they cannot be told before apply. A literal
 * subnet id of a subnet outside the configuration (and an absent setting: the default VPC's subnets) adds none: its
 * network ACL is not in the input either.
 */
function subnetsAt(host: Resource, path: string, model: Model): Resource[] | string {
  const written = stringsAt(host, path);
  const subnets = model.referenced(host, path, ["aws_subnet"]);
  for (const refs of written.unknown) {
    const named = refs.some((ref) => model.resolveAll(host, ref).some((r) => r.type === "aws_subnet"));
    if (!named) return `${host.address} runs in a subnet unknown until apply`;
  }
  return subnets;
}
