import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** Whether `r` references one of `subnets` at `path`. */
function inSubnets(r: Resource, path: string, subnets: readonly Resource[], model: Model): boolean {
  return model.referenced(r, path, SUBNET_TYPES).some((s) => subnets.includes(s));
}

const SUBNET_TYPES: readonly string[] = ["aws_subnet"];

/** The EKS clusters and node groups of the configuration that run in one of `subnets`. */
function eksIn(subnets: readonly Resource[], near: Resource, model: Model): Resource[] {
  return [
    ...model.ofTypeIn("aws_eks_cluster", near).filter((c) => inSubnets(c, "vpc_config", subnets, model)),
    ...model.ofTypeIn("aws_eks_node_group", near).filter((g) => inSubnets(g, "subnet_ids", subnets, model)),
  ];
}

/** The EC2 hosts of the configuration (instances, Auto Scaling groups) that run in one of `subnets`. */
function hostsIn(subnets: readonly Resource[], near: Resource, model: Model): Resource[] {
  return [
    ...model.ofTypeIn("aws_instance", near).filter((i) => inSubnets(i, "subnet_id", subnets, model)),
    ...model.ofTypeIn("aws_autoscaling_group", near).filter((g) => inSubnets(g, "vpc_zone_identifier", subnets, model)),
  ];
}

/** An AWS API a workload calls, and the endpoint service that serves it privately. */
interface Api {
  readonly service: string;
  readonly what: string;
}

/**
 * The AWS APIs each kind of workload calls. EKS nodes: EC2 (the VPC CNI attaches interfaces and assigns pod addresses;
 * nodes describe themselves when they join) and ECR (the images of the EKS add-ons, the VPC CNI, kube-proxy and CoreDNS,
 * are in Amazon ECR). EC2 hosts: Systems Manager, through which they are managed and reached (ssm for the agent's
 * commands and inventory, ssmmessages for Session Manager).
 */
const WORKLOADS: readonly { readonly find: typeof eksIn; readonly apis: readonly Api[] }[] = [
  {
    find: eksIn,
    apis: [
      { service: "ec2", what: "the EC2 API" },
      { service: "ecr.api", what: "the ECR API" },
      { service: "ecr.dkr", what: "the ECR image registry" },
    ],
  },
  {
    find: hostsIn,
    apis: [
      { service: "ssm", what: "Systems Manager" },
      { service: "ssmmessages", what: "Session Manager" },
    ],
  },
];

/** Whether a VPC endpoint serves `com.amazonaws.<region>.<service>`: yes, no, or unknown until apply. */
function serves(endpoint: Resource, service: string): boolean | "unknown" {
  const name = endpoint.getConfigured("service_name");
  if (name.kind === "unknown") return "unknown";
  return name.kind === "known" && String(name.value).endsWith(`.${service}`);
}

/** The outcome for one API: an endpoint with private DNS serves it, or why not. */
function judgeApi(api: Api, endpoints: readonly Resource[], who: string): Outcome {
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
  const subnets = model.referrers(vpc, "aws_subnet", "vpc_id");
  const out: Outcome[] = [];
  if (subnets.length === 0) return na(NO_WORKLOADS);
  const endpoints = model.referrers(vpc, "aws_vpc_endpoint", "vpc_id");
  for (let i = 0; i < WORKLOADS.length; i++) {
    const workloads = WORKLOADS[i].find(subnets, vpc, model);
    if (workloads.length === 0) continue;
    const who = workloads.map((w) => w.address).join(", ");
    for (const api of WORKLOADS[i].apis) out.push(judgeApi(api, endpoints, who));
  }
  return out.length > 0 ? out : na(NO_WORKLOADS);
}

const NO_WORKLOADS = "no EKS cluster, node group, instance or Auto Scaling group of this configuration runs in the VPC's subnets";

export const ztNet023 = defineRule({
  id: "ZT-NET-023",
  title: "VPC has no private endpoint for an AWS API its workloads call",
  severity: "medium",
  domain: "network",
  rationale:
    "Workloads in private subnets call AWS APIs all the time. EKS nodes call EC2 (the VPC CNI attaches network interfaces and assigns pod addresses; nodes describe themselves when they join) and pull the images of the EKS add-ons (the VPC CNI, kube-proxy, CoreDNS) from Amazon ECR; EC2 hosts are managed and reached through Systems Manager and Session Manager. Without interface endpoints for these services the calls, signed with the workloads' roles, go out through a NAT to the public regional endpoints (or fail in a VPC without one), beyond the reach of an endpoint policy that confines them to the account's principals and resources. Zero trust keeps the calls of private workloads to AWS on private paths. Narrower than AWS Security Hub controls EC2.10 (ec2), EC2.55 (ecr.api), EC2.56 (ecr.dkr) and EC2.57 (ssm), which fail every VPC without these endpoints: this rule asks a VPC for the endpoints of the workloads the configuration runs in its subnets (EKS clusters and node groups; instances and Auto Scaling groups) and is not applicable to a VPC without such workloads; stricter in that hosts need ssmmessages too and each endpoint must have private DNS enabled, without which the SDKs, the agents and the container runtime keep using the public endpoints.",
  remediation:
    "Add an aws_vpc_endpoint per service the workloads call (com.amazonaws.<region>.ec2, .ecr.api and .ecr.dkr for EKS; .ssm and .ssmmessages for EC2 hosts) with vpc_endpoint_type = \"Interface\", private_dns_enabled = true, the workloads' private subnets and a policy scoped to the account, and an S3 gateway endpoint for the image layers ECR serves from S3. The ZT Blueprint SegmentedNetwork creates ssm, ssmmessages, ecr.api and ecr.dkr by default, and ec2 when it is in interfaceEndpoints, as the example platform's network lists it for its cluster.",
  references: {
    nist800207: ["Tenet 2", "Tenet 4"],
    nist80053: ["SC-7", "SC-7(4)", "AC-4"],
    securityHub: ["EC2.10", "EC2.55", "EC2.56", "EC2.57"],
  },
  resourceTypes: ["aws_vpc"],
  check,
});
