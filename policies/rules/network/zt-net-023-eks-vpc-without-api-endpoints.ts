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

/**
 * The AWS APIs every EKS node calls: EC2 (the VPC CNI attaches interfaces and assigns pod addresses; nodes describe
 * themselves when they join) and ECR (the images of the EKS add-ons, the VPC CNI, kube-proxy and CoreDNS, are in
 * Amazon ECR), with the Security Hub control that asks for each endpoint.
 */
const EKS_APIS: readonly { readonly service: string; readonly what: string }[] = [
  { service: "ec2", what: "the EC2 API" },
  { service: "ecr.api", what: "the ECR API" },
  { service: "ecr.dkr", what: "the ECR image registry" },
];

/** Whether a VPC endpoint serves `com.amazonaws.<region>.<service>`: yes, no, or unknown until apply. */
function serves(endpoint: Resource, service: string): boolean | "unknown" {
  const name = endpoint.getConfigured("service_name");
  if (name.kind === "unknown") return "unknown";
  return name.kind === "known" && String(name.value).endsWith(`.${service}`);
}

/** The outcome for one API: an endpoint with private DNS serves it, or why not. */
function judgeApi(api: (typeof EKS_APIS)[number], endpoints: readonly Resource[], who: string): Outcome {
  const item = `Endpoint::${api.service}`;
  const mine = endpoints.filter((e) => serves(e, api.service) === true);
  if (mine.length === 0) {
    const open = endpoints.find((e) => serves(e, api.service) === "unknown");
    if (open !== undefined) return unknown(`${open.address} has a service_name unknown until apply; it may serve ${api.what}`, item);
    return fail(`${who} call ${api.what} from this VPC, and no interface endpoint for com.amazonaws.<region>.${api.service} serves it: the calls leave through a NAT or fail`, item);
  }
  const dns = mine.map((e) => e.getConfigured("private_dns_enabled"));
  if (dns.some((d) => d.kind === "known" && d.value === true)) return pass(item);
  if (dns.some((d) => d.kind === "unknown")) return unknown(`private_dns_enabled of ${mine[0].address} is unknown until apply`, item);
  return fail(`${mine[0].address} serves ${api.what} without private DNS (private_dns_enabled is not true), so ${who} still resolve its regional name to the public endpoint`, item);
}

function check(vpc: Resource, model: Model): Outcome | readonly Outcome[] {
  const workloads = eksWorkloadsIn(model.referrers(vpc, "aws_subnet", "vpc_id"), vpc, model);
  if (workloads.length === 0) return na("no EKS cluster or node group of this configuration runs in the VPC's subnets");
  const endpoints = model.referrers(vpc, "aws_vpc_endpoint", "vpc_id");
  const who = workloads.map((w) => w.address).join(", ");
  return EKS_APIS.map((api) => judgeApi(api, endpoints, who));
}

export const ztNet023 = defineRule({
  id: "ZT-NET-023",
  title: "VPC running EKS has no private endpoint for the EC2 or ECR APIs",
  severity: "medium",
  domain: "network",
  rationale:
    "EKS nodes call the EC2 and ECR APIs all the time: the VPC CNI attaches network interfaces and assigns pod addresses, nodes describe themselves when they join, and every node pulls the images of the EKS add-ons (the VPC CNI, kube-proxy, CoreDNS) from Amazon ECR. Without interface endpoints for com.amazonaws.<region>.ec2, ecr.api and ecr.dkr, those calls, signed with the nodes' role, go out through a NAT to the public regional endpoints (or fail in a VPC without one), beyond the reach of an endpoint policy that confines them to the account's principals and resources. Zero trust keeps the calls of private workloads to AWS on private paths. Narrower than AWS Security Hub controls EC2.10, EC2.55 and EC2.56, which fail every VPC without these endpoints: this rule judges the VPCs whose subnets hold an EKS cluster or node group of the configuration, whose workloads are known to call these APIs, and is not applicable to the others; stricter in that each endpoint must have private DNS enabled, without which the SDKs and the container runtime keep using the public endpoints.",
  remediation:
    "Add an aws_vpc_endpoint per service (com.amazonaws.<region>.ec2, .ecr.api and .ecr.dkr) with vpc_endpoint_type = \"Interface\", private_dns_enabled = true, the cluster's private subnets and a policy scoped to the account, and an S3 gateway endpoint for the image layers ECR serves from S3 (the ZT Blueprint SegmentedNetwork does this when \"ec2\", \"ecr.api\" and \"ecr.dkr\" are in interfaceEndpoints, as the example platform's network lists them for its cluster).",
  references: {
    nist800207: ["Tenet 2", "Tenet 4"],
    nist80053: ["SC-7", "SC-7(4)", "AC-4"],
    securityHub: ["EC2.10", "EC2.55", "EC2.56"],
  },
  resourceTypes: ["aws_vpc"],
  check,
});
