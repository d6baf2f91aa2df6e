/**
 * The effective flows of a configuration, rebuilt from what Terraform will create (never from the declaration), and
 * the graph they form. Readers (one per layer) return flows; `effectiveGraph` joins them into edges; `ztb graph`
 * renders the edges and the cross-layer rules compare them with the declared graph.
 */

/**
 * A layer a flow crosses: AWS security groups, network ACLs and gateway routes; on Kubernetes, the NetworkPolicies that
 * select the caller's pods (egress) and the callee's pods (ingress), and the Istio AuthorizationPolicies of the callee.
 */
export type FlowLayer =
  | "security-group-egress"
  | "security-group-ingress"
  | "network-acl"
  | "gateway-route"
  | "network-policy-egress"
  | "network-policy-ingress"
  | "authorization-policy";

/** What a node of the graph is. */
export type NodeKind = "service" | "platform" | "gateway" | "internet" | "vpc" | "cidr" | "group" | "prefix-list" | "pods" | "cluster";

/**
 * One node: a service (by its `zt:service` tag, or the `app.kubernetes.io/name` label of its pods), a platform
 * component, the internet, the VPC, an address block, an untagged group, a prefix list, Kubernetes pods that are
 * not one service (`pods`: `k8s:*`, `k8s:<namespace>/*`, ..., see `readers/nodes.ts`), or the nodes of a Kubernetes
 * cluster (`cluster:<name>`: the security group tagged `zt:cluster-nodes`, which every pod of the cluster uses).
 */
export interface FlowNode {
  /** Node id, as `policies/shared/service-graph.ts` names nodes: `orders`, `platform:vpc-endpoints`, `internet`, `cidr:10.0.0.0/8`, `sg:aws_security_group.lb`. */
  readonly id: string;
  readonly kind: NodeKind;
  /** Label for pictures: the service name, `VPC endpoints`, `internet`, the CIDR, the group's address. */
  readonly label: string;
  /** Terraform addresses of the resources that make the node (its security groups, its endpoint). */
  readonly addresses: readonly string[];
}

/** One flow a single layer allows: from node to node on a transport port range. */
export interface Flow {
  readonly from: string;
  readonly to: string;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or another protocol number as text. */
  readonly protocol: string;
  /** First port (0 for protocols without ports and for `all`). */
  readonly fromPort: number;
  /** Last port (65535 for `all`). */
  readonly toPort: number;
  readonly layer: FlowLayer;
  /** Address of the resource that declares the rule allowing the flow (its suppressions and findings land there). */
  readonly address: string;
  /** Human-readable name of the rule: `aws_vpc_security_group_ingress_rule.x`, `aws_security_group.web ingress:tcp:22-22`. */
  readonly rule: string;
}

/** An edge of the effective graph: a flow every layer on its path allows. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  /** The layers that allow it, each with the resource addresses of the rules that do. */
  readonly layers: readonly { readonly layer: FlowLayer; readonly addresses: readonly string[] }[];
  /** Gateway edges: the routes they carry (`GET /orders/{id}`), sorted. */
  readonly routes?: readonly string[];
}

/** Something a reader could not decide before apply (an unknown peer, port or direction). */
export interface FlowUnknown {
  readonly address: string;
  readonly text: string;
}

/** The effective graph of one stack (or input). */
export interface FlowGraph {
  /** Stack name (cdktf stack, or input name for a plan). */
  readonly stack: string;
  readonly nodes: readonly FlowNode[];
  /** Edges sorted by from, to, protocol, fromPort. */
  readonly edges: readonly FlowEdge[];
  readonly unknown: readonly FlowUnknown[];
}
