import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** The EKS clusters and node groups of the configuration that run in one of `subnets`. */
function eksWorkloadsIn(subnets: readonly Resource[], near: Resource, model: Model): Resource[] {
  if (subnets.length === 0) return [];
  const inVpc = (r: Resource, path: string) => model.referenced(r, path, SUBNET_TYPES).some((s) => subnets.includes(s));
  return [
    ...model.ofTypeIn("aws_eks_cluster", near).filter((c) => inVpc(c, "vpc_config")),
    ...model.ofTypeIn("aws_eks_node_group", near).filter((g) => inVpc(g, "subnet_ids")),
  ];
}

const SUBNET_TYPES: readonly string[] = ["aws_subnet"];

/** Whether a VPC endpoint is one for the EC2 API (`com.amazonaws.<region>.ec2`): yes, no, or unknown until apply. */
function servesEc2(endpoint: Resource): boolean | "unknown" {
  const name = endpoint.getConfigured("service_name");
  if (name.kind === "unknown") return "unknown";
  return name.kind === "known" && /\.ec2$/.test(String(name.value));
}

function check(vpc: Resource, model: Model): Outcome {
  const workloads = eksWorkloadsIn(model.referrers(vpc, "aws_subnet", "vpc_id"), vpc, model);
  if (workloads.length === 0) return na("no EKS cluster or node group of this configuration runs in the VPC's subnets");
  const endpoints = model.referrers(vpc, "aws_vpc_endpoint", "vpc_id");
  const ec2 = endpoints.filter((e) => servesEc2(e) === true);
  const who = workloads.map((w) => w.address).join(", ");
  if (ec2.length === 0) {
    const open = endpoints.find((e) => servesEc2(e) === "unknown");
    if (open !== undefined) return unknown(`${open.address} has a service_name unknown until apply; it may be the EC2 endpoint`, "Ec2Endpoint");
    return fail(`${who} call the EC2 API from this VPC, and no interface endpoint for com.amazonaws.<region>.ec2 serves it: the calls leave through a NAT or fail`, "Ec2Endpoint");
  }
  const dns = ec2.map((e) => e.getConfigured("private_dns_enabled"));
  if (dns.some((d) => d.kind === "known" && d.value === true)) return pass("Ec2Endpoint");
  if (dns.some((d) => d.kind === "unknown")) return unknown(`private_dns_enabled of ${ec2[0].address} is unknown until apply`, "Ec2Endpoint");
  return fail(`${ec2[0].address} serves the EC2 API without private DNS (private_dns_enabled is not true), so ${who} still resolve ec2.<region>.amazonaws.com to the public endpoint`, "Ec2Endpoint");
}

export const ztNet023 = defineRule({
  id: "ZT-NET-023",
  title: "VPC running EKS has no private EC2 API endpoint",
  severity: "medium",
  domain: "network",
  rationale:
    "EKS nodes call the EC2 API all the time: the VPC CNI attaches network interfaces and assigns pod addresses, and nodes describe themselves when they join. Without an interface endpoint for com.amazonaws.<region>.ec2 those calls, signed with the nodes' role, go out through a NAT to the public regional endpoint (or fail in a VPC without one), outside the reach of an endpoint policy that confines them to the account's principals and resources. Zero trust keeps the calls of private workloads to AWS on private paths. Narrower than AWS Security Hub control EC2.10, which fails every VPC without an EC2 endpoint: this rule judges the VPCs whose subnets hold an EKS cluster or node group of the configuration, whose workloads are known to call the EC2 API, and is not applicable to the others; stricter in that the endpoint must have private DNS enabled, without which the SDKs keep using the public endpoint.",
  remediation:
    "Add an aws_vpc_endpoint with service_name = \"com.amazonaws.<region>.ec2\", vpc_endpoint_type = \"Interface\", private_dns_enabled = true, the cluster's private subnets and a policy scoped to the account (the ZT Blueprint SegmentedNetwork does this when \"ec2\" is in interfaceEndpoints, as the example platform's network lists it for its cluster).",
  references: {
    nist800207: ["Tenet 2", "Tenet 4"],
    nist80053: ["SC-7", "SC-7(4)", "AC-4"],
    securityHub: ["EC2.10"],
  },
  resourceTypes: ["aws_vpc"],
  check,
});
